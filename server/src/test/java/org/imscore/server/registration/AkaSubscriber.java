package org.imscore.server.registration;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.imscore.aka.Octets;
import org.imscore.aka.SqnScheme;
import org.imscore.aka.SubscriberKeys;
import org.imscore.aka.UsimSqnState;
import org.imscore.hss.subscriber.AuthCredentials;
import org.imscore.hss.subscriber.PublicIdentity;
import org.imscore.hss.subscriber.SubscriberSpec;
import org.imscore.sip.transport.Endpoint;
import org.imscore.sip.transport.Transport;
import org.imscore.sip.uri.SipUri;
import org.imscore.testkit.ue.TestUe;
import org.imscore.testkit.ue.UeConfig;
import org.imscore.testkit.ue.UeCredentials;

/**
 * An AKA subscriber of the registration tests (TS 35.208 test set 1 keys): its HSS record and a test UE with a fresh
 * USIM that registers through a P-CSCF over UDP.
 */
record AkaSubscriber(String user, String domain) {

    static final String K = "465b5ce8b199b49faa5f0a2ee238a6bc";
    static final String OPC = "cd63cb71954a9f4e48a5994e37a02baf";
    static final String AMF = "8000";
    static final SubscriberKeys KEYS = new SubscriberKeys(Octets.fromHex(K), Octets.fromHex(OPC),
            Octets.fromHex(AMF));

    String impi() {
        return user + "@" + domain;
    }

    SipUri impu() {
        return SipUri.of(user, domain);
    }

    SubscriberSpec spec() {
        return new SubscriberSpec(impi(), new AuthCredentials(K, OPC, null, AMF, null), 0,
                List.of(new PublicIdentity(impu().toString(), false, 1, "default")), List.of());
    }

    UeConfig ueConfig(InetSocketAddress pcscf) {
        return UeConfig.of(impi(), impu(), domain, new Endpoint(Transport.UDP, pcscf),
                UeCredentials.aka(KEYS, UsimSqnState.initial(SqnScheme.DEFAULT)))
                .withResponseTimeout(Duration.ofSeconds(20));
    }

    TestUe ue(InetSocketAddress pcscf) {
        return TestUe.start(ueConfig(pcscf));
    }

    /** A UE that runs {@code beforeAnswering} when it has the challenge and is about to send its answer. */
    TestUe ue(InetSocketAddress pcscf, Runnable beforeAnswering) {
        UnaryOperator<org.imscore.sip.message.DigestCredentials> hook = c -> {
            beforeAnswering.run();
            return c;
        };
        return TestUe.start(ueConfig(pcscf).withTamper(hook));
    }
}
