package org.tusk.engine.commands.sequence;

import org.tusk.api.error.PgException;
import org.tusk.api.error.SqlState;
import org.tusk.api.storage.RelFileLocator;
import org.tusk.api.storage.Snapshot;
import org.tusk.api.storage.TableAccessMethod;
import org.tusk.api.storage.TransactionContext;
import org.tusk.api.storage.TupleId;

/**
 * A sequence's value as a one-row relation: the row is inserted by CREATE
 * SEQUENCE at (0,1) and afterwards changed only in place
 * ({@link TableAccessMethod#inplaceUpdate}, WAL-logged, not transactional),
 * so a value nextval handed out is never handed out again, whatever
 * happens to the transaction that asked for it, and concurrent nextvals
 * serialize on the page lock instead of row locks.
 */
public final class SequenceStorage {

    /** Where CREATE SEQUENCE puts the row (the first tuple of an empty relation). */
    public static final TupleId ROW = new TupleId(0, 1);

    private SequenceStorage() {
    }

    /** CREATE SEQUENCE's part in storage (the relation's files exist already). */
    public static void initialize(TableAccessMethod am, RelFileLocator locator, SequenceParameters p,
            TransactionContext txn) {
        TupleId tid = am.insert(locator, SequenceValue.initial(p.start()).toTuple(), txn);
        if (!tid.equals(ROW)) {
            throw PgException.error(SqlState.INTERNAL_ERROR, "sequence row landed at " + tid);
        }
    }

    /** nextval: one step, stored before the value is returned. */
    public static long nextval(TableAccessMethod am, RelFileLocator locator, SequenceParameters p, String name) {
        long[] value = new long[1];
        am.inplaceUpdate(locator, ROW, data -> {
            SequenceValue.Next next = SequenceValue.fromTuple(data).next(p, name);
            value[0] = next.value();
            return next.row().toTuple();
        });
        return value[0];
    }

    /** setval / ALTER SEQUENCE RESTART: overwrites the row. */
    public static void set(TableAccessMethod am, RelFileLocator locator, SequenceValue row) {
        am.inplaceUpdate(locator, ROW, data -> row.toTuple());
    }

    /** SELECT * FROM seq: the current row (read with any snapshot that sees the creation). */
    public static SequenceValue read(TableAccessMethod am, RelFileLocator locator, Snapshot snapshot,
            TransactionContext txn) {
        byte[] data = am.fetch(locator, ROW, snapshot, txn);
        if (data == null) {
            throw PgException.error(SqlState.INTERNAL_ERROR, "sequence row of " + locator + " is not visible");
        }
        return SequenceValue.fromTuple(data);
    }
}
