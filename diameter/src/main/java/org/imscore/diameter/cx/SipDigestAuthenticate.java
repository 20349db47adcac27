package org.imscore.diameter.cx;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.imscore.diameter.codec.Avp;

/**
 * SIP-Digest-Authenticate (TS 29.229 6.3.36), the SIP Digest (RFC 2617 MD5) material of a MAA:
 * { Digest-Realm } [ Digest-Algorithm ] { Digest-QoP } { Digest-HA1 }, the Digest AVPs of RFC 4740.
 */
public record SipDigestAuthenticate(String realm, Optional<String> algorithm, String qop, String ha1) {

    public Avp toAvp() {
        List<Avp> members = new ArrayList<>(4);
        members.add(Avp.utf8(CxAvps.DIGEST_REALM, realm));
        algorithm.ifPresent(a -> members.add(Avp.utf8(CxAvps.DIGEST_ALGORITHM, a)));
        members.add(Avp.utf8(CxAvps.DIGEST_QOP, qop));
        members.add(Avp.utf8(CxAvps.DIGEST_HA1, ha1));
        return Avp.grouped(CxAvps.SIP_DIGEST_AUTHENTICATE, members);
    }

    /** Empty when a required member is missing. */
    public static Optional<SipDigestAuthenticate> fromAvp(Avp group) {
        Optional<String> realm = group.utf8(CxAvps.DIGEST_REALM);
        Optional<String> qop = group.utf8(CxAvps.DIGEST_QOP);
        Optional<String> ha1 = group.utf8(CxAvps.DIGEST_HA1);
        if (realm.isEmpty() || qop.isEmpty() || ha1.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SipDigestAuthenticate(realm.get(), group.utf8(CxAvps.DIGEST_ALGORITHM), qop.get(),
                ha1.get()));
    }
}
