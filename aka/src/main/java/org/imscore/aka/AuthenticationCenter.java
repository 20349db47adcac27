package org.imscore.aka;

import java.util.Objects;

/**
 * The AuC part of the home network: makes authentication vectors (TS 33.102 §6.3.2) and handles resynchronisation
 * (§6.3.5). It keeps no per-subscriber state: the caller (the HSS) stores the last SQN issued and passes it in.
 * Thread-safe when its {@link RandSource} is.
 */
public final class AuthenticationCenter {

    /** Length of the Cx SIP-Authorization content in a resynchronisation request: RAND ‖ AUTS. */
    public static final int RAND_AND_AUTS_LENGTH = Milenage.RAND_LENGTH + Auts.LENGTH;

    private final SqnScheme scheme;
    private final RandSource rands;

    public AuthenticationCenter(SqnScheme scheme, RandSource rands) {
        this.scheme = Objects.requireNonNull(scheme, "scheme");
        this.rands = Objects.requireNonNull(rands, "rands");
    }

    /** Default scheme (5-bit IND) and RAND from a {@link java.security.SecureRandom}. */
    public AuthenticationCenter() {
        this(SqnScheme.DEFAULT, RandSource.secure());
    }

    public SqnScheme scheme() {
        return scheme;
    }

    /** A vector for the next SQN after {@code lastIssued} in slot {@code ind}; record its {@code sqn()} as issued. */
    public AuthenticationVector next(SubscriberKeys keys, Sqn lastIssued, int ind) {
        return generate(keys, scheme.next(lastIssued, ind));
    }

    /** A vector with exactly this SQN and a fresh RAND. */
    public AuthenticationVector generate(SubscriberKeys keys, Sqn sqn) {
        return generate(keys.milenage(), keys.amf(), sqn);
    }

    /** As {@link #generate(SubscriberKeys, Sqn)}, reusing a Milenage instance made for the subscriber's keys. */
    public AuthenticationVector generate(Milenage milenage, Octets amf, Sqn sqn) {
        amf.requireLength("AMF", Milenage.AMF_LENGTH);
        byte[] rand = new byte[Milenage.RAND_LENGTH];
        rands.fill(rand);
        Milenage.VectorOutputs outputs = milenage.vectorOutputs(rand, sqn.toOctets().unsafeArray(), amf.unsafeArray());
        Milenage.ChallengeOutputs challenge = outputs.challenge();
        Autn autn = Autn.of(sqn, challenge.ak(), amf, outputs.macA());
        return new AuthenticationVector(Octets.wrap(rand), challenge.res(), challenge.ck(), challenge.ik(),
                autn.octets(), sqn);
    }

    /**
     * Resynchronisation from the Cx SIP-Authorization content of a MAR: RAND (16 octets) ‖ AUTS (14 octets).
     *
     * @throws IllegalArgumentException when {@code randAndAuts} is not 30 octets
     */
    public ResyncResult resynchronise(SubscriberKeys keys, Octets randAndAuts, Sqn lastIssued) {
        if (randAndAuts.length() != RAND_AND_AUTS_LENGTH) {
            throw new IllegalArgumentException("resynchronisation data (RAND || AUTS) must be "
                    + RAND_AND_AUTS_LENGTH + " octets (16 + 14), got " + randAndAuts.length());
        }
        return resynchronise(keys, randAndAuts.slice(0, Milenage.RAND_LENGTH),
                new Auts(randAndAuts.slice(Milenage.RAND_LENGTH, RAND_AND_AUTS_LENGTH)), lastIssued);
    }

    /**
     * TS 33.102 §6.3.5: recover SQN_MS with AK* = f5*(RAND), check MAC-S = f1*(SQN_MS ‖ RAND ‖ 0x0000), and if the
     * next SQN the HE would issue is not acceptable to the USIM, continue from SQN_MS instead.
     */
    public ResyncResult resynchronise(SubscriberKeys keys, Octets rand, Auts auts, Sqn lastIssued) {
        rand.requireLength("RAND", Milenage.RAND_LENGTH);
        Objects.requireNonNull(lastIssued, "lastIssued");
        Milenage milenage = keys.milenage();
        Sqn sqnMs = auts.recoverSqn(milenage, rand);
        if (!auts.verify(milenage, rand, sqnMs)) {
            return new ResyncResult.MacMismatch(sqnMs);
        }
        return new ResyncResult.Resynchronised(sqnMs, nextIsAcceptable(lastIssued, sqnMs) ? lastIssued : sqnMs);
    }

    // The USIM accepts SEQ > SEQ_MS(i) for every i only if SEQ exceeds the highest SEQ it has seen (which SQN_MS
    // carries), and, with a Δ limit, only if SEQ - SEQ_MS <= Δ (Annex C.2.2).
    private boolean nextIsAcceptable(Sqn lastIssued, Sqn sqnMs) {
        long nextSeq = scheme.seq(lastIssued) + 1;
        long seqMs = scheme.seq(sqnMs);
        return nextSeq > seqMs && nextSeq - seqMs <= scheme.maxJump();
    }
}
