package org.imscore.diameter.peer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.imscore.diameter.codec.DiameterMessage;
import org.imscore.diameter.dictionary.Dictionaries;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A node's tap over TCP loopback: CER/CEA and the request and its answer, each with the connection's ends. */
class MessageObserverTest {

    record Seen(MessageObserver.Direction direction, InetSocketAddress local, InetSocketAddress remote,
                DiameterMessage message) {
    }

    private final List<DiameterNode> nodes = new CopyOnWriteArrayList<>();

    private DiameterNode node(String host) {
        DiameterNode node = new DiameterNode(TestNodes.config(host, TestNodes.fastTimers()), Dictionaries.cx(),
                TestNodes.hss(host));
        nodes.add(node);
        return node;
    }

    @AfterEach
    void stop() {
        nodes.forEach(DiameterNode::close);
    }

    @Test
    void seesEveryMessageItSendsAndReceivesOnce() throws Exception {
        DiameterNode hss = node("hss.ims.test");
        InetSocketAddress hssAddress = hss.listen(new InetSocketAddress("127.0.0.1", 0)).get(5, TimeUnit.SECONDS);
        DiameterNode scscf = node("scscf.ims.test");
        List<Seen> seen = new CopyOnWriteArrayList<>();
        scscf.observe((d, l, r, m) -> seen.add(new Seen(d, l, r, m)));

        scscf.connect(new RemotePeer("hss.ims.test", TestNodes.REALM, hssAddress)).get(5, TimeUnit.SECONDS);
        DiameterMessage maa = scscf.send(TestNodes.mar("scscf.ims.test", "obs;1")).get(5, TimeUnit.SECONDS);

        assertThat(maa.resultCode()).hasValue(2001);
        TestNodes.await("the MAA observed", () -> seen.size() >= 4);
        // CER, CEA (RFC 6733 §5.3), then MAR (303) and MAA.
        assertThat(seen).extracting(s -> s.message().commandCode() + (s.message().isRequest() ? "R" : "A"))
                .containsExactly("257R", "257A", "303R", "303A");
        assertThat(seen).extracting(Seen::direction).containsExactly(MessageObserver.Direction.SENT,
                MessageObserver.Direction.RECEIVED, MessageObserver.Direction.SENT,
                MessageObserver.Direction.RECEIVED);
        assertThat(seen).allSatisfy(s -> assertThat(s.remote()).isEqualTo(hssAddress));
        assertThat(seen.get(3).message()).isEqualTo(maa);
    }

    @Test
    void anObserverThatThrowsDoesNotStopTheExchange() throws Exception {
        DiameterNode hss = node("hss.ims.test");
        hss.observe((d, l, r, m) -> {
            throw new IllegalStateException("observer broken");
        });
        InetSocketAddress hssAddress = hss.listen(new InetSocketAddress("127.0.0.1", 0)).get(5, TimeUnit.SECONDS);
        DiameterNode scscf = node("scscf.ims.test");
        scscf.connect(new RemotePeer("hss.ims.test", TestNodes.REALM, hssAddress)).get(5, TimeUnit.SECONDS);

        assertThat(scscf.send(TestNodes.mar("scscf.ims.test", "obs;2")).get(5, TimeUnit.SECONDS).resultCode())
                .hasValue(2001);
    }
}
