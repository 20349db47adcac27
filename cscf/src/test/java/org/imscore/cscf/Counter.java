package org.imscore.cscf;

import java.util.function.Supplier;

/** Predictable tokens for tests: t1, t2, ... */
public final class Counter implements Supplier<String> {

    private int n;

    @Override
    public synchronized String get() {
        return "t" + (++n);
    }
}
