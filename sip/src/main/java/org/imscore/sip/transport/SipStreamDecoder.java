package org.imscore.sip.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.imscore.sip.codec.SipStreamFramer;
import org.imscore.sip.codec.SipStreamFramer.Frame;

/**
 * Cuts a TCP byte stream into {@link Frame}s with {@link SipStreamFramer}. After an oversize or unframeable
 * message the stream cannot be resynchronised (RFC 3261 §18.3), so everything after it is discarded until the
 * connection handler has answered and closed.
 */
final class SipStreamDecoder extends ByteToMessageDecoder {

    private final SipStreamFramer framer;
    private final LongAdder octetsReceived;
    private boolean broken;

    SipStreamDecoder(int maxMessageSize, LongAdder octetsReceived) {
        this.framer = new SipStreamFramer(maxMessageSize);
        this.octetsReceived = octetsReceived;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof ByteBuf buf) {
            octetsReceived.add(buf.readableBytes());
        }
        super.channelRead(ctx, msg);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (broken) {
            in.skipBytes(in.readableBytes());
            return;
        }
        Frame frame;
        while ((frame = framer.next(in)) != null) {
            out.add(frame);
            if (frame instanceof Frame.Oversize || frame instanceof Frame.Malformed) {
                broken = true;
                in.skipBytes(in.readableBytes());
                return;
            }
        }
    }
}
