package org.imscore.sip.transport;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.imscore.sip.codec.SipParseResult;
import org.imscore.sip.codec.SipParser;
import org.imscore.sip.codec.SipSerializer;
import org.imscore.sip.message.SipMessage;
import org.imscore.sip.message.Via;

/**
 * A message in wire form, encoded once and sent as often as needed, with the top Via that says where a response goes
 * (RFC 3261 §18.2.2) or which of our sockets a request leaves from. It is what a transaction keeps instead of the
 * parsed message once it only has to repeat itself: a server transaction its last response, resent byte for byte on
 * each retransmission of the request (§17.2.1, §17.2.2), a client INVITE transaction its ACK for a non-2xx response,
 * resent on each retransmission of that response (§17.1.1.2).
 *
 * <p>Immutable; {@link #bytes()} hands out copies.
 */
public final class EncodedMessage {

    private final byte[] octets;
    /** The top Via as parsed; read back from the octets when a compact copy needs it (benign race). */
    private volatile Via topVia;

    private EncodedMessage(byte[] octets, Via topVia) {
        this.octets = octets;
        this.topVia = topVia;
    }

    /**
     * Encodes {@code message} with the serializer the transports use.
     *
     * @throws org.imscore.sip.message.MalformedHeaderException if the message has no readable top Via
     */
    public static EncodedMessage of(SipMessage message) {
        Objects.requireNonNull(message, "message");
        return new EncodedMessage(SipSerializer.serialize(message), message.topVia());
    }

    /**
     * Encodes {@code message}, whose top Via the caller already has parsed (a message built with a copy of another
     * one's Via would otherwise parse it again).
     */
    public static EncodedMessage of(SipMessage message, Via topVia) {
        Objects.requireNonNull(topVia, "topVia");
        return new EncodedMessage(SipSerializer.serialize(message), topVia);
    }

    /**
     * The same octets without the parsed top Via, which a send reads back from them: what to keep for a long wait in
     * which a resend is the exception (a parsed Via with its parameters weighs about as much as a short response).
     */
    public EncodedMessage compact() {
        return new EncodedMessage(octets, null);
    }

    /** A copy of the octets. */
    public byte[] bytes() {
        return octets.clone();
    }

    /** The octets themselves, for the transport to write; never modified. */
    byte[] octets() {
        return octets;
    }

    public int length() {
        return octets.length;
    }

    public Via topVia() {
        Via via = topVia;
        if (via == null) {
            via = decode().topVia();
            topVia = via;
        }
        return via;
    }

    /** The start line, read from the octets (for logs and error messages). */
    public String startLine() {
        int end = 0;
        while (end < octets.length && octets[end] != '\r' && octets[end] != '\n') {
            end++;
        }
        return new String(octets, 0, end, StandardCharsets.UTF_8);
    }

    /** The message parsed back from the octets: equal to the one it was encoded from. */
    public SipMessage decode() {
        SipParseResult result = SipParser.parse(octets);
        if (!result.isSuccess()) {
            throw new IllegalStateException("encoded message does not parse back: " + result);
        }
        return result.message();
    }

    @Override
    public String toString() {
        return startLine() + " (" + octets.length + " octets)";
    }
}
