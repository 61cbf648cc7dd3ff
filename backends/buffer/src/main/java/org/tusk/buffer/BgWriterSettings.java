package org.tusk.buffer;

/**
 * The background writer's settings as BgBufferSync reads them: at most
 * {@code lruMaxPages} writes a round (bgwriter_lru_maxpages, 0 turns the LRU
 * scan off), the smoothed allocation rate times {@code lruMultiplier}
 * (bgwriter_lru_multiplier) is how many clean reusable buffers a round tries to
 * have ready ahead of the clock sweep, and {@code delayMillis} (bgwriter_delay)
 * is the time between rounds, which sets the idle scan's pace.
 */
public record BgWriterSettings(int lruMaxPages, double lruMultiplier, long delayMillis) {

    /** PostgreSQL's defaults: 100 pages, 2.0, 200 ms. */
    public static final BgWriterSettings DEFAULTS = new BgWriterSettings(100, 2.0, 200);

    public BgWriterSettings {
        if (lruMaxPages < 0 || lruMultiplier < 0 || delayMillis <= 0) {
            throw new IllegalArgumentException("invalid background writer settings: " + lruMaxPages + ", "
                    + lruMultiplier + ", " + delayMillis + " ms");
        }
    }
}
