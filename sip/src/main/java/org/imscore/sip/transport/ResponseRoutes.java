package org.imscore.sip.transport;

import io.netty.channel.Channel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.imscore.sip.message.Via;

/**
 * Remembers the channel each request came in on, keyed by its (stamped) top Via, so its responses go back on
 * it: on the same TCP connection while it is open (RFC 3261 §18.2.2), from the same UDP socket (RFC 3581 §4:
 * a NAT only lets through what comes from the address the request was sent to).
 *
 * <p>The key is the branch and sent-by, which identify the server transaction (§17.2.3), or the whole Via for
 * an RFC 2543 request without a magic-cookie branch. Entries leave after {@code lifetimeNanos}, or when their
 * connection closes.
 */
final class ResponseRoutes {

    private record Route(Channel channel, long expiresAt) {
    }

    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    private final long lifetimeNanos;
    private final LongSupplier nanoClock;

    ResponseRoutes(long lifetimeNanos, LongSupplier nanoClock) {
        this.lifetimeNanos = lifetimeNanos;
        this.nanoClock = nanoClock;
    }

    void remember(Via via, Channel channel) {
        routes.put(key(via), new Route(channel, nanoClock.getAsLong() + lifetimeNanos));
    }

    /** The open channel the request with this top Via came in on, or null. */
    Channel lookup(Via via) {
        if (routes.isEmpty()) {
            return null; // one UDP socket and no connections: nothing to build a key for
        }
        Route r = routes.get(key(via));
        if (r == null) {
            return null;
        }
        if (!r.channel.isActive() || r.expiresAt - nanoClock.getAsLong() < 0) {
            routes.remove(key(via), r);
            return null;
        }
        return r.channel;
    }

    /** Drops expired routes and routes over closed channels. */
    void sweep() {
        long now = nanoClock.getAsLong();
        routes.values().removeIf(r -> !r.channel.isActive() || r.expiresAt - now < 0);
    }

    int size() {
        return routes.size();
    }

    static String key(Via via) {
        if (via.hasRfc3261Branch()) {
            return via.branch().orElse("") + '|' + via.host().toLowerCase(java.util.Locale.ROOT) + ':' + via.port();
        }
        return via.toString();
    }
}
