package org.imscore.cscf.pcscf;

import java.time.Clock;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Makes icid-values for P-Charging-Vector: globally unique across time and nodes (RFC 7315 §5.6, TS 32.260), as
 * 32 hex digits: the time in seconds, a per-node random part fixed at start, and a counter.
 */
public final class IcidGenerator implements Supplier<String> {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private final Clock clock;
    private final String node;
    private final AtomicLong counter = new AtomicLong();

    public IcidGenerator(Clock clock, RandomGenerator random) {
        this.clock = clock;
        this.node = HEX.toHexDigits(random.nextInt());
    }

    @Override
    public String get() {
        return HEX.toHexDigits((int) clock.instant().getEpochSecond()) + node + HEX.toHexDigits(counter.incrementAndGet());
    }
}
