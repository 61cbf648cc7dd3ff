package org.tusk.buffer;

/**
 * What a checkpoint's fsync pass did (CheckpointStats' ckpt_sync_rels,
 * ckpt_longest_sync, ckpt_agg_sync_time), for the "checkpoint complete" log
 * line: relation segments synced, the longest fsync, and all of them
 * together. {@code syncedEverything}: the request queue had overflowed, so
 * every relation file was synced instead (counted as one).
 */
public record SyncRequestStats(int files, long longestNanos, long totalNanos, boolean syncedEverything) {
}
