package org.imscore.sip.ua;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.imscore.sip.message.HeaderType;
import org.imscore.sip.message.NameAddress;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.transaction.SipTimers;
import org.imscore.sip.transaction.TransactionConfig;
import org.imscore.sip.transaction.WheelTimerService;
import org.imscore.sip.transport.Endpoint;
import org.imscore.sip.transport.ListeningPoint;
import org.imscore.sip.transport.NettySipTransport;
import org.imscore.sip.transport.Transport;
import org.imscore.sip.transport.TransportConfig;
import org.imscore.sip.uri.SipUri;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Two user agents on real loopback sockets (the Netty transport), talking through their transaction layers. */
class UserAgentLoopbackTest {

    /** T1 of 100 ms keeps the retransmission test short; the machine's timing is not asserted. */
    private static final TransactionConfig CONFIG = TransactionConfig.DEFAULT.withTimers(
            new SipTimers(Duration.ofMillis(100), Duration.ofSeconds(4), Duration.ofSeconds(5), Duration.ofMinutes(3)));

    private final WheelTimerService timers = new WheelTimerService();
    private final NettySipTransport uacTransport = new NettySipTransport(TransportConfig.ephemeral("127.0.0.1"));
    private final NettySipTransport uasTransport = new NettySipTransport(TransportConfig.ephemeral("127.0.0.1"));
    private final UserAgent uac = new UserAgent(uacTransport, timers, CONFIG, UaConfig.DEFAULT);
    private final UserAgent uas = new UserAgent(uasTransport, timers, CONFIG, UaConfig.DEFAULT);
    private final NameAddress alice = NameAddress.parse("<sip:alice@127.0.0.1>");
    private final NameAddress bob = NameAddress.parse("<sip:bob@127.0.0.1>");

    @AfterEach
    void close() {
        uacTransport.close();
        uasTransport.close();
        timers.close();
    }

    private Endpoint uasEndpoint(Transport transport) {
        ListeningPoint lp = uasTransport.listeningPoint(transport);
        return new Endpoint(transport, lp.address());
    }

    private SipRequest request(String method, Transport transport) {
        ListeningPoint lp = uasTransport.listeningPoint(transport);
        return uac.newRequest(method, SipUri.of("bob", lp.host(), lp.port()), alice, bob, transport).build();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void optionsIsAnswered200(Transport transport) throws Exception {
        uasTransport.start(uas.layer());
        uacTransport.start(uac.layer());

        SipResponse ok = uac.send(request("OPTIONS", transport), uasEndpoint(transport))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers(HeaderType.ALLOW)).contains("OPTIONS", "ACK", "CANCEL");
        assertThat(ok.to().tag()).isPresent();
    }

    @Test
    void aLostFirstDatagramIsRecoveredByRetransmission() throws Exception {
        AtomicInteger copies = new AtomicInteger();
        uasTransport.start(inbound -> {
            if (inbound.message() instanceof SipRequest r && r.isMethod("OPTIONS") && copies.incrementAndGet() == 1) {
                return; // as if the network had lost the first transmission
            }
            uas.layer().onMessage(inbound);
        });
        uacTransport.start(uac.layer());

        SipResponse ok = uac.send(request("OPTIONS", Transport.UDP), uasEndpoint(Transport.UDP))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(copies.get()).isGreaterThanOrEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aCallIsSetUpAckedAndHungUp(Transport transport) throws Exception {
        List<SipRequest> acks = new CopyOnWriteArrayList<>();
        CompletableFuture<SipRequest> bye = new CompletableFuture<>();
        uas.handle("INVITE", call -> {
            call.respond(180);
            call.respond(call.response(200)
                    .add("Contact", uas.contact(bob, uasTransport.listeningPoint(transport)).toString()).build());
        }).handle("BYE", hangUp -> {
            hangUp.respond(200);
            bye.complete(hangUp.request());
        }).onAck(acks::add);
        uasTransport.start(uas.layer());
        uacTransport.start(uac.layer());

        List<SipResponse> ringing = new CopyOnWriteArrayList<>();
        UserAgent.InviteResult answered = uac.invite(request("INVITE", transport), uasEndpoint(transport), ringing::add)
                .toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(answered.response().statusCode()).isEqualTo(200);
        assertThat(ringing).extracting(SipResponse::statusCode).contains(180);
        Dialog dialog = answered.dialog().orElseThrow();
        Dialog.Next next = dialog.nextRequest("BYE");
        SipResponse byeOk = uac.sendInDialog(next.dialog(), next.request(), uasEndpoint(transport))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(byeOk.statusCode()).isEqualTo(200);
        assertThat(bye.get(1, TimeUnit.SECONDS).to().tag()).contains(dialog.remoteTag());
        assertThat(acks).isNotEmpty().allSatisfy(a -> assertThat(a.callId()).isEqualTo(dialog.callId()));
    }
}
