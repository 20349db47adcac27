package org.imscore.diameter.cx;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.imscore.diameter.codec.Avp;
import org.imscore.diameter.dictionary.AvpDefinition;

/**
 * SIP-Auth-Data-Item (TS 29.229 6.3.13). For Digest-AKAv1-MD5 (6.3.10/6.3.11): in a MAA,
 * authenticate = RAND‖AUTN (32 octets), authorization = XRES, plus CK and IK; in a resync MAR,
 * authorization = RAND‖AUTS (30 octets). Members this record does not model are kept in {@code otherAvps}.
 * Byte arrays are not copied: treat them as read-only.
 */
public record SipAuthDataItem(OptionalLong itemNumber, Optional<String> scheme, Optional<byte[]> authenticate,
                              Optional<byte[]> authorization, Optional<byte[]> authenticationContext,
                              Optional<byte[]> confidentialityKey, Optional<byte[]> integrityKey,
                              List<Avp> otherAvps) {

    public SipAuthDataItem {
        otherAvps = List.copyOf(otherAvps);
    }

    /** What an S-CSCF puts in a MAR asking for a fresh vector. */
    public static SipAuthDataItem request(String scheme) {
        return new SipAuthDataItem(OptionalLong.empty(), Optional.of(scheme), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), List.of());
    }

    /** A resynchronisation MAR: SIP-Authorization = RAND‖AUTS (TS 29.229 6.3.11). */
    public static SipAuthDataItem resync(String scheme, byte[] randAndAuts) {
        return new SipAuthDataItem(OptionalLong.empty(), Optional.of(scheme), Optional.empty(),
                Optional.of(randAndAuts), Optional.empty(), Optional.empty(), Optional.empty(), List.of());
    }

    /** An AKA vector in a MAA. */
    public static SipAuthDataItem akaVector(long itemNumber, String scheme, byte[] randAndAutn, byte[] xres,
                                            byte[] ck, byte[] ik) {
        return new SipAuthDataItem(OptionalLong.of(itemNumber), Optional.of(scheme), Optional.of(randAndAutn),
                Optional.of(xres), Optional.empty(), Optional.of(ck), Optional.of(ik), List.of());
    }

    /** A SIP Digest item of a MAA: scheme "SIP Digest" and SIP-Digest-Authenticate (TS 29.229 6.3.36). */
    public static SipAuthDataItem digest(long itemNumber, SipDigestAuthenticate digest) {
        return new SipAuthDataItem(OptionalLong.of(itemNumber), Optional.of(Cx.SCHEME_DIGEST), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of(digest.toAvp()));
    }

    /** The SIP-Digest-Authenticate member, when there is a well-formed one (it travels in otherAvps). */
    public Optional<SipDigestAuthenticate> digestAuthenticate() {
        for (Avp avp : otherAvps) {
            if (avp.is(CxAvps.SIP_DIGEST_AUTHENTICATE)) {
                return SipDigestAuthenticate.fromAvp(avp);
            }
        }
        return Optional.empty();
    }

    public Avp toAvp() {
        List<Avp> members = new ArrayList<>(7);
        itemNumber.ifPresent(n -> members.add(Avp.unsigned32(CxAvps.SIP_ITEM_NUMBER, n)));
        scheme.ifPresent(s -> members.add(Avp.utf8(CxAvps.SIP_AUTHENTICATION_SCHEME, s)));
        authenticate.ifPresent(b -> members.add(Avp.octets(CxAvps.SIP_AUTHENTICATE, b)));
        authorization.ifPresent(b -> members.add(Avp.octets(CxAvps.SIP_AUTHORIZATION, b)));
        authenticationContext.ifPresent(b -> members.add(Avp.octets(CxAvps.SIP_AUTHENTICATION_CONTEXT, b)));
        confidentialityKey.ifPresent(b -> members.add(Avp.octets(CxAvps.CONFIDENTIALITY_KEY, b)));
        integrityKey.ifPresent(b -> members.add(Avp.octets(CxAvps.INTEGRITY_KEY, b)));
        members.addAll(otherAvps);
        return Avp.grouped(CxAvps.SIP_AUTH_DATA_ITEM, members);
    }

    /** The members this record has a component for; the others travel in {@code otherAvps}. */
    private static final List<AvpDefinition> MODELLED = List.of(CxAvps.SIP_ITEM_NUMBER,
            CxAvps.SIP_AUTHENTICATION_SCHEME, CxAvps.SIP_AUTHENTICATE, CxAvps.SIP_AUTHORIZATION,
            CxAvps.SIP_AUTHENTICATION_CONTEXT, CxAvps.CONFIDENTIALITY_KEY, CxAvps.INTEGRITY_KEY);

    public static SipAuthDataItem fromAvp(Avp group) {
        List<Avp> others = List.of();
        for (Avp member : group.avps()) {
            if (!isModelled(member)) {
                if (others.isEmpty()) {
                    others = new ArrayList<>(2);
                }
                others.add(member);
            }
        }
        return new SipAuthDataItem(group.unsigned32(CxAvps.SIP_ITEM_NUMBER),
                group.utf8(CxAvps.SIP_AUTHENTICATION_SCHEME), group.octets(CxAvps.SIP_AUTHENTICATE),
                group.octets(CxAvps.SIP_AUTHORIZATION), group.octets(CxAvps.SIP_AUTHENTICATION_CONTEXT),
                group.octets(CxAvps.CONFIDENTIALITY_KEY), group.octets(CxAvps.INTEGRITY_KEY), others);
    }

    private static boolean isModelled(Avp member) {
        for (AvpDefinition def : MODELLED) {
            if (member.is(def)) {
                return true;
            }
        }
        return false;
    }
}
