package org.tusk.wal;

/**
 * Cluster-wide WAL activity counters since {@link Wal#startAt} (PostgreSQL's
 * pg_stat_wal): {@code flushCalls} is how many times {@link WalWriter#flush}
 * had to flush (the target was not durable yet when called), {@code syncs}
 * how many sync rounds were issued for them (fewer than flushCalls means group
 * commit worked), {@code writes} how many write rounds, {@code buffersFull}
 * how often an inserter had to write out WAL to free a buffer page
 * (wal_buffers_full).
 */
public record WalStats(long flushCalls, long syncs, long writes, long buffersFull) {
}
