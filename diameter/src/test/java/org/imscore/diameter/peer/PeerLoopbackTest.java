package org.imscore.diameter.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.imscore.diameter.peer.TestNodes.await;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.imscore.diameter.codec.Avp;
import org.imscore.diameter.codec.BaseAvps;
import org.imscore.diameter.codec.DiameterMessage;
import org.imscore.diameter.cx.MultimediaAuthAnswer;
import org.imscore.diameter.dictionary.Dictionaries;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two of our nodes over TCP loopback on ephemeral ports. */
class PeerLoopbackTest {

    private final List<DiameterNode> nodes = new ArrayList<>();

    private DiameterNode node(String host, PeerTimers timers, RequestHandler handler) {
        DiameterNode node = new DiameterNode(TestNodes.config(host, timers), Dictionaries.cx(), handler);
        nodes.add(node);
        return node;
    }

    private static InetSocketAddress anyPort() {
        return new InetSocketAddress("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        nodes.forEach(DiameterNode::close);
    }

    @Test
    void capabilitiesExchangeThenRequestAndAnswer() throws Exception {
        DiameterNode hss = node("hss.ims.test", TestNodes.fastTimers(), TestNodes.hss("hss.ims.test"));
        InetSocketAddress address = hss.listen(anyPort()).get(5, TimeUnit.SECONDS);
        DiameterNode scscf = node("scscf.ims.test", TestNodes.fastTimers(), TestNodes.hss("scscf.ims.test"));

        PeerInfo opened = scscf.connect(new RemotePeer("hss.ims.test", TestNodes.REALM, address)).get(5, TimeUnit.SECONDS);
        assertThat(opened.state()).isEqualTo(PeerState.I_OPEN);
        assertThat(opened.applications()).containsExactly(16777216L);
        await("R-Open at the server", () -> hss.peer("scscf.ims.test").map(p -> p.state() == PeerState.R_OPEN).orElse(false));

        DiameterMessage maa = scscf.send(TestNodes.mar("scscf.ims.test", "s;1")).get(5, TimeUnit.SECONDS);
        assertThat(maa.resultCode()).hasValue(2001);
        assertThat(maa.sessionId()).hasValue("s;1");
        assertThat(MultimediaAuthAnswer.from(maa).orElseThrow().authDataItems()).hasSize(1);

        // And the other way: the HSS sends to the S-CSCF over the connection the S-CSCF opened.
        DiameterMessage answer = hss.send(TestNodes.mar("hss.ims.test", "s;2").toBuilder()
                .add(Avp.utf8(BaseAvps.DESTINATION_HOST, "scscf.ims.test")).build()).get(5, TimeUnit.SECONDS);
        assertThat(answer.originHost()).hasValue("scscf.ims.test");
    }

    @Test
    void watchdogExchangesKeepAnIdleConnectionOpen() throws Exception {
        PeerTimers tw = TestNodes.fastTimers().withWatchdog(Duration.ofMillis(150), Duration.ZERO);
        DiameterNode hss = node("hss.ims.test", tw, TestNodes.hss("hss.ims.test"));
        InetSocketAddress address = hss.listen(anyPort()).get(5, TimeUnit.SECONDS);
        DiameterNode scscf = node("scscf.ims.test", tw, TestNodes.hss("scscf.ims.test"));
        scscf.connect(new RemotePeer("hss.ims.test", TestNodes.REALM, address)).get(5, TimeUnit.SECONDS);

        await("three DWR/DWA exchanges", () -> scscf.peer("hss.ims.test").map(p -> p.watchdogExchanges() >= 3)
                .orElse(false));
        assertThat(scscf.peer("hss.ims.test").orElseThrow().state()).isEqualTo(PeerState.I_OPEN);
        assertThat(scscf.send(TestNodes.mar("scscf.ims.test", "s;3")).get(5, TimeUnit.SECONDS).resultCode()).hasValue(2001);
    }

    @Test
    void disconnectPeerClosesBothSides() throws Exception {
        DiameterNode hss = node("hss.ims.test", TestNodes.fastTimers(), TestNodes.hss("hss.ims.test"));
        InetSocketAddress address = hss.listen(anyPort()).get(5, TimeUnit.SECONDS);
        DiameterNode scscf = new DiameterNode(TestNodes.config("scscf.ims.test", TestNodes.fastTimers()),
                Dictionaries.cx(), TestNodes.hss("scscf.ims.test"));
        scscf.connect(new RemotePeer("hss.ims.test", TestNodes.REALM, address)).get(5, TimeUnit.SECONDS);
        await("R-Open", () -> hss.peer("scscf.ims.test").isPresent());

        scscf.close(); // DPR, DPA, close

        await("the HSS forgets the peer", () -> hss.peers().isEmpty());
        assertThatThrownBy(() -> hss.send(TestNodes.mar("hss.ims.test", "s;4")).join())
                .hasCauseInstanceOf(DiameterRequestException.class);
    }

    @Test
    void clientReconnectsAfterTheServerRestarts() throws Exception {
        DiameterNode hss = new DiameterNode(TestNodes.config("hss.ims.test", TestNodes.fastTimers()),
                Dictionaries.cx(), TestNodes.hss("hss.ims.test"));
        InetSocketAddress address = hss.listen(anyPort()).get(5, TimeUnit.SECONDS);
        DiameterNode scscf = node("scscf.ims.test", TestNodes.fastTimers(), TestNodes.hss("scscf.ims.test"));
        scscf.connect(new RemotePeer("hss.ims.test", TestNodes.REALM, address)).get(5, TimeUnit.SECONDS);

        hss.close();
        await("the client sees the loss", () -> scscf.peer("hss.ims.test").isEmpty());
        Thread.sleep(300); // a few failed reconnect attempts while the server is down

        DiameterNode restarted = node("hss.ims.test", TestNodes.fastTimers(), TestNodes.hss("hss.ims.test"));
        restarted.listen(address).get(5, TimeUnit.SECONDS);
        await("reconnected", () -> scscf.peer("hss.ims.test").map(p -> p.state().isOpen()).orElse(false));
        assertThat(scscf.send(TestNodes.mar("scscf.ims.test", "s;5")).get(5, TimeUnit.SECONDS).resultCode()).hasValue(2001);
    }

    @Test
    void unansweredRequestTimesOut() throws Exception {
        AtomicInteger received = new AtomicInteger();
        DiameterNode hss = node("hss.ims.test", TestNodes.fastTimers(), (request, from) -> {
            received.incrementAndGet();
            return new CompletableFuture<>(); // never answers
        });
        InetSocketAddress address = hss.listen(anyPort()).get(5, TimeUnit.SECONDS);
        DiameterNode scscf = node("scscf.ims.test", TestNodes.fastTimers().withRequest(Duration.ofMillis(300)),
                TestNodes.hss("scscf.ims.test"));
        scscf.connect(new RemotePeer("hss.ims.test", TestNodes.REALM, address)).get(5, TimeUnit.SECONDS);

        CompletableFuture<DiameterMessage> answer = scscf.send(TestNodes.mar("scscf.ims.test", "s;6"));
        assertThatThrownBy(answer::join).isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(DiameterRequestException.class)
                .extracting(e -> ((DiameterRequestException) e).reason()).isEqualTo(DiameterRequestException.Reason.TIMEOUT);
        assertThat(received).hasValue(1);
        assertThat(scscf.peer("hss.ims.test").orElseThrow().state()).isEqualTo(PeerState.I_OPEN);
    }

    @Test
    void handlerFailureIsAnswered5012() throws Exception {
        DiameterNode hss = node("hss.ims.test", TestNodes.fastTimers(), (request, from) -> {
            throw new IllegalStateException("database down");
        });
        InetSocketAddress address = hss.listen(anyPort()).get(5, TimeUnit.SECONDS);
        DiameterNode scscf = node("scscf.ims.test", TestNodes.fastTimers(), TestNodes.hss("scscf.ims.test"));
        scscf.connect(new RemotePeer("hss.ims.test", TestNodes.REALM, address)).get(5, TimeUnit.SECONDS);
        assertThat(scscf.send(TestNodes.mar("scscf.ims.test", "s;7")).get(5, TimeUnit.SECONDS).resultCode())
                .hasValue(5012);
    }

    @Test
    void answerWithWrongIdentifiersStillReachesTheRequester() throws Exception {
        DiameterNode hss = node("hss.ims.test", TestNodes.fastTimers(), (request, from) ->
                TestNodes.hss("hss.ims.test").handle(request, from).thenApply(a -> a.toBuilder()
                        .hopByHopId(0).endToEndId(0).request(true).build()));
        InetSocketAddress address = hss.listen(anyPort()).get(5, TimeUnit.SECONDS);
        DiameterNode scscf = node("scscf.ims.test", TestNodes.fastTimers(), TestNodes.hss("scscf.ims.test"));
        scscf.connect(new RemotePeer("hss.ims.test", TestNodes.REALM, address)).get(5, TimeUnit.SECONDS);
        DiameterMessage answer = scscf.send(TestNodes.mar("scscf.ims.test", "s;8")).get(5, TimeUnit.SECONDS);
        assertThat(answer.isRequest()).isFalse();
        assertThat(answer.resultCode()).hasValue(2001);
    }

    @Test
    void routesByDestinationRealmAndHost() throws Exception {
        DiameterNode hss1 = node("hss1.ims.test", TestNodes.fastTimers(), TestNodes.hss("hss1.ims.test"));
        DiameterNode hss2 = new DiameterNode(new NodeConfig("hss2.other.test", "other.test",
                TestNodes.config("x", TestNodes.fastTimers()).hostIpAddresses(), 0, "imscore", 1,
                TestNodes.config("x", TestNodes.fastTimers()).applications(), TestNodes.fastTimers()),
                Dictionaries.cx(), TestNodes.hss("hss2.other.test"));
        nodes.add(hss2);
        InetSocketAddress a1 = hss1.listen(anyPort()).get(5, TimeUnit.SECONDS);
        InetSocketAddress a2 = hss2.listen(anyPort()).get(5, TimeUnit.SECONDS);
        DiameterNode icscf = node("icscf.ims.test", TestNodes.fastTimers(), TestNodes.hss("icscf.ims.test"));
        icscf.connect(new RemotePeer("hss1.ims.test", TestNodes.REALM, a1)).get(5, TimeUnit.SECONDS);
        icscf.connect(new RemotePeer("hss2.other.test", "other.test", a2)).get(5, TimeUnit.SECONDS);

        DiameterMessage toOther = TestNodes.mar("icscf.ims.test", "r;1").toBuilder()
                .set(Avp.utf8(BaseAvps.DESTINATION_REALM, "other.test")).build();
        assertThat(icscf.send(toOther).get(5, TimeUnit.SECONDS).originHost()).hasValue("hss2.other.test");
        for (int i = 0; i < 3; i++) {
            assertThat(icscf.send(TestNodes.mar("icscf.ims.test", "r;2" + i)).get(5, TimeUnit.SECONDS).originHost())
                    .hasValue("hss1.ims.test");
        }
        DiameterMessage byHost = TestNodes.mar("icscf.ims.test", "r;3").toBuilder()
                .add(Avp.utf8(BaseAvps.DESTINATION_HOST, "hss2.other.test")).build();
        assertThat(icscf.send(byHost).get(5, TimeUnit.SECONDS).originHost()).hasValue("hss2.other.test");
        DiameterMessage nowhere = TestNodes.mar("icscf.ims.test", "r;4").toBuilder()
                .set(Avp.utf8(BaseAvps.DESTINATION_REALM, "nowhere.test")).build();
        assertThatThrownBy(() -> icscf.send(nowhere).join()).cause()
                .extracting(e -> ((DiameterRequestException) e).reason()).isEqualTo(DiameterRequestException.Reason.NO_ROUTE);
    }

    @Test
    void bothSidesConnectingSettleOnOneConnection() throws Exception {
        DiameterNode a = node("a.ims.test", TestNodes.fastTimers(), TestNodes.hss("a.ims.test"));
        DiameterNode b = node("b.ims.test", TestNodes.fastTimers(), TestNodes.hss("b.ims.test"));
        InetSocketAddress aAddress = a.listen(anyPort()).get(5, TimeUnit.SECONDS);
        InetSocketAddress bAddress = b.listen(anyPort()).get(5, TimeUnit.SECONDS);
        CompletableFuture<PeerInfo> ab = a.connect(new RemotePeer("b.ims.test", TestNodes.REALM, bAddress));
        CompletableFuture<PeerInfo> ba = b.connect(new RemotePeer("a.ims.test", TestNodes.REALM, aAddress));
        ab.get(5, TimeUnit.SECONDS);
        ba.get(5, TimeUnit.SECONDS);

        // RFC 6733 5.6.4: b.ims.test is the higher Origin-Host, so the connection b initiated survives.
        await("one connection each", () -> a.peers().size() == 1 && b.peers().size() == 1);
        Thread.sleep(800); // several reconnect periods: nothing flaps
        assertThat(a.peers()).hasSize(1);
        assertThat(b.peers()).hasSize(1);
        assertThat(b.peer("a.ims.test").orElseThrow().initiator()).isTrue();
        assertThat(a.peer("b.ims.test").orElseThrow().initiator()).isFalse();
        assertThat(a.send(TestNodes.mar("a.ims.test", "e;1")).get(5, TimeUnit.SECONDS).originHost()).hasValue("b.ims.test");
        assertThat(b.send(TestNodes.mar("b.ims.test", "e;2")).get(5, TimeUnit.SECONDS).originHost()).hasValue("a.ims.test");
    }
}
