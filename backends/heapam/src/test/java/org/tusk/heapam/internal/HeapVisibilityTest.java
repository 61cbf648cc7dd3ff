package org.tusk.heapam.internal;

import static org.junit.jupiter.api.Assertions.*;
import static org.tusk.heapam.internal.HeapTupleHeader.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.tusk.api.storage.Snapshot;
import org.tusk.api.storage.TransactionContext;
import org.tusk.api.storage.TransactionStatus;
import org.tusk.heapam.internal.HeapVisibility.UpdateResult;
import org.tusk.heapam.internal.HeapVisibility.VacuumResult;

/**
 * The rules of heapam_visibility.c as a table of cases. Transactions: 10
 * committed long ago, 20 committed after our snapshot was taken (so in its
 * xip), 30 aborted, 40 still running, 50 = us (current command 5).
 */
class HeapVisibilityTest {

    private static final int OLD = 10;
    private static final int LATE = 20;
    private static final int ABORTED = 30;
    private static final int RUNNING = 40;
    private static final int US = 50;

    private final Map<Integer, TransactionStatus> clog = new HashMap<>(Map.of(OLD, TransactionStatus.COMMITTED,
            LATE, TransactionStatus.COMMITTED, ABORTED, TransactionStatus.ABORTED, RUNNING,
            TransactionStatus.IN_PROGRESS, US, TransactionStatus.IN_PROGRESS));

    private final Snapshot snapshot = new Snapshot() {
        @Override
        public int xmin() {
            return LATE;
        }

        @Override
        public int xmax() {
            return 60;
        }

        @Override
        public boolean isInProgress(int xid) {
            return Set.of(LATE, RUNNING, US).contains(xid) || xid >= 60;
        }

        @Override
        public int commandId() {
            return 5;
        }
    };

    /** How many times {@link #txn} or {@link #countingClog} was asked for a status. */
    private int lookups;

    private TransactionStatus countingClog(int xid) {
        lookups++;
        return clog.get(xid);
    }

    private final TransactionContext txn = new TransactionContext() {
        @Override
        public int assignXid() {
            return US;
        }

        @Override
        public int commandId() {
            return 5;
        }

        @Override
        public boolean isCurrentTransactionId(int xid) {
            return xid == US;
        }

        @Override
        public TransactionStatus status(int xid) {
            lookups++;
            return clog.get(xid);
        }

        @Override
        public boolean isRepeatableRead() {
            return false;
        }

        @Override
        public void waitForTransaction(int xid) {
            throw new AssertionError();
        }
    };

    /** A tuple at (0,1) inserted by xmin at cid 0. */
    private static ByteBuffer tuple(int xmin) {
        return ByteBuffer.wrap(HeapTupleHeader.form(new byte[] {1, 2, 3}, xmin, 0, 0, 1, 0))
                .order(ByteOrder.LITTLE_ENDIAN);
    }

    private static ByteBuffer deleted(ByteBuffer t, int xmax, int extraMask) {
        setXmax(t, xmax);
        setInfomask(t, infomask(t) & ~HEAP_XMAX_INVALID | extraMask);
        return t;
    }

    private boolean mvcc(ByteBuffer t) {
        return HeapVisibility.satisfiesMvcc(t, snapshot, txn);
    }

    private UpdateResult update(ByteBuffer t) {
        return HeapVisibility.satisfiesUpdate(t, 0, 1, 5, txn);
    }

    @Test
    void layoutIsPostgresHeapTupleHeader() {
        byte[] bytes = HeapTupleHeader.form(new byte[] {9}, 0x01020304, 7, 0x00050006, 3, HEAP_UPDATED);
        ByteBuffer t = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(25, bytes.length);
        assertEquals(0x04, bytes[0], "t_xmin little-endian at 0");
        assertEquals(0, t.getInt(4), "t_xmax");
        assertEquals(7, t.getInt(8), "t_cid");
        assertEquals(5, t.getShort(12), "bi_hi");
        assertEquals(6, t.getShort(14), "bi_lo");
        assertEquals(3, t.getShort(16), "ip_posid");
        assertEquals(0x00050006, ctidBlock(t));
        assertEquals(HEAP_XMAX_INVALID | HEAP_UPDATED, t.getShort(20));
        assertEquals(24, bytes[22], "t_hoff = MAXALIGN(23)");
        assertEquals(9, bytes[24]);
        assertArrayEquals(new byte[] {9}, HeapTupleHeader.data(t));
    }

    @Test
    void mvccInserts() {
        assertTrue(mvcc(tuple(OLD)), "committed before the snapshot");
        assertFalse(mvcc(tuple(LATE)), "committed after the snapshot was taken");
        assertFalse(mvcc(tuple(ABORTED)));
        assertFalse(mvcc(tuple(RUNNING)));
        assertFalse(mvcc(tuple(70)), "xid not yet assigned at snapshot time");
        ByteBuffer frozen = tuple(LATE);
        setInfomask(frozen, infomask(frozen) | HEAP_XMIN_FROZEN);
        assertTrue(mvcc(frozen), "frozen xmin is visible to everyone");
        ByteBuffer invalid = tuple(OLD);
        setInfomask(invalid, infomask(invalid) | HEAP_XMIN_INVALID);
        assertFalse(mvcc(invalid));
    }

    @Test
    void mvccOwnChangesByCommandId() {
        ByteBuffer early = tuple(US);
        setRawCid(early, 4);
        assertTrue(mvcc(early), "inserted by an earlier command");
        ByteBuffer now = tuple(US);
        setRawCid(now, 5);
        assertFalse(mvcc(now), "inserted by the current command");
        ByteBuffer insertedAndDeleted = deleted(tuple(US), US, HEAP_COMBOCID);
        setRawCid(insertedAndDeleted, ComboCids.comboId(2, 5));
        assertTrue(mvcc(insertedAndDeleted), "deleted by the current command: still visible to it");
        setRawCid(insertedAndDeleted, ComboCids.comboId(2, 4));
        assertFalse(mvcc(insertedAndDeleted), "deleted by an earlier command");
        ByteBuffer deletedByAbortedSub = deleted(tuple(US), ABORTED, 0);
        setRawCid(deletedByAbortedSub, 1);
        assertTrue(mvcc(deletedByAbortedSub));
        ByteBuffer oldDeletedByUs = deleted(tuple(OLD), US, 0);
        setRawCid(oldDeletedByUs, 3);
        assertFalse(mvcc(oldDeletedByUs));
        setRawCid(oldDeletedByUs, 5);
        assertTrue(mvcc(oldDeletedByUs));
    }

    @Test
    void mvccDeletes() {
        assertFalse(mvcc(deleted(tuple(OLD), OLD, 0)), "deleted before the snapshot");
        assertTrue(mvcc(deleted(tuple(OLD), LATE, 0)), "deleted after the snapshot");
        assertTrue(mvcc(deleted(tuple(OLD), RUNNING, 0)));
        assertTrue(mvcc(deleted(tuple(OLD), ABORTED, 0)));
        assertTrue(mvcc(deleted(tuple(OLD), OLD, HEAP_XMAX_LOCK_ONLY | HEAP_XMAX_EXCL_LOCK)), "only locked");
    }

    @Test
    void update() {
        assertEquals(UpdateResult.OK, update(tuple(OLD)));
        assertEquals(UpdateResult.OK, update(tuple(LATE)), "committed now, whatever the snapshot says");
        assertEquals(UpdateResult.INVISIBLE, update(tuple(ABORTED)));
        assertEquals(UpdateResult.INVISIBLE, update(tuple(RUNNING)));
        assertEquals(UpdateResult.BEING_MODIFIED, update(deleted(tuple(OLD), RUNNING, 0)));
        assertEquals(UpdateResult.BEING_MODIFIED,
                update(deleted(tuple(OLD), RUNNING, HEAP_XMAX_LOCK_ONLY | HEAP_XMAX_KEYSHR_LOCK)));
        assertEquals(UpdateResult.OK, update(deleted(tuple(OLD), US, HEAP_XMAX_LOCK_ONLY | HEAP_XMAX_EXCL_LOCK)),
                "our own lock");
        assertEquals(UpdateResult.OK, update(deleted(tuple(OLD), ABORTED, 0)));
        assertEquals(UpdateResult.DELETED, update(deleted(tuple(OLD), LATE, 0)), "t_ctid points to itself");
        ByteBuffer updated = deleted(tuple(OLD), LATE, 0);
        setCtid(updated, 3, 4);
        assertEquals(UpdateResult.UPDATED, update(updated));
        ByteBuffer ours = tuple(US);
        setRawCid(ours, 5);
        assertEquals(UpdateResult.INVISIBLE, update(ours), "inserted by this very command");
        ByteBuffer selfDeleted = deleted(tuple(OLD), US, 0);
        setRawCid(selfDeleted, 5);
        assertEquals(UpdateResult.SELF_MODIFIED, update(selfDeleted));
        setRawCid(selfDeleted, 2);
        assertEquals(UpdateResult.INVISIBLE, update(selfDeleted), "deleted by an earlier command of ours");
    }

    @Test
    void vacuum() {
        assertEquals(VacuumResult.LIVE, HeapVisibility.satisfiesVacuum(tuple(OLD), 45, clog::get));
        assertEquals(VacuumResult.DEAD, HeapVisibility.satisfiesVacuum(tuple(ABORTED), 45, clog::get));
        assertEquals(VacuumResult.INSERT_IN_PROGRESS, HeapVisibility.satisfiesVacuum(tuple(RUNNING), 35, clog::get));
        assertEquals(VacuumResult.DEAD, HeapVisibility.satisfiesVacuum(deleted(tuple(OLD), LATE, 0), 25, clog::get));
        assertEquals(VacuumResult.RECENTLY_DEAD,
                HeapVisibility.satisfiesVacuum(deleted(tuple(OLD), LATE, 0), 15, clog::get));
        assertEquals(VacuumResult.DELETE_IN_PROGRESS,
                HeapVisibility.satisfiesVacuum(deleted(tuple(OLD), RUNNING, 0), 35, clog::get));
        assertEquals(VacuumResult.LIVE, HeapVisibility.satisfiesVacuum(deleted(tuple(OLD), ABORTED, 0), 45, clog::get));
        assertEquals(VacuumResult.LIVE, HeapVisibility.satisfiesVacuum(
                deleted(tuple(OLD), LATE, HEAP_XMAX_LOCK_ONLY | HEAP_XMAX_EXCL_LOCK), 45, clog::get));
    }

    private static final int HINTS = HEAP_XMIN_COMMITTED | HEAP_XMIN_INVALID | HEAP_XMAX_COMMITTED | HEAP_XMAX_INVALID;

    /**
     * Runs {@code check} on {@code t}, which must leave exactly the hints {@code expected} (as
     * heapam_visibility.c's SetHintBits calls would), then again: the same answer, and, when the
     * hints settle the tuple, without asking anybody about its xmin or xmax.
     */
    private void assertHints(String what, ByteBuffer t, java.util.function.Function<ByteBuffer, Object> check,
            int expected, boolean settled) {
        Object first = check.apply(t);
        assertEquals(expected, infomask(t) & HINTS, what + ": hints");
        int before = lookups;
        assertEquals(first, check.apply(t), what + ": the same answer with the hints");
        if (settled) {
            assertEquals(before, lookups, what + ": the hints answer without a status look-up");
        }
    }

    /**
     * HeapTupleSatisfiesVacuumHorizon's hints: prune and VACUUM ask about a tuple once. Before,
     * only MVCC checks set hints, and every prune of a hot page asked about every tuple again.
     */
    @Test
    void vacuumSetsHints() {
        java.util.function.Function<Integer, java.util.function.Function<ByteBuffer, Object>> vacuum =
                horizon -> t -> HeapVisibility.satisfiesVacuum(t, 0, horizon, this::countingClog, null);
        assertHints("committed insert", tuple(OLD), vacuum.apply(45), HEAP_XMIN_COMMITTED | HEAP_XMAX_INVALID, true);
        assertHints("aborted insert", tuple(ABORTED), vacuum.apply(45), HEAP_XMIN_INVALID | HEAP_XMAX_INVALID, true);
        assertHints("running insert", tuple(RUNNING), vacuum.apply(35), HEAP_XMAX_INVALID, false);
        assertHints("committed delete", deleted(tuple(OLD), LATE, 0), vacuum.apply(15),
                HEAP_XMIN_COMMITTED | HEAP_XMAX_COMMITTED, true);
        assertHints("aborted delete", deleted(tuple(OLD), ABORTED, 0), vacuum.apply(45),
                HEAP_XMIN_COMMITTED | HEAP_XMAX_INVALID, true);
        assertHints("running delete", deleted(tuple(OLD), RUNNING, 0), vacuum.apply(45), HEAP_XMIN_COMMITTED, false);
        assertHints("ended locker", deleted(tuple(OLD), LATE, HEAP_XMAX_LOCK_ONLY | HEAP_XMAX_EXCL_LOCK),
                vacuum.apply(45), HEAP_XMIN_COMMITTED | HEAP_XMAX_INVALID, true);
        assertHints("running locker", deleted(tuple(OLD), RUNNING, HEAP_XMAX_LOCK_ONLY | HEAP_XMAX_EXCL_LOCK),
                vacuum.apply(45), HEAP_XMIN_COMMITTED, false);
        ByteBuffer frozen = tuple(ABORTED);
        setInfomask(frozen, infomask(frozen) | HEAP_XMIN_FROZEN);
        assertHints("frozen", frozen, vacuum.apply(45), HEAP_XMIN_FROZEN | HEAP_XMAX_INVALID, true);
        assertEquals(VacuumResult.LIVE, vacuum.apply(45).apply(frozen), "frozen is not aborted");
    }

    /** HeapTupleSatisfiesUpdate's hints: the updater of a hot row asks about its version once. */
    @Test
    void updateSetsHints() {
        java.util.function.Function<ByteBuffer, Object> update = this::update;
        assertHints("committed insert", tuple(OLD), update, HEAP_XMIN_COMMITTED | HEAP_XMAX_INVALID, true);
        assertHints("aborted insert", tuple(ABORTED), update, HEAP_XMIN_INVALID | HEAP_XMAX_INVALID, true);
        assertHints("running insert", tuple(RUNNING), update, HEAP_XMAX_INVALID, false);
        assertHints("committed delete", deleted(tuple(OLD), LATE, 0), update,
                HEAP_XMIN_COMMITTED | HEAP_XMAX_COMMITTED, true);
        assertHints("aborted delete", deleted(tuple(OLD), ABORTED, 0), update,
                HEAP_XMIN_COMMITTED | HEAP_XMAX_INVALID, true);
        assertHints("running delete", deleted(tuple(OLD), RUNNING, 0), update, HEAP_XMIN_COMMITTED, false);
        assertHints("ended locker", deleted(tuple(OLD), LATE, HEAP_XMAX_LOCK_ONLY | HEAP_XMAX_EXCL_LOCK), update,
                HEAP_XMIN_COMMITTED | HEAP_XMAX_INVALID, true);
        assertHints("running locker", deleted(tuple(OLD), RUNNING, HEAP_XMAX_LOCK_ONLY | HEAP_XMAX_EXCL_LOCK),
                update, HEAP_XMIN_COMMITTED, false);
    }

    /** HeapTupleSatisfiesDirty's hints (unique checks). */
    @Test
    void dirtySetsHints() {
        java.util.function.Function<ByteBuffer, Object> dirty = t -> HeapVisibility.satisfiesDirty(t, txn, null);
        assertHints("committed insert", tuple(OLD), dirty, HEAP_XMIN_COMMITTED | HEAP_XMAX_INVALID, true);
        assertHints("aborted insert", tuple(ABORTED), dirty, HEAP_XMIN_INVALID | HEAP_XMAX_INVALID, true);
        assertHints("running insert", tuple(RUNNING), dirty, HEAP_XMAX_INVALID, false);
        assertHints("committed delete", deleted(tuple(OLD), LATE, 0), dirty,
                HEAP_XMIN_COMMITTED | HEAP_XMAX_COMMITTED, true);
        assertHints("aborted delete", deleted(tuple(OLD), ABORTED, 0), dirty,
                HEAP_XMIN_COMMITTED | HEAP_XMAX_INVALID, true);
        assertHints("running delete", deleted(tuple(OLD), RUNNING, 0), dirty, HEAP_XMIN_COMMITTED, false);
    }

    @Test
    void xidComparisonWrapsAround() {
        assertTrue(Xids.precedes(3, 4));
        assertTrue(Xids.precedes(0xFFFF_FFF0, 5), "across the wrap");
        assertFalse(Xids.precedes(5, 0xFFFF_FFF0));
        assertTrue(Xids.precedes(Xids.FROZEN, 3));
    }
}
