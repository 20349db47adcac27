package org.imscore.sip.message;

import java.util.Optional;
import org.imscore.sip.uri.Parameters;

/** Authentication-Info (RFC 3261 §20.6, RFC 2617 §3.2.3): nextnonce, qop, rspauth, cnonce, nc. */
public record AuthenticationInfo(Parameters parameters) {

    public static AuthenticationInfo parse(String text) {
        return new AuthenticationInfo(new HeaderScanner(text).commaParameters());
    }

    public Optional<String> nextNonce() {
        return parameters.get("nextnonce");
    }

    public Optional<String> qop() {
        return parameters.get("qop");
    }

    public Optional<String> rspauth() {
        return parameters.get("rspauth");
    }

    public Optional<String> cnonce() {
        return parameters.get("cnonce");
    }

    public Optional<String> nc() {
        return parameters.get("nc");
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        parameters.appendJoined(sb, ", ");
        return sb.toString();
    }
}
