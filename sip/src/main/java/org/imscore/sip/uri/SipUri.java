package org.imscore.sip.uri;

import java.util.Objects;
import java.util.Optional;

/**
 * A {@code sip:} or {@code sips:} URI (RFC 3261 §19.1.1). User, password, parameter and header values are held
 * as written (escaped); comparison unescapes them (§19.1.4).
 *
 * @param secure     {@code sips}
 * @param user       the user part, escaped as written, or {@code null}
 * @param password   the password, or {@code null}
 * @param host       host name, IPv4 address or IPv6 reference with brackets ("[2001:db8::1]")
 * @param port       the port, or -1 when absent
 * @param parameters uri-parameters ({@code ;transport=tcp;lr})
 * @param headers    URI headers ({@code ?Subject=x&Priority=urgent}); flag entries never occur
 */
public record SipUri(boolean secure, String user, String password, String host, int port,
                     Parameters parameters, Parameters headers) implements Uri {

    public SipUri {
        Objects.requireNonNull(host, "host");
        if (port < -1 || port > 65535) {
            throw new InvalidUriException("port out of range: " + port);
        }
        parameters = parameters == null ? Parameters.EMPTY : parameters;
        headers = headers == null ? Parameters.EMPTY : headers;
    }

    public static SipUri of(String user, String host) {
        return new SipUri(false, user, null, host, -1, Parameters.EMPTY, Parameters.EMPTY);
    }

    public static SipUri of(String user, String host, int port) {
        return new SipUri(false, user, null, host, port, Parameters.EMPTY, Parameters.EMPTY);
    }

    /** Parses text that must be a sip or sips URI. */
    public static SipUri parse(String text) {
        if (UriParser.parse(text) instanceof SipUri uri) {
            return uri;
        }
        throw new InvalidUriException("not a sip or sips URI: " + text);
    }

    @Override
    public String scheme() {
        return secure ? "sips" : "sip";
    }

    public boolean hasUser() {
        return user != null;
    }

    /** The port, or the default port of the scheme (5060, or 5061 for sips) when absent. */
    public int portOrDefault() {
        return port >= 0 ? port : (secure ? 5061 : 5060);
    }

    /** {@code host} or {@code host:port} as written. */
    public String hostPort() {
        return port < 0 ? host : host + ":" + port;
    }

    public boolean isIpv6() {
        return host.startsWith("[");
    }

    public Optional<String> transport() {
        return parameters.get("transport");
    }

    public Optional<String> maddr() {
        return parameters.get("maddr");
    }

    public Optional<String> userParameter() {
        return parameters.get("user");
    }

    /** The loose-routing flag ({@code ;lr}, RFC 3261 §16.12). */
    public boolean lr() {
        return parameters.has("lr");
    }

    public SipUri withParameters(Parameters newParameters) {
        return new SipUri(secure, user, password, host, port, newParameters, headers);
    }

    public SipUri withParameter(String name, String value) {
        return withParameters(parameters.with(value == null ? Parameter.flag(name) : Parameter.of(name, value)));
    }

    public SipUri withoutParameter(String name) {
        return withParameters(parameters.without(name));
    }

    public SipUri withHost(String newHost, int newPort) {
        return new SipUri(secure, user, password, newHost, newPort, parameters, headers);
    }

    public SipUri withUser(String newUser) {
        return new SipUri(secure, newUser, password, host, port, parameters, headers);
    }

    public SipUri withoutHeaders() {
        return new SipUri(secure, user, password, host, port, parameters, Parameters.EMPTY);
    }

    /** The URI without parameters and headers: {@code sip:user@host:port} (e.g. an address-of-record). */
    public SipUri bare() {
        return new SipUri(secure, user, password, host, port, Parameters.EMPTY, Parameters.EMPTY);
    }

    @Override
    public boolean equivalent(Uri other) {
        return other instanceof SipUri o && UriComparison.sipEquivalent(this, o);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(48);
        appendTo(sb);
        return sb.toString();
    }

    @Override
    public void appendTo(StringBuilder sb) {
        sb.append(secure ? "sips:" : "sip:");
        if (user != null) {
            sb.append(user);
            if (password != null) {
                sb.append(':').append(password);
            }
            sb.append('@');
        }
        sb.append(host);
        if (port >= 0) {
            sb.append(':').append(port);
        }
        parameters.appendTo(sb, ';');
        if (!headers.isEmpty()) {
            sb.append('?');
            headers.appendJoined(sb, "&");
        }
    }
}
