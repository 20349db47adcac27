package org.imscore.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.atomic.AtomicLong;
import org.imscore.sip.message.Via;
import org.junit.jupiter.api.Test;

/** Which channel a response goes back on, and for how long that is remembered (the clock is the test's). */
class ResponseRoutesTest {

    private static final long LIFETIME = 1_000;

    private final AtomicLong now = new AtomicLong(5_000);
    private final ResponseRoutes routes = new ResponseRoutes(LIFETIME, now::get);
    private final EmbeddedChannel connection = new EmbeddedChannel();

    @Test
    void theResponseViaFindsTheRequestsChannelByBranchAndSentBy() {
        routes.remember(Via.parse("SIP/2.0/TCP ue.example.com:5999;branch=z9hG4bK1;received=192.0.2.1"), connection);

        // a response carries the same Via; parameter order or extra parameters do not matter, host case neither
        assertThat(routes.lookup(Via.parse("SIP/2.0/TCP UE.example.com:5999;received=192.0.2.1;branch=z9hG4bK1")))
                .isSameAs(connection);
        assertThat(routes.lookup(Via.parse("SIP/2.0/TCP ue.example.com:5999;branch=z9hG4bK2"))).isNull();
        assertThat(routes.lookup(Via.parse("SIP/2.0/TCP ue.example.com:5998;branch=z9hG4bK1"))).isNull();
    }

    @Test
    void anRfc2543ViaIsMatchedWhole() {
        routes.remember(Via.parse("SIP/2.0/TCP 192.0.2.1:5060;branch=old1"), connection);
        assertThat(routes.lookup(Via.parse("SIP/2.0/TCP 192.0.2.1:5060;branch=old1"))).isSameAs(connection);
        assertThat(routes.lookup(Via.parse("SIP/2.0/TCP 192.0.2.1:5060;branch=old2"))).isNull();
    }

    @Test
    void aRouteExpiresAfterItsLifetime() {
        Via via = Via.parse("SIP/2.0/TCP ue.example.com;branch=z9hG4bKx");
        routes.remember(via, connection);
        now.addAndGet(LIFETIME);
        assertThat(routes.lookup(via)).isSameAs(connection);
        now.addAndGet(1);
        assertThat(routes.lookup(via)).isNull();
        assertThat(routes.size()).isZero();
    }

    @Test
    void aClosedConnectionIsNoRouteAndTheSweepForgetsIt() {
        Via via = Via.parse("SIP/2.0/TCP ue.example.com;branch=z9hG4bKy");
        routes.remember(via, connection);
        routes.remember(Via.parse("SIP/2.0/TCP ue.example.com;branch=z9hG4bKz"), connection);
        connection.close();
        routes.sweep();
        assertThat(routes.size()).isZero();
        assertThat(routes.lookup(via)).isNull();
    }
}
