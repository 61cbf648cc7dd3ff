package org.tusk.engine.commands.vacuum;

import java.util.Random;

/**
 * Vitter's reservoir sampling as analyze.c uses it (utils/misc/sampling.c's
 * reservoir_get_next_S: Algorithm X while few rows have been seen, then
 * Algorithm Z): once the reservoir is full it says how many of the following
 * rows to pass over before the next one replaces a random reservoir slot, so
 * a pass over a million rows draws a few thousand random numbers instead of
 * one per row.
 */
final class ReservoirSampler {

    private final Random random;
    private final int targetRows;
    /** Algorithm Z's W, drawn in advance. */
    private double w;
    /** Rows still to pass over before the next replacement; -1 when not drawn yet. */
    private double rowsToSkip = -1;

    ReservoirSampler(Random random, int targetRows) {
        this.random = random;
        this.targetRows = targetRows;
        this.w = Math.exp(-Math.log(fract()) / targetRows);
    }

    /**
     * For the row after {@code rowsSeen} earlier rows, the reservoir being
     * full: the slot it replaces, or -1 when it is passed over.
     */
    int slotFor(long rowsSeen) {
        if (rowsToSkip < 0) {
            rowsToSkip = nextSkip(rowsSeen, targetRows);
        }
        int slot = -1;
        if (rowsToSkip <= 0) {
            slot = (int) (targetRows * fract());
        }
        rowsToSkip -= 1;
        return slot;
    }

    /** sampler_random_fract: uniform in (0, 1), never 0 (its logarithm is taken). */
    private double fract() {
        double value;
        do {
            value = random.nextDouble();
        } while (value == 0.0);
        return value;
    }

    /** reservoir_get_next_S: how many records to skip after {@code t} seen, for a sample of {@code n}. */
    private double nextSkip(double t, int n) {
        double s;
        if (t <= 22.0 * n) {
            // Algorithm X until t is large enough (T from Vitter's paper)
            double v = fract();
            s = 0;
            t += 1;
            double quot = (t - n) / t;
            while (quot > v) {
                s += 1;
                t += 1;
                quot *= (t - n) / t;
            }
            return s;
        }
        // Algorithm Z
        double term = t - n + 1;
        while (true) {
            double u = fract();
            double x = t * (w - 1.0);
            s = Math.floor(x);
            double tmp = (t + 1) / term;
            double lhs = Math.exp(Math.log(((u * tmp * tmp) * (term + s)) / (t + x)) / n);
            double rhs = (((t + x) / (term + s)) * term) / t;
            if (lhs <= rhs) {
                w = rhs / lhs;
                return s;
            }
            double y = (((u * (t + 1)) / term) * (t + x + 1)) / (t + x);
            double denom;
            double numerLim;
            if (n < s) {
                denom = t;
                numerLim = term + s;
            } else {
                denom = t - n + s;
                numerLim = t + 1;
            }
            for (double numer = t + s; numer >= numerLim; numer -= 1) {
                y *= numer / denom;
                denom -= 1;
            }
            w = Math.exp(-Math.log(fract()) / n);
            if (Math.exp(Math.log(y) / n) <= (t + x) / t) {
                return s;
            }
        }
    }
}
