package org.imscore.benchmarks.aka;

import java.util.concurrent.TimeUnit;
import org.imscore.aka.AuthenticationCenter;
import org.imscore.aka.AuthenticationVector;
import org.imscore.aka.Milenage;
import org.imscore.aka.Octets;
import org.imscore.aka.RandSource;
import org.imscore.aka.Sqn;
import org.imscore.aka.SqnScheme;
import org.imscore.aka.SubscriberKeys;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One full authentication vector (RAND, XRES, CK, IK, AUTN) per operation, as the HSS makes for each MAR.
 *
 * <ul>
 *   <li>{@code vectorPerRequest}: keys as loaded per request, so a new AES cipher each time (the HSS path);</li>
 *   <li>{@code vectorReusingCipher}: one Milenage instance reused (the cost of the five AES blocks alone).</li>
 * </ul>
 * RAND comes from a {@link java.security.SecureRandom} as in production. Single-threaded: scores are per core.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MilenageBenchmark {

    private static final int IMS_IND = 24;

    private final AuthenticationCenter auc = new AuthenticationCenter(SqnScheme.DEFAULT, RandSource.secure());
    private SubscriberKeys keys;
    private Milenage milenage;
    private Sqn lastIssued;

    @Setup
    public void setUp() {
        keys = new SubscriberKeys(Octets.fromHex("8baf473f2f8fd09487cccbd7097c6862"),
                Octets.fromHex("8e27b6af0e692e750f32667a3b14605d"), Octets.fromHex("8000"));
        milenage = keys.milenage();
        lastIssued = SqnScheme.DEFAULT.compose(12132676L, IMS_IND);
    }

    @Benchmark
    public AuthenticationVector vectorPerRequest() {
        return auc.next(keys, lastIssued, IMS_IND);
    }

    @Benchmark
    public AuthenticationVector vectorReusingCipher() {
        return auc.generate(milenage, keys.amf(), SqnScheme.DEFAULT.next(lastIssued, IMS_IND));
    }
}
