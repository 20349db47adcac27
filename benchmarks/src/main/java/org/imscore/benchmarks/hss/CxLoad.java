package org.imscore.benchmarks.hss;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;

import com.sun.management.OperatingSystemMXBean;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.imscore.diameter.codec.DiameterMessage;
import org.imscore.diameter.cx.Cx;
import org.imscore.diameter.cx.CxRequestHeader;
import org.imscore.diameter.cx.CxResult;
import org.imscore.diameter.cx.LocationInfoRequest;
import org.imscore.diameter.cx.MultimediaAuthRequest;
import org.imscore.diameter.cx.ServerAssignmentRequest;
import org.imscore.diameter.cx.SipAuthDataItem;
import org.imscore.diameter.cx.UserAuthorizationRequest;
import org.imscore.diameter.dictionary.Dictionaries;
import org.imscore.diameter.peer.DiameterNode;
import org.imscore.diameter.peer.NodeConfig;
import org.imscore.diameter.peer.RemotePeer;
import org.imscore.hss.HssConfig;
import org.imscore.hss.HssNode;
import org.imscore.hss.cx.CxConfig;
import org.imscore.hss.profile.ServiceProfile;
import org.imscore.hss.subscriber.AuthCredentials;
import org.imscore.hss.subscriber.PublicIdentity;
import org.imscore.hss.subscriber.SubscriberSpec;

/**
 * Cx load on one HSS, without SIP: the HSS's cost per Cx request, measured apart from the CSCFs.
 *
 * <pre>
 * taskset -c 0 java -cp benchmarks/target/benchmarks.jar org.imscore.benchmarks.hss.CxLoad \
 *     [--subscribers 10000] [--in-flight 32] [--warmup-seconds 10] [--seconds 20] [--lir 1]
 * </pre>
 *
 * Starts an {@link HssNode} on an H2 file store in a temporary directory (the all-in-one core's store, durable
 * commits), provisions the subscribers in batches, and connects a Diameter client over loopback TCP as an S-CSCF
 * does. Then {@code --in-flight} registrations run at once, each shaped like the Cx traffic of one IMS
 * registration - UAR, MAR (one AKAv1 vector), UAR, SAR REGISTRATION - followed by {@code --lir} LIRs (a call's
 * I-CSCF lookup), one request at a time, subscribers taken in turn (the first pass registers, later passes
 * re-register). Prints requests/s, latency p50/p99 of every request, and CPU time per request: of the whole
 * process, and of the HSS (the process less the client's own event loop thread; on Linux also less the JIT
 * compiler threads, which on a shared CPU still compile well after the warm-up). Requests answered with anything
 * but success are counted as failures. Runs and exits by itself.
 */
public final class CxLoad {

    private static final String REALM = CxConfig.DEFAULT_REALM;
    private static final String CLIENT_HOST = "scscf." + REALM;
    private static final String SERVER_NAME = "sip:scscf." + REALM + ":6060";
    private static final String K = "a1b2c3d4e5f60718293a4b5c6d7e8f91";
    private static final String OPC = "8e27b6af0e692e750f32667a3b14605d";
    private static final int PROVISIONING_BATCH = 1_000;

    /** What to run. */
    record Options(int subscribers, int inFlight, int warmupSeconds, int seconds, int lirPerRegistration) {

        static Options parse(String[] args) {
            int subscribers = 10_000;
            int inFlight = 32;
            int warmup = 10;
            int seconds = 20;
            int lir = 1;
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                int value = Integer.parseInt(args[++i]);
                switch (name) {
                    case "--subscribers" -> subscribers = value;
                    case "--in-flight" -> inFlight = value;
                    case "--warmup-seconds" -> warmup = value;
                    case "--seconds" -> seconds = value;
                    case "--lir" -> lir = value;
                    default -> throw new IllegalArgumentException("unknown option " + name
                            + " (--subscribers, --in-flight, --warmup-seconds, --seconds, --lir)");
                }
            }
            if (subscribers < 1 || inFlight < 1 || seconds < 1 || warmup < 0 || lir < 0) {
                throw new IllegalArgumentException("counts must be positive");
            }
            return new Options(subscribers, inFlight, warmup, seconds, lir);
        }
    }

    private CxLoad() {
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("CxLoad: " + e.getMessage());
            System.exit(2);
            return;
        }
        Path dataDir = Files.createTempDirectory("cxload");
        try {
            run(options, dataDir);
        } finally {
            deleteTree(dataDir);
        }
        System.exit(0);
    }

    private static void run(Options options, Path dataDir) throws Exception {
        HssConfig config = HssConfig.defaults(dataDir).withDiameter(new InetSocketAddress("127.0.0.1", 0));
        try (HssNode hss = HssNode.start(config)) {
            long provisionStart = System.nanoTime();
            provision(hss, options.subscribers());
            System.out.printf("provisioned %d subscribers in %d ms%n", options.subscribers(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - provisionStart));

            EventLoopGroup clientLoop = new NioEventLoopGroup(1, new DefaultThreadFactory("cx-client", true));
            DiameterNode client = new DiameterNode(
                    NodeConfig.cx(CLIENT_HOST, REALM, InetAddress.getLoopbackAddress()), Dictionaries.cx(),
                    (request, from) -> CompletableFuture.failedFuture(new IllegalStateException("not served")),
                    clientLoop, Clock.systemUTC(), RandomGenerator.getDefault());
            try {
                client.connect(new RemotePeer(config.cx().originHost(), REALM, hss.diameterAddress()))
                        .get(10, TimeUnit.SECONDS);
                Traffic traffic = new Traffic(client, options);
                Report report = traffic.run();
                report.print(options);
            } finally {
                client.close();
                clientLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            }
        }
    }

    private static void provision(HssNode hss, int count) {
        List<SubscriberSpec> batch = new ArrayList<>(PROVISIONING_BATCH);
        for (int i = 0; i < count; i++) {
            batch.add(subscriber(i));
            if (batch.size() == PROVISIONING_BATCH) {
                hss.store().insertAll(batch);
                batch.clear();
            }
        }
        hss.store().insertAll(batch);
    }

    static String impi(int n) {
        return "user" + n + "@" + REALM;
    }

    static String impu(int n) {
        return "sip:user" + n + "@" + REALM;
    }

    private static SubscriberSpec subscriber(int n) {
        return new SubscriberSpec(impi(n), new AuthCredentials(K, OPC, null, "8000", null), 0,
                List.of(new PublicIdentity(impu(n), false, 1, ServiceProfile.DEFAULT_NAME),
                        new PublicIdentity("tel:+1555" + (1_000_000 + n), false, 1, ServiceProfile.DEFAULT_NAME)),
                List.of(ServiceProfile.empty(ServiceProfile.DEFAULT_NAME)));
    }

    /** The registrations in flight and what they measured. Completions run on the client's event loop. */
    private static final class Traffic {

        private final DiameterNode client;
        private final Options options;
        private final LatencyHistogram latency = new LatencyHistogram();
        private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        private final OperatingSystemMXBean os =
                (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        private final AtomicInteger nextSubscriber = new AtomicInteger();
        private final AtomicLong failures = new AtomicLong();
        private final AtomicLong requests = new AtomicLong();
        private volatile boolean measuring;
        private volatile boolean stopping;

        Traffic(DiameterNode client, Options options) {
            this.client = client;
            this.options = options;
        }

        Report run() throws InterruptedException {
            List<CompletableFuture<Void>> users = new ArrayList<>();
            for (int i = 0; i < options.inFlight(); i++) {
                users.add(registerLoop());
            }
            Thread.sleep(TimeUnit.SECONDS.toMillis(options.warmupSeconds()));
            long cpuStart = os.getProcessCpuTime();
            long clientCpuStart = clientLoopCpu();
            long jitCpuStart = JitCpu.nanos();
            long start = System.nanoTime();
            measuring = true;
            Thread.sleep(TimeUnit.SECONDS.toMillis(options.seconds()));
            measuring = false;
            long elapsed = System.nanoTime() - start;
            long cpu = os.getProcessCpuTime() - cpuStart;
            long clientCpu = clientLoopCpu() - clientCpuStart;
            long jitCpu = JitCpu.nanos() - jitCpuStart;
            stopping = true;
            CompletableFuture.allOf(users.toArray(CompletableFuture[]::new)).orTimeout(30, TimeUnit.SECONDS)
                    .exceptionally(e -> null).join();
            return new Report(requests.get(), failures.get(), elapsed, cpu, clientCpu, jitCpu, latency,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }

        private long clientLoopCpu() {
            long total = 0;
            for (long id : threads.getAllThreadIds()) {
                var info = threads.getThreadInfo(id);
                if (info != null && info.getThreadName().startsWith("cx-client")) {
                    total += Math.max(0, threads.getThreadCpuTime(id));
                }
            }
            return total;
        }

        /** One user agent's registrations, one after the other until stopped. */
        private CompletableFuture<Void> registerLoop() {
            if (stopping) {
                return CompletableFuture.completedFuture(null);
            }
            int n = Math.floorMod(nextSubscriber.getAndIncrement(), options.subscribers());
            CompletableFuture<Void> chain = exchange(uar(n))
                    .thenCompose(a -> exchange(mar(n)))
                    .thenCompose(a -> exchange(uar(n)))
                    .thenCompose(a -> exchange(sar(n)));
            for (int i = 0; i < options.lirPerRegistration(); i++) {
                chain = chain.thenCompose(a -> exchange(lir(n)));
            }
            return chain.thenCompose(a -> registerLoop());
        }

        private CompletableFuture<Void> exchange(DiameterMessage request) {
            long sent = System.nanoTime();
            return client.send(request).handle((answer, error) -> {
                if (measuring) {
                    requests.incrementAndGet();
                    latency.record(System.nanoTime() - sent);
                    if (error != null || CxResult.from(answer).map(r -> !r.isSuccess()).orElse(true)) {
                        failures.incrementAndGet();
                    }
                }
                return null;
            });
        }

        private CxRequestHeader header() {
            return CxRequestHeader.of(client.newSessionId(), CLIENT_HOST, REALM, "hss." + REALM, REALM);
        }

        private DiameterMessage uar(int n) {
            return new UserAuthorizationRequest(header(), impi(n), impu(n), REALM, 0, OptionalLong.empty(),
                    List.of()).toMessage();
        }

        private DiameterMessage mar(int n) {
            return new MultimediaAuthRequest(header(), impi(n), impu(n),
                    SipAuthDataItem.request(Cx.SCHEME_AKAV1_MD5), 1, SERVER_NAME, List.of()).toMessage();
        }

        private DiameterMessage sar(int n) {
            return new ServerAssignmentRequest(header(), Optional.of(impi(n)), List.of(impu(n)), Optional.empty(),
                    SERVER_NAME, 1 /* REGISTRATION */, false, OptionalInt.empty(), OptionalLong.empty(),
                    List.of()).toMessage();
        }

        private DiameterMessage lir(int n) {
            return new LocationInfoRequest(header(), impu(n), false, OptionalInt.empty(), OptionalInt.empty())
                    .toMessage();
        }
    }

    /** Request latencies in 10 µs buckets up to 2 s (one more bucket for anything slower). */
    private static final class LatencyHistogram {

        private static final long BUCKET_NANOS = 10_000;
        private final AtomicLongArray counts = new AtomicLongArray(200_001);

        void record(long nanos) {
            counts.incrementAndGet((int) Math.min(counts.length() - 1, nanos / BUCKET_NANOS));
        }

        /** The upper bound, in ms, of the bucket holding the given quantile. */
        double quantileMillis(double q) {
            long total = 0;
            for (int i = 0; i < counts.length(); i++) {
                total += counts.get(i);
            }
            long rank = (long) Math.ceil(q * total);
            long seen = 0;
            for (int i = 0; i < counts.length(); i++) {
                seen += counts.get(i);
                if (seen >= rank && seen > 0) {
                    return (i + 1) * BUCKET_NANOS / 1e6;
                }
            }
            return Double.NaN;
        }
    }

    private record Report(long requests, long failures, long elapsedNanos, long cpuNanos, long clientCpuNanos,
                          long jitCpuNanos, LatencyHistogram latency, double loadAverage) {

        void print(Options options) {
            double seconds = elapsedNanos / 1e9;
            double perRequest = requests == 0 ? Double.NaN : cpuNanos / 1e3 / requests;
            double hssPerRequest = requests == 0 ? Double.NaN : (cpuNanos - clientCpuNanos) / 1e3 / requests;
            System.out.printf("subscribers %d, in flight %d, LIR per registration %d, measured %.1f s%n",
                    options.subscribers(), options.inFlight(), options.lirPerRegistration(), seconds);
            System.out.printf("requests %d (%.0f/s), failures %d, registrations/s %.0f%n", requests,
                    requests / seconds, failures, requests / seconds / (4 + options.lirPerRegistration()));
            System.out.printf("latency p50 %.2f ms, p99 %.2f ms%n", latency.quantileMillis(0.50),
                    latency.quantileMillis(0.99));
            System.out.printf("CPU per request: process %.0f us, HSS (process less client loop) %.0f us%n",
                    perRequest, hssPerRequest);
            if (jitCpuNanos >= 0 && requests > 0) {
                System.out.printf("  of which JIT compiler threads %.0f us; HSS less JIT %.0f us%n",
                        jitCpuNanos / 1e3 / requests, (cpuNanos - clientCpuNanos - jitCpuNanos) / 1e3 / requests);
            }
            System.out.printf("load average %.2f, CPUs available %d%n", loadAverage,
                    Runtime.getRuntime().availableProcessors());
        }
    }

    /**
     * CPU time of the JIT compiler threads, from Linux's /proc (-1 elsewhere). On a shared CPU the JIT keeps
     * compiling long after the warm-up; reported apart, it lets runs of a disturbed machine be compared.
     */
    private static final class JitCpu {

        /** USER_HZ: the unit of utime and stime in /proc/PID/task/TID/stat (100 on every Linux build we run on). */
        private static final long NANOS_PER_TICK = 10_000_000;

        static long nanos() {
            Path tasks = Path.of("/proc/self/task");
            if (!Files.isDirectory(tasks)) {
                return -1;
            }
            long ticks = 0;
            try (Stream<Path> all = Files.list(tasks)) {
                for (Path task : all.toList()) {
                    try {
                        String stat = Files.readString(task.resolve("stat"));
                        // pid (comm) state ppid ...: comm may hold spaces, the fields after it are fixed.
                        int open = stat.indexOf('(');
                        int close = stat.lastIndexOf(')');
                        String comm = stat.substring(open + 1, close);
                        if (comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler")) {
                            String[] fields = stat.substring(close + 2).split(" ");
                            ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
                        }
                    } catch (IOException | RuntimeException e) {
                        // the thread ended meanwhile
                    }
                }
            } catch (IOException e) {
                return -1;
            }
            return ticks * NANOS_PER_TICK;
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
