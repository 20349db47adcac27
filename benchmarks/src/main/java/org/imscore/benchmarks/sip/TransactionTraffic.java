package org.imscore.benchmarks.sip;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.imscore.sip.codec.SipParseResult;
import org.imscore.sip.codec.SipParser;
import org.imscore.sip.codec.SipSerializer;
import org.imscore.sip.message.SipMessage;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.transaction.ServerTransaction;
import org.imscore.sip.transaction.TransactionUser;
import org.imscore.sip.transport.Endpoint;
import org.imscore.sip.transport.InboundMessage;

/**
 * The messages of the transaction benchmarks, as wire text parsed by the real parser: a REGISTER with AKA
 * credentials and sec-agree headers, and an INVITE with SDP, both as a UE sends them (the ones of
 * {@link SipCodecBenchmark}), each with the Via branch the caller asks for; and the responses to them.
 */
final class TransactionTraffic {

    /** The UE the server-side requests come from. */
    static final Endpoint UE = Endpoint.udp("192.168.101.5", 6301);
    /** The next hop of the client-side requests. */
    static final Endpoint NEXT_HOP = Endpoint.udp("10.4.128.22", 5060);
    /** Our own Via on the requests we send (the sent-by of {@link InMemoryTransport#UDP}). */
    static final String OUR_VIA = "SIP/2.0/UDP 10.4.128.21:5060;rport;branch=";

    private static final String REGISTER_BRANCH = "z9hG4bK3263456716smg";
    private static final String INVITE_BRANCH = "z9hG4bK3261a7d1";

    private TransactionTraffic() {
    }

    /** The REGISTER from the UE with top Via branch {@code branch}. */
    static SipRequest register(String branch) {
        return (SipRequest) parse(SipCodecBenchmark.REGISTER.replace(REGISTER_BRANCH, branch));
    }

    /** The INVITE from the UE with top Via branch {@code branch}. */
    static SipRequest invite(String branch) {
        return (SipRequest) parse(SipCodecBenchmark.INVITE.replace(INVITE_BRANCH, branch));
    }

    /** The REGISTER as we forward it: our Via (branch {@code branch}) on top of the UE's. */
    static SipRequest forwardedRegister(String branch) {
        return (SipRequest) parse(SipCodecBenchmark.REGISTER.replace("Via: ", "Via: " + OUR_VIA + branch
                + "\r\nVia: "));
    }

    /** The INVITE as we forward it: our Via (branch {@code branch}) on top of the UE's. */
    static SipRequest forwardedInvite(String branch) {
        return (SipRequest) parse(SipCodecBenchmark.INVITE.replace("Via: ", "Via: " + OUR_VIA + branch
                + "\r\nVia: "));
    }

    /** A response of the next hop to a request we sent, as the parser delivers it. */
    static SipResponse answer(SipRequest sent, int status, String toTag) {
        SipResponse.Builder b = SipResponse.forRequest(sent, status);
        if (toTag != null) {
            b.toTag(toTag);
        }
        return (SipResponse) parse(new String(SipSerializer.serialize(b.build()), StandardCharsets.UTF_8));
    }

    /**
     * The UE's ACK to {@code invite} with To tag {@code toTag}: with the INVITE's branch for a non-2xx response (it
     * belongs to the INVITE transaction, RFC 3261 §17.1.1.3), with {@code branch} for a 2xx (a transaction of its own).
     */
    static SipRequest ack(SipRequest invite, String toTag, String branch) {
        String via = branch == null ? invite.topVia().toString()
                : invite.topVia().toString().replace(invite.topVia().branch().orElseThrow(), branch);
        return (SipRequest) parse(String.join("\r\n",
                "ACK " + invite.requestUri() + " SIP/2.0",
                "Via: " + via,
                "Max-Forwards: 70",
                "From: " + invite.from(),
                "To: " + invite.to() + ";tag=" + toTag,
                "Call-ID: " + invite.callId(),
                "CSeq: " + invite.cseq().number() + " ACK",
                "Content-Length: 0",
                "",
                ""));
    }

    static InboundMessage fromUe(SipMessage message) {
        return new InboundMessage(message, UE, InMemoryTransport.UDP);
    }

    static InboundMessage fromNextHop(SipMessage message) {
        return new InboundMessage(message, NEXT_HOP, InMemoryTransport.UDP);
    }

    private static SipMessage parse(String text) {
        SipParseResult result = SipParser.parse(text.getBytes(StandardCharsets.UTF_8));
        if (!result.isSuccess()) {
            throw new IllegalStateException("benchmark message does not parse: " + result);
        }
        return result.message();
    }

    /**
     * A transaction user that answers every request at once with {@code status} (and a To tag), as a registrar
     * answering a REGISTER does, and keeps no reference to the transaction afterwards.
     */
    static TransactionUser answering(int status) {
        return new TransactionUser() {
            @Override
            public void onRequest(ServerTransaction transaction) {
                transaction.sendResponse(SipResponse.forRequest(transaction.request(), status)
                        .toTag("a7f3c2d1").build());
            }

            @Override
            public void onCancel(ServerTransaction cancel, Optional<ServerTransaction> invite) {
                cancel.sendResponse(SipResponse.forRequest(cancel.request(), 200).toTag("a7f3c2d1").build());
            }

            @Override
            public void onAck(SipRequest ack, InboundMessage inbound) {
            }
        };
    }
}
