package org.tusk.buffer;

/**
 * The pool's cumulative buffer counters since the server started, as
 * pg_stat_bgwriter shows them: {@code buffersAlloc} clock-sweep allocations
 * (counted by the background writer's rounds), {@code buffersClean} buffers
 * the background writer wrote, {@code maxwrittenClean} rounds it stopped at
 * bgwriter_lru_maxpages, {@code buffersBackend} buffers written by the process
 * that needed a victim (or a buffer for a new page), {@code buffersCheckpoint}
 * buffers written by BufferSync.
 */
public record BufferWriteStats(long buffersAlloc, long buffersClean, long maxwrittenClean, long buffersBackend,
        long buffersCheckpoint) {
}
