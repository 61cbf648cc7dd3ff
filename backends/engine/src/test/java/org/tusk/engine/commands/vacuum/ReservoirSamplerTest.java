package org.tusk.engine.commands.vacuum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class ReservoirSamplerTest {

    /** A Random that counts its draws. */
    private static final class CountingRandom extends Random {
        long draws;

        CountingRandom(long seed) {
            super(seed);
        }

        @Override
        public double nextDouble() {
            draws++;
            return super.nextDouble();
        }
    }

    /** Runs one reservoir pass over {@code rows} rows; returns the sampled row numbers. */
    private static long[] sample(ReservoirSampler sampler, int target, long rows) {
        long[] reservoir = new long[target];
        for (long row = 0; row < rows; row++) {
            if (row < target) {
                reservoir[(int) row] = row;
            } else {
                int slot = sampler.slotFor(row);
                if (slot >= 0) {
                    reservoir[slot] = row;
                }
            }
        }
        return reservoir;
    }

    @Test
    void aMillionRowsDrawFewRandomNumbers() {
        // analyze.c's pass over pgbench_accounts: one draw per row made this 3% of pgbench -i's loading backend
        CountingRandom random = new CountingRandom(42);
        long[] reservoir = sample(new ReservoirSampler(random, 30_000), 30_000, 1_000_000);
        assertTrue(random.draws < 300_000, "draws: " + random.draws);
        long distinct = java.util.Arrays.stream(reservoir).distinct().count();
        assertEquals(30_000, distinct);
        assertTrue(java.util.Arrays.stream(reservoir).allMatch(r -> r >= 0 && r < 1_000_000));
    }

    @Test
    void everyRowIsEquallyLikelyToBeKept() {
        // 100 rows into a reservoir of 10, many times over: each row is kept about 10% of the time,
        // the first ten (which fill the reservoir) as often as the last ten
        int rows = 100;
        int target = 10;
        int rounds = 20_000;
        int[] kept = new int[rows];
        Random random = new Random(7);
        for (int round = 0; round < rounds; round++) {
            for (long row : sample(new ReservoirSampler(random, target), target, rows)) {
                kept[(int) row]++;
            }
        }
        double expected = (double) rounds * target / rows;
        for (int row = 0; row < rows; row++) {
            assertTrue(Math.abs(kept[row] - expected) < expected * 0.15, "row " + row + " kept " + kept[row]);
        }
    }

    @Test
    void algorithmZTakesOverOnLongInputsAndStaysUniform() {
        // past 22 x the reservoir Vitter's Algorithm Z decides the skips: rows of the first and the last
        // quarter of 10,000 are kept as often, into a reservoir of 20
        int rows = 10_000;
        int target = 20;
        long early = 0;
        long late = 0;
        Random random = new Random(11);
        for (int round = 0; round < 4_000; round++) {
            for (long row : sample(new ReservoirSampler(random, target), target, rows)) {
                if (row < rows / 4) {
                    early++;
                } else if (row >= rows - rows / 4) {
                    late++;
                }
            }
        }
        double expected = 4_000.0 * target / 4;
        assertTrue(Math.abs(early - expected) < expected * 0.05, "early " + early);
        assertTrue(Math.abs(late - expected) < expected * 0.05, "late " + late);
    }
}
