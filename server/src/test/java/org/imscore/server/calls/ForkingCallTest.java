package org.imscore.server.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.imscore.aka.Octets;
import org.imscore.aka.SqnScheme;
import org.imscore.aka.SubscriberKeys;
import org.imscore.aka.UsimSqnState;
import org.imscore.server.run.Core;
import org.imscore.server.run.CoreConfig;
import org.imscore.sip.message.HeaderNames;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.proxy.ForkingMode;
import org.imscore.sip.transport.Endpoint;
import org.imscore.sip.transport.Transport;
import org.imscore.sip.ua.IncomingRequest;
import org.imscore.sip.ua.UserAgent;
import org.imscore.testkit.ue.TestUe;
import org.imscore.testkit.ue.UeConfig;
import org.imscore.testkit.ue.UeCredentials;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How the terminating S-CSCF tries a callee's registered contacts (RFC 3261 §16.6, RFC 3841), through the whole
 * core with Java test UEs: sequential forking by q-value when a contact is busy or rings too long, the caller's
 * {@code Request-Disposition: parallel} over the configured sequential forking, and a call nobody answers ended with
 * CANCEL to the ringing contacts and 480 to the caller.
 */
class ForkingCallTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final SubscriberKeys KEYS = new SubscriberKeys(Octets.fromHex("465b5ce8b199b49faa5f0a2ee238a6bc"),
      Octets.fromHex("cd63cb71954a9f4e48a5994e37a02baf"), Octets.fromHex("8000"));

  /** Sequential forking, a contact rings 1 s before the next is tried, 4 s without an answer end the call. */
  private static Core sequential;
  /** Sequential forking whose branch time (30 s) no test waits for. */
  private static Core slowBranches;
  private static final AtomicInteger NEXT = new AtomicInteger();
  private final List<TestUe> ues = new ArrayList<>();

  @BeforeAll
  static void start() {
    CoreConfig e = CoreConfig.ephemeral();
    sequential = Core.start(e.withScscf(e.scscf().withForking(ForkingMode.SEQUENTIAL, 1, 4)));
    slowBranches = Core.start(e.withScscf(e.scscf().withForking(ForkingMode.SEQUENTIAL, 30, 60)));
  }

  @AfterAll
  static void stop() {
    for (Core c : new Core[] {sequential, slowBranches}) {
      if (c != null) {
        c.close();
      }
    }
  }

  @AfterEach
  void closeUes() {
    ues.forEach(TestUe::close);
  }

  @Test
  void aBusyContactOfHigherQIsFollowedByTheNextOne() throws Exception {
    CallFixture users = new CallFixture(sequential);
    TestUe alice = caller(sequential, users);
    String b = callee(users);
    TestUe desk = contact(sequential, users, b, 1.0);
    TestUe mobile = contact(sequential, users, b, 0.5);
    BlockingQueue<String> events = new LinkedBlockingQueue<>();
    desk.userAgent().handle(SipRequest.INVITE, invite -> {
      events.add("desk 486");
      invite.respond(486);
    });
    answering(mobile, events, "mobile");

    SipResponse answer = invite(alice, users, b).response();

    assertThat(answer.statusCode()).as(answer.toString()).isEqualTo(200);
    // The lower-q contact was tried only once the higher one had refused (§16.6: in q order, highest first).
    assertThat(List.copyOf(events)).containsExactly("desk 486", "mobile INVITE");
  }

  @Test
  void aContactOfHigherQThatDoesNotAnswerInTimeIsCancelledAndTheNextOneAnswers() throws Exception {
    CallFixture users = new CallFixture(sequential);
    TestUe alice = caller(sequential, users);
    String b = callee(users);
    TestUe desk = contact(sequential, users, b, 0.9);
    TestUe mobile = contact(sequential, users, b, 0.3);
    BlockingQueue<IncomingRequest> deskRinging = ringing(desk);
    BlockingQueue<String> events = new LinkedBlockingQueue<>();
    answering(mobile, events, "mobile");

    UserAgent.InviteResult result = invite(alice, users, b);

    assertThat(result.response().statusCode()).as(result.response().toString()).isEqualTo(200);
    IncomingRequest atDesk = deskRinging.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(atDesk).as("the desk was tried first").isNotNull();
    // The CANCEL to the desk and the INVITE to the mobile leave the S-CSCF together: the mobile's 200 may reach alice
    // before the CANCEL reaches the desk.
    CallFixture.awaitCancelled(atDesk, WAIT);
    assertThat(events).containsExactly("mobile INVITE");
  }

  @Test
  void aRequestDispositionParallelRingsEveryContactAtOnce() throws Exception {
    CallFixture users = new CallFixture(slowBranches);
    TestUe alice = caller(slowBranches, users);
    String b = callee(users);
    TestUe desk = contact(slowBranches, users, b, 1.0);
    TestUe mobile = contact(slowBranches, users, b, 0.5);
    BlockingQueue<IncomingRequest> deskRinging = ringing(desk);
    BlockingQueue<String> events = new LinkedBlockingQueue<>();
    answering(mobile, events, "mobile");

    // Sequentially the mobile would be tried only after the desk's 30 s, far beyond the wait for the answer.
    UserAgent.InviteResult result = invite(alice, users, b, "Request-Disposition", "proxy, parallel");

    assertThat(result.response().statusCode()).as(result.response().toString()).isEqualTo(200);
    assertThat(events).containsExactly("mobile INVITE");
    IncomingRequest atDesk = deskRinging.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(atDesk).as("the desk rang at the same time").isNotNull();
    CallFixture.awaitCancelled(atDesk, WAIT);
  }

  @Test
  void whenTwoContactsAnswerAtOnceBoth2xxReachTheCallerWhoKeepsOneCallAndEndsTheOther() throws Exception {
    CallFixture users = new CallFixture(slowBranches);
    TestUe alice = caller(slowBranches, users);
    String b = callee(users);
    TestUe desk = contact(slowBranches, users, b, 1.0);
    TestUe mobile = contact(slowBranches, users, b, 0.5);
    BlockingQueue<String> events = new LinkedBlockingQueue<>();
    answeringAndHangingUp(desk, events, "desk");
    answeringAndHangingUp(mobile, events, "mobile");

    UserAgent.InviteResult result = invite(alice, users, b, "Request-Disposition", "proxy, parallel");

    assertThat(result.response().statusCode()).as(result.response().toString()).isEqualTo(200);
    String kept = result.response().to().tag().orElseThrow();
    // Every 2xx to an INVITE goes upstream through each proxy (RFC 3261 §16.7 step 5), also the one that comes after
    // a proxy has passed on the first and is done with the request (RFC 6026 §7.2): the caller gets both, ACKs both
    // (§13.2.2.4) and ends the call it does not keep with BYE.
    List<String> seen = new ArrayList<>();
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (seen.stream().filter(e -> e.contains(" ACK ") || e.contains(" BYE ")).count() < 3
        && System.nanoTime() < deadline) {
      String event = events.poll(100, TimeUnit.MILLISECONDS);
      if (event != null) {
        seen.add(event);
      }
    }
    assertThat(seen).filteredOn(e -> e.contains(" ACK ")).as(seen.toString()).hasSize(2);
    assertThat(seen).filteredOn(e -> e.contains(" BYE ")).as(seen.toString()).singleElement()
        .satisfies(bye -> assertThat(bye).doesNotEndWith(" " + kept));
  }

  @Test
  void aCallNobodyAnswersIsCancelledEverywhereAndTheCallerGets480() throws Exception {
    CallFixture users = new CallFixture(sequential);
    TestUe alice = caller(sequential, users);
    String b = callee(users);
    TestUe desk = contact(sequential, users, b, 1.0);
    TestUe mobile = contact(sequential, users, b, 0.5);
    BlockingQueue<IncomingRequest> deskRinging = ringing(desk);
    BlockingQueue<IncomingRequest> mobileRinging = ringing(mobile);

    SipResponse answer = invite(alice, users, b).response();

    // Not the 487 of the cancelled branches: the caller learns that nobody answered (RFC 3261 §21.4.18).
    assertThat(answer.statusCode()).as(answer.toString()).isEqualTo(480);
    assertThat(answer.reasonPhrase()).containsIgnoringCase("no answer");
    IncomingRequest atDesk = deskRinging.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
    IncomingRequest atMobile = mobileRinging.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(atDesk).isNotNull();
    assertThat(atMobile).as("the mobile rang after the desk's branch time").isNotNull();
    CallFixture.awaitCancelled(atDesk, WAIT);
    CallFixture.awaitCancelled(atMobile, WAIT);
  }

  /** A new user with one registered UE, whose Contact has no q-value. */
  private TestUe caller(Core core, CallFixture users) {
    String user = CallFixture.unique("alice");
    users.provision(user);
    return registered(core, users, user, ue -> ue);
  }

  /** A new user, provisioned, not yet registered. */
  private static String callee(CallFixture users) {
    String user = CallFixture.unique("bob");
    users.provision(user);
    return user;
  }

  /** Another registered contact of {@code user} (its own instance), with {@code q}. */
  private TestUe contact(Core core, CallFixture users, String user, double q) {
    return registered(core, users, user, ue -> ue.withContactQ(q));
  }

  private TestUe registered(Core core, CallFixture users, String user, UnaryOperator<UeConfig> tune) {
    UeConfig config = UeConfig.of(user + "@" + users.domain(), users.impu(user), users.domain(),
        new Endpoint(Transport.UDP, core.pcscfAddress()),
        UeCredentials.aka(KEYS, UsimSqnState.initial(SqnScheme.DEFAULT)))
        .withInstanceId("urn:uuid:00000000-0000-0000-0002-" + String.format("%012d", NEXT.incrementAndGet()))
        .withAutoAnswer(true)
        .withResponseTimeout(Duration.ofSeconds(20));
    TestUe ue = TestUe.start(tune.apply(config));
    ues.add(ue);
    ue.register().registration();
    return ue;
  }

  /** INVITEs to {@code ue} are answered 180 and then left ringing. */
  private static BlockingQueue<IncomingRequest> ringing(TestUe ue) {
    BlockingQueue<IncomingRequest> ringing = new LinkedBlockingQueue<>();
    ue.userAgent().handle(SipRequest.INVITE, invite -> {
      invite.respond(180);
      ringing.add(invite);
    });
    return ringing;
  }

  /** INVITEs to {@code ue} are noted in {@code events} and answered 200 at once. */
  private static void answering(TestUe ue, BlockingQueue<String> events, String name) {
    ue.userAgent().handle(SipRequest.INVITE, invite -> {
      events.add(name + " INVITE");
      invite.respond(invite.response(200).add(HeaderNames.CONTACT, ue.contact().address().toString()).build());
    });
  }

  /**
   * INVITEs to {@code ue} are answered 200 at once; the ACK and a BYE for each call are noted in {@code events} as
   * "name ACK tag" and "name BYE tag", with the To tag of the call (the one {@code ue} gave it).
   */
  private static void answeringAndHangingUp(TestUe ue, BlockingQueue<String> events, String name) {
    ue.userAgent().handle(SipRequest.INVITE, invite -> invite.respond(invite.response(200)
        .add(HeaderNames.CONTACT, ue.contact().address().toString()).build()));
    ue.userAgent().onAck(ack -> events.add(name + " ACK " + ack.to().tag().orElse("")));
    ue.userAgent().handle(SipRequest.BYE, bye -> {
      events.add(name + " BYE " + bye.request().to().tag().orElse(""));
      bye.respond(200);
    });
  }

  /** An INVITE from {@code caller} to {@code callee}, with header name and value pairs added. */
  private static UserAgent.InviteResult invite(TestUe caller, CallFixture users, String callee,
                                               String... headers) throws Exception {
    SipRequest.Builder invite = CallFixture.request(caller, SipRequest.INVITE, users.impu(callee));
    for (int i = 0; i < headers.length; i += 2) {
      invite.add(headers[i], headers[i + 1]);
    }
    return caller.userAgent().invite(invite.build(), caller.config().pcscf(), r -> { })
        .toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }
}
