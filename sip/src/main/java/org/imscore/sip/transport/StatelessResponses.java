package org.imscore.sip.transport;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.imscore.sip.codec.SipParseResult;
import org.imscore.sip.codec.SipParser;
import org.imscore.sip.message.HeaderField;
import org.imscore.sip.message.HeaderNames;
import org.imscore.sip.message.HeaderType;
import org.imscore.sip.message.MalformedHeaderException;
import org.imscore.sip.message.SipMessage;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;

/**
 * The answers the transport gives by itself, without a transaction: 400 (or 505) to a request that does not
 * parse, 513 to a stream message over the size limit (RFC 3261 §21.5.14), 400 to a stream whose Content-Length
 * cannot frame it. Each copies the Via, From, To, Call-ID and CSeq that could be read (§8.2.6) and has its top
 * Via stamped with the source (§18.2.1), so it is routed like any response. There is none for a response, an
 * ACK (§17.2.1), or input without a usable Via: that is dropped.
 */
final class StatelessResponses {

    private static final List<String> COPIED = List.of(HeaderNames.VIA, HeaderNames.FROM, HeaderNames.TO,
            HeaderNames.CALL_ID, HeaderNames.CSEQ);

    private StatelessResponses() {
    }

    /** The 400/505 for a request that failed to parse, or empty to drop it. */
    static Optional<SipResponse> forParseFailure(SipParseResult result, InetSocketAddress source) {
        return result.errorResponse().flatMap(r -> stamped(r, source));
    }

    /**
     * A response with {@code status} and {@code reason} to the request whose header section is {@code head}
     * (the body may be missing or cut), or empty when there is no request with a usable Via to answer.
     */
    static Optional<SipResponse> forHead(byte[] head, int status, String reason, InetSocketAddress source) {
        if (head == null) {
            return Optional.empty();
        }
        SipParseResult parsed = SipParser.parse(head);
        List<HeaderField> usable;
        if (parsed.isSuccess()) {
            SipMessage m = parsed.message();
            if (!(m instanceof SipRequest request) || request.isMethod(SipRequest.ACK)) {
                return Optional.empty();
            }
            usable = m.headerFields().stream().filter(f -> COPIED.contains(f.name())).toList();
        } else {
            if (parsed.isResponse() || parsed.method().isEmpty() || parsed.method().get().equals(SipRequest.ACK)
                    || !parsed.hasUsableVia()) {
                return Optional.empty();
            }
            usable = parsed.usableFields();
        }
        SipResponse.Builder b = SipResponse.builder(status, reason);
        usable.forEach(b::add);
        if (usable.stream().anyMatch(f -> f.name().equals(HeaderNames.TO))) {
            b.toTag(Long.toHexString(ThreadLocalRandom.current().nextLong()));
        }
        return stamped(b.build(), source);
    }

    private static Optional<SipResponse> stamped(SipResponse response, InetSocketAddress source) {
        try {
            if (response.header(HeaderType.VIA).isEmpty()) {
                return Optional.empty();
            }
            return Optional.of((SipResponse) ViaStamping.stampTopVia(response, source));
        } catch (MalformedHeaderException e) {
            return Optional.empty();
        }
    }
}
