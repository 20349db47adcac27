package org.imscore.sip.codec;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.imscore.sip.message.HeaderField;
import org.imscore.sip.message.HeaderNames;
import org.imscore.sip.message.SipMessage;
import org.imscore.sip.message.SipResponse;

/**
 * The outcome of parsing one message, failures recorded rather than thrown (as Netty's {@code DecoderResult}):
 * either a {@link SipMessage}, or a {@link SipParseError} together with what could still be read, so the
 * transaction layer can answer a bad request with 400 (RFC 3261 §8.2.6, §16.3) or drop what cannot be answered.
 */
public final class SipParseResult {

    private final SipMessage message;
    private final SipParseError error;
    private final boolean response;
    private final String method;
    private final List<HeaderField> usableFields;

    private SipParseResult(SipMessage message, SipParseError error, boolean response, String method,
                           List<HeaderField> usableFields) {
        this.message = message;
        this.error = error;
        this.response = response;
        this.method = method;
        this.usableFields = usableFields;
    }

    static SipParseResult success(SipMessage message) {
        String method = message instanceof org.imscore.sip.message.SipRequest r ? r.method() : null;
        return new SipParseResult(message, null, !message.isRequest(), method, List.of());
    }

    static SipParseResult failure(SipParseError error, boolean response, String method, List<HeaderField> usable) {
        return new SipParseResult(null, error, response, method, List.copyOf(usable));
    }

    public boolean isSuccess() {
        return message != null;
    }

    /**
     * The parsed message.
     *
     * @throws IllegalStateException if parsing failed; check {@link #isSuccess()} first
     */
    public SipMessage message() {
        if (message == null) {
            throw new IllegalStateException("message not parsed: " + error);
        }
        return message;
    }

    public Optional<SipMessage> messageIfParsed() {
        return Optional.ofNullable(message);
    }

    public Optional<SipParseError> error() {
        return Optional.ofNullable(error);
    }

    /** Whether the input is (or looked like) a response; a bad response is dropped, never answered. */
    public boolean isResponse() {
        return response;
    }

    /** The request method if the request line could be read. */
    public Optional<String> method() {
        return Optional.ofNullable(method);
    }

    /** Via, From, To, Call-ID and CSeq fields that parsed, in received order (for the error response). */
    public List<HeaderField> usableFields() {
        return usableFields;
    }

    /** Whether there is a Via to send an answer along (RFC 3261 §18.2.2); without one a datagram is dropped. */
    public boolean hasUsableVia() {
        if (message != null) {
            return true;
        }
        for (HeaderField f : usableFields) {
            if (f.name().equals(HeaderNames.VIA)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The response for a failed request: status and reason from {@link #error()}, the usable Via/From/To/Call-ID/
     * CSeq copied, a To tag added (§8.2.6.2). Empty when the input parsed, is a response, is not a request with
     * a readable method, or has no usable Via: then the input is dropped. ACK is never answered (§17.2.1).
     */
    public Optional<SipResponse> errorResponse() {
        if (message != null) {
            return Optional.empty();
        }
        return response(error.statusCode(), error.reasonPhrase());
    }

    /**
     * A response with the given status built from the usable fields, for answers other than the parse error
     * (e.g. 513 Message Too Large for the head of an oversize stream message). Empty for responses, ACK, an
     * unreadable method or no usable Via.
     */
    public Optional<SipResponse> response(int statusCode, String reasonPhrase) {
        if (response || method == null || method.equals("ACK") || !hasUsableVia()) {
            return Optional.empty();
        }
        SipResponse.Builder b = SipResponse.builder(statusCode, reasonPhrase);
        List<HeaderField> fields = message != null ? usableOf(message) : usableFields;
        fields.forEach(b::add);
        boolean hasTo = fields.stream().anyMatch(f -> f.name().equals(HeaderNames.TO));
        if (hasTo) {
            b.toTag(Long.toHexString(ThreadLocalRandom.current().nextLong()));
        }
        return Optional.of(b.build());
    }

    private static List<HeaderField> usableOf(SipMessage m) {
        return m.headerFields().stream().filter(f -> switch (f.name()) {
            case HeaderNames.VIA, HeaderNames.FROM, HeaderNames.TO, HeaderNames.CALL_ID, HeaderNames.CSEQ -> true;
            default -> false;
        }).toList();
    }

    @Override
    public String toString() {
        return message != null ? "parsed " + message.startLine() : "failed: " + error;
    }
}
