package org.imscore.sip.proxy;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import org.imscore.sip.transaction.SipTimers;
import org.imscore.sip.transport.TransportConfig;

/**
 * How a stateful proxy is set up.
 *
 * @param transport the listening points to bind (port 0 for an ephemeral one) and transport settings
 * @param domains the domains the proxy is responsible for (RFC 3261 §16.5); requests for them go through the
 *     routing function, others to their Request-URI
 * @param recordRoute whether to Record-Route dialog-creating requests (§16.6 step 4)
 * @param routes the static routing table used when no other {@link TargetResolver} is given
 * @param forking how a target set of several targets is tried
 * @param sequentialBranchTimeout how long a branch of sequential forking may go without a final response
 *     before it is cancelled and the next target is tried
 * @param supportedExtensions option tags this proxy supports (Proxy-Require, §16.3 step 5)
 * @param timers the transaction timers (T1, T2, T4, Timer C); short values make tests fast
 */
public record ProxyConfig(
        TransportConfig transport,
        Set<String> domains,
        boolean recordRoute,
        StaticRoutes routes,
        ForkingMode forking,
        Duration sequentialBranchTimeout,
        Set<String> supportedExtensions,
        SipTimers timers) {

    public ProxyConfig {
        Objects.requireNonNull(transport, "transport");
        domains = Set.copyOf(domains);
        Objects.requireNonNull(routes, "routes");
        Objects.requireNonNull(forking, "forking");
        if (sequentialBranchTimeout.isNegative() || sequentialBranchTimeout.isZero()) {
            throw new IllegalArgumentException("sequentialBranchTimeout must be positive");
        }
        supportedExtensions = Set.copyOf(supportedExtensions);
        Objects.requireNonNull(timers, "timers");
    }

    /**
     * A proxy on {@code transport} responsible for {@code domains}: Record-Route on, no static routes, parallel
     * forking, 20 s per sequential branch, no extensions, RFC timers.
     */
    public static ProxyConfig of(TransportConfig transport, Set<String> domains) {
        return new ProxyConfig(transport, domains, true, StaticRoutes.none(), ForkingMode.PARALLEL,
                Duration.ofSeconds(20), Set.of(), SipTimers.DEFAULT);
    }

    public ProxyConfig withRecordRoute(boolean on) {
        return new ProxyConfig(transport, domains, on, routes, forking, sequentialBranchTimeout, supportedExtensions,
                timers);
    }

    public ProxyConfig withRoutes(StaticRoutes newRoutes) {
        return new ProxyConfig(transport, domains, recordRoute, newRoutes, forking, sequentialBranchTimeout,
                supportedExtensions, timers);
    }

    public ProxyConfig withForking(ForkingMode mode, Duration branchTimeout) {
        return new ProxyConfig(transport, domains, recordRoute, routes, mode, branchTimeout, supportedExtensions,
                timers);
    }

    public ProxyConfig withSupportedExtensions(Set<String> extensions) {
        return new ProxyConfig(transport, domains, recordRoute, routes, forking, sequentialBranchTimeout, extensions,
                timers);
    }

    public ProxyConfig withTimers(SipTimers newTimers) {
        return new ProxyConfig(transport, domains, recordRoute, routes, forking, sequentialBranchTimeout,
                supportedExtensions, newTimers);
    }
}
