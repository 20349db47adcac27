package org.imscore.testkit.ue;

import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.imscore.aka.Octets;
import org.imscore.aka.UsimResult;
import org.imscore.sip.auth.Aka;
import org.imscore.sip.auth.Digest;
import org.imscore.sip.message.DigestChallenge;
import org.imscore.sip.message.DigestCredentials;

/**
 * Answers one Digest challenge as a UE (RFC 2617 §3.2.2): with the password for MD5, or by running the USIM on the
 * AKA nonce (RFC 3310 §3.2) and using RES as the password (§3.3; AKAv2 per RFC 4169 §4). A synchronisation failure
 * gives {@code auts} and a response over the empty password (RFC 3310 §3.4); a MAC failure gives an empty
 * response and no auts (TS 24.229 §5.1.1.5, TS 33.203 §6.1.2).
 */
final class ChallengeAnswerer {

    /** RFC 2617 §3.2.2: the nonce count of the first request with a nonce. */
    static final String FIRST_NC = "00000001";

    /** What the UE sends back. */
    sealed interface Answer {
    }

    /** Credentials over the password or RES. */
    record Authenticated(DigestCredentials credentials) implements Answer {
    }

    /** The USIM found the SQN stale: credentials with auts and the empty-password response. */
    record Resync(DigestCredentials credentials, UsimResult.SyncFailure failure) implements Answer {
    }

    /** The USIM found MAC-A wrong: credentials with an empty response, so the network learns of it. */
    record NetworkNotAuthentic(DigestCredentials credentials) implements Answer {
    }

    /** A challenge these credentials cannot answer (another scheme or algorithm, a nonce that is not RAND‖AUTN). */
    record Unanswerable(String reason) implements Answer {
    }

    private ChallengeAnswerer() {
    }

    static Answer answer(DigestChallenge challenge, UeCredentials credentials, String impi, String method,
                         String digestUri, byte[] body, String cnonce) {
        if (!challenge.isDigest()) {
            return new Unanswerable("challenge scheme " + challenge.scheme() + " is not Digest");
        }
        if (challenge.nonce() == null || challenge.realm() == null) {
            return new Unanswerable("challenge without nonce or realm: " + challenge);
        }
        String qop = chooseQop(challenge.qopOptions());
        if (qop == null) {
            return new Unanswerable("no qop we support in " + challenge.qopOptions());
        }
        String algorithm = challenge.algorithm();
        boolean akaChallenge = algorithm.toUpperCase(Locale.ROOT).startsWith("AKAV");
        return switch (credentials) {
            case UeCredentials.Password p -> akaChallenge
                    ? new Unanswerable("AKA challenge (" + algorithm + ") but the UE has only a password")
                    : new Authenticated(sign(start(challenge, impi, digestUri, qop, cnonce), method, body,
                            Digest.ha1(impi, challenge.realm(), p.password())));
            case UeCredentials.Aka a -> akaChallenge
                    ? answerAka(challenge, a, impi, method, digestUri, body, cnonce, qop)
                    : new Unanswerable(algorithm + " challenge but the UE has only an ISIM");
        };
    }

    private static Answer answerAka(DigestChallenge challenge, UeCredentials.Aka aka, String impi, String method,
                                    String digestUri, byte[] body, String cnonce, String qop) {
        String algorithm = challenge.algorithm();
        if (!Aka.AKAV1_MD5.equalsIgnoreCase(algorithm) && !Aka.AKAV2_MD5.equalsIgnoreCase(algorithm)) {
            return new Unanswerable("unknown AKA algorithm " + algorithm);
        }
        byte[] nonce;
        try {
            nonce = Base64.getDecoder().decode(challenge.nonce());
        } catch (IllegalArgumentException e) {
            return new Unanswerable("AKA nonce is not base64: " + challenge.nonce());
        }
        if (nonce.length < 32) {
            return new Unanswerable("AKA nonce holds " + nonce.length + " octets, RAND||AUTN needs 32");
        }
        DigestCredentials start = start(challenge, impi, digestUri, qop, cnonce);
        return switch (aka.usim().authenticate(Octets.of(nonce))) {
            case UsimResult.Authenticated ok -> new Authenticated(sign(start, method, body,
                    Aka.ha1(impi, challenge.realm(), algorithm, ok.res().toByteArray(), ok.ik().toByteArray(),
                            ok.ck().toByteArray())));
            case UsimResult.SyncFailure sync -> new Resync(
                    sign(start.with("auts", Aka.encodeAuts(sync.auts().octets().toByteArray())), method, body,
                            Digest.ha1(impi, challenge.realm(), new byte[0])),
                    sync);
            case UsimResult.MacFailure mac -> new NetworkNotAuthentic(DigestCredentials.digest()
                    .with("username", impi).with("realm", challenge.realm()).with("uri", digestUri)
                    .with("nonce", challenge.nonce()).with("response", "").with("algorithm", algorithm));
        };
    }

    /** RFC 2617 §3.2.2: "auth" when offered, else "auth-int"; "" when the challenge has no qop (RFC 2069 style). */
    private static String chooseQop(List<String> offered) {
        if (offered.isEmpty()) {
            return "";
        }
        for (String preferred : List.of("auth", "auth-int")) {
            for (String o : offered) {
                if (o.strip().equalsIgnoreCase(preferred)) {
                    return preferred;
                }
            }
        }
        return null;
    }

    /** The parameters in the order the captured phone writes them; response is filled in by {@link #sign}. */
    private static DigestCredentials start(DigestChallenge challenge, String impi, String digestUri, String qop,
                                           String cnonce) {
        DigestCredentials c = DigestCredentials.digest()
                .with("username", impi).with("realm", challenge.realm()).with("uri", digestUri)
                .with("nonce", challenge.nonce()).with("response", "").with("algorithm", challenge.algorithm());
        if (!qop.isEmpty()) {
            c = c.with("cnonce", cnonce).with("qop", qop).with("nc", FIRST_NC);
        }
        if (challenge.opaque().isPresent()) {
            c = c.with("opaque", challenge.opaque().get());
        }
        return c;
    }

    private static DigestCredentials sign(DigestCredentials c, String method, byte[] body, String ha1) {
        return c.with("response", Digest.expectedResponse(c, method, ha1, body));
    }
}
