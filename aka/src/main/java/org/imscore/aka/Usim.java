package org.imscore.aka;

import java.util.Objects;

/**
 * The authentication function of a USIM with Milenage (TS 33.102 §6.3.3), for test UEs and simulators.
 * It holds K, OPc and the {@link UsimSqnState}, which advances on every successful authentication.
 * Thread-safe: challenges are answered one at a time.
 */
public final class Usim {

    private final Milenage milenage;
    private UsimSqnState state;

    public Usim(Octets k, Octets opc, UsimSqnState state) {
        Objects.requireNonNull(k, "K").requireLength("K", Milenage.BLOCK);
        Objects.requireNonNull(opc, "OPc").requireLength("OPc", Milenage.BLOCK);
        this.milenage = Milenage.withOpc(k.unsafeArray(), opc.unsafeArray());
        this.state = Objects.requireNonNull(state, "state");
    }

    /** A USIM that has not accepted any SQN yet. */
    public Usim(Octets k, Octets opc, SqnScheme scheme) {
        this(k, opc, UsimSqnState.initial(scheme));
    }

    public synchronized UsimSqnState state() {
        return state;
    }

    /**
     * Runs AKA on the decoded SIP Digest nonce, RAND ‖ AUTN ‖ optional server data (RFC 3310 §3.2), or on the Cx
     * SIP-Authenticate value.
     *
     * @throws IllegalArgumentException when fewer than 32 octets are given
     */
    public UsimResult authenticate(Octets nonce) {
        int needed = Milenage.RAND_LENGTH + Autn.LENGTH;
        if (Objects.requireNonNull(nonce, "nonce").length() < needed) {
            throw new IllegalArgumentException("AKA nonce must hold RAND (16 octets) || AUTN (16 octets), got "
                    + nonce.length() + " octets");
        }
        return authenticate(nonce.slice(0, Milenage.RAND_LENGTH), nonce.slice(Milenage.RAND_LENGTH, needed));
    }

    /**
     * Runs AKA on a challenge: AK = f5(RAND), SQN = AUTN[0..5] ⊕ AK, XMAC = f1(SQN ‖ RAND ‖ AMF) against MAC-A,
     * then freshness; only an {@link UsimResult.Authenticated} result advances the SQN state.
     *
     * @throws IllegalArgumentException when RAND is not 16 octets or AUTN not 16 octets
     */
    public synchronized UsimResult authenticate(Octets rand, Octets autnOctets) {
        byte[] r = Objects.requireNonNull(rand, "RAND").requireLength("RAND", Milenage.RAND_LENGTH).unsafeArray();
        Autn autn = new Autn(Objects.requireNonNull(autnOctets, "AUTN"));
        Milenage.ChallengeOutputs outputs = milenage.f2345(r);
        Sqn sqn = autn.sqn(outputs.ak());
        Octets xmac = Octets.wrap(milenage.f1(r, sqn.toOctets().unsafeArray(), autn.amf().unsafeArray()));
        if (!xmac.sameAs(autn.mac())) {
            return new UsimResult.MacFailure(sqn);
        }
        Freshness freshness = state.check(sqn);
        if (freshness != Freshness.FRESH) {
            Sqn sqnMs = state.highestAccepted();
            return new UsimResult.SyncFailure(Auts.compute(milenage, rand, sqnMs), sqnMs, freshness);
        }
        state = state.accept(sqn);
        return new UsimResult.Authenticated(outputs.res(), outputs.ck(), outputs.ik(), sqn);
    }

    @Override
    public String toString() {
        return "Usim[K and OPc hidden, " + state() + "]";
    }
}
