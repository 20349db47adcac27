package org.imscore.hss.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.imscore.hss.profile.InitialFilterCriterion;
import org.imscore.hss.profile.InitialFilterCriterion.ApplicationServer;
import org.imscore.hss.profile.InitialFilterCriterion.DefaultHandling;
import org.imscore.hss.profile.ServiceProfile;
import org.imscore.hss.provisioning.ProvisioningException.Kind;
import org.imscore.hss.store.HssStore;
import org.imscore.hss.store.RegistrationChange;
import org.imscore.hss.store.StoreConfig;
import org.imscore.hss.subscriber.AuthCredentials;
import org.imscore.hss.subscriber.PublicIdentity;
import org.imscore.hss.subscriber.RegistrationState;
import org.imscore.hss.subscriber.Subscriber;
import org.imscore.hss.subscriber.SubscriberSpec;
import org.imscore.hss.testing.Subscribers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProvisioningServiceTest {

  private static HssStore store;
  private ProvisioningService service;
  private final List<String> events = new ArrayList<>();

  @BeforeAll
  static void openStore() {
    store = HssStore.open(StoreConfig.h2InMemory("prov-" + UUID.randomUUID()));
  }

  @AfterAll
  static void closeStore() {
    store.close();
  }

  @BeforeEach
  void open() {
    store.list(0, Integer.MAX_VALUE).forEach(s -> store.delete(s.impi()));
    service =
        new ProvisioningService(
            store,
            new ProvisioningListener() {
              @Override
              public void changed(Subscriber before, Subscriber after) {
                events.add("changed " + after.impi());
              }

              @Override
              public void deleted(Subscriber subscriber) {
                events.add("deleted " + subscriber.impi());
              }

              @Override
              public void deregistered(Subscriber before) {
                events.add("deregistered " + before.impi() + " from " + before.scscfName());
              }
            });
  }

  private static SubscriberSpec base() {
    return Subscribers.simple("alice", "tel:+15550001");
  }

  private static SubscriberSpec withAuth(UnaryOperator<AuthCredentials> change) {
    SubscriberSpec b = base();
    return new SubscriberSpec(b.impi(), change.apply(b.auth()), b.sqn(), b.publicIdentities(), b.serviceProfiles());
  }

  private static SubscriberSpec withImpus(String... uris) {
    SubscriberSpec b = base();
    return new SubscriberSpec(
        b.impi(),
        b.auth(),
        b.sqn(),
        Stream.of(uris).map(u -> new PublicIdentity(u, false, 1, "default")).toList(),
        b.serviceProfiles());
  }

  static Stream<Arguments> badInput() {
    SubscriberSpec b = base();
    AuthCredentials a = b.auth();
    return Stream.of(
        Arguments.of("short K", withAuth(x -> new AuthCredentials("0011", a.opc(), null, a.amf(), null)), "k must be exactly 32 hex digits"),
        Arguments.of("K not hex", withAuth(x -> new AuthCredentials("zz" + a.k().substring(2), a.opc(), null, a.amf(), null)), "k must be exactly 32 hex digits"),
        Arguments.of("bad OPc", withAuth(x -> new AuthCredentials(a.k(), "123", null, a.amf(), null)), "opc must be exactly 32 hex digits"),
        Arguments.of("bad OP", withAuth(x -> new AuthCredentials(a.k(), null, "g" + a.k().substring(1), a.amf(), null)), "op must be exactly 32 hex digits"),
        Arguments.of("bad AMF", withAuth(x -> new AuthCredentials(a.k(), a.opc(), null, "80000", null)), "amf must be exactly 4 hex digits"),
        Arguments.of("empty password", withAuth(x -> new AuthCredentials(a.k(), a.opc(), null, a.amf(), "")), "password must be 1 to 255"),
        Arguments.of("IMPI without realm", new SubscriberSpec("alice", a, 0, b.publicIdentities(), b.serviceProfiles()), "is not a private identity"),
        Arguments.of("IMPI with a slash", new SubscriberSpec("al/ice@example.org", a, 0, b.publicIdentities(), b.serviceProfiles()), "is not a private identity"),
        Arguments.of("negative SQN", new SubscriberSpec(b.impi(), a, -1, b.publicIdentities(), b.serviceProfiles()), "sqn -1 is out of range"),
        Arguments.of("SQN over 48 bits", new SubscriberSpec(b.impi(), a, 1L << 48, b.publicIdentities(), b.serviceProfiles()), "is out of range"),
        Arguments.of("no IMPU", withImpus(), "at least one public identity"),
        Arguments.of("http IMPU", withImpus("http://example.org"), "is not a valid sip:, sips: or tel: URI"),
        Arguments.of("IMPU with space", withImpus("sip:al ice@example.org"), "is not a valid"),
        Arguments.of("IMPU without host", withImpus("sip:alice@"), "is not a valid"),
        Arguments.of("tel without digits", withImpus("tel:+"), "is not a valid"),
        Arguments.of("IMPU twice", withImpus("sip:a@example.org", "sip:a@example.org"), "is given twice"),
        Arguments.of("unknown profile",
            new SubscriberSpec(b.impi(), a, 0, List.of(new PublicIdentity("sip:a@example.org", false, 1, "gold")), b.serviceProfiles()),
            "names service profile \"gold\""),
        Arguments.of("duplicate iFC priority",
            new SubscriberSpec(b.impi(), a, 0, b.publicIdentities(), List.of(new ServiceProfile("default", List.of(
                new InitialFilterCriterion(1, null, new ApplicationServer("sip:as1.example.org", DefaultHandling.SESSION_CONTINUED, null), null),
                new InitialFilterCriterion(1, null, new ApplicationServer("sip:as2.example.org", DefaultHandling.SESSION_CONTINUED, null), null))))),
            "two initial filter criteria with priority 1"),
        Arguments.of("AS not a SIP URI",
            new SubscriberSpec(b.impi(), a, 0, b.publicIdentities(), List.of(new ServiceProfile("default", List.of(
                new InitialFilterCriterion(1, null, new ApplicationServer("as.example.org", DefaultHandling.SESSION_CONTINUED, null), null))))),
            "is not a SIP URI"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInput")
  void badInputIsRefusedWithWhatToFixAndNothingIsWritten(String name, SubscriberSpec spec, String message) {
    assertThatThrownBy(() -> service.create(spec))
        .isInstanceOfSatisfying(ProvisioningException.class, e -> assertThat(e.kind()).isEqualTo(Kind.INVALID))
        .hasMessageContaining(message);
    assertThat(store.count()).isZero();
  }

  @Test
  void acceptedIdentityForms() {
    SubscriberSpec spec =
        withImpus(
            "sip:alice@ims.mnc001.mcc001.3gppnetwork.org",
            "sips:alice@[2001:db8::1]:5061;transport=tcp",
            "sip:001011234567893@10.0.0.1",
            "tel:+1-555-000-1234",
            "tel:7042;phone-context=example.com");

    Subscriber created = service.create(spec);

    assertThat(created.publicIdentities()).hasSize(5);
  }

  @Test
  void hexIsStoredLowerCaseAndTheDefaultProfileIsAddedWhenNamed() {
    SubscriberSpec b = base();
    SubscriberSpec spec =
        new SubscriberSpec(
            b.impi(),
            new AuthCredentials(b.auth().k().toUpperCase(), null, "CDC202D5123E20F62B6D676AC72CB318", "B9B9", null),
            0,
            b.publicIdentities(),
            List.of());

    Subscriber created = service.create(spec);

    assertThat(created.auth().k()).isEqualTo(b.auth().k());
    assertThat(created.auth().op()).isEqualTo("cdc202d5123e20f62b6d676ac72cb318");
    assertThat(created.auth().opc()).isNull();
    assertThat(created.auth().amf()).isEqualTo("b9b9");
    assertThat(created.serviceProfiles()).containsExactly(ServiceProfile.empty("default"));
  }

  @Test
  void duplicatesConflictAndUnknownImpisAreNotFound() {
    service.create(base());

    assertThatThrownBy(() -> service.create(base()))
        .isInstanceOfSatisfying(ProvisioningException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CONFLICT))
        .hasMessageContaining(base().impi() + " is already provisioned");
    assertThatThrownBy(() -> service.create(Subscribers.simple("bob", "tel:+15550001")))
        .isInstanceOfSatisfying(ProvisioningException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CONFLICT))
        .hasMessageContaining("tel:+15550001");
    for (Runnable call :
        List.<Runnable>of(
            () -> service.get("nobody@example.org"),
            () -> service.delete("nobody@example.org"),
            () -> service.patch("nobody@example.org", SubscriberPatch.none()),
            () -> service.deregister("nobody@example.org"))) {
      assertThatThrownBy(call::run)
          .isInstanceOfSatisfying(ProvisioningException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND))
          .hasMessage("no subscriber with IMPI nobody@example.org");
    }
  }

  @Test
  void aBatchIsCreatedWhole() {
    List<SubscriberSpec> batch = new ArrayList<>();
    for (int i = 0; i < ProvisioningService.MAX_BATCH; i++) {
      SubscriberSpec s = Subscribers.simple("user" + i, "tel:+1555300" + i);
      batch.add(new SubscriberSpec(s.impi(), s.auth(), s.sqn(), s.publicIdentities(), List.of()));
    }

    assertThat(service.check(batch)).isEmpty();
    assertThat(service.createAll(batch)).isEqualTo(batch.size());

    assertThat(store.count()).isEqualTo(batch.size());
    Subscriber last = service.get(Subscribers.impi("user999"));
    assertThat(last.serviceProfiles()).containsExactly(ServiceProfile.empty("default"));
    assertThat(last.publicIdentities()).extracting(PublicIdentity::uri).containsExactly(Subscribers.sip("user999"), "tel:+1555300999");
  }

  @Test
  void aBatchWithAnyBadSubscriberIsRefusedWholeNamingEachProblem() {
    service.create(Subscribers.simple("existing", "tel:+15554000"));
    SubscriberSpec good = Subscribers.simple("good", "tel:+15554001");
    SubscriberSpec badK = withAuth(a -> new AuthCredentials("12", a.opc(), null, a.amf(), null));
    SubscriberSpec sameImpi = Subscribers.simple("good", "tel:+15554002");
    SubscriberSpec sameTel = Subscribers.simple("other", "tel:+15554001");
    SubscriberSpec taken = Subscribers.simple("existing", "tel:+15554003");
    SubscriberSpec takenTel = Subscribers.simple("newcomer", "tel:+15554000");
    List<SubscriberSpec> batch = List.of(good, badK, sameImpi, sameTel, taken, takenTel);

    List<BatchProblem> problems = service.check(batch);

    assertThat(problems).extracting(BatchProblem::index).containsExactly(1, 2, 3, 4, 5);
    assertThat(problems).extracting(BatchProblem::kind)
        .containsExactly(Kind.INVALID, Kind.INVALID, Kind.INVALID, Kind.CONFLICT, Kind.CONFLICT);
    assertThat(problems.get(0).message()).startsWith("k must be exactly 32 hex digits");
    assertThat(problems.get(1).message())
        .isEqualTo("impi " + good.impi() + " is given twice in the batch: also by item 0");
    assertThat(problems.get(2).message()).isEqualTo("impu tel:+15554001 is given twice in the batch: also by item 0");
    assertThat(problems.get(3).message()).contains(taken.impi() + " is already provisioned");
    assertThat(problems.get(4).message()).contains("tel:+15554000 is already provisioned");
    assertThatThrownBy(() -> service.createAll(batch))
        .isInstanceOfSatisfying(BatchRefusedException.class, e -> {
          assertThat(e.problems()).isEqualTo(problems);
          assertThat(e.kind()).isEqualTo(Kind.INVALID);
        })
        .hasMessageStartingWith("5 of 6 subscribers cannot be created, so none was: first, item 1");
    assertThat(store.count()).isEqualTo(1);

    assertThatThrownBy(() -> service.createAll(List.of(taken)))
        .isInstanceOfSatisfying(BatchRefusedException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CONFLICT));
    assertThatThrownBy(() -> service.createAll(List.of()))
        .isInstanceOfSatisfying(ProvisioningException.class, e -> assertThat(e.kind()).isEqualTo(Kind.INVALID))
        .hasMessageContaining("empty");
    List<SubscriberSpec> tooMany = Collections.nCopies(ProvisioningService.MAX_BATCH + 1, good);
    assertThatThrownBy(() -> service.check(tooMany))
        .hasMessage("a batch holds at most 1000 subscribers, got 1001: split it");
  }

  @Test
  void aPatchChangesOnlyWhatItGivesAndSwitchesOpcToOp() {
    service.create(base());

    Subscriber patched =
        service.patch(
            base().impi(),
            new SubscriberPatch(null, null, "00112233445566778899aabbccddeeff", "0000", 64L, "pw", null, null));

    assertThat(patched.auth()).isEqualTo(new AuthCredentials(base().auth().k(), null, "00112233445566778899aabbccddeeff", "0000", "pw"));
    assertThat(patched.sqn()).isEqualTo(64);
    assertThat(patched.publicIdentities()).isEqualTo(base().publicIdentities());
    Subscriber cleared = service.patch(base().impi(), new SubscriberPatch(null, null, null, null, null, "", null, null));
    assertThat(cleared.auth().password()).isNull();
    assertThat(events).containsExactly("changed " + base().impi(), "changed " + base().impi());
  }

  @Test
  void aBadPatchOrAConflictingReplaceLeavesTheSubscriberUntouched() {
    Subscriber original = service.create(base());
    service.create(Subscribers.simple("bob", "tel:+15550002"));

    assertThatThrownBy(() -> service.patch(base().impi(), new SubscriberPatch("xyz", null, null, null, null, null, null, null)))
        .hasMessageContaining("k must be exactly 32 hex digits");
    assertThatThrownBy(() -> service.replace(base().impi(), withImpus("sip:alice@example.org", "tel:+15550002")))
        .isInstanceOfSatisfying(ProvisioningException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CONFLICT));
    assertThatThrownBy(() -> service.replace("other@example.org", base()))
        .hasMessageContaining("cannot be renamed");

    assertThat(service.get(base().impi())).isEqualTo(original);
    assertThat(events).isEmpty();
  }

  @Test
  void listPagesAndRefusesBadPaging() {
    for (int i = 0; i < 5; i++) {
      service.create(Subscribers.simple("u" + i, "tel:+155502" + i));
    }

    Page<Subscriber> page = service.list(2, 2);

    assertThat(page.total()).isEqualTo(5);
    assertThat(page.items()).extracting(Subscriber::impi).containsExactly(Subscribers.impi("u2"), Subscribers.impi("u3"));
    assertThatThrownBy(() -> service.list(-1, 10)).hasMessageContaining("offset must be 0 or more");
    assertThatThrownBy(() -> service.list(0, 0)).hasMessageContaining("limit must be 1 to 1000");
    assertThatThrownBy(() -> service.list(0, 1001)).hasMessageContaining("limit must be 1 to 1000");
  }

  @Test
  void deleteAndDeregisterTellTheListener() {
    service.create(base());
    store.changeRegistration(
        base().impi(),
        s -> new RegistrationChange(
            java.util.Map.of(Subscribers.sip("alice"), RegistrationState.REGISTERED), new org.imscore.hss.subscriber.ServingScscf("sip:scscf.example.org", "scscf.example.org", "example.org")));

    Subscriber after = service.deregister(base().impi());
    service.delete(base().impi());

    assertThat(after.scscfName()).isNull();
    assertThat(after.states().values()).containsOnly(RegistrationState.NOT_REGISTERED);
    assertThat(events)
        .containsExactly(
            "deregistered " + base().impi() + " from sip:scscf.example.org",
            "deleted " + base().impi());
  }
}
