package org.tusk.heapam;

import org.tusk.api.storage.TransactionStatusLookup;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;

import org.tusk.api.storage.Snapshot;
import org.tusk.api.storage.TransactionContext;
import org.tusk.api.storage.TransactionStatus;

/** A tiny single-process transaction system for tests: a clog map, xids handed out in order, snapshots. */
public final class FakeTransactions implements TransactionStatusLookup {

    private final Map<Integer, TransactionStatus> clog = new HashMap<>();
    private int nextXid = 100;
    /** What waitForTransaction does (tests end the awaited transaction here). */
    public IntConsumer onWait = xid -> {
        throw new IllegalStateException("test did not expect a wait for " + xid);
    };

    /** How many times the commit log was asked (a tuple with a hint is not asked about). */
    public int statusLookups;

    @Override
    public TransactionStatus status(int xid) {
        statusLookups++;
        return clog.getOrDefault(xid, TransactionStatus.ABORTED);
    }

    public Txn begin() {
        return new Txn();
    }

    /** A snapshot now: every running xid is in progress for it. */
    public Snapshot snapshot(int commandId) {
        Set<Integer> running = new HashSet<>();
        clog.forEach((xid, status) -> {
            if (status == TransactionStatus.IN_PROGRESS) {
                running.add(xid);
            }
        });
        int xmax = nextXid;
        int xmin = running.stream().min(Integer::compare).orElse(xmax);
        return new FakeSnapshot(xmin, xmax, running, commandId);
    }

    public record FakeSnapshot(int xmin, int xmax, Set<Integer> running, int commandId) implements Snapshot {
        @Override
        public boolean isInProgress(int xid) {
            return Integer.compareUnsigned(xid, xmax) >= 0 || running.contains(xid);
        }
    }

    public final class Txn implements TransactionContext {
        public int xid;
        public int cid;
        public boolean repeatableRead;
        /** What {@link #pruneHorizon} answers (0: no pruning outside VACUUM). */
        public int horizon;

        @Override
        public int pruneHorizon() {
            return horizon;
        }

        @Override
        public int assignXid() {
            if (xid == 0) {
                xid = nextXid++;
                clog.put(xid, TransactionStatus.IN_PROGRESS);
            }
            return xid;
        }

        @Override
        public int commandId() {
            return cid;
        }

        /** CommandCounterIncrement. */
        public void next() {
            cid++;
        }

        /** The snapshot of the current command (own earlier commands visible). */
        public Snapshot snapshot() {
            return FakeTransactions.this.snapshot(cid);
        }

        @Override
        public boolean isCurrentTransactionId(int other) {
            return other != 0 && other == xid;
        }

        @Override
        public TransactionStatus status(int other) {
            return FakeTransactions.this.status(other);
        }

        @Override
        public boolean isRepeatableRead() {
            return repeatableRead;
        }

        @Override
        public void waitForTransaction(int other) {
            onWait.accept(other);
        }

        public void commit() {
            clog.put(assignXid(), TransactionStatus.COMMITTED);
        }

        public void abort() {
            clog.put(assignXid(), TransactionStatus.ABORTED);
        }
    }
}
