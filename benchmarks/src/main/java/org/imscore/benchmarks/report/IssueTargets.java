package org.imscore.benchmarks.report;

import java.util.List;
import java.util.OptionalDouble;

/**
 * The targets the product has set itself per benchmark: registrations >= 3,000/s and memory per registered contact
 * under 2 KiB ({@code bench/register}), calls >= 1,000/s with p99 under 50 ms ({@code bench/calls}), and the
 * stateful proxy at least as fast as Kamailio at equal or lower p99 ({@code bench/proxy-vs-kamailio}).
 */
public final class IssueTargets {

    public static final String REGISTER = "register";
    public static final String CALLS = "calls";
    public static final String PROXY_VS_KAMAILIO = "proxy-vs-kamailio";

    private IssueTargets() {
    }

    /** The targets of a benchmark; none for a benchmark that only measures. */
    public static List<Target> of(String benchmark) {
        return switch (benchmark) {
            case REGISTER -> List.of(
                    new Target.SustainedRate("imscore", "registrations", 3000, OptionalDouble.empty()),
                    new Target.MemoryPerContact(2048));
            case CALLS -> List.of(new Target.SustainedRate("imscore", "calls", 1000, OptionalDouble.of(50)));
            case PROXY_VS_KAMAILIO -> List.of(new Target.RateRatio("imscore", "kamailio", 1.0));
            default -> List.of();
        };
    }
}
