package org.imscore.server.registration;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.imscore.server.run.Core;
import org.imscore.server.run.CoreConfig;
import org.imscore.testkit.ue.Exchange;
import org.imscore.testkit.ue.RegisterResult;
import org.imscore.testkit.ue.TestUe;

/**
 * How long one registration takes end to end on loopback: the all-in-one core (P-, I-, S-CSCF and HSS on their own
 * sockets, Cx over TCP), a test UE per subscriber that registers with AKA over UDP. Each sample is one
 * {@code register()}: REGISTER, 401 (UAR, MAR), REGISTER with the answer, 200 (UAR, SAR), timed by the UE. Not a
 * test: run it with {@code bench/registration/run [COUNT] [WARMUP]} and read the percentiles it prints
 * ({@link RegistrationLatencySmokeTest} keeps it working).
 */
public final class RegistrationLatency {

    private RegistrationLatency() {
    }

    /** {@code [COUNT] [WARMUP] [RESULTS_DIR]}: defaults 100, 20, no files written. */
    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Optional<Path> results = args.length > 2 ? Optional.of(Path.of(args[2])) : Optional.empty();
        System.out.print(measure(count, warmup, results));
    }

    /**
     * Runs {@code warmup} untimed and {@code count} timed registrations against a fresh core; writes
     * {@code samples.csv} (one registration per line, milliseconds) and {@code summary.md} into {@code results}.
     *
     * @return the summary: percentiles and the machine's load
     */
    static String measure(int count, int warmup, Optional<Path> results) throws IOException {
        if (count < 1 || warmup < 0) {
            throw new IllegalArgumentException("need COUNT >= 1 and WARMUP >= 0, got " + count + " and " + warmup);
        }
        List<Long> nanos = new ArrayList<>();
        try (Core core = Core.start(CoreConfig.ephemeral())) {
            InetSocketAddress pcscf = core.pcscfAddress();
            for (int k = 0; k < warmup; k++) {
                registerOnce(core, "warmup-" + k, pcscf);
            }
            for (int k = 0; k < count; k++) {
                nanos.add(registerOnce(core, "bench-" + k, pcscf));
            }
        }
        String summary = summary(count, warmup, nanos);
        if (results.isPresent()) {
            Files.createDirectories(results.get());
            Files.writeString(results.get().resolve("samples.csv"), "registration_ms\n" + nanos.stream()
                    .map(n -> String.format(Locale.ROOT, "%.3f", ms(n))).collect(Collectors.joining("\n")) + "\n");
            Files.writeString(results.get().resolve("summary.md"), "# Registration time end to end\n\n```\n"
                    + summary + "```\n");
        }
        return summary;
    }

    /** Provisions a subscriber, registers its UE once (timed), and de-registers it (not timed). */
    private static long registerOnce(Core core, String user, InetSocketAddress pcscf) {
        AkaSubscriber sub = new AkaSubscriber(user, core.domain());
        core.provisioning().create(sub.spec());
        try (TestUe ue = sub.ue(pcscf)) {
            long start = System.nanoTime();
            RegisterResult r = ue.register();
            long took = System.nanoTime() - start;
            List<Integer> statuses = r.exchanges().stream().map(Exchange::status).toList();
            if (!statuses.equals(List.of(401, 200))) {
                throw new IllegalStateException(user + ": expected 401 then 200, got " + statuses);
            }
            ue.deregister();
            return took;
        }
    }

    private static String summary(int count, int warmup, List<Long> nanos) throws IOException {
        List<Long> sorted = nanos.stream().sorted().toList();
        Path loadavg = Path.of("/proc/loadavg");
        String load = Files.isReadable(loadavg) ? Files.readString(loadavg).strip() : "n/a";
        return String.format(Locale.ROOT, "registrations: %d (after %d warm-up), AKA, UDP, all four functions on "
                        + "loopback%n"
                        + "median %.2f ms  p90 %.2f ms  p99 %.2f ms  min %.2f ms  max %.2f ms%n"
                        + "machine: %d cores, load average %s, %s %s%n",
                count, warmup, ms(percentile(sorted, 50)), ms(percentile(sorted, 90)), ms(percentile(sorted, 99)),
                ms(sorted.get(0)), ms(sorted.get(sorted.size() - 1)), Runtime.getRuntime().availableProcessors(),
                load, System.getProperty("java.vm.name"), Runtime.version());
    }

    /** Nearest-rank percentile. */
    private static long percentile(List<Long> sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
