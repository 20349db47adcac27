package org.imscore.diameter.codec;

import java.util.List;
import java.util.Optional;

/**
 * What decoding produced: the message (absent only when fewer than 20 octets arrived, so no header
 * could be read) and the failures found, first the one that decides the answer. Decoding never throws;
 * the layer that can answer decides what to do (like Netty's DecoderResult).
 */
public final class DecodeResult {

    private final DiameterMessage message;
    private final List<DecodeFailure> failures;

    public DecodeResult(DiameterMessage message, List<DecodeFailure> failures) {
        this.message = message;
        this.failures = List.copyOf(failures);
    }

    public Optional<DiameterMessage> message() {
        return Optional.ofNullable(message);
    }

    public List<DecodeFailure> failures() {
        return failures;
    }

    public boolean isSuccess() {
        return message != null && failures.isEmpty();
    }

    /** The failure the answer reports (RFC 6733 answers with one Result-Code). */
    public Optional<DecodeFailure> firstFailure() {
        return failures.isEmpty() ? Optional.empty() : Optional.of(failures.get(0));
    }

    @Override
    public String toString() {
        return isSuccess() ? "DecodeResult[ok " + message + "]" : "DecodeResult[" + failures + " " + message + "]";
    }
}
