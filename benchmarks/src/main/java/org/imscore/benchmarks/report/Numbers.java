package org.imscore.benchmarks.report;

import java.util.Locale;

/** How the page writes numbers: the same for every benchmark, independent of the machine's locale. */
final class Numbers {

    private Numbers() {
    }

    /** "3,000", "1,496.1"; "n/a" for NaN. */
    static String grouped(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, isWhole(value) ? "%,.0f" : "%,.1f", value);
    }

    /** Milliseconds: "4", "17.11"; "n/a" for NaN (nothing timed). */
    static String ms(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, isWhole(value) ? "%.0f" : "%.2f", value);
    }

    /** "2.00". */
    static String ratio(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    /** "2 KiB" for whole KiB, else bytes: "1,500 B". */
    static String bytes(double value) {
        return value >= 1024 && value % 1024 == 0 ? grouped(value / 1024) + " KiB" : grouped(value) + " B";
    }

    /** A JMH score: grouped whole numbers from 100 up, three significant digits below. */
    static String score(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        if (Math.abs(value) >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, "%.3g", value);
    }

    private static boolean isWhole(double value) {
        return value == Math.rint(value) && !Double.isInfinite(value);
    }
}
