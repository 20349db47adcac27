package org.imscore.sip.transport;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.imscore.sip.codec.SipStreamFramer.Frame;
import org.imscore.sip.message.SipResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of a TCP connection's pipeline, for accepted and for opened connections alike: messages go to the
 * {@link InboundProcessor}; a CRLFCRLF ping is answered with a CRLF pong (RFC 5626 §3.5.1); an oversize message
 * is answered with 513 and an unframeable one with 400 (when a Via can be read), then the connection is closed;
 * an idle connection is closed.
 */
final class TcpConnectionHandler extends SimpleChannelInboundHandler<Frame> {

    private static final Logger log = LoggerFactory.getLogger(TcpConnectionHandler.class);
    private static final byte[] PONG = {'\r', '\n'};

    private final NettySipTransport transport;
    private final InboundProcessor processor;
    private final TransportCounters counters;
    private final ListeningPoint local;

    TcpConnectionHandler(NettySipTransport transport, InboundProcessor processor, TransportCounters counters,
                         ListeningPoint local) {
        this.transport = transport;
        this.processor = processor;
        this.counters = counters;
        this.local = local;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Frame frame) {
        InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
        if (remote == null) {
            return;
        }
        try {
            switch (frame) {
                case Frame.Message m -> processor.process(m.bytes(), new Endpoint(Transport.TCP, remote), local,
                        ctx.channel(), true).ifPresent(answer -> transport.writeStream(ctx.channel(), answer));
                case Frame.KeepAlivePing ping -> {
                    counters.keepAlivePongs.increment();
                    ctx.writeAndFlush(Unpooled.wrappedBuffer(PONG));
                }
                case Frame.Oversize o -> {
                    counters.oversizeRejected.increment();
                    log.debug("message of {}+ bytes from {} over the limit; closing", o.size(), remote);
                    answerAndClose(ctx, StatelessResponses.forHead(o.head(), 513, "Message Too Large", remote));
                }
                case Frame.Malformed bad -> {
                    log.debug("unframeable stream from {}: {}; closing", remote, bad.error());
                    Optional<SipResponse> answer = StatelessResponses.forHead(bad.head(), bad.error().statusCode(),
                            bad.error().reasonPhrase(), remote);
                    (answer.isPresent() ? counters.badRequestsAnswered : counters.malformedDropped).increment();
                    answerAndClose(ctx, answer);
                }
            }
        } catch (RuntimeException e) {
            log.warn("failed to handle input from {}", remote, e);
        }
    }

    private void answerAndClose(ChannelHandlerContext ctx, Optional<SipResponse> answer) {
        if (answer.isPresent()) {
            transport.writeStream(ctx.channel(), answer.get())
                    .whenComplete((ok, failure) -> ctx.channel().close());
        } else {
            ctx.close();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            log.debug("closing idle connection {} <-> {}", ctx.channel().localAddress(), ctx.channel().remoteAddress());
            ctx.close();
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A broken socket or a decoder gone wrong leaves nothing to carry on with; anything else is logged and
        // the connection stays up.
        log.debug("connection {} error: {}", ctx.channel().remoteAddress(), cause.toString());
        if (cause instanceof IOException || cause instanceof DecoderException) {
            ctx.close();
        }
    }
}
