package org.imscore.cscf.scscf;

import java.util.HexFormat;
import org.imscore.cscf.cx.AuthVector;
import org.imscore.sip.auth.Aka;
import org.imscore.sip.auth.Digest;
import org.imscore.sip.message.AuthenticationInfo;
import org.imscore.sip.message.DigestChallenge;
import org.imscore.sip.message.DigestCredentials;
import org.imscore.sip.uri.Parameter;
import org.imscore.sip.uri.Parameters;

/**
 * The Digest side of registration: the challenge an S-CSCF sends (TS 24.229 §5.4.1.2.1, RFC 3310 §3.2), the check of
 * the UE's answer (RFC 3310 §3.4 with XRES as the password octets; RFC 2617 with HA1 from the HSS for SIP Digest),
 * and the Authentication-Info of the 200 OK (RFC 2617 §3.2.3).
 */
final class DigestAuthenticator {

    private static final HexFormat HEX = HexFormat.of();

    enum Verdict {
        /** The response matches. */
        AUTHENTICATED,
        /** The response does not match: a wrong password or a wrong RES. */
        WRONG_RESPONSE,
        /**
         * An empty response without auts: the UE found the network not authentic (MAC failure, TS 33.203 §6.1.2;
         * TS 24.229 §5.1.1.5.3), so challenging again is pointless.
         */
        NETWORK_NOT_AUTHENTIC
    }

    private DigestAuthenticator() {
    }

    /** The nonce for a vector: base64(RAND || AUTN) for AKA; our own random token for SIP Digest. */
    static String nonce(AuthVector vector, String randomToken) {
        if (vector instanceof AuthVector.Aka aka) {
            return Aka.nonce(aka.rand(), aka.autn());
        }
        return randomToken;
    }

    /**
     * WWW-Authenticate in the layout of the captured S-CSCF: realm, nonce, algorithm, [stale], ck and ik for the
     * P-CSCF (AKA only, TS 33.203 §7.1; the P-CSCF removes them), qop.
     */
    static DigestChallenge challenge(Challenge challenge, String realm, String qopOptions, boolean stale) {
        DigestChallenge c = DigestChallenge.digest()
                .with("realm", realm)
                .with("nonce", challenge.nonce())
                .with("algorithm", challenge.vector().scheme().digestAlgorithm());
        if (stale) {
            c = c.with("stale", "true");
        }
        if (challenge.vector() instanceof AuthVector.Aka aka) {
            c = c.with("ck", HEX.formatHex(aka.ck())).with("ik", HEX.formatHex(aka.ik()));
            return c.with("qop", qopOptions);
        }
        AuthVector.Digest digest = (AuthVector.Digest) challenge.vector();
        return c.with("qop", digest.qop().isEmpty() ? qopOptions : digest.qop());
    }

    /** HA1 for the challenge's vector, with the username and realm the UE used. */
    static String ha1(Challenge challenge, DigestCredentials credentials) {
        if (challenge.vector() instanceof AuthVector.Aka aka) {
            return Aka.ha1(credentials.username(), credentials.realm(), aka.scheme().digestAlgorithm(), aka.xres(),
                    aka.ik(), aka.ck());
        }
        return ((AuthVector.Digest) challenge.vector()).ha1();
    }

    static Verdict verify(Challenge challenge, DigestCredentials credentials, String realm, String method,
                          byte[] body) {
        String response = credentials.response();
        if ((response == null || response.isEmpty()) && challenge.vector() instanceof AuthVector.Aka) {
            return Verdict.NETWORK_NOT_AUTHENTIC;
        }
        if (credentials.username() == null || !realm.equals(credentials.realm())
                || !credentials.username().equalsIgnoreCase(challenge.privateIdentity())) {
            return Verdict.WRONG_RESPONSE;
        }
        return Digest.verify(credentials, method, ha1(challenge, credentials), body)
                ? Verdict.AUTHENTICATED : Verdict.WRONG_RESPONSE;
    }

    /**
     * Authentication-Info for the 200 OK: qop, rspauth (the response with HA2 over ":" digest-uri), cnonce and nc
     * (RFC 2617 §3.2.3).
     */
    static AuthenticationInfo authenticationInfo(Challenge challenge, DigestCredentials credentials, byte[] body) {
        String qop = credentials.qop().orElse(null);
        String ha1 = ha1(challenge, credentials);
        String ha2 = Digest.ha2("", credentials.uri(), qop, body);
        String rspauth = Digest.response(ha1, credentials.nonce(), credentials.nc().orElse(""),
                credentials.cnonce().orElse(""), qop, ha2);
        Parameters p = Parameters.EMPTY;
        if (qop != null) {
            p = p.with("qop", qop);
        }
        p = p.with(Parameter.quoted("rspauth", rspauth));
        if (credentials.cnonce().isPresent()) {
            p = p.with(Parameter.quoted("cnonce", credentials.cnonce().get()));
        }
        if (credentials.nc().isPresent()) {
            p = p.with("nc", credentials.nc().get());
        }
        return new AuthenticationInfo(p);
    }
}
