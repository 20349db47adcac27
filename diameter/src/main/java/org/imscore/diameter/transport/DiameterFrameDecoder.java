package org.imscore.diameter.transport;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

/**
 * Cuts a TCP byte stream into Diameter messages by the 24-bit Message Length (RFC 6733 section 3).
 * Emits one {@code byte[]} per complete message. A header that cannot start a message (version not 1,
 * length below 20, not a multiple of 4, or above the limit) leaves no way to find the next message
 * boundary: the decoder emits a {@link FramingError} with whatever header octets it has, so the
 * connection handler can answer (5011/5015) and close, and then discards the rest of the stream.
 */
public final class DiameterFrameDecoder extends ByteToMessageDecoder {

    private final int maxMessageLength;
    private boolean broken;

    public DiameterFrameDecoder(int maxMessageLength) {
        this.maxMessageLength = maxMessageLength;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (broken) {
            in.skipBytes(in.readableBytes());
            return;
        }
        while (in.readableBytes() >= 4) {
            int start = in.readerIndex();
            int version = in.getUnsignedByte(start);
            int length = in.getUnsignedMedium(start + 1);
            String problem = null;
            if (version != 1) {
                problem = "version " + version;
            } else if (length < 20 || length % 4 != 0) {
                problem = "Message Length " + length;
            } else if (length > maxMessageLength) {
                problem = "Message Length " + length + " above the limit of " + maxMessageLength;
            }
            if (problem != null) {
                if (in.readableBytes() < 20 && version == 1) {
                    return; // wait for the rest of the header so the answer can echo its identifiers
                }
                byte[] header = new byte[Math.min(20, in.readableBytes())];
                in.getBytes(start, header);
                in.skipBytes(in.readableBytes());
                broken = true;
                out.add(new FramingError(header, version != 1, problem));
                return;
            }
            if (in.readableBytes() < length) {
                return;
            }
            byte[] frame = new byte[length];
            in.readBytes(frame);
            out.add(frame);
        }
    }

    /**
     * The stream cannot be framed any more. {@code header} holds up to 20 octets of the offending
     * message; {@code badVersion} tells 5011 DIAMETER_UNSUPPORTED_VERSION from 5015 INVALID_MESSAGE_LENGTH.
     */
    public record FramingError(byte[] header, boolean badVersion, String reason) {
    }
}
