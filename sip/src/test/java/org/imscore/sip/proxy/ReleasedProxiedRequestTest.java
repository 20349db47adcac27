package org.imscore.sip.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.transaction.FakeTransport;
import org.imscore.sip.transaction.ManualTimerService;
import org.imscore.sip.transaction.TransactionLayer;
import org.imscore.sip.transaction.TransactionState;
import org.imscore.sip.transport.Endpoint;
import org.imscore.sip.transport.InboundMessage;
import org.imscore.sip.transport.TransportConfig;
import org.junit.jupiter.api.Test;

/**
 * Once the stateful proxy has finished an INVITE answered 2xx, nothing holds the request as received, its server
 * transaction, the branch's client transaction or the 2xx: the collector takes them while the layer's records wait out
 * Timers L and M, and a late 2xx still goes upstream. On the in-memory transport (which keeps parsed copies of what is
 * sent, not the objects) and the simulated clock; each message is set up in a method of its own, so that no frame of
 * the test holds it.
 */
class ReleasedProxiedRequestTest {

    private static final Endpoint CALLER = Endpoint.udp("192.0.2.1", 5060);
    private static final Endpoint BOB = Endpoint.udp("192.0.2.31", 5060);

    private final ManualTimerService clock = new ManualTimerService();
    private final FakeTransport transport = new FakeTransport(clock);
    private final StatefulProxy proxy = proxy();

    private StatefulProxy proxy() {
        ProxyConfig config = ProxyConfig.of(TransportConfig.ephemeral("127.0.0.1"), Set.of("example.com"))
                .withRoutes(StaticRoutes.none().with("bob@example.com", BOB));
        StatefulProxy p = new StatefulProxy(config, config.routes(), ProxyHooks.NONE, transport, clock);
        p.bind(transport.listeningPoints());
        return p;
    }

    @Test
    void aFinishedInviteKeepsNothingOfTheRequestAndStillPassesA2xxUpstream() throws InterruptedException {
        TransactionLayer layer = proxy.transactionLayer();
        List<WeakReference<Object>> watched = inviteAnswered(layer);

        awaitCollected(watched);

        assertThat(proxy.activeTransactions()).isZero();
        assertThat(layer.serverTransactionCount()).isEqualTo(1);
        assertThat(layer.clientTransactionCount()).isEqualTo(1);
        // Bob's 200 again: from a parsed copy of what the proxy sent him.
        SipRequest atBob = transport.sentRequests("INVITE").get(0);
        layer.onMessage(new InboundMessage(Wire.answer(atBob, 200), BOB, FakeTransport.UDP));
        assertThat(transport.sentStatusCodes()).containsExactly(100, 200, 200);
        assertThat(transport.responses.get(2)).isEqualTo(transport.responses.get(1));

        clock.advance(Duration.ofSeconds(32)); // Timers L and M
        assertThat(layer.serverTransactionCount()).isZero();
        assertThat(layer.clientTransactionCount()).isZero();
    }

    /** The caller's INVITE, forwarded to bob, answered 200 and passed upstream; what to watch. */
    private List<WeakReference<Object>> inviteAnswered(TransactionLayer layer) {
        SipRequest invite = Wire.invite("sip:bob@example.com");
        InboundMessage fromCaller = new InboundMessage(invite, CALLER, FakeTransport.UDP);
        layer.onMessage(fromCaller);
        Object server = layer.findServerTransaction(invite).orElseThrow();
        SipRequest atBob = transport.sentRequests("INVITE").get(0);
        SipResponse ok = Wire.answer(atBob, 200);
        InboundMessage fromBob = new InboundMessage(ok, BOB, FakeTransport.UDP);
        layer.onMessage(fromBob);
        assertThat(transport.sentStatusCodes()).containsExactly(100, 200);
        assertThat(layer.findServerTransaction(invite).orElseThrow().state()).isEqualTo(TransactionState.ACCEPTED);
        return List.of(new WeakReference<>(invite), new WeakReference<>(fromCaller), new WeakReference<>(server),
                new WeakReference<>(ok), new WeakReference<>(fromBob));
    }

    /** Collects until every watched object is gone; fails after a bounded number of attempts. */
    private static void awaitCollected(List<WeakReference<Object>> watched) throws InterruptedException {
        for (int attempt = 0; attempt < 50 && watched.stream().anyMatch(w -> w.get() != null); attempt++) {
            System.gc();
            Thread.sleep(20);
        }
        assertThat(watched).as("objects still reachable after 50 collections")
                .allSatisfy(w -> assertThat(w.get()).isNull());
    }
}
