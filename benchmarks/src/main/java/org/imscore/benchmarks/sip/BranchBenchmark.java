package org.imscore.benchmarks.sip;

import java.util.concurrent.TimeUnit;
import org.imscore.sip.transaction.Branches;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A new Via branch (RFC 3261 §8.1.1.7), made for every request a proxy forwards or a UA sends, and a new tag, made
 * for every dialog-creating response: on one thread and on two at once (a proxy's event loops share the generator).
 * Run: {@code java -jar benchmarks/target/benchmarks.jar Branch -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BranchBenchmark {

    @Benchmark
    public String newBranch() {
        return Branches.newBranch();
    }

    @Benchmark
    @Threads(2)
    public String newBranchTwoThreads() {
        return Branches.newBranch();
    }

    @Benchmark
    public String randomHexTag() {
        return Branches.randomHex(6);
    }
}
