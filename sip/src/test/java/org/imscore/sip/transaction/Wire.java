package org.imscore.sip.transaction;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.imscore.sip.codec.SipParseResult;
import org.imscore.sip.codec.SipParser;
import org.imscore.sip.message.SipMessage;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.transport.Endpoint;
import org.imscore.sip.transport.InboundMessage;
import org.imscore.sip.transport.Transport;

/** Messages written as wire text (lines joined with CRLF) and parsed by the real parser. */
public final class Wire {

    public static final Endpoint PEER_UDP = new Endpoint(Transport.UDP, new InetSocketAddress("192.0.2.10", 5060));
    public static final Endpoint PEER_TCP = new Endpoint(Transport.TCP, new InetSocketAddress("192.0.2.10", 40123));

    private Wire() {
    }

    public static SipMessage parse(String... lines) {
        String text = String.join("\r\n", lines) + "\r\n";
        if (!text.contains("\r\n\r\n")) {
            text += "\r\n";
        }
        return parse(text.getBytes(StandardCharsets.UTF_8));
    }

    public static SipMessage parse(byte[] bytes) {
        SipParseResult result = SipParser.parse(bytes);
        if (!result.isSuccess()) {
            throw new AssertionError("test message does not parse: " + result);
        }
        return result.message();
    }

    public static SipRequest request(String... lines) {
        return (SipRequest) parse(lines);
    }

    public static SipResponse response(String... lines) {
        return (SipResponse) parse(lines);
    }

    public static InboundMessage inbound(SipMessage message, Endpoint source) {
        return new InboundMessage(message, source,
                source.transport() == Transport.UDP ? FakeTransport.UDP : FakeTransport.TCP);
    }

    /** An INVITE from a peer with the given Via branch over the given transport. */
    public static SipRequest invite(String transport, String branch) {
        return request(
                "INVITE sip:bob@example.com SIP/2.0",
                "Via: SIP/2.0/" + transport + " 192.0.2.10:5060;branch=" + branch,
                "Max-Forwards: 70",
                "From: <sip:alice@example.net>;tag=a1",
                "To: <sip:bob@example.com>",
                "Call-ID: call-" + branch,
                "CSeq: 1 INVITE",
                "Contact: <sip:alice@192.0.2.10>",
                "Content-Length: 0");
    }

    /** A non-INVITE request from a peer. */
    public static SipRequest request(String method, String transport, String branch) {
        return request(
                method + " sip:bob@example.com SIP/2.0",
                "Via: SIP/2.0/" + transport + " 192.0.2.10:5060;branch=" + branch,
                "Max-Forwards: 70",
                "From: <sip:alice@example.net>;tag=a1",
                "To: <sip:bob@example.com>",
                "Call-ID: call-" + branch,
                "CSeq: 1 " + method,
                "Content-Length: 0");
    }

    /** The ACK a peer sends for a non-2xx final response (same branch as the INVITE, To with the response's tag). */
    public static SipRequest ackFor(SipRequest invite, SipResponse response) {
        return request(
                "ACK " + invite.requestUri() + " SIP/2.0",
                "Via: " + invite.topVia(),
                "Max-Forwards: 70",
                "From: " + invite.from(),
                "To: " + response.to(),
                "Call-ID: " + invite.callId(),
                "CSeq: " + invite.cseq().number() + " ACK",
                "Content-Length: 0");
    }

    /** A response from a peer to a request we sent (Via and the rest copied, To tag added for finals). */
    public static SipResponse answer(SipRequest request, int code) {
        SipResponse.Builder b = SipResponse.forRequest(request, code);
        if (code > 100) {
            b.toTag("peer-tag");
        }
        // Through the parser, as a received response would be.
        return (SipResponse) parse(org.imscore.sip.codec.SipSerializer.serialize(b.build()));
    }
}
