package org.imscore.benchmarks.report;

import java.util.Locale;

/**
 * A linear axis from 0 with round ticks (1, 2 or 5 times a power of ten), long enough to show {@code max}.
 *
 * @param max  the value at the end of the axis, a whole number of ticks
 * @param step the distance between two ticks
 */
record Axis(double max, double step) {

    /** An axis from 0 that reaches at least {@code value} with about {@code ticks} ticks. */
    static Axis covering(double value, int ticks) {
        double wanted = value > 0 && Double.isFinite(value) ? value : 1;
        double raw = wanted / ticks;
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = power;
        for (double factor : new double[] {1, 2, 5, 10}) {
            step = factor * power;
            if (step >= raw) {
                break;
            }
        }
        return new Axis(Math.ceil(wanted / step - 1e-9) * step, step);
    }

    int tickCount() {
        return (int) Math.round(max / step);
    }

    /** The value of tick {@code i}, 0 being the origin. */
    double tick(int i) {
        return i * step;
    }

    /** A tick's label: no decimals when the step is whole. */
    String label(int i) {
        double value = tick(i);
        return step >= 1 ? Numbers.grouped(Math.rint(value)) : String.format(Locale.ROOT, "%.2f", value);
    }
}
