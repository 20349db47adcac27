package org.imscore.hss;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.imscore.aka.Octets;
import org.imscore.aka.SqnScheme;
import org.imscore.aka.Usim;
import org.imscore.aka.UsimResult;
import org.imscore.diameter.codec.BaseAvps;
import org.imscore.diameter.codec.DiameterMessage;
import org.imscore.diameter.codec.ExperimentalResult;
import org.imscore.diameter.codec.ResultCode;
import org.imscore.diameter.cx.Cx;
import org.imscore.diameter.cx.CxAvps;
import org.imscore.diameter.cx.CxRequestHeader;
import org.imscore.diameter.cx.CxResult;
import org.imscore.diameter.cx.CxResultCode;
import org.imscore.diameter.cx.DeregistrationReason;
import org.imscore.diameter.cx.LocationInfoRequest;
import org.imscore.diameter.cx.MultimediaAuthAnswer;
import org.imscore.diameter.cx.MultimediaAuthRequest;
import org.imscore.diameter.cx.ReasonCode;
import org.imscore.diameter.cx.RegistrationTerminationAnswer;
import org.imscore.diameter.cx.ServerAssignmentRequest;
import org.imscore.diameter.cx.ServerAssignmentType;
import org.imscore.diameter.cx.SipAuthDataItem;
import org.imscore.diameter.cx.UserAuthorizationRequest;
import org.imscore.diameter.cx.UserAuthorizationType;
import org.imscore.diameter.dictionary.Dictionaries;
import org.imscore.diameter.peer.DiameterNode;
import org.imscore.diameter.peer.NodeConfig;
import org.imscore.diameter.peer.RemotePeer;
import org.imscore.hss.cx.CxConfig;
import org.imscore.hss.profile.InitialFilterCriterion;
import org.imscore.hss.profile.ServiceProfile;
import org.imscore.hss.provisioning.SubscriberPatch;
import org.imscore.hss.store.StoreConfig;
import org.imscore.hss.subscriber.RegistrationState;
import org.imscore.hss.testing.CxSchema;
import org.imscore.hss.testing.Subscribers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Cx conversation over TCP between an S-CSCF/I-CSCF Diameter peer and a running HSS. */
class HssNodeTest {

  private static final String REALM = CxConfig.DEFAULT_REALM;
  private static final String CSCF = "scscf." + REALM;
  private static final String SERVER_NAME = "sip:scscf." + REALM + ":6060";
  private static final String IMPI = Subscribers.impi("alice");
  private static final String IMPU = Subscribers.sip("alice");

  @TempDir Path data;
  private HssNode hss;
  private DiameterNode cscf;
  private final LinkedBlockingQueue<DiameterMessage> received = new LinkedBlockingQueue<>();

  @BeforeEach
  void start() throws Exception {
    hss = HssNode.start(HssConfig.defaults(data).withDiameter(new InetSocketAddress("127.0.0.1", 0)));
    hss.provisioning().create(Subscribers.simple("alice", "tel:+15550001"));
    cscf =
        new DiameterNode(
            NodeConfig.cx(CSCF, REALM, InetAddress.getLoopbackAddress()),
            Dictionaries.cx(),
            (request, from) -> {
              received.add(request);
              return CompletableFuture.completedFuture(
                  new RegistrationTerminationAnswer(CxResult.SUCCESS, List.of()).toMessage(request, CSCF, REALM));
            });
    cscf.connect(new RemotePeer(hss.config().cx().originHost(), REALM, hss.diameterAddress()))
        .get(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() {
    cscf.close();
    hss.close();
  }

  private CxRequestHeader header() {
    return CxRequestHeader.of(cscf.newSessionId(), CSCF, REALM, null, REALM);
  }

  private DiameterMessage send(DiameterMessage request) throws Exception {
    DiameterMessage answer = cscf.send(request).get(10, TimeUnit.SECONDS);
    assertThat(answer.isRequest()).isFalse();
    assertThat(answer.sessionId()).isEqualTo(request.sessionId());
    assertThat(answer.originHost()).contains("hss." + REALM);
    assertThat(answer.originRealm()).contains(REALM);
    assertThat(answer.integer32(BaseAvps.AUTH_SESSION_STATE)).hasValue(BaseAvps.NO_STATE_MAINTAINED);
    return answer;
  }

  @Test
  void registrationLocationProfilePushAndAdministrativeDeregistration() throws Exception {
    DiameterMessage uaa =
        send(new UserAuthorizationRequest(header(), IMPI, IMPU, REALM, UserAuthorizationType.REGISTRATION.value(),
                OptionalLong.empty(), List.of()).toMessage());
    assertThat(ExperimentalResult.from(uaa)).contains(new ExperimentalResult(Cx.VENDOR_ID, CxResultCode.FIRST_REGISTRATION));
    assertThat(uaa.has(CxAvps.SERVER_CAPABILITIES)).isTrue();

    DiameterMessage maa =
        send(new MultimediaAuthRequest(header(), IMPI, IMPU, SipAuthDataItem.request(Cx.SCHEME_AKAV1_MD5), 1,
                SERVER_NAME, List.of()).toMessage());
    assertThat(maa.resultCode()).hasValue(ResultCode.SUCCESS);
    assertThat(maa.utf8(BaseAvps.USER_NAME)).contains(IMPI);
    assertThat(maa.utf8(CxAvps.PUBLIC_IDENTITY)).contains(IMPU);
    SipAuthDataItem vector = MultimediaAuthAnswer.from(maa).orElseThrow().authDataItems().get(0);
    UsimResult usim =
        new Usim(Octets.fromHex(Subscribers.K), Octets.fromHex(Subscribers.OPC), SqnScheme.DEFAULT)
            .authenticate(Octets.of(vector.authenticate().orElseThrow()));
    assertThat(usim).isInstanceOf(UsimResult.Authenticated.class);
    assertThat(((UsimResult.Authenticated) usim).res().toByteArray()).isEqualTo(vector.authorization().orElseThrow());

    DiameterMessage saa =
        send(new ServerAssignmentRequest(header(), Optional.of(IMPI), List.of(IMPU), Optional.empty(), SERVER_NAME,
                ServerAssignmentType.REGISTRATION.value(), false, OptionalInt.empty(), OptionalLong.empty(), List.of())
            .toMessage());
    assertThat(saa.resultCode()).hasValue(ResultCode.SUCCESS);
    String userData = new String(saa.octets(CxAvps.USER_DATA).orElseThrow(), StandardCharsets.UTF_8);
    CxSchema.assertValid(userData);
    assertThat(userData).contains("<Identity>" + IMPU + "</Identity>");

    DiameterMessage again =
        send(new UserAuthorizationRequest(header(), IMPI, IMPU, REALM, UserAuthorizationType.REGISTRATION.value(),
                OptionalLong.empty(), List.of()).toMessage());
    assertThat(ExperimentalResult.from(again)).contains(new ExperimentalResult(Cx.VENDOR_ID, CxResultCode.SUBSEQUENT_REGISTRATION));
    assertThat(again.utf8(CxAvps.SERVER_NAME)).contains(SERVER_NAME);

    DiameterMessage lia =
        send(new LocationInfoRequest(header(), "tel:+15550001", false, OptionalInt.empty(), OptionalInt.empty()).toMessage());
    assertThat(lia.resultCode()).hasValue(ResultCode.SUCCESS);
    assertThat(lia.utf8(CxAvps.SERVER_NAME)).contains(SERVER_NAME);

    hss.provisioning().patch(IMPI, new SubscriberPatch(null, null, null, null, null, null, null,
        List.of(new ServiceProfile("default", List.of(new InitialFilterCriterion(0, null,
            new InitialFilterCriterion.ApplicationServer("sip:mmtel." + REALM, InitialFilterCriterion.DefaultHandling.SESSION_CONTINUED, null),
            null))))));

    DiameterMessage ppr = received.poll(10, TimeUnit.SECONDS);
    assertThat(ppr).isNotNull();
    assertThat(ppr.commandCode()).isEqualTo(Cx.PUSH_PROFILE);
    assertThat(ppr.destinationHost()).contains(CSCF);
    assertThat(ppr.utf8(BaseAvps.USER_NAME)).contains(IMPI);
    String pushed = new String(ppr.octets(CxAvps.USER_DATA).orElseThrow(), StandardCharsets.UTF_8);
    CxSchema.assertValid(pushed);
    assertThat(pushed).contains("<ServerName>sip:mmtel." + REALM + "</ServerName>");

    hss.provisioning().deregister(IMPI);

    DiameterMessage rtr = received.poll(10, TimeUnit.SECONDS);
    assertThat(rtr).isNotNull();
    assertThat(rtr.isRequest()).isTrue();
    assertThat(rtr.commandCode()).isEqualTo(Cx.REGISTRATION_TERMINATION);
    assertThat(rtr.originHost()).contains("hss." + REALM);
    assertThat(rtr.destinationHost()).contains(CSCF);
    assertThat(rtr.destinationRealm()).contains(REALM);
    assertThat(rtr.utf8(BaseAvps.USER_NAME)).contains(IMPI);
    assertThat(rtr.findAll(CxAvps.PUBLIC_IDENTITY)).extracting(a -> a.utf8().orElseThrow())
        .containsExactly(IMPU, "tel:+15550001");
    assertThat(DeregistrationReason.fromAvp(rtr.find(CxAvps.DEREGISTRATION_REASON).orElseThrow()).orElseThrow().reason())
        .contains(ReasonCode.SERVER_CHANGE);
    assertThat(hss.store().find(IMPI).orElseThrow().stateOf(IMPU)).isEqualTo(RegistrationState.NOT_REGISTERED);
  }

  @Test
  void theSqnOutlivesARestartAndTheNextVectorsAreAboveEveryOneBefore() throws Exception {
    List<Long> before = new java.util.ArrayList<>(sqns(mar(3)));
    before.addAll(sqns(mar(2))); // within the block the first MAR stored: answered without a write
    long mark = hss.store().find(IMPI).orElseThrow().sqn();
    cscf.close();
    hss.close();

    hss = HssNode.start(HssConfig.defaults(data).withDiameter(new InetSocketAddress("127.0.0.1", 0)));
    cscf = new DiameterNode(NodeConfig.cx(CSCF, REALM, InetAddress.getLoopbackAddress()), Dictionaries.cx(),
        (request, from) -> CompletableFuture.failedFuture(new IllegalStateException("no requests expected")));
    cscf.connect(new RemotePeer(hss.config().cx().originHost(), REALM, hss.diameterAddress())).get(10, TimeUnit.SECONDS);

    assertThat(before).containsExactly(32L, 64L, 96L, 128L, 160L);
    assertThat(mark).as("the first MAR's SQNs and a block ahead").isEqualTo((3 + CxConfig.DEFAULT_SQN_BLOCK) * 32L);
    assertThat(hss.store().find(IMPI).orElseThrow().sqn()).isEqualTo(mark);
    List<Long> after = sqns(mar(1));
    assertThat(after).as("above the stored mark, so above every SQN handed out").containsExactly(mark + 32);
    assertThat(hss.store().find(IMPI).orElseThrow().sqn()).isEqualTo(mark + 32 + CxConfig.DEFAULT_SQN_BLOCK * 32L);
  }

  private DiameterMessage mar(int vectors) throws Exception {
    return send(new MultimediaAuthRequest(header(), IMPI, IMPU, SipAuthDataItem.request(Cx.SCHEME_AKAV1_MD5), vectors,
        SERVER_NAME, List.of()).toMessage());
  }

  /** The SQNs of a MAA's vectors, as a USIM that has seen nothing reads them. */
  private static List<Long> sqns(DiameterMessage maa) {
    assertThat(maa.resultCode()).hasValue(ResultCode.SUCCESS);
    return MultimediaAuthAnswer.from(maa).orElseThrow().authDataItems().stream()
        .map(item -> new Usim(Octets.fromHex(Subscribers.K), Octets.fromHex(Subscribers.OPC), SqnScheme.DEFAULT)
            .authenticate(Octets.of(item.authenticate().orElseThrow())))
        .map(result -> ((UsimResult.Authenticated) result).sqn().value())
        .toList();
  }

  @Test
  void anInMemoryHssStartsOnAFreePortAndLeavesNothingBehind() throws Exception {
    try (HssNode ephemeral = HssNode.start(HssConfig.inMemory())) {
      assertThat(ephemeral.diameterAddress().getPort()).isPositive().isNotEqualTo(hss.diameterAddress().getPort());
      assertThat(ephemeral.store().count()).isZero();
      assertThat(ephemeral.cx().config().originHost()).isEqualTo("hss." + REALM);
    }
  }

  @Test
  void aTakenPortIsReportedAndTheStoreIsClosedAgain() {
    HssConfig clash =
        HssConfig.defaults(data.resolve("other")).withStore(StoreConfig.h2InMemory("clash"))
            .withDiameter(hss.diameterAddress());

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> HssNode.start(clash))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot listen for Diameter on 127.0.0.1:" + hss.diameterAddress().getPort());
  }
}
