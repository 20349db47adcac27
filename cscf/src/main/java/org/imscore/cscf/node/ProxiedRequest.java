package org.imscore.cscf.node;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.proxy.ForkTimers;
import org.imscore.sip.proxy.ForwardedRequest;
import org.imscore.sip.proxy.ProxyCore;
import org.imscore.sip.proxy.ProxyTransaction;
import org.imscore.sip.proxy.ResponseContext;
import org.imscore.sip.proxy.Target;
import org.imscore.sip.proxy.UnreachableTargetException;
import org.imscore.sip.transaction.ServerTransaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request a CSCF proxies statefully (RFC 3261 §16): the node's side of a {@link ProxyTransaction}, which keeps the
 * branches, the response context and the forking timers. Each branch is a {@link SipNode.Leg}, its own copy of the
 * request (the S-CSCF gives each registered contact its own Path as Route) for its target; responses go upstream
 * through {@link SipNode#respond} (its log line), unless the role takes over a final answer that came before any
 * provisional one ({@code divert}: TS 24.229 §5.4.3.4, an AS that did not answer).
 *
 * <p>Once completed, an INVITE answered 2xx may still get 2xx responses until Timer M (retransmissions, other forks
 * downstream, RFC 6026 §7.2), and they still go upstream; for them this keeps only the layer's record of the accepted
 * server transaction, not the request, the legs' copies or the role's {@code divert} (moot after a final response).
 */
final class ProxiedRequest implements ProxyTransaction.Outlet {

    private static final Logger log = LoggerFactory.getLogger(ProxiedRequest.class);

    private final SipNode node;
    private final ProxyCore core;
    private final ProxyTransaction transaction;
    // Read and written under the transaction's lock (the outlet's calls are made under it).
    /** The server transaction; once completed, what sends a 2xx in it while it is in Accepted, else null. */
    private ServerTransaction server;
    /** Each leg's copy by its target; by identity, since two contacts may be equal targets. Null once completed. */
    private Map<Target, SipRequest> copies;
    /** Null once completed. */
    private Predicate<SipResponse> divert;
    private boolean provisionalSent;

    ProxiedRequest(SipNode node, ProxyCore core, ServerTransaction server, List<List<SipNode.Leg>> tiers,
                   ForkTimers timers, Predicate<SipResponse> divert) {
        this.node = node;
        this.core = core;
        this.server = server;
        this.divert = divert;
        // Sized for its legs (nearly always one): the default size is a 64-slot table per request proxied.
        int legs = 0;
        for (List<SipNode.Leg> tier : tiers) {
            legs += tier.size();
        }
        copies = new IdentityHashMap<>(legs);
        tiers.forEach(tier -> tier.forEach(l -> copies.put(l.target(), l.request())));
        ResponseContext context = ResponseContext.inTiers(server.request(),
                tiers.stream().map(tier -> tier.stream().map(SipNode.Leg::target).toList()).toList());
        this.transaction = new ProxyTransaction(core, node.transactionLayer(), server, context, timers, this);
    }

    /** The server transaction of the request (until it completed). */
    ServerTransaction server() {
        return server;
    }

    void start() {
        transaction.start();
    }

    /** §16.10: the sender cancelled; every pending branch is cancelled and their 487 becomes the answer. */
    void cancel() {
        transaction.cancel();
    }

    @Override
    public ForwardedRequest forward(Target target) throws UnreachableTargetException {
        ForwardedRequest out = core.forward(server.request(), copies.get(target), target, server.local());
        if (log.isDebugEnabled()) {
            log.debug("{} forwards to {}:\n{}", node.name(), out.destination(), out.request());
        }
        return out;
    }

    /** Upstream, unless the role takes over a final answer that came before any provisional one. */
    @Override
    public void respond(SipResponse response) {
        if (copies == null) {
            if (server != null) {
                node.respondAccepted(server, response);
            }
            return;
        }
        if (response.isFinal() && !provisionalSent && divert.test(response)) {
            return;
        }
        if (!response.isFinal() && response.statusCode() > 100) {
            provisionalSent = true;
        }
        node.respond(server, response);
    }

    @Override
    public void completed(ResponseContext context) {
        node.completed(this);
        server = node.transactionLayer().findAcceptedTransaction(server).orElse(null);
        copies = null;
        divert = null;
    }
}
