package org.tusk.buffer.internal;

import org.tusk.buffer.BgWriterRound;
import org.tusk.buffer.BgWriterSettings;

/**
 * The background writer's LRU scan (bufmgr.c's BgBufferSync): keep enough
 * clean, reusable buffers just ahead of the clock-sweep hand that backends
 * looking for a victim rarely have to write one themselves, and write nothing
 * else. A buffer with a usage count, or pinned, would not be taken by the
 * sweep's next pass anyway, and writing it (a hot page: the branches, the
 * tellers, upper index levels) costs its content lock, a copy and a checksum
 * for a write the checkpoint does once.
 *
 * <p>Each round learns from the sweep (StrategySyncStart) where its hand is
 * and how many buffers backends allocated since the last round. The smoothed
 * allocation rate (following increases at once, decreasing slowly) times
 * bgwriter_lru_multiplier is how many reusable buffers the next round should
 * find ahead of the hand; the smoothed density (buffers the sweep scanned per
 * allocation) estimates how many of the buffers already scanned ahead are
 * reusable. The scan goes on from where it stopped, or from the hand when the
 * sweep overtook it, until it has enough reusable buffers, has lapped the
 * hand, or has written bgwriter_lru_maxpages. Even without allocations it
 * advances a little (the whole pool in two minutes), so the pool is clean
 * after an idle spell; once it has lapped the hand and nothing is allocated it
 * may hibernate.
 *
 * <p>Positions are absolute: the sweep's hand counts every buffer it passed
 * (unsigned 32 bits), so "ahead" and "lapped" are differences, not pairs of
 * (pass, buffer). The counter wrapping around starts the scan afresh from the
 * hand, as after startup.
 *
 * <p>State lives in this object: one process, the checkpointer, runs rounds.
 */
final class BgBufferSync {

    /** Rounds of history the moving averages keep (smoothing_samples). */
    private static final float SMOOTHING_SAMPLES = 16;
    /** With no allocations at all, the scan still covers the pool in this time (scan_whole_pool_milliseconds). */
    private static final float SCAN_WHOLE_POOL_MILLIS = 120_000;

    /** SyncOneBuffer's result bits. */
    static final int BUF_REUSABLE = 1;
    static final int BUF_WRITTEN = 2;

    private final SharedBufferManager buffers;
    private final int nBuffers;

    private boolean savedInfoValid;
    private long prevStrategyPosition;
    /** The next buffer the scan looks at, as an absolute sweep position. */
    private long nextToClean;
    private float smoothedAlloc;
    private float smoothedDensity = 10;

    BgBufferSync(SharedBufferManager buffers, int nBuffers) {
        this.buffers = buffers;
        this.nBuffers = nBuffers;
    }

    BgWriterRound round(BgWriterSettings settings) {
        long strategyPosition = buffers.strategySyncPosition();
        int recentAlloc = buffers.takeRecentAllocations();
        if (settings.lruMaxPages() == 0) {
            savedInfoValid = false;   // scan off: start from the hand when it is turned on again
            return new BgWriterRound(0, recentAlloc, true);
        }
        long strategyDelta;
        int bufsToLap;
        if (savedInfoValid && strategyPosition >= prevStrategyPosition) {
            strategyDelta = strategyPosition - prevStrategyPosition;
            if (nextToClean >= strategyPosition) {
                // ahead of the hand (at most one lap: the scan stops there)
                bufsToLap = (int) (nBuffers - (nextToClean - strategyPosition));
            } else {
                // the sweep overtook us: what we cleaned has been used; start again at the hand
                nextToClean = strategyPosition;
                bufsToLap = nBuffers;
            }
        } else {
            strategyDelta = 0;
            nextToClean = strategyPosition;
            bufsToLap = nBuffers;
        }
        prevStrategyPosition = strategyPosition;
        savedInfoValid = true;

        if (strategyDelta > 0 && recentAlloc > 0) {
            float scansPerAlloc = (float) strategyDelta / recentAlloc;
            smoothedDensity += (scansPerAlloc - smoothedDensity) / SMOOTHING_SAMPLES;
        }
        int bufsAhead = nBuffers - bufsToLap;
        int reusableBuffersEst = (int) (bufsAhead / smoothedDensity);

        // fast attack, slow decline
        if (smoothedAlloc <= recentAlloc) {
            smoothedAlloc = recentAlloc;
        } else {
            smoothedAlloc += (recentAlloc - smoothedAlloc) / SMOOTHING_SAMPLES;
        }
        int upcomingAllocEst = (int) (smoothedAlloc * settings.lruMultiplier());
        if (upcomingAllocEst == 0) {
            smoothedAlloc = 0;   // no point tracking ever smaller values
        }
        int minScanBuffers = (int) (nBuffers / (SCAN_WHOLE_POOL_MILLIS / settings.delayMillis()));
        if (upcomingAllocEst < minScanBuffers + reusableBuffersEst) {
            upcomingAllocEst = minScanBuffers + reusableBuffersEst;
        }

        int numToScan = bufsToLap;
        int written = 0;
        int reusable = reusableBuffersEst;
        boolean hitMax = false;
        while (numToScan > 0 && reusable < upcomingAllocEst) {
            int syncState = buffers.syncReusableBuffer(Math.floorMod(nextToClean, nBuffers));
            nextToClean++;
            numToScan--;
            if ((syncState & BUF_WRITTEN) != 0) {
                reusable++;
                if (++written >= settings.lruMaxPages()) {
                    hitMax = true;
                    break;
                }
            } else if ((syncState & BUF_REUSABLE) != 0) {
                reusable++;
            }
        }
        buffers.countBgWriterRound(recentAlloc, written, hitMax);

        // the scan was like an allocation scan: let it count in the density too
        long newStrategyDelta = bufsToLap - numToScan;
        long newRecentAlloc = reusable - reusableBuffersEst;
        if (newStrategyDelta > 0 && newRecentAlloc > 0) {
            float scansPerAlloc = (float) newStrategyDelta / newRecentAlloc;
            smoothedDensity += (scansPerAlloc - smoothedDensity) / SMOOTHING_SAMPLES;
        }
        return new BgWriterRound(written, recentAlloc, bufsToLap == 0 && recentAlloc == 0);
    }
}
