package org.imscore.testkit.ue;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.function.UnaryOperator;
import org.imscore.sip.message.DigestCredentials;
import org.imscore.sip.transport.Endpoint;
import org.imscore.sip.transport.Transport;
import org.imscore.sip.uri.SipUri;

/**
 * Who a {@link TestUe} is and where it registers.
 *
 * @param impi            private identity, the Digest username (e.g. {@code 001011234567895@ims.mnc001...})
 * @param impu            public identity registered and subscribed (From/To of REGISTER)
 * @param domain          home network domain: REGISTER Request-URI {@code sip:domain} and the Digest realm of the
 *                        first REGISTER (TS 24.229 §5.1.1.2.1)
 * @param pcscf           the P-CSCF, which also fixes the transport (UDP or TCP) every request uses
 * @param credentials     AKA or password
 * @param localHost       the address the UE binds (an ephemeral port, UDP and TCP)
 * @param instanceId      the {@code +sip.instance} of the Contact (RFC 5626 §4.1), angle brackets included
 * @param expires         the registration and subscription expiry asked for, seconds
 * @param maxChallenges   how many 401s one registration attempt answers before giving up (a stale nonce, a resync
 *                        and a re-challenge after a wrong response each take one)
 * @param tamper          applied to each Authorization the UE computes before it is sent: identity for a well
 *                        behaved UE, {@link #WRONG_RESPONSE} and friends for negative tests
 * @param autoAnswer      whether incoming INVITEs are answered 180 then 200 with SDP (else 486 Busy Here)
 * @param responseTimeout how long any one request waits for its final response (beyond Timer F's 32 s the
 *                        transaction layer has already answered 408)
 * @param contactQ        the q-value of the registered Contact (RFC 3261 §20.10), none when empty
 */
public record UeConfig(String impi, SipUri impu, String domain, Endpoint pcscf, UeCredentials credentials,
                       String localHost, String instanceId, long expires, int maxChallenges,
                       UnaryOperator<DigestCredentials> tamper, boolean autoAnswer, Duration responseTimeout,
                       OptionalDouble contactQ) {

    /** A response one hex digit off the right one: what a UE with the wrong password or RES sends. */
    public static final UnaryOperator<DigestCredentials> WRONG_RESPONSE = c -> {
        String r = c.response();
        if (r == null || r.isEmpty()) {
            return c;
        }
        char first = r.charAt(0) == '0' ? '1' : '0';
        return c.with("response", first + r.substring(1));
    };

    public UeConfig {
        Objects.requireNonNull(impi, "impi");
        Objects.requireNonNull(impu, "impu");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(pcscf, "pcscf");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(localHost, "localHost");
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(tamper, "tamper");
        Objects.requireNonNull(responseTimeout, "responseTimeout");
        Objects.requireNonNull(contactQ, "contactQ");
        if (expires < 0) {
            throw new IllegalArgumentException("expires must not be negative, got " + expires);
        }
        if (maxChallenges < 1) {
            throw new IllegalArgumentException("maxChallenges must be at least 1, got " + maxChallenges);
        }
    }

    /**
     * A UE on 127.0.0.1 with a fixed IMEI-based instance, 600000 s expiry (as the captured phone asks), three
     * challenges per attempt, no tampering, incoming calls refused, 40 s per request.
     */
    public static UeConfig of(String impi, SipUri impu, String domain, Endpoint pcscf, UeCredentials credentials) {
        return new UeConfig(impi, impu, domain, pcscf, credentials, "127.0.0.1",
                "<urn:gsma:imei:86728703-952237-0>", 600_000, 3, UnaryOperator.identity(), false,
                Duration.ofSeconds(40), OptionalDouble.empty());
    }

    public Transport transport() {
        return pcscf.transport();
    }

    public UeConfig withCredentials(UeCredentials newCredentials) {
        return new UeConfig(impi, impu, domain, pcscf, newCredentials, localHost, instanceId, expires, maxChallenges,
                tamper, autoAnswer, responseTimeout, contactQ);
    }

    public UeConfig withExpires(long seconds) {
        return new UeConfig(impi, impu, domain, pcscf, credentials, localHost, instanceId, seconds, maxChallenges,
                tamper, autoAnswer, responseTimeout, contactQ);
    }

    public UeConfig withMaxChallenges(int count) {
        return new UeConfig(impi, impu, domain, pcscf, credentials, localHost, instanceId, expires, count,
                tamper, autoAnswer, responseTimeout, contactQ);
    }

    public UeConfig withTamper(UnaryOperator<DigestCredentials> newTamper) {
        return new UeConfig(impi, impu, domain, pcscf, credentials, localHost, instanceId, expires, maxChallenges,
                newTamper, autoAnswer, responseTimeout, contactQ);
    }

    public UeConfig withInstanceId(String id) {
        return new UeConfig(impi, impu, domain, pcscf, credentials, localHost, id, expires, maxChallenges,
                tamper, autoAnswer, responseTimeout, contactQ);
    }

    public UeConfig withAutoAnswer(boolean answer) {
        return new UeConfig(impi, impu, domain, pcscf, credentials, localHost, instanceId, expires, maxChallenges,
                tamper, answer, responseTimeout, contactQ);
    }

    /** The Contact registered with {@code ;q=VALUE}, e.g. to order the contacts of sequential forking. */
    public UeConfig withContactQ(double q) {
        return new UeConfig(impi, impu, domain, pcscf, credentials, localHost, instanceId, expires, maxChallenges,
                tamper, autoAnswer, responseTimeout, OptionalDouble.of(q));
    }

    public UeConfig withResponseTimeout(Duration timeout) {
        return new UeConfig(impi, impu, domain, pcscf, credentials, localHost, instanceId, expires, maxChallenges,
                tamper, autoAnswer, timeout, contactQ);
    }
}
