package org.imscore.sip.message;

import java.util.Optional;
import java.util.OptionalInt;
import org.imscore.sip.uri.Hosts;
import org.imscore.sip.uri.Parameter;
import org.imscore.sip.uri.Parameters;

/**
 * One Via value (RFC 3261 §20.42): {@code SIP/2.0/UDP host:port;branch=z9hG4bK...;received=...;rport}.
 *
 * @param protocol   "SIP/2.0" (protocol-name "/" protocol-version as written)
 * @param transport  "UDP", "TCP", "TLS", "SCTP", "WS" ... as written
 * @param host       the sent-by host; IPv6 with brackets
 * @param port       the sent-by port, or -1
 * @param parameters via-params in order
 */
public record Via(String protocol, String transport, String host, int port, Parameters parameters) {

    /** The RFC 3261 branch prefix (§8.1.1.7). */
    public static final String MAGIC_COOKIE = "z9hG4bK";

    public Via {
        parameters = parameters == null ? Parameters.EMPTY : parameters;
    }

    public static Via of(String transport, String host, int port, String branch) {
        return new Via("SIP/2.0", transport, host, port, Parameters.EMPTY.with("branch", branch));
    }

    public static Via parse(String text) {
        return HeaderScanner.parseAll(text, Via::parse);
    }

    // Words of the sent-protocol as nearly every Via spells them: read as shared constants, not new strings.
    private static final HeaderScanner.CommonWords PROTOCOL_NAMES = new HeaderScanner.CommonWords("SIP");
    private static final HeaderScanner.CommonWords PROTOCOL_VERSIONS = new HeaderScanner.CommonWords("2.0");
    private static final HeaderScanner.CommonWords TRANSPORTS =
            new HeaderScanner.CommonWords("UDP", "TCP", "TLS", "SCTP", "WS", "WSS");

    static Via parse(HeaderScanner sc) {
        String name = sc.token("protocol name", PROTOCOL_NAMES);
        sc.expect('/', "in sent-protocol");
        String version = sc.token("protocol version", PROTOCOL_VERSIONS);
        sc.expect('/', "in sent-protocol");
        String transport = sc.token("transport", TRANSPORTS);
        sc.skipWs();
        String s = sc.s;
        String host;
        if (sc.peek() == '[') {
            int close = s.indexOf(']', sc.pos);
            if (close < 0 || close >= sc.end) {
                throw sc.error("unterminated IPv6 reference");
            }
            host = s.substring(sc.pos, close + 1);
            sc.pos = close + 1;
        } else {
            int from = sc.pos;
            while (sc.pos < sc.end && (HeaderScanner.isTokenChar(s.charAt(sc.pos)))) {
                sc.pos++;
            }
            host = s.substring(from, sc.pos);
        }
        if (!Hosts.isValidHost(host)) {
            throw sc.error("bad sent-by host '" + host + "'");
        }
        int port = -1;
        if (sc.accept(':')) {
            sc.skipWs();
            int from = sc.pos;
            while (sc.pos < sc.end && Character.isDigit(s.charAt(sc.pos))) {
                sc.pos++;
            }
            if (sc.pos == from || sc.pos - from > 5) {
                throw sc.error("bad sent-by port");
            }
            port = Integer.parseInt(s, from, sc.pos, 10);
            if (port > 65535) {
                throw sc.error("sent-by port out of range");
            }
        }
        Parameters params = sc.parameters();
        String protocol = name.equals("SIP") && version.equals("2.0") ? "SIP/2.0" : name + "/" + version;
        return new Via(protocol, transport, host, port, params);
    }

    public Optional<String> branch() {
        return parameters.get("branch");
    }

    /** Whether the branch starts with the RFC 3261 magic cookie (else the transaction is matched RFC 2543 style). */
    public boolean hasRfc3261Branch() {
        String b = parameters.value("branch");
        return b != null && b.startsWith(MAGIC_COOKIE);
    }

    public Optional<String> received() {
        return parameters.get("received");
    }

    public Optional<String> maddr() {
        return parameters.get("maddr");
    }

    /** Whether {@code rport} is present (with or without a value, RFC 3581). */
    public boolean hasRport() {
        return parameters.has("rport");
    }

    public OptionalInt rport() {
        String v = parameters.value("rport");
        if (v == null) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(v));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    public OptionalInt ttl() {
        String v = parameters.value("ttl");
        try {
            return v == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(v));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** {@code host} or {@code host:port}. */
    public String sentBy() {
        return port < 0 ? host : host + ":" + port;
    }

    public Via withParameter(String name, String value) {
        return new Via(protocol, transport, host, port,
                parameters.with(value == null ? Parameter.flag(name) : Parameter.of(name, value)));
    }

    public Via withoutParameter(String name) {
        return new Via(protocol, transport, host, port, parameters.without(name));
    }

    @Override
    public String toString() {
        // Sized for a proxy's own Via with its long branch, so that the builder does not grow on the way.
        StringBuilder sb = new StringBuilder(128).append(protocol).append('/').append(transport).append(' ').append(host);
        if (port >= 0) {
            sb.append(':').append(port);
        }
        parameters.appendTo(sb, ';');
        return sb.toString();
    }
}
