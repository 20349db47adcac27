package org.imscore.sip.message;

import java.util.Optional;
import org.imscore.sip.uri.Parameter;
import org.imscore.sip.uri.Parameters;

/**
 * Authorization / Proxy-Authorization credentials (RFC 3261 §20.7, RFC 2617 §3.2.2, RFC 3310 §3.4 for auts).
 *
 * @param scheme     "Digest" (or another scheme, whose params are kept as they are)
 * @param parameters auth-params in order; values unquoted, with their quoting kept for re-encoding
 */
public record DigestCredentials(String scheme, Parameters parameters) {

    public DigestCredentials {
        parameters = parameters == null ? Parameters.EMPTY : parameters;
    }

    public static DigestCredentials parse(String text) {
        return parse(new HeaderScanner(text));
    }

    /** The credentials at the cursor, to the end of the value (read in place, see {@link HeaderType#AUTHORIZATION}). */
    static DigestCredentials parse(HeaderScanner sc) {
        String scheme = sc.token("auth scheme", HeaderScanner.DIGEST);
        return new DigestCredentials(scheme, sc.commaParameters());
    }

    /** A builder-style start: {@code Digest username="..."} with the quoting of RFC 2617. */
    public static DigestCredentials digest() {
        return new DigestCredentials("Digest", Parameters.EMPTY);
    }

    /**
     * A copy with the parameter set; quoting follows RFC 2617 §3.2.2 (algorithm, qop and nc are tokens, all
     * other digest parameters quoted-strings).
     */
    public DigestCredentials with(String name, String value) {
        boolean token = name.equalsIgnoreCase("algorithm") || name.equalsIgnoreCase("qop") || name.equalsIgnoreCase("nc");
        return new DigestCredentials(scheme, parameters.with(new Parameter(name, value, !token)));
    }

    public boolean isDigest() {
        return scheme.equalsIgnoreCase("Digest");
    }

    public Optional<String> get(String name) {
        return parameters.get(name);
    }

    public String username() {
        return parameters.value("username");
    }

    public String realm() {
        return parameters.value("realm");
    }

    public String nonce() {
        return parameters.value("nonce");
    }

    public String uri() {
        return parameters.value("uri");
    }

    public String response() {
        return parameters.value("response");
    }

    /** The algorithm; RFC 2617 default "MD5" when absent. */
    public String algorithm() {
        String a = parameters.value("algorithm");
        return a == null ? "MD5" : a;
    }

    public Optional<String> cnonce() {
        return parameters.get("cnonce");
    }

    public Optional<String> nc() {
        return parameters.get("nc");
    }

    public Optional<String> qop() {
        return parameters.get("qop");
    }

    public Optional<String> opaque() {
        return parameters.get("opaque");
    }

    /** AKA re-synchronisation token, base64 (RFC 3310 §3.4). */
    public Optional<String> auts() {
        return parameters.get("auts");
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(256).append(scheme).append(' ');
        parameters.appendJoined(sb, ", ");
        return sb.toString();
    }
}
