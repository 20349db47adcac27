package org.imscore.hss.cx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.imscore.aka.AuthenticationCenter;
import org.imscore.aka.SqnScheme;
import org.imscore.diameter.codec.Avp;
import org.imscore.diameter.codec.BaseAvps;
import org.imscore.diameter.codec.DiameterMessage;
import org.imscore.diameter.codec.ExperimentalResult;
import org.imscore.diameter.codec.VendorSpecificApplicationId;
import org.imscore.diameter.cx.Cx;
import org.imscore.diameter.cx.CxAvps;
import org.imscore.diameter.cx.CxRequestHeader;
import org.imscore.diameter.cx.LocationInfoRequest;
import org.imscore.diameter.cx.MultimediaAuthRequest;
import org.imscore.diameter.cx.ServerAssignmentRequest;
import org.imscore.diameter.cx.ServerAssignmentType;
import org.imscore.diameter.cx.SipAuthDataItem;
import org.imscore.diameter.cx.UserAuthorizationRequest;
import org.imscore.diameter.cx.UserAuthorizationType;
import org.imscore.hss.provisioning.ProvisioningService;
import org.imscore.hss.store.HssStore;
import org.imscore.hss.store.StoreConfig;
import org.imscore.hss.testing.Subscribers;

/** An HSS Cx handler over an in-memory store, and the requests CSCFs send it. */
final class CxFixture implements AutoCloseable {

  static final String REALM = Subscribers.REALM;
  static final String ICSCF = "icscf." + REALM;
  static final String SCSCF = "scscf." + REALM;
  static final String SCSCF_NAME = "sip:scscf." + REALM + ":6060";
  static final String OTHER_SCSCF_NAME = "sip:scscf2." + REALM + ":6060";

  final StoreConfig storeConfig;
  final HssStore store;
  final ProvisioningService provisioning;
  final CxConfig config;
  final CxHandler handler;
  /** RAND values handed out, in order; tests set the next one. */
  byte[] nextRand = HexFormat.of().parseHex("a0944c75ff3c4f0853a2f910aa1f104f");
  private final AtomicInteger sessions = new AtomicInteger();

  CxFixture() {
    this(CxConfig.defaults(REALM));
  }

  CxFixture(CxConfig config) {
    this(config, StoreConfig.h2InMemory("cx-" + UUID.randomUUID()));
  }

  CxFixture(CxConfig config, StoreConfig storeConfig) {
    this.storeConfig = storeConfig;
    this.store = HssStore.open(storeConfig);
    this.provisioning = new ProvisioningService(store);
    this.config = config;
    AuthenticationCenter auc =
        new AuthenticationCenter(SqnScheme.DEFAULT, rand -> System.arraycopy(nextRand, 0, rand, 0, 16));
    this.handler = new CxHandler(store, config, auc);
  }

  /** Deletes every subscriber, so that one fixture (and one database) serves a whole test class. */
  void clear() {
    store.list(0, Integer.MAX_VALUE).forEach(s -> store.delete(s.impi()));
  }

  @Override
  public void close() {
    store.close();
  }

  CxRequestHeader header(String from) {
    return CxRequestHeader.of(from + ";1;" + sessions.incrementAndGet(), from, REALM, null, REALM);
  }

  DiameterMessage uar(String impi, String impu, UserAuthorizationType type) {
    return new UserAuthorizationRequest(
            header(ICSCF), impi, impu, REALM, type.value(), OptionalLong.empty(), List.of())
        .toMessage();
  }

  DiameterMessage mar(String impi, String impu, String scheme, long items) {
    return new MultimediaAuthRequest(
            header(SCSCF), impi, impu, SipAuthDataItem.request(scheme), items, SCSCF_NAME, List.of())
        .toMessage();
  }

  DiameterMessage resyncMar(String impi, String impu, byte[] randAndAuts) {
    return new MultimediaAuthRequest(
            header(SCSCF), impi, impu, SipAuthDataItem.resync(Cx.SCHEME_AKAV1_MD5, randAndAuts), 1, SCSCF_NAME,
            List.of())
        .toMessage();
  }

  DiameterMessage sar(String impi, String impu, ServerAssignmentType type) {
    return sar(impi, impu, type, SCSCF_NAME, false);
  }

  DiameterMessage sar(String impi, String impu, ServerAssignmentType type, String serverName, boolean dataAvailable) {
    return new ServerAssignmentRequest(
            header(SCSCF), Optional.ofNullable(impi), impu == null ? List.of() : List.of(impu), Optional.empty(),
            serverName, type.value(), dataAvailable, OptionalInt.empty(), OptionalLong.empty(), List.of())
        .toMessage();
  }

  DiameterMessage lir(String impu, boolean originating) {
    return new LocationInfoRequest(header(ICSCF), impu, originating, OptionalInt.empty(), OptionalInt.empty())
        .toMessage();
  }

  /** What every Cx answer carries, checked AVP by AVP against its request. */
  void assertAnswerBasics(DiameterMessage request, DiameterMessage answer) {
    assertThat(answer.isRequest()).isFalse();
    assertThat(answer.isProxiable()).isTrue();
    assertThat(answer.commandCode()).isEqualTo(request.commandCode());
    assertThat(answer.applicationId()).isEqualTo(Cx.APPLICATION_ID);
    assertThat(answer.hopByHopId()).isEqualTo(request.hopByHopId());
    assertThat(answer.endToEndId()).isEqualTo(request.endToEndId());
    assertThat(answer.avps().get(0).is(BaseAvps.SESSION_ID)).as("Session-Id first").isTrue();
    assertThat(answer.sessionId()).isEqualTo(request.sessionId());
    assertThat(answer.originHost()).contains(config.originHost());
    assertThat(answer.originRealm()).contains(config.originRealm());
    assertThat(answer.integer32(BaseAvps.AUTH_SESSION_STATE)).hasValue(BaseAvps.NO_STATE_MAINTAINED);
    assertThat(VendorSpecificApplicationId.allFrom(answer))
        .containsExactly(VendorSpecificApplicationId.auth(Cx.VENDOR_ID, Cx.APPLICATION_ID));
  }

  /** A Cx result in Experimental-Result (Vendor-Id 10415) and no Result-Code. */
  static void assertExperimental(DiameterMessage answer, long code) {
    assertThat(answer.resultCode()).isEmpty();
    assertThat(ExperimentalResult.from(answer)).contains(new ExperimentalResult(Cx.VENDOR_ID, code));
  }

  /** A base Result-Code and no Experimental-Result. */
  static void assertResultCode(DiameterMessage answer, long code) {
    assertThat(answer.resultCode()).hasValue(code);
    assertThat(answer.has(BaseAvps.EXPERIMENTAL_RESULT)).isFalse();
  }

  static byte[] hex(String hex) {
    return HexFormat.of().parseHex(hex);
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  static Optional<Avp> only(DiameterMessage message, org.imscore.diameter.dictionary.AvpDefinition def) {
    assertThat(message.findAll(def)).hasSizeLessThanOrEqualTo(1);
    return message.find(def);
  }

  static final org.imscore.diameter.dictionary.AvpDefinition SERVER_NAME = CxAvps.SERVER_NAME;
}
