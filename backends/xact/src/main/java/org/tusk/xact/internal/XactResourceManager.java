package org.tusk.xact.internal;

import org.tusk.api.error.PgException;
import org.tusk.api.error.Severity;
import org.tusk.api.error.SqlState;
import org.tusk.wal.DecodedRecord;
import org.tusk.wal.RedoContext;
import org.tusk.wal.ResourceManager;
import org.tusk.xact.XidStatus;

/**
 * xact_redo: replays commit and abort records into the commit log (setting
 * bits again is harmless, so redo is idempotent) and keeps the xid counter
 * ahead of every xid it sees.
 */
public final class XactResourceManager implements ResourceManager {

    private final CommitLogImpl clog;
    private final TransamVariablesImpl variables;

    XactResourceManager(CommitLogImpl clog, TransamVariablesImpl variables) {
        this.clog = clog;
        this.variables = variables;
    }

    @Override
    public int id() {
        return XACT;
    }

    @Override
    public String name() {
        return "Transaction";
    }

    @Override
    public void redo(DecodedRecord record, RedoContext context) {
        XactRecord xact;
        try {
            xact = XactRecord.decode(record.info(), record.xid(), record.data());
        } catch (IllegalArgumentException e) {
            throw new PgException(Severity.PANIC, SqlState.DATA_CORRUPTED, e.getMessage(), null, null, 0, e);
        }
        int newest = xact.xid();
        for (int sub : xact.subxids()) {
            newest = org.tusk.xact.TransactionIds.later(newest, sub);
        }
        variables.advanceNextXidPast(newest);
        clog.setTreeStatus(xact.xid(), xact.subxids(),
                xact.info() == XactRecord.COMMIT ? XidStatus.COMMITTED : XidStatus.ABORTED);
    }
}
