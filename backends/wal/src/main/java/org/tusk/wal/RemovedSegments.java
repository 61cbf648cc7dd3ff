package org.tusk.wal;

/**
 * What a checkpoint's {@link WalWriter#removeOldSegments} did, for the
 * "checkpoint complete" log line: old segments deleted, old segments renamed
 * to future ones, and the checkpoint distance estimate (CheckPointDistanceEstimate,
 * bytes) that decides how many are kept.
 */
public record RemovedSegments(int removed, int recycled, long distanceEstimate) {
}
