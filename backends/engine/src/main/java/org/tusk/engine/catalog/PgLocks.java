package org.tusk.engine.catalog;

import java.util.ArrayList;
import java.util.List;

import org.tusk.engine.expr.SessionServices;
import org.tusk.engine.storage.StorageSession;
import org.tusk.engine.types.DateTimes;
import org.tusk.engine.types.PgType;
import org.tusk.lmgr.LockStatus;

/**
 * The pg_locks system view (PostgreSQL's {@code SELECT * FROM pg_lock_status()}): PostgreSQL 15's
 * columns, one row per lock mode a process holds or awaits, from the lock manager's shared state
 * ({@code LockManager.status()}: the shared lock table and every process's fast-path slots).
 *
 * <p>Tusk takes no virtual-transaction locks in the lock manager: the row of the calling session's
 * own virtual xid lock (ExclusiveLock on {@code procNumber/lxid}, fast path) is added here, after the
 * session's fast-path entries, and its rows carry that {@code virtualtransaction}. Other processes'
 * local transaction counters are not shared, so their rows say {@code <proc number>/0} and their
 * virtualxid rows are missing. The pg_locks view ({@code system_views.sql}) selects from
 * {@code pg_lock_status()}, the set-returning function in FROM that runs this scan.
 */
public final class PgLocks implements VirtualRelation {
    public static final List<RelationColumn> COLUMNS = List.of(
            new RelationColumn("locktype", PgType.TEXT, -1),
            new RelationColumn("database", PgType.OID, -1),
            new RelationColumn("relation", PgType.OID, -1),
            new RelationColumn("page", PgType.INT4, -1),
            new RelationColumn("tuple", PgType.INT2, -1),
            new RelationColumn("virtualxid", PgType.TEXT, -1),
            new RelationColumn("transactionid", PgType.XID, -1),
            new RelationColumn("classid", PgType.OID, -1),
            new RelationColumn("objid", PgType.OID, -1),
            new RelationColumn("objsubid", PgType.INT2, -1),
            new RelationColumn("virtualtransaction", PgType.TEXT, -1),
            new RelationColumn("pid", PgType.INT4, -1),
            new RelationColumn("mode", PgType.TEXT, -1),
            new RelationColumn("granted", PgType.BOOL, -1),
            new RelationColumn("fastpath", PgType.BOOL, -1),
            new RelationColumn("waitstart", PgType.TIMESTAMPTZ, -1));

    @Override
    public String name() {
        return "pg_locks";
    }

    @Override
    public List<RelationColumn> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object[]> scan(SessionServices session) {
        List<Object[]> rows = new ArrayList<>();
        if (!(session instanceof StorageSession s) || s.storage() == null) {
            return rows;
        }
        org.tusk.lmgr.LockManager locks = s.storage().storage().locks();
        int self = locks.procNumber();
        String ownVxid = s.storage().isStarted() ? self + "/" + s.storage().localTransactionId() : null;
        int vxidAt = -1;
        for (LockStatus l : locks.status()) {
            Object[] r = row(l);
            if (l.procNumber() == self && ownVxid != null) {
                r[10] = ownVxid;
            }
            if (vxidAt < 0 && ownVxid != null && (!l.fastPath() || l.procNumber() > self)) {
                vxidAt = rows.size();       // past this process's fast-path entries, as GetLockStatusData lists them
            }
            rows.add(r);
        }
        if (ownVxid != null) {
            // every transaction holds ExclusiveLock on its own virtual xid (VirtualXactLockTableInsert, fast path)
            Object[] vxid = {"virtualxid", null, null, null, null, ownVxid, null, null, null, null, ownVxid,
                (int) ProcessHandle.current().pid(), "ExclusiveLock", true, true, null};
            rows.add(vxidAt < 0 ? rows.size() : vxidAt, vxid);
        }
        return rows;
    }

    /** One pg_locks row of a lock manager status entry. */
    static Object[] row(LockStatus l) {
        Long page = l.page();
        Integer tuple = l.tuple();
        Integer objsubid = l.objsubid();
        return new Object[] {l.locktype(), l.database(), l.relation(), page == null ? null : (int) (long) page,
                tuple == null ? null : (short) (int) tuple, l.virtualxid(), l.transactionid(), l.classid(), l.objid(),
                objsubid == null ? null : (short) (int) objsubid, l.procNumber() + "/0", l.pid(), l.mode(), l.granted(),
                l.fastPath(), l.waitStart() == null ? null : DateTimes.toPgMicros(l.waitStart())};
    }
}
