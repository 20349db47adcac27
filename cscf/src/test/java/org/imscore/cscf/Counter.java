package org.imscore.cscf;

import java.util.function.LongSupplier;
import java.util.function.Supplier;

/** Predictable tokens for tests: t1, t2, ... as text; 1, 2, ... (written 0000000000000001, ...) as numbers. */
public final class Counter implements Supplier<String>, LongSupplier {

    private long n;

    @Override
    public synchronized String get() {
        return "t" + (++n);
    }

    @Override
    public synchronized long getAsLong() {
        return ++n;
    }
}
