package org.imscore.sip.proxy;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.imscore.sip.codec.SipParseResult;
import org.imscore.sip.codec.SipParser;
import org.imscore.sip.codec.SipSerializer;
import org.imscore.sip.message.SipMessage;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.transport.ListeningPoint;
import org.imscore.sip.transport.Transport;

/** Messages for the proxy tests written as wire text, and the proxy they are sent to. */
final class Wire {

    /** The proxy under test: 192.0.2.10:5060 over UDP and TCP, responsible for example.com. */
    static final ListeningPoint UDP = new ListeningPoint(Transport.UDP, new InetSocketAddress("192.0.2.10", 5060));
    static final ListeningPoint TCP = new ListeningPoint(Transport.TCP, new InetSocketAddress("192.0.2.10", 5060));
    static final LocalAddresses LOCAL = new LocalAddresses(List.of(UDP, TCP), Set.of("example.com"));

    private Wire() {
    }

    /** Parses wire text written with LF line ends (turned into CRLF); fails the test if it does not parse. */
    static SipMessage parse(String text) {
        byte[] bytes = text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        SipParseResult r = SipParser.parse(bytes);
        if (!r.isSuccess()) {
            throw new AssertionError("test message does not parse: " + r);
        }
        return r.message();
    }

    static SipRequest request(String text) {
        return (SipRequest) parse(text);
    }

    static SipResponse response(String text) {
        return (SipResponse) parse(text);
    }

    /** The message as it would go on the wire, re-parsed: what the next element receives. */
    static SipMessage overTheWire(SipMessage m) {
        SipParseResult r = SipParser.parse(SipSerializer.serialize(m));
        if (!r.isSuccess()) {
            throw new AssertionError("forwarded message does not parse: " + r + "\n" + m);
        }
        return r.message();
    }

    static SipRequest invite(String requestUri, String... extraHeaders) {
        return request("INVITE " + requestUri + " SIP/2.0\n"
                + "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKalice1\n"
                + "Max-Forwards: 70\n"
                + "From: Alice <sip:alice@example.net>;tag=a1\n"
                + "To: Bob <sip:bob@example.com>\n"
                + "Call-ID: call-1@192.0.2.1\n"
                + "CSeq: 1 INVITE\n"
                + "Contact: <sip:alice@192.0.2.1:5060>\n"
                + String.join("", Arrays.stream(extraHeaders).map(h -> h + "\n").toList())
                + "Content-Length: 0\n\n");
    }

    static SipRequest register(String... extraHeaders) {
        return request("REGISTER sip:example.com SIP/2.0\n"
                + "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKreg1\n"
                + "Max-Forwards: 70\n"
                + "From: <sip:alice@example.com>;tag=r1\n"
                + "To: <sip:alice@example.com>\n"
                + "Call-ID: reg-1@192.0.2.1\n"
                + "CSeq: 1 REGISTER\n"
                + "Contact: <sip:alice@192.0.2.1:5060>\n"
                + String.join("", Arrays.stream(extraHeaders).map(h -> h + "\n").toList())
                + "Content-Length: 0\n\n");
    }

    /** A response to {@code forwarded} (which carries our Via on top) from the next hop. */
    static SipResponse answer(SipRequest forwarded, int status, String... extraHeaders) {
        SipResponse.Builder b = SipResponse.forRequest(forwarded, status);
        if (status > 100) {
            b.toTag("callee" + status);
        }
        for (String h : extraHeaders) {
            int colon = h.indexOf(':');
            b.add(h.substring(0, colon), h.substring(colon + 1).strip());
        }
        return b.build();
    }
}
