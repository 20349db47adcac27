package org.imscore.sip.transport;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.imscore.sip.message.HeaderField;
import org.imscore.sip.message.HeaderNames;
import org.imscore.sip.message.SipMessage;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.message.Via;
import org.imscore.sip.uri.Hosts;

/**
 * What a server transport writes into the top Via of a request it receives, so that the response finds its
 * way back by the Via alone:
 * <ul>
 *   <li>RFC 3261 §18.2.1: {@code received=} the source IP when the sent-by host is not that IP (a host name
 *       always differs: no DNS is done here);</li>
 *   <li>RFC 3581 §4: when {@code rport} is present without a value, {@code rport=} the source port, and
 *       {@code received=} even when the sent-by host is the source IP.</li>
 *   <li>A {@code received} the sender put there itself is overwritten with the source IP, so a response is
 *       never routed to an address the sender chose.</li>
 * </ul>
 */
final class ViaStamping {

    private ViaStamping() {
    }

    /** The top Via stamped for a message from {@code source}; the same instance when nothing needs writing. */
    static Via stamp(Via via, InetSocketAddress source) {
        InetAddress sourceAddress = source.getAddress();
        if (sourceAddress == null) {
            return via;
        }
        // RFC 5118 §4.5: an IPv6 received value is written without brackets; a scope id ("%0") is local to us.
        String sourceIp = sourceAddress.getHostAddress();
        int scope = sourceIp.indexOf('%');
        if (scope >= 0) {
            sourceIp = sourceIp.substring(0, scope);
        }
        Via stamped = via;
        boolean rportRequested = via.hasRport() && via.rport().isEmpty();
        if (rportRequested) {
            stamped = stamped.withParameter("rport", Integer.toString(source.getPort()));
        }
        // A received the sender wrote itself is not trusted: it is replaced by what we saw.
        if (rportRequested || via.received().isPresent() || !sameAddress(via.host(), sourceAddress)) {
            stamped = stamped.withParameter("received", sourceIp);
        }
        return stamped;
    }

    /** The message with its top Via stamped (see {@link #stamp(Via, InetSocketAddress)}). */
    static SipMessage stampTopVia(SipMessage message, InetSocketAddress source) {
        Via top = message.topVia();
        Via stamped = stamp(top, source);
        return stamped == top ? message : withTopVia(message, stamped);
    }

    /**
     * The message with its top Via value replaced, in place: the other values of the first Via field (if it
     * carried several) stay in a field right after it; every other field keeps its received text.
     */
    static SipMessage withTopVia(SipMessage message, Via top) {
        List<HeaderField> fields = new ArrayList<>(message.headerFields());
        for (int i = 0; i < fields.size(); i++) {
            HeaderField f = fields.get(i);
            if (!f.name().equals(HeaderNames.VIA)) {
                continue;
            }
            List<String> values = f.values();
            fields.set(i, HeaderField.of(HeaderNames.VIA, top.toString()));
            if (values.size() > 1) {
                fields.add(i + 1, HeaderField.of(HeaderNames.VIA, String.join(", ", values.subList(1, values.size()))));
            }
            break;
        }
        return rebuild(message, fields);
    }

    private static SipMessage rebuild(SipMessage message, List<HeaderField> fields) {
        String startLine = message.startLine();
        if (message instanceof SipRequest r) {
            // The Request-URI text is kept exactly as received (between method and version).
            int uriEnd = startLine.length() - r.version().length() - 1;
            String uriText = startLine.substring(r.method().length() + 1, uriEnd);
            return SipRequest.of(r.method(), r.requestUri(), uriText, r.version(), fields, r.body());
        }
        SipResponse r = (SipResponse) message;
        return SipResponse.of(r.version(), r.statusCode(), r.reasonPhrase(), startLine, fields, r.body());
    }

    /** Whether a sent-by host is the IP literal {@code address}; a host name never is. */
    static boolean sameAddress(String host, InetAddress address) {
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!Hosts.isIpv4Address(literal) && !Hosts.isIpv6Address(literal)) {
            return false;
        }
        try {
            // A literal: getByName parses it, no lookup is made.
            return InetAddress.getByName(literal).equals(address);
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
