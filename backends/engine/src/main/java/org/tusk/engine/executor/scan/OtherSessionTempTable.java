package org.tusk.engine.executor.scan;

import org.tusk.api.storage.ModifyResult;
import org.tusk.api.storage.RelFileLocator;
import org.tusk.api.storage.RelationSize;
import org.tusk.api.storage.RowLockMode;
import org.tusk.api.storage.Snapshot;
import org.tusk.api.storage.TableAccessMethod;
import org.tusk.api.storage.TableScan;
import org.tusk.api.storage.TransactionContext;
import org.tusk.api.storage.TupleId;
import org.tusk.api.storage.VacuumResult;
import org.tusk.engine.relcache.OtherSessionTemp;

/**
 * The access method a plan reaches another session's TEMP table through: the
 * planner may still estimate its size (EXPLAIN works, as in PostgreSQL), but
 * every page access fails as ReadBufferExtended does for RELATION_IS_OTHER_TEMP
 * ("cannot access temporary tables of other sessions", 0A000): scans, fetches,
 * inserts, updates, deletes and row locks alike, whichever executor node or
 * command asks.
 */
final class OtherSessionTempTable implements TableAccessMethod {

    private final TableAccessMethod am;

    OtherSessionTempTable(TableAccessMethod am) {
        this.am = am;
    }

    @Override
    public String name() {
        return am.name();
    }

    @Override
    public void createStorage(RelFileLocator relation) {
        throw OtherSessionTemp.refusal("access");
    }

    @Override
    public void dropStorage(RelFileLocator relation) {
        am.dropStorage(relation);
    }

    @Override
    public TupleId insert(RelFileLocator relation, byte[] data, TransactionContext txn) {
        throw OtherSessionTemp.refusal("access");
    }

    @Override
    public TableScan beginScan(RelFileLocator relation, Snapshot snapshot, TransactionContext txn) {
        throw OtherSessionTemp.refusal("access");
    }

    @Override
    public byte[] fetch(RelFileLocator relation, TupleId tid, Snapshot snapshot, TransactionContext txn) {
        throw OtherSessionTemp.refusal("access");
    }

    @Override
    public ModifyResult delete(RelFileLocator relation, TupleId tid, TransactionContext txn, Snapshot snapshot,
            boolean wait) {
        throw OtherSessionTemp.refusal("access");
    }

    @Override
    public ModifyResult update(RelFileLocator relation, TupleId tid, byte[] data, TransactionContext txn,
            Snapshot snapshot, boolean wait) {
        throw OtherSessionTemp.refusal("access");
    }

    @Override
    public ModifyResult lockTuple(RelFileLocator relation, TupleId tid, RowLockMode mode, TransactionContext txn,
            Snapshot snapshot, boolean wait) {
        throw OtherSessionTemp.refusal("access");
    }

    @Override
    public VacuumResult vacuum(RelFileLocator relation, int oldestXmin, int freezeLimit) {
        throw OtherSessionTemp.refusal("access");
    }

    @Override
    public RelationSize estimateSize(RelFileLocator relation) {
        return am.estimateSize(relation);
    }

    @Override
    public boolean isDurable() {
        return am.isDurable();
    }
}
