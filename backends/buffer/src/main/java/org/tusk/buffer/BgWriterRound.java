package org.tusk.buffer;

/**
 * What one background-writer round ({@link BufferManager#bgBufferSync}) did:
 * buffers it wrote, clock-sweep allocations since the round before, and
 * whether it may hibernate (it has lapped the clock hand and nothing was
 * allocated: every buffer ahead of the hand is clean or recently used).
 */
public record BgWriterRound(int written, int recentAllocs, boolean canHibernate) {
}
