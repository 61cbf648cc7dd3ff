package org.tusk.lmgr.internal;

import org.tusk.lmgr.LockMode;

/**
 * What this process holds on one object (PostgreSQL's LOCALLOCK): how many
 * times each mode was acquired, by the transaction and by the session. Shared
 * memory records only whether a mode is held at all; re-entrant acquisitions
 * are counted here and cost no shared-memory traffic.
 */
final class LocalLock {

    private final int[] transactionCounts = new int[8];
    private final int[] sessionCounts = new int[8];
    /** Modes this process recorded in its fast-path slots (a strong locker may have moved them since). */
    private int fastPathModes;

    boolean isFastPath(LockMode mode) {
        return (fastPathModes & mode.bit()) != 0;
    }

    void setFastPath(LockMode mode, boolean fastPath) {
        fastPathModes = fastPath ? fastPathModes | mode.bit() : fastPathModes & ~mode.bit();
    }

    boolean holds(LockMode mode) {
        return transactionCounts[mode.ordinal()] + sessionCounts[mode.ordinal()] > 0;
    }

    void increment(LockMode mode, boolean session) {
        counts(session)[mode.ordinal()]++;
    }

    /** Drops one hold; returns false if there was none of that kind. */
    boolean decrement(LockMode mode, boolean session) {
        int[] counts = counts(session);
        if (counts[mode.ordinal()] == 0) {
            return false;
        }
        counts[mode.ordinal()]--;
        return true;
    }

    /** Drops every hold of one kind on {@code mode}; returns whether any was dropped. */
    boolean clear(LockMode mode, boolean session) {
        int[] counts = counts(session);
        boolean had = counts[mode.ordinal()] > 0;
        counts[mode.ordinal()] = 0;
        return had;
    }

    boolean isEmpty() {
        for (int m = 0; m < 8; m++) {
            if (transactionCounts[m] + sessionCounts[m] > 0) {
                return false;
            }
        }
        return true;
    }

    private int[] counts(boolean session) {
        return session ? sessionCounts : transactionCounts;
    }
}
