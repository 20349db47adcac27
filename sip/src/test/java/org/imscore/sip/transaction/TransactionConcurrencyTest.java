package org.imscore.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Inputs from several threads at once (transport event loops, the TU, timers): one transaction per request, every
 * response sent once per input, callbacks never overlapping.
 */
class TransactionConcurrencyTest extends TransactionTestBase {

    private final ExecutorService pool = Executors.newFixedThreadPool(8);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @RepeatedTest(5)
    void copiesOfANewRequestArrivingTogetherMakeOneTransaction() throws Exception {
        arriveTogether(Wire.request("OPTIONS", "UDP", "z9hG4bK-race"));
    }

    @RepeatedTest(5)
    void copiesOfAnRfc2543RequestArrivingTogetherMakeOneTransaction() throws Exception {
        // No branch: matched field by field (§17.2.3), in a list per Call-ID rather than a map.
        arriveTogether(Wire.request("OPTIONS", "UDP", "z9hG4bK-x").toBuilder()
                .set("Via", "SIP/2.0/UDP 192.0.2.10:5060").build());
    }

    private void arriveTogether(SipRequest options) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            done.add(pool.submit(() -> {
                start.await();
                layer.onMessage(Wire.inbound(options, Wire.PEER_UDP));
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get(10, TimeUnit.SECONDS);
        }
        assertThat(user.requests).hasSize(1);
        assertThat(layer.serverTransactionCount()).isEqualTo(1);
    }

    @RepeatedTest(5)
    void retransmissionsRacingTheTuResponseNeverBreakTheMachine() throws Exception {
        SipRequest invite = Wire.invite("UDP", "z9hG4bK-race-inv");
        layer.onMessage(Wire.inbound(invite, Wire.PEER_UDP));
        ServerTransaction tx = user.last();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            done.add(pool.submit(() -> {
                start.await();
                for (int j = 0; j < 50; j++) {
                    layer.onMessage(Wire.inbound(invite, Wire.PEER_UDP));
                }
                return null;
            }));
        }
        done.add(pool.submit(() -> {
            start.await();
            tx.sendResponse(SipResponse.forRequest(invite, 180).toTag("t").build());
            return tx.sendResponse(SipResponse.forRequest(invite, 486).toTag("t").build());
        }));
        start.countDown();
        for (Future<?> f : done) {
            f.get(10, TimeUnit.SECONDS);
        }
        assertThat(tx.state()).isEqualTo(TransactionState.COMPLETED);
        List<Integer> codes = transport.sentStatusCodes();
        assertThat(codes.get(0)).isEqualTo(100);
        // Every retransmission was answered with whatever was last sent; once the 486 went out, nothing else.
        int first486 = codes.indexOf(486);
        assertThat(first486).isPositive();
        assertThat(codes.subList(first486, codes.size())).containsOnly(486);
        assertThat(codes).hasSize(1 + 300 + 2);
        assertThat(user.requests).hasSize(1);
    }
}
