package org.imscore.cscf.cx;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.imscore.cscf.CaptureVectors;
import org.imscore.cscf.Counter;
import org.imscore.cscf.MutableClock;
import org.imscore.cscf.TestMessages;
import org.imscore.cscf.scscf.InMemoryBindingStore;
import org.imscore.cscf.scscf.InMemoryChallengeStore;
import org.imscore.cscf.scscf.ScscfConfig;
import org.imscore.cscf.scscf.ScscfRegistrar;
import org.imscore.diameter.codec.DiameterMessage;
import org.imscore.diameter.cx.Cx;
import org.imscore.diameter.cx.CxMessages;
import org.imscore.diameter.cx.CxResult;
import org.imscore.diameter.cx.CxAvps;
import org.imscore.diameter.cx.SipAuthDataItem;
import org.imscore.diameter.dictionary.Dictionaries;
import org.imscore.diameter.peer.DiameterNode;
import org.imscore.diameter.peer.NodeConfig;
import org.imscore.diameter.peer.PeerTimers;
import org.imscore.diameter.peer.RemotePeer;
import org.imscore.diameter.peer.RequestHandler;
import org.imscore.sip.message.NameAddress;
import org.imscore.sip.message.SipResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The S-CSCF registrar over {@link DiameterCxClient} over two Diameter nodes on TCP loopback; the HSS node answers
 * with the captured vector and User-Data. The captured REGISTERs must register as they did in the capture.
 */
class CxLoopbackTest {

    static final String REALM = CaptureVectors.REALM;
    static final String HSS = "hss." + REALM;
    static final String SCSCF = "scscf." + REALM;

    final List<DiameterNode> nodes = new ArrayList<>();
    final List<DiameterMessage> received = new ArrayList<>();

    @AfterEach
    void stop() {
        nodes.forEach(DiameterNode::close);
    }

    DiameterNode node(String host, RequestHandler handler, Duration requestTimeout) {
        PeerTimers timers = PeerTimers.defaults().withRequest(requestTimeout);
        DiameterNode n = new DiameterNode(new NodeConfig(host, REALM, List.of(InetAddress.getLoopbackAddress()), 0,
                "imscore", 1, List.of(CxMessages.CX_APPLICATION), timers), Dictionaries.cx(), handler);
        nodes.add(n);
        return n;
    }

    /** An HSS that answers MAR with the captured vector and SAR with the captured User-Data. */
    RequestHandler capturedHss() {
        return (request, from) -> {
            synchronized (received) {
                received.add(request);
            }
            DiameterMessage saa = CaptureVectors.diameter("nonipsec/700-saa.bin");
            var mar = org.imscore.diameter.cx.MultimediaAuthRequest.from(request);
            if (mar.isPresent()) {
                AuthVector.Aka v = CaptureVectors.NONIPSEC;
                byte[] randAutn = new byte[32];
                System.arraycopy(v.rand(), 0, randAutn, 0, 16);
                System.arraycopy(v.autn(), 0, randAutn, 16, 16);
                return CompletableFuture.completedFuture(new org.imscore.diameter.cx.MultimediaAuthAnswer(
                        CxResult.SUCCESS, Optional.of(mar.get().userName()), Optional.of(mar.get().publicIdentity()),
                        OptionalLong.of(1), List.of(SipAuthDataItem.akaVector(1, Cx.SCHEME_AKAV1_MD5, randAutn,
                        v.xres(), v.ck(), v.ik()))).toMessage(request, HSS, REALM));
            }
            return CompletableFuture.completedFuture(new org.imscore.diameter.cx.ServerAssignmentAnswer(
                    CxResult.SUCCESS, Optional.of(CaptureVectors.IMPI),
                    saa.octets(CxAvps.USER_DATA).map(b -> new String(b, java.nio.charset.StandardCharsets.UTF_8)),
                    Optional.empty(), List.of(), OptionalInt.empty(), Optional.empty()).toMessage(request, HSS, REALM));
        };
    }

    DiameterCxClient connectedClient(RequestHandler hssHandler, Duration timeout) throws Exception {
        DiameterNode hss = node(HSS, hssHandler, Duration.ofSeconds(5));
        InetSocketAddress address = hss.listen(new InetSocketAddress("127.0.0.1", 0)).get(5, TimeUnit.SECONDS);
        DiameterNode scscf = node(SCSCF, (r, f) -> CompletableFuture.failedFuture(new IllegalStateException()), timeout);
        scscf.connect(new RemotePeer(HSS, REALM, address)).get(5, TimeUnit.SECONDS);
        return new DiameterCxClient(new CxClientConfig(SCSCF, REALM, REALM, Optional.empty()), scscf::send, 1);
    }

    ScscfRegistrar registrar(CxClient cx) {
        return new ScscfRegistrar(ScscfConfig.defaults(CaptureVectors.SERVER_NAME, REALM,
                NameAddress.parse("<sip:orig@scscf." + REALM + ":6060;lr>")), cx, new InMemoryBindingStore(),
                new InMemoryChallengeStore(), new MutableClock(Instant.parse("2020-04-17T08:00:34Z")), new Counter());
    }

    @Test
    void capturedRegistrationCompletesOverDiameter() throws Exception {
        ScscfRegistrar registrar = registrar(connectedClient(capturedHss(), Duration.ofSeconds(5)));

        SipResponse challenge = registrar.register(TestMessages.request("nonipsec/308-register-icscf-to-scscf.sip"))
                .toCompletableFuture().get(5, TimeUnit.SECONDS).response();
        SipResponse ok = registrar.register(TestMessages.request("nonipsec/501-register-auth-icscf-to-scscf.sip"))
                .toCompletableFuture().get(5, TimeUnit.SECONDS).response();

        assertThat(challenge.statusCode()).isEqualTo(401);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headerValue("P-Associated-URI")).hasValue("<tel:0598765432100>, <sip:0598765432100>");
        synchronized (received) {
            assertThat(received).extracting(DiameterMessage::commandCode)
                    .containsExactly(Cx.MULTIMEDIA_AUTH, Cx.SERVER_ASSIGNMENT);
            assertThat(org.imscore.diameter.cx.ServerAssignmentRequest.from(received.get(1)).orElseThrow()
                    .assignmentType()).isEqualTo(AssignmentType.REGISTRATION.value());
        }
    }

    @Test
    void hssThatNeverAnswersIs504NotForbidden() throws Exception {
        ScscfRegistrar registrar = registrar(connectedClient((request, from) -> new CompletableFuture<>(),
                Duration.ofMillis(300)));

        SipResponse r = registrar.register(TestMessages.request("nonipsec/308-register-icscf-to-scscf.sip"))
                .toCompletableFuture().get(5, TimeUnit.SECONDS).response();

        assertThat(r.statusCode()).isEqualTo(504);
        assertThat(r.headerValue("Retry-After")).isPresent();
    }

    @Test
    void noConnectionToTheHssIs504() throws Exception {
        DiameterNode lonely = node(SCSCF, (r, f) -> new CompletableFuture<>(), Duration.ofSeconds(1));
        ScscfRegistrar registrar = registrar(new DiameterCxClient(new CxClientConfig(SCSCF, REALM, REALM,
                Optional.empty()), lonely::send, 1));

        SipResponse r = registrar.register(TestMessages.request("nonipsec/308-register-icscf-to-scscf.sip"))
                .toCompletableFuture().get(5, TimeUnit.SECONDS).response();

        assertThat(r.statusCode()).isEqualTo(504);
    }
}
