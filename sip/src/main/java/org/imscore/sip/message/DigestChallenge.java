package org.imscore.sip.message;

import java.util.List;
import java.util.Optional;
import org.imscore.sip.uri.Parameter;
import org.imscore.sip.uri.Parameters;

/**
 * WWW-Authenticate / Proxy-Authenticate challenge (RFC 3261 §20.44, RFC 2617 §3.2.1), including the IMS
 * {@code ck}/{@code ik} parameters an S-CSCF sends to the P-CSCF (TS 24.229 §5.4.1.2.1, TS 33.203 §7).
 */
public record DigestChallenge(String scheme, Parameters parameters) {

    public DigestChallenge {
        parameters = parameters == null ? Parameters.EMPTY : parameters;
    }

    public static DigestChallenge parse(String text) {
        return parse(new HeaderScanner(text));
    }

    /** The challenge at the cursor, to the end of the value (read in place: {@link HeaderType#WWW_AUTHENTICATE}). */
    static DigestChallenge parse(HeaderScanner sc) {
        String scheme = sc.token("auth scheme", HeaderScanner.DIGEST);
        return new DigestChallenge(scheme, sc.commaParameters());
    }

    public static DigestChallenge digest() {
        return new DigestChallenge("Digest", Parameters.EMPTY);
    }

    /** A copy with the parameter set; algorithm and stale are tokens, the others quoted (RFC 2617 §3.2.1). */
    public DigestChallenge with(String name, String value) {
        boolean token = name.equalsIgnoreCase("algorithm") || name.equalsIgnoreCase("stale");
        return new DigestChallenge(scheme, parameters.with(new Parameter(name, value, !token)));
    }

    public DigestChallenge without(String name) {
        return new DigestChallenge(scheme, parameters.without(name));
    }

    public boolean isDigest() {
        return scheme.equalsIgnoreCase("Digest");
    }

    public String realm() {
        return parameters.value("realm");
    }

    public String nonce() {
        return parameters.value("nonce");
    }

    public String algorithm() {
        String a = parameters.value("algorithm");
        return a == null ? "MD5" : a;
    }

    public Optional<String> opaque() {
        return parameters.get("opaque");
    }

    public Optional<String> domain() {
        return parameters.get("domain");
    }

    /** The qop options offered: {@code qop="auth,auth-int"} gives [auth, auth-int]. */
    public List<String> qopOptions() {
        String q = parameters.value("qop");
        return q == null ? List.of() : HeaderScanner.splitTopLevel(q);
    }

    public boolean stale() {
        return "true".equalsIgnoreCase(parameters.value("stale"));
    }

    /** Cipher key (hex) added by the S-CSCF for the P-CSCF. */
    public Optional<String> ck() {
        return parameters.get("ck");
    }

    /** Integrity key (hex) added by the S-CSCF for the P-CSCF. */
    public Optional<String> ik() {
        return parameters.get("ik");
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(256).append(scheme).append(' ');
        parameters.appendJoined(sb, ", ");
        return sb.toString();
    }
}
