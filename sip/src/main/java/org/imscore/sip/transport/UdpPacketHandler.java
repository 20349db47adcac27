package org.imscore.sip.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Receives datagrams on one UDP listening point: each datagram is one message (RFC 3261 §18.3). */
final class UdpPacketHandler extends SimpleChannelInboundHandler<DatagramPacket> {

    private static final Logger log = LoggerFactory.getLogger(UdpPacketHandler.class);

    private final NettySipTransport transport;
    private final InboundProcessor processor;
    private final TransportCounters counters;
    private final boolean rememberRoutes;
    private ListeningPoint local;
    /**
     * The octets of the datagram being handled. Reused: this handler serves one socket on one event-loop thread,
     * and the parser keeps no reference to the octets (it copies the head into a string and the body into an array
     * of its own), so a new array per datagram was pure garbage (2.6 % of all allocation under registration load).
     */
    private byte[] scratch = new byte[4096];
    /**
     * The sources seen lately, by a hash of address and port. A message's source is kept as long as what it made: a
     * completed transaction keeps it 32 s to answer retransmissions, a registration for its whole life. Most
     * datagrams come from a few peers (the next CSCF, a load generator), and each new Endpoint with its socket
     * address was five objects, 120 bytes, per message kept; the same instance is kept instead. A source that is
     * not in its slot replaces what was there, so many UEs only take turns.
     */
    private final Endpoint[] recentSources = new Endpoint[64];

    /**
     * @param rememberRoutes whether to remember which socket a request came in on (needed only when there is
     *                       more than one UDP listening point to send the response from)
     */
    UdpPacketHandler(NettySipTransport transport, InboundProcessor processor, TransportCounters counters,
                     boolean rememberRoutes) {
        this.transport = transport;
        this.counters = counters;
        this.processor = processor;
        this.rememberRoutes = rememberRoutes;
    }

    @Override
    public boolean isSharable() {
        return false; // one per socket: it holds the socket's listening point
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        try {
            if (local == null) {
                local = new ListeningPoint(Transport.UDP, (InetSocketAddress) ctx.channel().localAddress());
            }
            ByteBuf content = packet.content();
            int length = content.readableBytes();
            counters.octetsReceived.add(length);
            if (scratch.length < length) {
                scratch = new byte[Math.max(length, 2 * scratch.length)];
            }
            content.getBytes(content.readerIndex(), scratch, 0, length);
            if (isKeepAlive(scratch, length)) {
                return; // CRLF keep-alives some UAs send over UDP; nothing to answer (RFC 5626 uses STUN there)
            }
            processor.process(scratch, length, source(packet.sender()), local, ctx.channel(),
                    rememberRoutes).ifPresent(answer -> transport.sendResponseFrom(answer, ctx.channel()));
        } catch (RuntimeException e) {
            log.warn("failed to handle datagram from {}", packet.sender(), e);
        }
    }

    /** The sender as an Endpoint, the one made for an earlier datagram from there when it is still at hand. */
    private Endpoint source(InetSocketAddress sender) {
        int slot = (sender.hashCode() * 0x9E3779B9 >>> 26) & (recentSources.length - 1);
        Endpoint recent = recentSources[slot];
        if (recent != null && recent.address().equals(sender)) {
            return recent;
        }
        Endpoint made = new Endpoint(Transport.UDP, sender);
        recentSources[slot] = made;
        return made;
    }

    private static boolean isKeepAlive(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            byte b = bytes[i];
            if (b != '\r' && b != '\n' && b != ' ' && b != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A UDP socket reports e.g. ICMP port unreachable as an exception: log it, keep listening.
        log.debug("UDP {} error: {}", local, cause.toString());
    }
}
