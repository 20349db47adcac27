package org.imscore.diameter.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imscore.diameter.peer.TestNodes.await;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.imscore.diameter.codec.Avp;
import org.imscore.diameter.codec.BaseAvps;
import org.imscore.diameter.codec.DiameterMessage;
import org.imscore.diameter.codec.VendorSpecificApplicationId;
import org.imscore.diameter.cx.CxAvps;
import org.imscore.diameter.dictionary.AvpCode;
import org.imscore.diameter.dictionary.Dictionaries;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Raw octets from a plain socket against a node: each kind of bad input gets its RFC 6733 answer and
 * none closes the connection silently.
 */
class BadInputTest {

    private DiameterNode hss;
    private InetSocketAddress address;
    private final AtomicInteger handled = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        RequestHandler counting = (request, from) -> {
            handled.incrementAndGet();
            return TestNodes.hss("hss.ims.test").handle(request, from);
        };
        hss = new DiameterNode(TestNodes.config("hss.ims.test",
                TestNodes.fastTimers().withWatchdog(Duration.ofMillis(200), Duration.ZERO)), Dictionaries.cx(), counting);
        address = hss.listen(new InetSocketAddress("127.0.0.1", 0)).get(5, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() {
        hss.close();
    }

    private RawPeer openPeer() throws Exception {
        RawPeer peer = new RawPeer(address);
        assertThat(peer.open("raw.ims.test").resultCode()).hasValue(2001);
        return peer;
    }

    private static DiameterMessage mar() {
        return TestNodes.mar("raw.ims.test", "raw;1");
    }

    @Test
    void kamailioStyleCerIsAccepted() throws Exception {
        try (RawPeer peer = new RawPeer(address)) {
            DiameterMessage cer = RawPeer.cer("icscf.ims.test")
                    .add(Avp.unsigned32(BaseAvps.SUPPORTED_VENDOR_ID, 10415))
                    .add(Avp.unsigned32(BaseAvps.AUTH_APPLICATION_ID, 16777216))
                    .add(VendorSpecificApplicationId.auth(10415, 16777216).toAvp())
                    .add(VendorSpecificApplicationId.auth(4491, 16777216).toAvp())
                    .add(VendorSpecificApplicationId.auth(13019, 16777216).toAvp())
                    .build();
            peer.send(cer);
            DiameterMessage cea = peer.read();
            assertThat(cea.resultCode()).hasValue(2001);
            assertThat(VendorSpecificApplicationId.allFrom(cea))
                    .containsExactly(VendorSpecificApplicationId.auth(10415, 16777216));
            assertThat(cea.findAll(BaseAvps.SUPPORTED_VENDOR_ID)).hasSize(1);
            assertThat(cea.findAll(BaseAvps.HOST_IP_ADDRESS)).isNotEmpty();
            assertThat(cea.isProxiable()).isFalse();
            // A bare Auth-Application-Id alone is enough as well.
        }
        try (RawPeer peer = new RawPeer(address)) {
            peer.send(RawPeer.cer("bare.ims.test").add(Avp.unsigned32(BaseAvps.AUTH_APPLICATION_ID, 16777216)).build());
            assertThat(peer.read().resultCode()).hasValue(2001);
        }
    }

    @Test
    void noCommonApplicationIs5010AndClose() throws Exception {
        try (RawPeer peer = new RawPeer(address)) {
            peer.send(RawPeer.cer("s6a.test").add(VendorSpecificApplicationId.auth(10415, 16777251).toAvp()).build());
            DiameterMessage cea = peer.read();
            assertThat(cea.resultCode()).hasValue(5010);
            assertThat(peer.closedByPeer()).isTrue();
        }
    }

    @Test
    void cerMissingMandatoryAvpIs5005() throws Exception {
        try (RawPeer peer = new RawPeer(address)) {
            peer.send(RawPeer.cer("x.test").remove(BaseAvps.PRODUCT_NAME).build());
            DiameterMessage cea = peer.read();
            assertThat(cea.resultCode()).hasValue(5005);
            assertThat(cea.find(BaseAvps.FAILED_AVP).orElseThrow().avps()).extracting(Avp::key)
                    .containsExactly(new AvpCode(269, 0));
        }
    }

    @Test
    void requestBeforeCapabilitiesExchangeIs3010() throws Exception {
        try (RawPeer peer = new RawPeer(address)) {
            peer.send(mar());
            DiameterMessage answer = peer.read();
            assertThat(answer.resultCode()).hasValue(3010);
            assertThat(answer.isError()).isTrue();
            assertThat(peer.closedByPeer()).isTrue();
        }
    }

    @Test
    void errorBitInRequestGets3008WithErrorBit() throws Exception {
        try (RawPeer peer = openPeer()) {
            peer.send(mar().toBuilder().error(true).build());
            DiameterMessage answer = peer.read();
            assertThat(answer.isError()).isTrue();
            assertThat(answer.isRequest()).isFalse();
            assertThat(answer.resultCode()).hasValue(3008);
            assertThat(answer.sessionId()).hasValue("raw;1");
            assertStillServes(peer);
        }
    }

    @Test
    void missingAvpGets5005WithFailedAvp() throws Exception {
        try (RawPeer peer = openPeer()) {
            peer.send(mar().toBuilder().remove(CxAvps.PUBLIC_IDENTITY).build());
            DiameterMessage answer = peer.read();
            assertThat(answer.resultCode()).hasValue(5005);
            Avp failed = answer.find(BaseAvps.FAILED_AVP).orElseThrow();
            assertThat(failed.avps()).hasSize(1);
            assertThat(failed.avps().get(0).key()).isEqualTo(new AvpCode(601, 10415));
            assertThat(handled).hasValue(0);
            assertStillServes(peer);
        }
    }

    @Test
    void unknownCommandGets3001() throws Exception {
        try (RawPeer peer = openPeer()) {
            peer.send(mar().toBuilder().commandCode(399).build());
            DiameterMessage answer = peer.read();
            assertThat(answer.resultCode()).hasValue(3001);
            assertThat(answer.isError()).isTrue();
            assertStillServes(peer);
        }
    }

    @Test
    void unsupportedApplicationGets3007() throws Exception {
        try (RawPeer peer = openPeer()) {
            peer.send(mar().toBuilder().applicationId(16777251).build());
            DiameterMessage answer = peer.read();
            assertThat(answer.resultCode()).hasValue(3007);
            assertThat(answer.isError()).isTrue();
            assertThat(answer.applicationId()).isEqualTo(16777251);
            assertStillServes(peer);
        }
    }

    @Test
    void invalidAvpLengthGets5014WithFailedAvp() throws Exception {
        try (RawPeer peer = openPeer()) {
            byte[] wire = RawPeer.CODEC.encode(mar().toBuilder().hopByHopId(77).build());
            int lastAvp = wire.length - mar().avps().get(mar().avps().size() - 1).encodedLength();
            wire[lastAvp + 7] = (byte) 200; // Server-Name claims more octets than the message has
            peer.sendBytes(wire);
            DiameterMessage answer = peer.read();
            assertThat(answer.resultCode()).hasValue(5014);
            assertThat(answer.hopByHopId()).isEqualTo(77);
            assertThat(answer.find(BaseAvps.FAILED_AVP).orElseThrow().avps().get(0).code()).isEqualTo(602);
            assertStillServes(peer);
        }
    }

    @Test
    void unknownMandatoryAvpGets5001() throws Exception {
        try (RawPeer peer = openPeer()) {
            peer.send(mar().toBuilder().add(new Avp(9999, Avp.FLAG_MANDATORY, 0, new byte[4])).build());
            DiameterMessage answer = peer.read();
            assertThat(answer.resultCode()).hasValue(5001);
            assertThat(answer.find(BaseAvps.FAILED_AVP).orElseThrow().avps().get(0).code()).isEqualTo(9999);
            assertStillServes(peer);
        }
    }

    @Test
    void unframeableHeaderIsAnsweredThenClosed() throws Exception {
        try (RawPeer peer = openPeer()) {
            byte[] wire = RawPeer.CODEC.encode(mar().toBuilder().hopByHopId(55).build());
            wire[0] = 2; // version 2
            peer.sendBytes(wire);
            DiameterMessage answer = peer.read();
            assertThat(answer.resultCode()).hasValue(5011);
            assertThat(answer.hopByHopId()).isEqualTo(55);
            assertThat(peer.closedByPeer()).isTrue();
        }
    }

    @Test
    void retransmittedDuplicateIsAnsweredFromCache() throws Exception {
        try (RawPeer peer = openPeer()) {
            DiameterMessage first = mar().toBuilder().hopByHopId(1).endToEndId(4242).build();
            peer.send(first);
            DiameterMessage a1 = peer.read();
            peer.send(first.toBuilder().hopByHopId(2).retransmitted(true).build());
            DiameterMessage a2 = peer.read();
            assertThat(a1.hopByHopId()).isEqualTo(1);
            assertThat(a2.hopByHopId()).isEqualTo(2);
            assertThat(a2.endToEndId()).isEqualTo(4242);
            assertThat(a2.avps()).isEqualTo(a1.avps());
            assertThat(handled).hasValue(1);
        }
    }

    @Test
    void vanishedPeerIsCleanedUpByTheWatchdog() throws Exception {
        try (RawPeer peer = openPeer()) {
            await("R-Open", () -> hss.peer("raw.ims.test").isPresent());
            DiameterMessage dwr = peer.read(); // after Tw of silence
            assertThat(dwr.commandCode()).isEqualTo(280);
            assertThat(dwr.isRequest()).isTrue();
            // We never answer: after another Tw the node closes and forgets us.
            assertThat(peer.closedByPeer()).isTrue();
            await("peer removed", () -> hss.peers().isEmpty());
        }
    }

    @Test
    void answeringDwrKeepsTheRawPeer() throws Exception {
        try (RawPeer peer = openPeer()) {
            for (int i = 0; i < 3; i++) {
                DiameterMessage dwr = peer.read();
                assertThat(dwr.commandCode()).isEqualTo(280);
                peer.send(DiameterMessage.answerTo(dwr).add(Avp.unsigned32(BaseAvps.RESULT_CODE, 2001))
                        .add(Avp.utf8(BaseAvps.ORIGIN_HOST, "raw.ims.test"))
                        .add(Avp.utf8(BaseAvps.ORIGIN_REALM, TestNodes.REALM)).build());
            }
            assertThat(hss.peer("raw.ims.test").orElseThrow().watchdogExchanges()).isGreaterThanOrEqualTo(2);
            // The node answers our DWR too.
            peer.send(DiameterMessage.request(280, 0).add(Avp.utf8(BaseAvps.ORIGIN_HOST, "raw.ims.test"))
                    .add(Avp.utf8(BaseAvps.ORIGIN_REALM, TestNodes.REALM)).build());
            DiameterMessage dwa;
            do {
                dwa = peer.read();
            } while (dwa.isRequest());
            assertThat(dwa.resultCode()).hasValue(2001);
        }
    }

    @Test
    void silentConnectionWithoutCerIsClosed() throws Exception {
        PeerTimers t = TestNodes.fastTimers();
        PeerTimers shortCer = new PeerTimers(t.watchdog(), t.watchdogJitter(), t.request(), t.connect(),
                Duration.ofMillis(200), t.disconnect(), t.reconnectMin(), t.reconnectMax(), t.duplicateWindow());
        DiameterNode strict = new DiameterNode(TestNodes.config("strict.ims.test", shortCer), Dictionaries.cx(),
                TestNodes.hss("strict.ims.test"));
        try (RawPeer peer = new RawPeer(strict.listen(new InetSocketAddress("127.0.0.1", 0)).get(5, TimeUnit.SECONDS))) {
            assertThat(peer.closedByPeer()).isTrue();
            await("connection forgotten", () -> strict.peers().isEmpty());
        } finally {
            strict.close();
        }
    }

    private void assertStillServes(RawPeer peer) throws Exception {
        peer.send(mar());
        DiameterMessage answer;
        do {
            answer = peer.read();
        } while (answer.isRequest()); // skip a DWR that may come in between
        assertThat(answer.resultCode()).hasValue(2001);
        assertThat(answer.commandCode()).isEqualTo(303);
    }
}
