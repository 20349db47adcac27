package org.imscore.aka;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Operator-chosen constants (TS 35.206 §4.1) are honoured, including rotations that are not whole octets. */
class MilenageConstantsTest {

    private static final BigInteger MASK = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

    @Test
    void rotationMatchesA128BitReferenceForEveryAmount() {
        byte[] block = new byte[16];
        new Random(35206).nextBytes(block);
        BigInteger x = new BigInteger(1, block);
        for (int bits = 0; bits < 128; bits++) {
            BigInteger expected = x.shiftLeft(bits).or(x.shiftRight(128 - bits)).and(MASK);
            assertThat(new BigInteger(1, Milenage.rotateLeft(block, bits))).as("rot %d", bits).isEqualTo(expected);
        }
    }

    @Test
    void nonStandardConstantsChangeTheOutputsTheyFeed() {
        byte[] k = Octets.fromHex("465b5ce8b199b49faa5f0a2ee238a6bc").toByteArray();
        byte[] opc = Octets.fromHex("cd63cb71954a9f4e48a5994e37a02baf").toByteArray();
        byte[] rand = Octets.fromHex("23553cbe9637a89d218ae64dae47bf35").toByteArray();
        MilenageConstants s = MilenageConstants.STANDARD;
        MilenageConstants custom = new MilenageConstants(s.c1(), s.c2(), Octets.fromHex("000000000000000000000000000000ff"),
                s.c4(), s.c5(), s.r1(), s.r2(), 33, s.r4(), s.r5());

        Milenage standard = Milenage.withOpc(k, opc);
        Milenage operator = Milenage.withOpc(k, opc, custom);

        assertThat(operator.f3(rand)).isNotEqualTo(standard.f3(rand));
        assertThat(operator.f2(rand)).isEqualTo(standard.f2(rand));
        assertThat(operator.f4(rand)).isEqualTo(standard.f4(rand));
        assertThat(Milenage.withOpc(k, opc, s).f3(rand)).isEqualTo(standard.f3(rand));
    }

    @Test
    void oneInstanceIsSafeToShareBetweenThreads() throws Exception {
        byte[] k = Octets.fromHex("465b5ce8b199b49faa5f0a2ee238a6bc").toByteArray();
        byte[] opc = Octets.fromHex("cd63cb71954a9f4e48a5994e37a02baf").toByteArray();
        byte[] rand = Octets.fromHex("23553cbe9637a89d218ae64dae47bf35").toByteArray();
        Milenage shared = Milenage.withOpc(k, opc);
        Octets expected = Octets.fromHex("b40ba9a3c58b2a05bbf0d987b21bf8cb");
        java.util.concurrent.atomic.AtomicInteger wrong = new java.util.concurrent.atomic.AtomicInteger();
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 2_000; i++) {
                    if (!Octets.of(shared.f3(rand)).equals(expected)) {
                        wrong.incrementAndGet();
                    }
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(wrong).hasValue(0);
    }
}
