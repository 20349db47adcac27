package org.imscore.diameter.codec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.netty.buffer.ByteBuf;
import org.imscore.diameter.dictionary.Dictionary;

/**
 * Decodes and encodes Diameter messages (RFC 6733 sections 3 and 4). Decoding never throws: it reads
 * whatever structure is there, keeps AVPs no dictionary knows, and reports every problem as a
 * {@link DecodeFailure} with the Result-Code the answer must carry. Requests are further checked against
 * the dictionary's command grammar ({@link MessageValidator}). Encoding writes back exactly the header
 * fields and AVP payloads the message holds, so {@code encode(decode(b)) == b} for any well-formed b.
 * Thread-safe.
 */
public final class DiameterCodec {

    public static final int HEADER_LENGTH = 20;
    /** Largest message we accept: the 24-bit length field allows 16 MiB; a Cx message is a few KiB. */
    public static final int DEFAULT_MAX_MESSAGE_LENGTH = 1 << 20;

    private final Dictionary dictionary;
    private final MessageValidator validator;

    public DiameterCodec(Dictionary dictionary) {
        this.dictionary = dictionary;
        this.validator = new MessageValidator(dictionary);
    }

    public Dictionary dictionary() {
        return dictionary;
    }

    /** Decodes one message occupying all of {@code bytes}. */
    public DecodeResult decode(byte[] bytes) {
        return decode(bytes, 0, bytes.length);
    }

    /** Decodes the readable bytes of {@code buf} (one message) without moving its reader index. */
    public DecodeResult decode(ByteBuf buf) {
        byte[] bytes = new byte[buf.readableBytes()];
        buf.getBytes(buf.readerIndex(), bytes);
        return decode(bytes);
    }

    /** Decodes one message from {@code bytes[offset, offset+length)}; the array must not change afterwards. */
    public DecodeResult decode(byte[] bytes, int offset, int length) {
        try {
            return decodeUnchecked(bytes, offset, length);
        } catch (RuntimeException e) {
            // Defensive: the decoder checks every bound, but no input may escape as an exception.
            return new DecodeResult(null, List.of(DecodeFailure.of(ResultCode.UNABLE_TO_COMPLY,
                    "decoder fault: " + e)));
        }
    }

    private DecodeResult decodeUnchecked(byte[] bytes, int offset, int length) {
        List<DecodeFailure> failures = new ArrayList<>();
        if (length < HEADER_LENGTH) {
            failures.add(DecodeFailure.of(ResultCode.INVALID_MESSAGE_LENGTH,
                    "message of " + length + " octets is shorter than the 20-octet header"));
            return new DecodeResult(null, failures);
        }
        int version = bytes[offset] & 0xFF;
        int messageLength = ((bytes[offset + 1] & 0xFF) << 16) | ((bytes[offset + 2] & 0xFF) << 8)
                | (bytes[offset + 3] & 0xFF);
        int flags = bytes[offset + 4] & 0xFF;
        int commandCode = ((bytes[offset + 5] & 0xFF) << 16) | ((bytes[offset + 6] & 0xFF) << 8)
                | (bytes[offset + 7] & 0xFF);
        long applicationId = AvpDecoder.readInt(bytes, offset + 8) & 0xFFFF_FFFFL;
        int hopByHop = AvpDecoder.readInt(bytes, offset + 12);
        int endToEnd = AvpDecoder.readInt(bytes, offset + 16);

        if (version != 1) {
            failures.add(DecodeFailure.of(ResultCode.UNSUPPORTED_VERSION, "version " + version + ", expected 1"));
        }
        if (messageLength != length || messageLength % 4 != 0) {
            failures.add(DecodeFailure.of(ResultCode.INVALID_MESSAGE_LENGTH, "Message Length " + messageLength
                    + (messageLength % 4 != 0 ? " is not a multiple of 4" : " but " + length + " octets arrived")));
        }
        boolean request = (flags & DiameterMessage.FLAG_REQUEST) != 0;
        if (request && (flags & DiameterMessage.FLAG_ERROR) != 0) {
            // RFC 6733 3: "the E bit MUST NOT be set in request messages"; 7.1.3: invalid combination.
            failures.add(DecodeFailure.of(ResultCode.INVALID_HDR_BITS, "E bit set in a request"));
        }
        if ((flags & 0x0F) != 0) {
            failures.add(DecodeFailure.of(ResultCode.INVALID_BIT_IN_HEADER,
                    "reserved command flag bits set: 0x" + Integer.toHexString(flags & 0x0F)));
        }
        int end = offset + Math.max(HEADER_LENGTH, Math.min(messageLength, length));
        AvpDecoder.Result avps = AvpDecoder.decode(bytes, offset + HEADER_LENGTH, end);
        if (avps.failure() != null) {
            failures.add(avps.failure());
        }
        DiameterMessage message = DiameterMessage.decoded(version, flags, commandCode, applicationId, hopByHop,
                endToEnd, avps.avps());
        if (request) {
            failures.addAll(validator.validate(message));
        }
        failures.sort(Comparator.comparingInt(DiameterCodec::rank));
        return new DecodeResult(message, failures);
    }

    /**
     * Which failure the answer reports when there are several: header problems first (the rest of the
     * message cannot be trusted), then application/command support, then AVP-level errors in the order found.
     */
    private static int rank(DecodeFailure failure) {
        return switch (failure.resultCode()) {
            case ResultCode.UNSUPPORTED_VERSION, ResultCode.INVALID_MESSAGE_LENGTH,
                 ResultCode.INVALID_BIT_IN_HEADER, ResultCode.INVALID_HDR_BITS -> 0;
            case ResultCode.APPLICATION_UNSUPPORTED, ResultCode.COMMAND_UNSUPPORTED -> 1;
            default -> 2;
        };
    }

    /** The message's octets. */
    public byte[] encode(DiameterMessage message) {
        byte[] out = new byte[message.encodedLength()];
        writeHeader(message, out, out.length);
        int pos = HEADER_LENGTH;
        for (Avp avp : message.avps()) {
            pos = avp.writeTo(out, pos);
        }
        return out;
    }

    /** Writes the message's octets to {@code out}, the same octets {@link #encode(DiameterMessage)} gives. */
    public void encode(DiameterMessage message, ByteBuf out) {
        int length = message.encodedLength();
        out.ensureWritable(length);
        out.writeByte(message.version());
        out.writeMedium(length);
        out.writeByte(message.flags());
        out.writeMedium(message.commandCode());
        out.writeInt((int) message.applicationId());
        out.writeInt(message.hopByHopId());
        out.writeInt(message.endToEndId());
        for (Avp avp : message.avps()) {
            avp.writeTo(out);
        }
    }

    private static void writeHeader(DiameterMessage m, byte[] out, int length) {
        out[0] = (byte) m.version();
        out[1] = (byte) (length >>> 16);
        out[2] = (byte) (length >>> 8);
        out[3] = (byte) length;
        out[4] = (byte) m.flags();
        out[5] = (byte) (m.commandCode() >>> 16);
        out[6] = (byte) (m.commandCode() >>> 8);
        out[7] = (byte) m.commandCode();
        Avp.putInt(out, 8, (int) m.applicationId());
        Avp.putInt(out, 12, m.hopByHopId());
        Avp.putInt(out, 16, m.endToEndId());
    }
}
