package org.imscore.diameter.cx;

import java.util.Optional;

import org.imscore.diameter.codec.DiameterMessage;

/** Session and routing AVPs every Cx request carries (TS 29.229 6.1). */
public record CxRequestHeader(String sessionId, String originHost, String originRealm,
                              Optional<String> destinationHost, String destinationRealm) {

    public static CxRequestHeader of(String sessionId, String originHost, String originRealm,
                                     String destinationHost, String destinationRealm) {
        return new CxRequestHeader(sessionId, originHost, originRealm, Optional.ofNullable(destinationHost),
                destinationRealm);
    }

    /** Reads the header AVPs; empty when a required one is missing. */
    public static Optional<CxRequestHeader> from(DiameterMessage request) {
        Optional<String> session = request.sessionId();
        Optional<String> host = request.originHost();
        Optional<String> realm = request.originRealm();
        Optional<String> destinationRealm = request.destinationRealm();
        if (session.isEmpty() || host.isEmpty() || realm.isEmpty() || destinationRealm.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new CxRequestHeader(session.get(), host.get(), realm.get(), request.destinationHost(),
                destinationRealm.get()));
    }
}
