package org.imscore.testkit.ue;

import static org.assertj.core.api.Assertions.assertThat;

import org.imscore.aka.Octets;
import org.imscore.aka.SqnScheme;
import org.imscore.aka.SubscriberKeys;
import org.imscore.aka.UsimSqnState;
import org.imscore.sip.message.DigestChallenge;
import org.imscore.sip.message.DigestCredentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The UE's digest answers checked against published and captured values, and the challenges it refuses. */
class ChallengeAnswererTest {

    /*
     * A real registration: open5gs docs/assets/pcapng/ipsec_reg.pcapng (commit 8f25f3be), Samsung UE, frames 406
     * (401) and 485 (its answer); subscriber keys from open5gs tests/volte/cx-test.c. Re-derived in aka-digest.md §6.
     */
    private static final String CAPTURE_REALM = "ims.mnc001.mcc001.3gppnetwork.org";
    private static final String CAPTURE_IMPI = "001011234567893@" + CAPTURE_REALM;
    private static final SubscriberKeys CAPTURE_KEYS = new SubscriberKeys(
            Octets.fromHex("8baf473f2f8fd09487cccbd7097c6862"), Octets.fromHex("8e27b6af0e692e750f32667a3b14605d"),
            Octets.fromHex("8000"));
    private static final String CAPTURE_NONCE = "oJRMdf88TwhTovkQqh8QT8bi9GyPQoAAfzu5uEt8P/Y=";

    private static UeCredentials.Aka freshUsim() {
        return UeCredentials.aka(CAPTURE_KEYS, UsimSqnState.initial(SqnScheme.DEFAULT));
    }

    private static DigestChallenge captureChallenge(String qop) {
        return DigestChallenge.parse("Digest realm=\"" + CAPTURE_REALM + "\", nonce=\"" + CAPTURE_NONCE
                + "\", algorithm=AKAv1-MD5, qop=\"" + qop + "\"");
    }

    @Test
    void reproducesTheCapturedPhonesAuthIntResponse() {
        ChallengeAnswerer.Answer answer = ChallengeAnswerer.answer(captureChallenge("auth-int"), freshUsim(),
                CAPTURE_IMPI, "REGISTER", "sip:" + CAPTURE_REALM, new byte[0], "a61fbe8516b77984b522256da5f7c32f");

        assertThat(answer).isInstanceOfSatisfying(ChallengeAnswerer.Authenticated.class, a -> {
            DigestCredentials c = a.credentials();
            assertThat(c.response()).isEqualTo("63175c06a7a88bd479f5c9f714487476");
            assertThat(c.qop()).contains("auth-int");
            assertThat(c.nc()).contains("00000001");
            assertThat(c.algorithm()).isEqualTo("AKAv1-MD5");
            assertThat(c.toString()).contains("qop=auth-int").contains("nc=00000001").contains("algorithm=AKAv1-MD5");
        });
    }

    @Test
    void theSameChallengeTwiceIsASynchronisationFailure() {
        UeCredentials.Aka usim = freshUsim();
        DigestChallenge challenge = captureChallenge("auth,auth-int");
        ChallengeAnswerer.answer(challenge, usim, CAPTURE_IMPI, "REGISTER", "sip:" + CAPTURE_REALM, new byte[0], "c1");

        ChallengeAnswerer.Answer replay = ChallengeAnswerer.answer(challenge, usim, CAPTURE_IMPI, "REGISTER",
                "sip:" + CAPTURE_REALM, new byte[0], "c2");

        assertThat(replay).isInstanceOfSatisfying(ChallengeAnswerer.Resync.class, r -> {
            assertThat(r.credentials().auts()).isPresent();
            assertThat(r.credentials().qop()).contains("auth");
            // SQN_MS reported is the captured SQN 0x000017242898 the USIM just accepted.
            assertThat(r.failure().sqnMs().value()).isEqualTo(0x000017242898L);
        });
    }

    @Test
    void rfc2617ExampleWithPassword() {
        // RFC 2617 §3.5: Mufasa / "Circle Of Life" -> 6629fae49393a05397450978507c4ef1.
        DigestChallenge challenge = DigestChallenge.parse("Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\","
                + " nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"");

        ChallengeAnswerer.Answer answer = ChallengeAnswerer.answer(challenge, UeCredentials.password("Circle Of Life"),
                "Mufasa", "GET", "/dir/index.html", new byte[0], "0a4f113b");

        assertThat(answer).isInstanceOfSatisfying(ChallengeAnswerer.Authenticated.class, a -> {
            assertThat(a.credentials().response()).isEqualTo("6629fae49393a05397450978507c4ef1");
            assertThat(a.credentials().opaque()).contains("5ccc069c403ebaf9f0171e9517f40e41");
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Basic realm=\"x\"|aka|not Digest",
        "Digest realm=\"r\", algorithm=AKAv1-MD5|aka|without nonce",
        "Digest nonce=\"" + CAPTURE_NONCE + "\", algorithm=AKAv1-MD5|aka|without nonce or realm",
        "Digest realm=\"r\", nonce=\"" + CAPTURE_NONCE + "\", algorithm=AKAv1-MD5|password|only a password",
        "Digest realm=\"r\", nonce=\"abc\", algorithm=MD5|aka|only an ISIM",
        "Digest realm=\"r\", nonce=\"!!not base64!!\", algorithm=AKAv1-MD5|aka|not base64",
        "Digest realm=\"r\", nonce=\"AAECAwQFBgcICQ==\", algorithm=AKAv1-MD5|aka|10 octets",
        "Digest realm=\"r\", nonce=\"" + CAPTURE_NONCE + "\", algorithm=AKAv3-SHA|aka|unknown AKA algorithm",
        "Digest realm=\"r\", nonce=\"abc\", qop=\"auth-conf\"|password|no qop we support",
    })
    void refusesWhatItCannotAnswer(String challenge, String credentials, String because) {
        UeCredentials creds = credentials.equals("aka") ? freshUsim() : UeCredentials.password("pw");

        ChallengeAnswerer.Answer answer = ChallengeAnswerer.answer(DigestChallenge.parse(challenge), creds,
                CAPTURE_IMPI, "REGISTER", "sip:" + CAPTURE_REALM, new byte[0], "c");

        assertThat(answer).isInstanceOfSatisfying(ChallengeAnswerer.Unanswerable.class,
                u -> assertThat(u.reason()).contains(because));
    }
}
