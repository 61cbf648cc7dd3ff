package org.tusk.xact.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tusk.api.error.PgException;
import org.tusk.api.error.SqlState;
import org.tusk.wal.WalWriter;
import org.tusk.xact.IsolationLevel;
import org.tusk.xact.Snapshot;
import org.tusk.xact.TransactionIds;
import org.tusk.xact.TransactionListener;
import org.tusk.xact.TransactionManager;
import org.tusk.xact.XidStatus;

/**
 * xact.c for one process: a stack of transaction states (top level first),
 * each with its lazily assigned xid and the xids of its committed children,
 * which pass to the parent on release and are aborted with it on rollback.
 */
public final class TransactionManagerImpl implements TransactionManager {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionManagerImpl.class);

    /** InvalidCommandId, 2^32 - 1: the counter stops before it. */
    private static final int INVALID_COMMAND_ID = 0xFFFF_FFFF;

    /** One (sub)transaction level (PostgreSQL's TransactionStateData, the parts we need). */
    private static final class Level {
        int xid;
        final IntList committedChildren = new IntList();
    }

    private final XactShared shared;
    private final WalWriter wal;
    private final List<TransactionListener> listeners = new CopyOnWriteArrayList<>();
    private final List<Level> stack = new ArrayList<>();
    private IsolationLevel isolationLevel;
    private int commandId;
    private Snapshot transactionSnapshot;
    /**
     * RecentXmin: the xmin of the newest snapshot this session took (0 before
     * the first). Every xid before it had ended when that snapshot was taken,
     * so {@link #status} need not look through the ProcArray for it.
     */
    private int recentXmin;
    /** Final answers of {@link #status} for xids that have ended. */
    private final EndedTransactionCache endedStatus = new EndedTransactionCache();
    /**
     * {@link WalWriter#lastRecordEnd} when the transaction began: if it is the same at commit, the
     * transaction wrote no WAL of its own (PostgreSQL's XactLastRecEnd, reset at each transaction end).
     */
    private long walAtBegin;

    TransactionManagerImpl(XactShared shared, WalWriter wal) {
        this.shared = shared;
        this.wal = wal;
    }

    @Override
    public void begin() {
        begin(IsolationLevel.READ_COMMITTED);
    }

    @Override
    public void begin(IsolationLevel level) {
        if (inTransaction()) {
            throw new IllegalStateException("a transaction is already in progress");
        }
        stack.add(new Level());
        walAtBegin = wal.lastRecordEnd();
        isolationLevel = level;
        commandId = 0;
        transactionSnapshot = null;
    }

    @Override
    public boolean inTransaction() {
        return !stack.isEmpty();
    }

    @Override
    public IsolationLevel isolationLevel() {
        return isolationLevel;
    }

    private void checkInTransaction() {
        if (!inTransaction()) {
            throw new IllegalStateException("no transaction in progress");
        }
    }

    private Level current() {
        checkInTransaction();
        return stack.get(stack.size() - 1);
    }

    @Override
    public int currentXid() {
        checkInTransaction();
        return assignXid(stack.size() - 1);
    }

    /** AssignTransactionId: parents get their xids first, so a child's parent xid always exists and is older. */
    private int assignXid(int depth) {
        Level level = stack.get(depth);
        if (!TransactionIds.isValid(level.xid)) {
            int parent = depth == 0 ? TransactionIds.INVALID : assignXid(depth - 1);
            level.xid = shared.variables().assign(shared.procArray(), shared.clog(), shared.subTrans(), parent);
        }
        return level.xid;
    }

    @Override
    public int currentXidIfAny() {
        return inTransaction() ? current().xid : TransactionIds.INVALID;
    }

    @Override
    public int topXidIfAny() {
        return inTransaction() ? stack.get(0).xid : TransactionIds.INVALID;
    }

    @Override
    public int currentCommandId() {
        checkInTransaction();
        return commandId;
    }

    @Override
    public void commandCounterIncrement() {
        checkInTransaction();
        if (commandId + 1 == INVALID_COMMAND_ID) {
            throw PgException.error(SqlState.PROGRAM_LIMIT_EXCEEDED,
                    "cannot have more than 2^32-2 commands in a transaction");
        }
        commandId++;
    }

    @Override
    public boolean isCurrentTransactionId(int xid) {
        if (!TransactionIds.isNormal(xid)) {
            return false;
        }
        for (Level level : stack) {
            if (level.xid == xid || level.committedChildren.contains(xid)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Snapshot statementSnapshot() {
        checkInTransaction();
        if (isolationLevel == IsolationLevel.REPEATABLE_READ) {
            if (transactionSnapshot == null) {
                transactionSnapshot = remember(shared.procArray().takeSnapshot());
            }
            return transactionSnapshot.withCommandId(commandId);
        }
        // The previous statement's snapshot is finished with: let our xmin move forward.
        shared.procArray().resetMyXmin();
        return remember(shared.procArray().takeSnapshot()).withCommandId(commandId);
    }

    @Override
    public Snapshot catalogSnapshot() {
        checkInTransaction();
        return remember(shared.procArray().takeSnapshot()).withCommandId(commandId);
    }

    private Snapshot remember(Snapshot snapshot) {
        recentXmin = snapshot.xmin();
        endedStatus.forgetIfFar(shared.procArray().latestCompletedFullXid());
        return snapshot;
    }

    @Override
    public int nestingLevel() {
        return inTransaction() ? stack.size() - 1 : 0;
    }

    @Override
    public void beginSubtransaction() {
        checkInTransaction();
        stack.add(new Level());
    }

    @Override
    public void releaseSubtransaction() {
        if (nestingLevel() == 0) {
            throw new IllegalStateException("no subtransaction in progress");
        }
        int level = stack.size() - 1;
        Level child = stack.remove(level);
        Level parent = stack.get(level - 1);
        if (TransactionIds.isValid(child.xid)) {
            parent.committedChildren.add(child.xid);
        }
        parent.committedChildren.addAll(child.committedChildren);
        notifySubtransaction(level, child.xid, true);
    }

    @Override
    public void rollbackSubtransaction() {
        if (nestingLevel() == 0) {
            throw new IllegalStateException("no subtransaction in progress");
        }
        int level = stack.size() - 1;
        Level child = stack.remove(level);
        if (TransactionIds.isValid(child.xid)) {
            int[] children = child.committedChildren.toArray();
            // RecordTransactionAbort for a subtransaction: not flushed, like any abort.
            wal.insert(new XactRecord(XactRecord.ABORT, child.xid, XactRecord.nowPgMicros(), children).toWal());
            shared.clog().setTreeStatus(child.xid, children, XidStatus.ABORTED);
            int[] all = new int[children.length + 1];
            all[0] = child.xid;
            System.arraycopy(children, 0, all, 1, children.length);
            shared.procArray().removeMySubxids(all, latest(child.xid, children));
        }
        notifySubtransaction(level, child.xid, false);
    }

    @Override
    public void commit() {
        checkInTransaction();
        while (nestingLevel() > 0) {
            releaseSubtransaction();
        }
        Level top = stack.get(0);
        int xid = top.xid;
        if (TransactionIds.isValid(xid)) {
            int[] subxids = top.committedChildren.toArray();
            // RecordTransactionCommit's wrote_xlog: a transaction whose changes were all to TEMP relations
            // (not WAL-logged, gone after a crash anyway) has nothing whose durability a flush would buy.
            boolean wroteWal = wal.lastRecordEnd() != walAtBegin;
            shared.procArray().delayCheckpointStart();
            try {
                long end = wal.insert(new XactRecord(XactRecord.COMMIT, xid, XactRecord.nowPgMicros(), subxids)
                        .toWal());
                if (wroteWal) {
                    // the commit record must be durable before anyone can see the commit
                    wal.flush(end);
                    shared.clog().setTreeStatus(xid, subxids, XidStatus.COMMITTED);
                } else {
                    shared.clog().setTreeCommittedAsync(xid, subxids, end);
                }
            } finally {
                shared.procArray().delayCheckpointEnd();
            }
            shared.procArray().endMyTransaction(latest(xid, subxids));
        } else {
            shared.procArray().endMyReadOnlyTransaction();
        }
        finish(xid, true);
    }

    @Override
    public void abort() {
        checkInTransaction();
        Level top = stack.get(0);
        int xid = top.xid;
        if (TransactionIds.isValid(xid)) {
            // Every xid of the tree still alive: open levels and their committed children.
            IntList subs = new IntList();
            for (int i = 0; i < stack.size(); i++) {
                Level level = stack.get(i);
                if (i > 0 && TransactionIds.isValid(level.xid)) {
                    subs.add(level.xid);
                }
                subs.addAll(level.committedChildren);
            }
            int[] subxids = subs.toArray();
            try {
                wal.insert(new XactRecord(XactRecord.ABORT, xid, XactRecord.nowPgMicros(), subxids).toWal());
            } catch (RuntimeException e) {
                // The commit log and ProcArray must still be cleaned up; a missing abort record only means
                // that after a crash the xid reads as in progress, which is treated as aborted anyway.
                LOG.warn("could not write abort record of transaction {}: {}", TransactionIds.toString(xid),
                        e.toString());
            }
            shared.clog().setTreeStatus(xid, subxids, XidStatus.ABORTED);
            shared.procArray().endMyTransaction(latest(xid, subxids));
        } else {
            shared.procArray().endMyReadOnlyTransaction();
        }
        finish(xid, false);
    }

    private void finish(int xid, boolean committed) {
        stack.clear();
        transactionSnapshot = null;
        isolationLevel = null;
        commandId = 0;
        for (TransactionListener listener : listeners) {
            try {
                listener.transactionEnded(xid, committed);
            } catch (RuntimeException e) {
                LOG.warn("transaction end listener {} failed: {}", listener, e.toString(), e);
            }
        }
    }

    private void notifySubtransaction(int level, int xid, boolean committed) {
        for (TransactionListener listener : listeners) {
            listener.subtransactionEnded(level, xid, committed);
        }
    }

    /** TransactionIdLatest: the newest of a tree's xids. */
    private static int latest(int xid, int[] subxids) {
        int result = xid;
        for (int sub : subxids) {
            result = TransactionIds.later(result, sub);
        }
        return result;
    }

    @Override
    public boolean didCommit(int xid) {
        return shared.clog().didCommit(xid);
    }

    @Override
    public org.tusk.api.storage.TransactionStatus status(int xid) {
        if (isCurrentTransactionId(xid)) {
            return org.tusk.api.storage.TransactionStatus.IN_PROGRESS;
        }
        org.tusk.api.storage.TransactionStatus known = endedStatus.get(xid);
        if (known != null) {
            return known;
        }
        // TransactionIdIsInProgress's first test: older than RecentXmin means ended, no ProcArray lock needed
        boolean ended = TransactionIds.isNormal(recentXmin) && TransactionIds.isNormal(xid)
                && TransactionIds.precedes(xid, recentXmin);
        if (!ended && shared.procArray().isInProgress(xid)) {
            return org.tusk.api.storage.TransactionStatus.IN_PROGRESS;
        }
        // the commit log is written before the ProcArray lets the xid go: this answer is final
        org.tusk.api.storage.TransactionStatus status = shared.clog().didCommit(xid)
                ? org.tusk.api.storage.TransactionStatus.COMMITTED : org.tusk.api.storage.TransactionStatus.ABORTED;
        endedStatus.put(xid, status);
        return status;
    }

    @Override
    public boolean didAbort(int xid) {
        return shared.clog().didAbort(xid);
    }

    @Override
    public void addListener(TransactionListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(TransactionListener listener) {
        listeners.remove(listener);
    }
}
