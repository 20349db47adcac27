package org.imscore.diameter.peer;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

import org.imscore.diameter.codec.DiameterMessage;
import org.imscore.diameter.cx.Cx;
import org.imscore.diameter.cx.CxMessages;
import org.imscore.diameter.cx.CxRequestHeader;
import org.imscore.diameter.cx.CxResult;
import org.imscore.diameter.cx.MultimediaAuthAnswer;
import org.imscore.diameter.cx.MultimediaAuthRequest;
import org.imscore.diameter.cx.SipAuthDataItem;

/** Configurations and a Cx handler for loopback tests. */
final class TestNodes {

    private TestNodes() {
    }

    static final String REALM = "ims.test";

    static PeerTimers fastTimers() {
        return PeerTimers.defaults()
                .withWatchdog(Duration.ofSeconds(30), Duration.ZERO)
                .withRequest(Duration.ofSeconds(5))
                .withReconnect(Duration.ofMillis(100), Duration.ofMillis(400));
    }

    static NodeConfig config(String host, PeerTimers timers) {
        return new NodeConfig(host, REALM, List.of(InetAddress.getLoopbackAddress()), 0, "imscore", 1,
                List.of(CxMessages.CX_APPLICATION), timers);
    }

    /** Answers every MAR with one vector; everything else with 5012, so a test sees what arrived. */
    static RequestHandler hss(String host) {
        return (request, from) -> {
            if (MultimediaAuthRequest.from(request).isPresent()) {
                MultimediaAuthRequest mar = MultimediaAuthRequest.from(request).get();
                return CompletableFuture.completedFuture(new MultimediaAuthAnswer(CxResult.SUCCESS,
                        java.util.Optional.of(mar.userName()), java.util.Optional.of(mar.publicIdentity()),
                        java.util.OptionalLong.of(1), List.of(SipAuthDataItem.akaVector(1, Cx.SCHEME_AKAV1_MD5,
                        new byte[32], new byte[8], new byte[16], new byte[16]))).toMessage(request, host, REALM));
            }
            return CompletableFuture.completedFuture(CxMessages.finish(CxMessages.answer(request,
                    CxResult.base(5012), host, REALM), request));
        };
    }

    static DiameterMessage mar(String origin, String session) {
        return new MultimediaAuthRequest(CxRequestHeader.of(session, origin, REALM, null, REALM),
                "alice@ims.test", "sip:alice@ims.test", SipAuthDataItem.request(Cx.SCHEME_AKAV1_MD5), 1,
                "sip:" + origin + ":6060", List.of()).toMessage();
    }

    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
