package org.imscore.server.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.imscore.server.run.Core;
import org.imscore.server.run.CoreConfig;
import org.imscore.testkit.ue.Notification;
import org.imscore.testkit.ue.RegEventSubscription;
import org.imscore.testkit.ue.RegInfo;
import org.imscore.testkit.ue.TestUe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RFC 3680 §5.2 as a UE sees it through the whole core: the NOTIFY after its SUBSCRIBE has full state, and each
 * later one partial state with the version one higher, naming only the contact that changed: a second device
 * registering, the first refreshing, the second de-registering.
 */
class RegEventPartialStateEndToEndTest {

    private static final Duration NOTIFY_WAIT = Duration.ofSeconds(10);
    private static Core core;

    @BeforeAll
    static void start() {
        core = Core.start(CoreConfig.ephemeral());
    }

    @AfterAll
    static void stop() {
        if (core != null) {
            core.close();
        }
    }

    @Test
    void changesAfterTheFirstNotifyArePartialWithTheVersionCountingUp() {
        AkaSubscriber sub = new AkaSubscriber("partial", core.domain());
        core.provisioning().create(sub.spec());
        String aor = sub.impu().toString();
        try (TestUe phone = sub.ue(core.pcscfAddress());
             TestUe tablet = TestUe.start(sub.ueConfig(core.pcscfAddress())
                     .withInstanceId("<urn:gsma:imei:35209900-176148-1>"))) {
            phone.register().registration();
            RegEventSubscription subscription = phone.subscribeRegEvent(600);
            Notification first = subscription.next(NOTIFY_WAIT);
            assertThat(first.reginfo().state()).isEqualTo("full");
            assertThat(contactsOf(first, aor)).singleElement()
                    .satisfies(c -> assertThat(c.uri()).contains(":" + phone.listeningPoint().port()));

            tablet.register().registration();

            Notification added = subscription.next(NOTIFY_WAIT);
            assertThat(added.reginfo().state()).isEqualTo("partial");
            assertThat(added.reginfo().version()).isEqualTo(first.reginfo().version() + 1);
            assertThat(contactsOf(added, aor)).as("only the new contact").singleElement().satisfies(c -> {
                assertThat(c.uri()).contains(":" + tablet.listeningPoint().port());
                assertThat(c.event()).isEqualTo("registered");
                assertThat(c.state()).isEqualTo("active");
            });

            phone.refresh().registration();

            Notification refreshed = subscription.next(NOTIFY_WAIT);
            assertThat(refreshed.reginfo().state()).isEqualTo("partial");
            assertThat(refreshed.reginfo().version()).isEqualTo(added.reginfo().version() + 1);
            assertThat(contactsOf(refreshed, aor)).singleElement().satisfies(c -> {
                assertThat(c.uri()).contains(":" + phone.listeningPoint().port());
                assertThat(c.event()).isEqualTo("refreshed");
            });

            assertThat(tablet.deregister().status()).isEqualTo(200);

            Notification gone = subscription.next(NOTIFY_WAIT);
            assertThat(gone.reginfo().state()).isEqualTo("partial");
            assertThat(gone.reginfo().version()).isEqualTo(refreshed.reginfo().version() + 1);
            assertThat(gone.state()).as("the phone is still registered").isEqualTo("active");
            RegInfo.Aor after = gone.reginfo().registration(aor).orElseThrow();
            assertThat(after.state()).isEqualTo("active");
            assertThat(after.contacts()).singleElement().satisfies(c -> {
                assertThat(c.uri()).contains(":" + tablet.listeningPoint().port());
                assertThat(c.event()).isEqualTo("unregistered");
                assertThat(c.state()).isEqualTo("terminated");
            });
        }
    }

    private static java.util.List<RegInfo.Contact> contactsOf(Notification n, String aor) {
        return n.reginfo().registration(aor).orElseThrow(() -> new AssertionError("no registration of " + aor
                + " in " + n.request().bodyAsString())).contacts();
    }
}
