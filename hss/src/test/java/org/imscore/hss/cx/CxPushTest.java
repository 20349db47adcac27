package org.imscore.hss.cx;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.imscore.diameter.codec.BaseAvps;
import org.imscore.diameter.codec.DiameterMessage;
import org.imscore.diameter.codec.VendorSpecificApplicationId;
import org.imscore.diameter.cx.Cx;
import org.imscore.diameter.cx.CxAvps;
import org.imscore.diameter.cx.DeregistrationReason;
import org.imscore.diameter.cx.ReasonCode;
import org.imscore.diameter.cx.ServerAssignmentType;
import org.imscore.hss.profile.InitialFilterCriterion;
import org.imscore.hss.profile.ServiceProfile;
import org.imscore.hss.provisioning.ProvisioningService;
import org.imscore.hss.provisioning.SubscriberPatch;
import org.imscore.hss.testing.CxSchema;
import org.imscore.hss.testing.Subscribers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RTR and PPR that provisioning changes make the HSS send, AVP by AVP. */
class CxPushTest {

  private static final String IMPI = Subscribers.impi("alice");
  private static final String IMPU = Subscribers.sip("alice");

  private CxFixture cx;
  private ProvisioningService provisioning;
  private final List<DiameterMessage> sent = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    cx = new CxFixture();
    Clock clock = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);
    CxPush push =
        new CxPush(
            cx.config,
            new SessionIds(cx.config.originHost(), clock),
            request -> {
              sent.add(request);
              return CompletableFuture.completedFuture(request);
            });
    provisioning = new ProvisioningService(cx.store, push);
    provisioning.create(Subscribers.simple("alice", "tel:+15550001"));
  }

  @AfterEach
  void stop() {
    cx.close();
  }

  private void register() {
    cx.handler.answer(cx.sar(IMPI, IMPU, ServerAssignmentType.REGISTRATION));
  }

  private void assertRequestBasics(DiameterMessage request, int command) {
    assertThat(request.isRequest()).isTrue();
    assertThat(request.isProxiable()).isTrue();
    assertThat(request.commandCode()).isEqualTo(command);
    assertThat(request.applicationId()).isEqualTo(Cx.APPLICATION_ID);
    assertThat(request.avps().get(0).is(BaseAvps.SESSION_ID)).isTrue();
    assertThat(request.sessionId().orElseThrow()).startsWith(cx.config.originHost() + ";1700000000;");
    assertThat(request.originHost()).contains(cx.config.originHost());
    assertThat(request.originRealm()).contains(cx.config.originRealm());
    assertThat(request.destinationHost()).contains(CxFixture.SCSCF);
    assertThat(request.destinationRealm()).contains(CxFixture.REALM);
    assertThat(request.integer32(BaseAvps.AUTH_SESSION_STATE)).hasValue(BaseAvps.NO_STATE_MAINTAINED);
    assertThat(VendorSpecificApplicationId.allFrom(request))
        .containsExactly(VendorSpecificApplicationId.auth(Cx.VENDOR_ID, Cx.APPLICATION_ID));
    assertThat(request.utf8(BaseAvps.USER_NAME)).contains(IMPI);
  }

  @Test
  void administrativeDeregistrationSendsAnRtrWithServerChange() {
    register();

    provisioning.deregister(IMPI);

    assertThat(sent).hasSize(1);
    DiameterMessage rtr = sent.get(0);
    assertRequestBasics(rtr, Cx.REGISTRATION_TERMINATION);
    assertThat(rtr.findAll(CxAvps.PUBLIC_IDENTITY)).extracting(a -> a.utf8().orElseThrow())
        .containsExactly(IMPU, "tel:+15550001");
    DeregistrationReason reason =
        DeregistrationReason.fromAvp(rtr.find(CxAvps.DEREGISTRATION_REASON).orElseThrow()).orElseThrow();
    assertThat(reason.reason()).contains(ReasonCode.SERVER_CHANGE);
    assertThat(reason.reasonInfo()).contains("administrative deregistration");
    assertThat(cx.store.find(IMPI).orElseThrow().scscf()).isNull();
  }

  @Test
  void deletingAServedSubscriberSendsAnRtrWithPermanentTermination() {
    register();

    provisioning.delete(IMPI);

    assertThat(sent).hasSize(1);
    assertRequestBasics(sent.get(0), Cx.REGISTRATION_TERMINATION);
    assertThat(DeregistrationReason.fromAvp(sent.get(0).find(CxAvps.DEREGISTRATION_REASON).orElseThrow())
            .orElseThrow().reason())
        .contains(ReasonCode.PERMANENT_TERMINATION);
  }

  @Test
  void aProfileChangeOfAServedSubscriberSendsAPprWithTheNewUserData() throws Exception {
    register();
    ServiceProfile withAs =
        new ServiceProfile(
            "default",
            List.of(
                new InitialFilterCriterion(
                    5, null,
                    new InitialFilterCriterion.ApplicationServer(
                        "sip:mmtel.example.org", InitialFilterCriterion.DefaultHandling.SESSION_CONTINUED, null),
                    null)));

    provisioning.patch(IMPI, new SubscriberPatch(null, null, null, null, null, null, null, List.of(withAs)));

    assertThat(sent).hasSize(1);
    DiameterMessage ppr = sent.get(0);
    assertRequestBasics(ppr, Cx.PUSH_PROFILE);
    String xml = new String(ppr.octets(CxAvps.USER_DATA).orElseThrow(), StandardCharsets.UTF_8);
    CxSchema.assertValid(xml);
    assertThat(xml).contains("<ServerName>sip:mmtel.example.org</ServerName>").contains("<Identity>" + IMPU + "</Identity>");
  }

  @Test
  void nothingIsSentForSubscribersNoScscfServesOrChangesThatAreNotProfile() {
    provisioning.patch(IMPI, new SubscriberPatch(null, null, null, null, null, null, null,
        List.of(ServiceProfile.empty("default"), ServiceProfile.empty("other"))));
    provisioning.deregister(IMPI);
    register();
    provisioning.patch(IMPI, new SubscriberPatch(null, null, null, "0000", null, null, null, null));
    provisioning.create(Subscribers.simple("bob", "tel:+15550002"));
    provisioning.delete(Subscribers.impi("bob"));

    assertThat(sent).isEmpty();
  }

  @Test
  void aSenderThatFailsDoesNotUndoTheChange() {
    register();
    ProvisioningService failing =
        new ProvisioningService(
            cx.store,
            new CxPush(cx.config, new SessionIds(cx.config.originHost(), Clock.systemUTC()),
                request -> CompletableFuture.failedFuture(new IllegalStateException("peer down"))));

    failing.delete(IMPI);

    assertThat(cx.store.find(IMPI)).isEmpty();
  }
}
