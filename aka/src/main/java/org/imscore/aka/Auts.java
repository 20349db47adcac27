package org.imscore.aka;

import java.util.Objects;

/**
 * The resynchronisation token AUTS = (SQN_MS ⊕ AK*) ‖ MAC-S, 14 octets (TS 33.102 §6.3.3), sent by the USIM on a
 * synchronisation failure. MAC-S = f1*(K; SQN_MS ‖ RAND ‖ AMF*) uses the dummy AMF* = 0x0000 so that the real AMF
 * never travels in clear (§6.3.3).
 */
public record Auts(Octets octets) {

    public static final int LENGTH = 14;

    /** AMF* of §6.3.3. */
    public static final Octets DUMMY_AMF = Octets.of((byte) 0, (byte) 0);

    public Auts {
        Objects.requireNonNull(octets, "AUTS").requireLength("AUTS", LENGTH);
    }

    public static Auts fromHex(String hex) {
        return new Auts(Octets.fromHex(hex));
    }

    /** USIM side: AUTS for the highest accepted {@code sqnMs}, answering the challenge {@code rand}. */
    public static Auts compute(Milenage milenage, Octets rand, Sqn sqnMs) {
        byte[] r = rand.requireLength("RAND", Milenage.RAND_LENGTH).unsafeArray();
        Octets akStar = Octets.wrap(milenage.f5Star(r));
        Octets macS = Octets.wrap(milenage.f1Star(r, sqnMs.toOctets().unsafeArray(), DUMMY_AMF.unsafeArray()));
        return new Auts(Autn.xor(sqnMs.toOctets(), akStar).concat(macS));
    }

    /** SQN_MS ⊕ AK*, octets 0..5. */
    public Octets concealedSqn() {
        return octets.slice(0, 6);
    }

    /** MAC-S, octets 6..13. */
    public Octets macS() {
        return octets.slice(6, 14);
    }

    /** Network side: SQN_MS = AUTS[0..5] ⊕ f5*(K; RAND). Not yet authenticated; see {@link #verify}. */
    public Sqn recoverSqn(Milenage milenage, Octets rand) {
        byte[] r = rand.requireLength("RAND", Milenage.RAND_LENGTH).unsafeArray();
        return Sqn.fromOctets(Autn.xor(concealedSqn(), Octets.wrap(milenage.f5Star(r))));
    }

    /** Network side: whether MAC-S equals f1*(K; sqnMs ‖ RAND ‖ 0x0000). */
    public boolean verify(Milenage milenage, Octets rand, Sqn sqnMs) {
        byte[] r = rand.requireLength("RAND", Milenage.RAND_LENGTH).unsafeArray();
        Octets expected = Octets.wrap(
                milenage.f1Star(r, sqnMs.toOctets().unsafeArray(), DUMMY_AMF.unsafeArray()));
        return expected.sameAs(macS());
    }
}
