package org.imscore.sip.transport;

import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How a {@link NettySipTransport} binds and behaves.
 *
 * @param listen                where to listen; the first address with a given transport is that transport's
 *                              primary listening point (the one {@link SipTransport#listeningPoint} returns)
 * @param maxMessageSize        the largest message accepted on a stream; larger ones get 513 and the connection is
 *                              closed (RFC 3261 §18.3, §21.5.14)
 * @param idleTimeout           a TCP connection with no traffic in either direction for this long is closed
 * @param eventLoopThreads      Netty event-loop threads; 0 lets Netty choose (two per core)
 * @param nativeTransport       use epoll when the platform has it (else NIO, which is always the fallback)
 * @param largeUdpRequests      what to do with a request bound for UDP that is too large for its path (RFC 3261
 *                              §18.1.1): larger than {@link #UDP_SIZE_THRESHOLD} where the path MTU is unknown
 * @param pathMtu               where the path MTU counts as known, so that the limit is 200 bytes under it
 * @param responseRouteLifetime how long the connection (or socket) a request came in on is remembered for its
 *                              responses; longer than an INVITE server transaction lasts (Timer C is over 3 min)
 * @param connectTimeout        how long opening a TCP connection may take before the send fails
 * @param observer              sees every message sent and received ({@link MessageObserver#NONE} by default)
 * @param eventLoopGroup        the event loops to run on, owned by the caller (an {@code EpollEventLoopGroup} or a
 *                              {@code NioEventLoopGroup}; its kind decides epoll or NIO, and {@code eventLoopThreads}
 *                              and {@code nativeTransport} are then not used), so that several functions of one
 *                              process share one set of threads; the transport never shuts it down. Null (the
 *                              default): the transport makes its own group and shuts it down on close
 */
public record TransportConfig(List<ListenAddress> listen, int maxMessageSize, Duration idleTimeout,
                              int eventLoopThreads, boolean nativeTransport, LargeUdpRequests largeUdpRequests,
                              PathMtu pathMtu, Duration responseRouteLifetime, Duration connectTimeout,
                              MessageObserver observer, EventLoopGroup eventLoopGroup) {

    /** RFC 3261 §18.1.1: MTU 1500 minus 200 bytes of headroom, for a path whose MTU is unknown. */
    public static final int UDP_SIZE_THRESHOLD = 1300;

    /** 64 KiB, the largest a UDP datagram can be: a stream message need not be larger. */
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 65_535;

    public static final int DEFAULT_SIP_PORT = 5060;

    /**
     * One address to listen on with one or more transports. Several transports on one address share its port:
     * with port 0 they all get the same ephemeral port, so one sent-by names them all.
     */
    public record ListenAddress(InetSocketAddress address, Set<Transport> transports) {

        public ListenAddress {
            Objects.requireNonNull(address, "address");
            if (address.isUnresolved()) {
                throw new IllegalArgumentException("listen address must be an IP address: " + address);
            }
            if (transports == null || transports.isEmpty()) {
                throw new IllegalArgumentException("no transport for " + address);
            }
            transports = Set.copyOf(EnumSet.copyOf(transports));
        }
    }

    /** RFC 3261 §18.1.1 for a request larger than 1300 bytes that would go over UDP. */
    public enum LargeUdpRequests {
        /**
         * Send it over TCP to the same address and port, rewriting the transport and port of our top Via to our
         * TCP listening point, as §18.1.1 requires (a MUST). Falls back to UDP when we do not listen on TCP.
         */
        SWITCH_TO_TCP,
        /** Send it over UDP anyway (IP fragments it); for peers known not to listen on TCP. */
        SEND_OVER_UDP
    }

    /** What the transport knows of the path MTU towards a UDP destination (RFC 3261 §18.1.1). */
    public enum PathMtu {
        /**
         * Known for a loopback destination, whose datagrams never leave the loopback interface: its MTU (64 KiB on
         * Linux), so a request to another function on the same host stays on UDP up to 200 bytes under that. Unknown
         * for any other destination.
         */
        LOOPBACK_KNOWN,
        /** Unknown for every destination, loopback included: a request over 1300 bytes always leaves over TCP. */
        UNKNOWN
    }

    public TransportConfig {
        listen = List.copyOf(listen);
        if (listen.isEmpty()) {
            throw new IllegalArgumentException("no listen address");
        }
        if (maxMessageSize < 1024) {
            throw new IllegalArgumentException("maxMessageSize too small: " + maxMessageSize);
        }
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive: " + idleTimeout);
        }
        if (eventLoopThreads < 0) {
            throw new IllegalArgumentException("eventLoopThreads < 0");
        }
        Objects.requireNonNull(largeUdpRequests, "largeUdpRequests");
        Objects.requireNonNull(pathMtu, "pathMtu");
        Objects.requireNonNull(responseRouteLifetime, "responseRouteLifetime");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(observer, "observer");
        if (eventLoopGroup != null && !NettyChannels.supports(eventLoopGroup)) {
            throw new IllegalArgumentException(NettyChannels.unsupported(eventLoopGroup));
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** UDP and TCP on {@code host}, port 0 (ephemeral), everything else default: what tests start. */
    public static TransportConfig ephemeral(String host) {
        return builder().listen(host, 0).build();
    }

    /** Builds a {@link TransportConfig}; defaults as the constants and fields of the record say. */
    public static final class Builder {

        private final List<ListenAddress> listen = new ArrayList<>();
        private int maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;
        private Duration idleTimeout = Duration.ofMinutes(10);
        private int eventLoopThreads = 0;
        private boolean nativeTransport = true;
        private LargeUdpRequests largeUdpRequests = LargeUdpRequests.SWITCH_TO_TCP;
        private PathMtu pathMtu = PathMtu.LOOPBACK_KNOWN;
        private Duration responseRouteLifetime = Duration.ofMinutes(4);
        private Duration connectTimeout = Duration.ofSeconds(5);
        private MessageObserver observer = MessageObserver.NONE;
        private EventLoopGroup eventLoopGroup;

        private Builder() {
        }

        /** Listen on UDP and TCP at {@code host:port} (an IP literal; port 0 for an ephemeral port). */
        public Builder listen(String host, int port) {
            return listen(host, port, Transport.UDP, Transport.TCP);
        }

        public Builder listen(String host, int port, Transport first, Transport... more) {
            return listen(new InetSocketAddress(host, port), EnumSet.of(first, more));
        }

        public Builder listen(InetSocketAddress address, Set<Transport> transports) {
            listen.add(new ListenAddress(address, transports));
            return this;
        }

        public Builder maxMessageSize(int bytes) {
            this.maxMessageSize = bytes;
            return this;
        }

        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = timeout;
            return this;
        }

        public Builder eventLoopThreads(int threads) {
            this.eventLoopThreads = threads;
            return this;
        }

        public Builder nativeTransport(boolean useNative) {
            this.nativeTransport = useNative;
            return this;
        }

        public Builder largeUdpRequests(LargeUdpRequests policy) {
            this.largeUdpRequests = policy;
            return this;
        }

        public Builder pathMtu(PathMtu known) {
            this.pathMtu = known;
            return this;
        }

        public Builder responseRouteLifetime(Duration lifetime) {
            this.responseRouteLifetime = lifetime;
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        /** A passive tap on every message sent and received, for tracing (see {@link MessageObserver}). */
        public Builder observer(MessageObserver messageObserver) {
            this.observer = messageObserver;
            return this;
        }

        /**
         * Runs the transport on {@code group}, which the caller owns and shuts down (after closing the transport);
         * null for a group of the transport's own (the default).
         */
        public Builder eventLoopGroup(EventLoopGroup group) {
            this.eventLoopGroup = group;
            return this;
        }

        public TransportConfig build() {
            return new TransportConfig(listen, maxMessageSize, idleTimeout, eventLoopThreads, nativeTransport,
                    largeUdpRequests, pathMtu, responseRouteLifetime, connectTimeout, observer, eventLoopGroup);
        }
    }
}
