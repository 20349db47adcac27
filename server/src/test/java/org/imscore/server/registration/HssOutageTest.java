package org.imscore.server.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.imscore.server.run.Core;
import org.imscore.server.run.CoreConfig;
import org.imscore.sip.message.SipResponse;
import org.imscore.testkit.FreePorts;
import org.imscore.testkit.ue.Exchange;
import org.imscore.testkit.ue.RegisterResult;
import org.imscore.testkit.ue.TestUe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A backend failure is not an authentication failure (TS 24.229 §5.3.1.2, §5.4.1.2.2): when the HSS goes away between
 * the challenge and its answer, the UE gets a 5xx with Retry-After, never 403 (which would make a phone give up on
 * its credentials), and no new challenge to loop on. The HSS runs as its own core here so it can be stopped alone,
 * the CSCFs as another pointed at it, as in a split deployment.
 */
class HssOutageTest {

    private CoreConfig config;
    private Core cscfs;
    private final AtomicReference<Core> hss = new AtomicReference<>();

    @BeforeEach
    void start() {
        CoreConfig e = CoreConfig.ephemeral();
        CoreConfig.Scscf s = e.scscf();
        // Fixed ports: the HSS names the S-CSCF (Server-Capabilities) by its port, and the CSCFs find the HSS at its.
        config = e.withScscf(new CoreConfig.Scscf(s.listen(), FreePorts.udpAndTcp(), s.defaultExpires(),
                        s.minExpires(), s.maxExpires(), s.expiryCheckSeconds()))
                .withHss(new CoreConfig.Hss("127.0.0.1", FreePorts.udpAndTcp(), "127.0.0.1", 0,
                        CoreConfig.Store.MEMORY, e.hss().dataDir()));
        hss.set(startHss());
        cscfs = Core.start(config, EnumSet.of(Core.Function.PCSCF, Core.Function.ICSCF, Core.Function.SCSCF));
    }

    private Core startHss() {
        return Core.start(config, EnumSet.of(Core.Function.HSS));
    }

    @AfterEach
    void stop() {
        if (cscfs != null) {
            cscfs.close();
        }
        Optional.ofNullable(hss.get()).ifPresent(Core::close);
    }

    private void stopHss() {
        hss.getAndSet(null).close();
    }

    @Test
    void theHssStoppingAfterTheChallengeGivesAServerErrorNotForbidden() throws InterruptedException {
        AkaSubscriber sub = new AkaSubscriber("outage", config.domain());
        hss.get().provisioning().create(sub.spec());

        try (TestUe ue = sub.ue(cscfs.pcscfAddress(), this::stopHss)) {
            RegisterResult result = registerOnceConnected(ue);

            // Exactly the challenge and one answer: no re-challenge for the UE to loop on.
            assertThat(result.exchanges()).extracting(Exchange::status).hasSize(2).first().isEqualTo(401);
            SipResponse last = result.response();
            assertThat(last.statusCode()).as(last.toString()).isIn(480, 500, 503, 504).isNotEqualTo(403);
            assertThat(last.headerValue("Retry-After")).as("Retry-After on %s", last.statusCode()).isPresent();
            assertThat(Long.parseLong(last.headerValue("Retry-After").orElseThrow().split(";")[0].strip()))
                    .isPositive();
            assertThat(cscfs.registeredContacts(sub.impu().toString())).isEmpty();
        }
    }

    @Test
    void theSameUeRegistersOnceTheHssIsBack() throws InterruptedException {
        AkaSubscriber sub = new AkaSubscriber("comeback", config.domain());
        hss.get().provisioning().create(sub.spec());
        AtomicBoolean firstAnswer = new AtomicBoolean(true);
        try (TestUe ue = sub.ue(cscfs.pcscfAddress(), () -> {
            if (firstAnswer.getAndSet(false)) {
                stopHss();
            }
        })) {
            assertThat(registerOnceConnected(ue).status()).isBetween(480, 599);

            // The store was in memory: the restarted HSS knows the subscriber again only once provisioned, and
            // starts from SQN 0, which this USIM has seen (a resync with AUTS follows).
            hss.set(startHss());
            hss.get().provisioning().create(sub.spec());
            RegisterResult again = registerWithin(ue, Duration.ofSeconds(15));

            assertThat(again.status()).as(again.response().toString()).isEqualTo(200);
            assertThat(again.exchanges()).extracting(Exchange::status).doesNotContain(403);
            assertThat(cscfs.registeredContacts(sub.impu().toString())).isNotEmpty();
        }
    }

    /**
     * The S-CSCF's own HSS connection failing between MAR and SAR (TS 29.228 §6.1.2): the I-CSCF talks to one HSS and
     * the S-CSCF to another, both holding the subscriber, and the S-CSCF's goes away after the challenge. The answer
     * checks out, the SAR cannot be made: 5xx with Retry-After, not 403 and not a new challenge.
     */
    @Test
    void theScscfLosingItsHssBeforeTheSarGivesAServerErrorNotForbidden() throws InterruptedException {
        cscfs.close();
        cscfs = null;
        CoreConfig forScscf = config.withHss(new CoreConfig.Hss("127.0.0.1", FreePorts.udpAndTcp(), "127.0.0.1", 0,
                CoreConfig.Store.MEMORY, config.hss().dataDir()));
        AkaSubscriber sub = new AkaSubscriber("sar-outage", config.domain());
        hss.get().provisioning().create(sub.spec());
        Core scscfHss = Core.start(forScscf, EnumSet.of(Core.Function.HSS));
        AtomicReference<Core> scscfHssRef = new AtomicReference<>(scscfHss);
        try (Core scscf = Core.start(forScscf, EnumSet.of(Core.Function.SCSCF));
             Core edge = Core.start(config, EnumSet.of(Core.Function.PCSCF, Core.Function.ICSCF))) {
            scscfHss.provisioning().create(sub.spec());
            try (TestUe ue = sub.ue(edge.pcscfAddress(), () -> scscfHssRef.getAndSet(null).close())) {
                RegisterResult result = registerOnceConnected(ue);

                assertThat(result.exchanges()).extracting(Exchange::status).hasSize(2).first().isEqualTo(401);
                SipResponse last = result.response();
                assertThat(last.statusCode()).as(last.toString()).isIn(480, 500, 503, 504);
                assertThat(last.headerValue("Retry-After")).as("Retry-After on %s", last.statusCode()).isPresent();
                assertThat(scscf.registeredContacts(sub.impu().toString())).isEmpty();
            }
        } finally {
            Optional.ofNullable(scscfHssRef.get()).ifPresent(Core::close);
        }
    }

    /**
     * The CSCFs of a core without its own HSS connect to it in the background and answer the first REGISTER 5xx
     * until they have (no challenge then, so the UE's hook has not run): try again until one is challenged.
     */
    private static RegisterResult registerOnceConnected(TestUe ue) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        RegisterResult r = ue.register();
        while (r.exchanges().size() == 1 && r.status() >= 500 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            r = ue.register();
        }
        return r;
    }

    /** Retries while the CSCFs' Cx connections come back (each answers 5xx until then), as a UE would. */
    private static RegisterResult registerWithin(TestUe ue, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        RegisterResult r = ue.register();
        while (r.status() >= 500 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            r = ue.register();
        }
        return r;
    }
}
