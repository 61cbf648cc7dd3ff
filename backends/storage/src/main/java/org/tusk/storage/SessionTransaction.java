package org.tusk.storage;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import org.tusk.api.storage.RelFileLocator;
import org.tusk.api.storage.TransactionContext;
import org.tusk.api.storage.TransactionStatus;
import org.tusk.api.storage.TupleId;
import org.tusk.lmgr.LockManager;
import org.tusk.lmgr.LockMode;
import org.tusk.lmgr.LockTag;
import org.tusk.xact.IsolationLevel;
import org.tusk.xact.TransactionListener;
import org.tusk.xact.TransactionManager;

/**
 * A session's transaction as access methods see it: the transaction manager
 * (xids, command ids, snapshots) joined with the lock manager, as
 * PostgreSQL's xact.c and lmgr.c are joined through MyProc. An assigned xid is
 * locked exclusively (XactLockTableInsert) so that others can wait for its end
 * (XactLockTableWait); every lock is released when the transaction ends.
 *
 * <p>Subtransactions own their xid locks as PostgreSQL's resource owners do:
 * RELEASE SAVEPOINT hands them to the parent level, ROLLBACK TO releases them
 * at once, so a row the aborted subtransaction locked or changed is free for
 * others while the top-level transaction goes on.
 */
public final class SessionTransaction implements TransactionContext {

    private final TransactionManager transactions;
    private final LockManager locks;
    /**
     * Xids of this transaction whose lock is held (top and subtransactions),
     * each with the nesting level that owns the lock; cleared at its end.
     */
    private final Map<Integer, Integer> lockedXids = new HashMap<>();
    /**
     * The xid {@link #assignXid} returned last, its lock and its top transaction's held (0: none). Every
     * insert, update, delete and row lock asks for the xid (four times per TPC-B transaction), and each
     * call boxed it and probed {@link #lockedXids} twice; only the first of a transaction or subtransaction
     * takes a lock (AssignTransactionId's XactLockTableInsert runs once per xid). Forgotten whenever a
     * transaction or subtransaction ends, as the map's entries may then go.
     */
    private int lastLockedXid;

    /** The ProcArray's oldest xmin (the pruning horizon), or null when this session has none to ask. */
    private final java.util.function.IntSupplier oldestXmin;

    public SessionTransaction(TransactionManager transactions, LockManager locks) {
        this(transactions, locks, null);
    }

    /** A session whose heap pages may be pruned up to {@code oldestXmin}'s answer (the ProcArray's). */
    public SessionTransaction(TransactionManager transactions, LockManager locks,
            java.util.function.IntSupplier oldestXmin) {
        this.transactions = transactions;
        this.locks = locks;
        this.oldestXmin = oldestXmin;
        transactions.addListener(new TransactionListener() {
            @Override
            public void transactionEnded(int topXid, boolean committed) {
                lastLockedXid = 0;
                lockedXids.clear();
                locks.releaseAll();
            }

            @Override
            public void subtransactionEnded(int level, int xid, boolean committed) {
                lastLockedXid = 0;
                for (Iterator<Map.Entry<Integer, Integer>> it = lockedXids.entrySet().iterator(); it.hasNext();) {
                    Map.Entry<Integer, Integer> entry = it.next();
                    if (entry.getValue() < level) {
                        continue;
                    }
                    if (committed) {
                        entry.setValue(level - 1);      // AtSubCommit: the parent owns them now
                    } else {
                        // AtSubAbort: the subtransaction is over (aborted in the commit log and gone from the
                        // ProcArray), so whoever waits for its xid may go on
                        locks.release(LockTag.transaction(entry.getKey()), LockMode.EXCLUSIVE);
                        it.remove();
                    }
                }
            }
        });
    }

    public TransactionManager transactions() {
        return transactions;
    }

    /** GetOldestNonRemovableTransactionId: the ProcArray's oldest xmin, 0 without one. */
    @Override
    public int pruneHorizon() {
        return oldestXmin == null ? 0 : oldestXmin.getAsInt();
    }

    @Override
    public int assignXid() {
        int xid = transactions.currentXid();
        if (xid == lastLockedXid) {
            return xid;
        }
        int top = transactions.topXidIfAny();
        if (top != 0 && lockedXids.putIfAbsent(top, 0) == null) {
            locks.lockTransactionId(top);
        }
        if (lockedXids.putIfAbsent(xid, transactions.nestingLevel()) == null) {
            // a subtransaction's xid is waited on too (PostgreSQL locks each one); an intermediate level's
            // xid assigned on the way is locked when that level first uses it, before any tuple carries it
            locks.lockTransactionId(xid);
        }
        lastLockedXid = xid;
        return xid;
    }

    @Override
    public int commandId() {
        return transactions.currentCommandId();
    }

    @Override
    public boolean isCurrentTransactionId(int xid) {
        return transactions.isCurrentTransactionId(xid);
    }

    @Override
    public TransactionStatus status(int xid) {
        return transactions.status(xid);
    }

    @Override
    public boolean isRepeatableRead() {
        return transactions.isolationLevel() == IsolationLevel.REPEATABLE_READ;
    }

    @Override
    public void lockTupleVersion(RelFileLocator relation, TupleId tid) {
        locks.acquire(tupleTag(relation, tid), LockMode.EXCLUSIVE, false);
    }

    @Override
    public void unlockTupleVersion(RelFileLocator relation, TupleId tid) {
        locks.release(tupleTag(relation, tid), LockMode.EXCLUSIVE);
    }

    /** A version's lock tag; the relation is named by its relfilenode, which is what the heap knows. */
    private static LockTag tupleTag(RelFileLocator relation, TupleId tid) {
        return LockTag.tuple(relation.dbOid(), relation.relNumber(), tid.block(), tid.offset());
    }

    /**
     * XactLockTableWait: the xid's lock is held until its transaction ends,
     * but a subtransaction's lock goes away with the subtransaction while its
     * parent may still run, so loop until the status says it ended.
     */
    @Override
    public void waitForTransaction(int xid) {
        while (transactions.status(xid) == TransactionStatus.IN_PROGRESS) {
            locks.waitForTransaction(xid);
            if (transactions.status(xid) == TransactionStatus.IN_PROGRESS) {
                // assigned but not locked yet (the owner is between the two): look again shortly
                LockSupport.parkNanos(1_000_000);
            }
        }
    }
}
