package org.tusk.engine.commands;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.tusk.api.error.PgException;
import org.tusk.api.storage.TupleId;
import org.tusk.engine.catalog.CatalogAccess;
import org.tusk.engine.catalog.CatalogAccess.CatalogTuple;
import org.tusk.engine.catalog.SystemCatalogs;
import org.tusk.engine.catalog.SystemCatalogs.Catalog;
import org.tusk.engine.catalog.bootstrap.CatalogBootstrap;
import org.tusk.engine.relcache.RelationCache;
import org.tusk.engine.storage.EngineStorage;
import org.tusk.engine.storage.StorageTransaction;
import org.tusk.lmgr.LockMode;

/**
 * What a utility command needs from the session (PostgreSQL reaches these
 * through globals): the storage transaction and catalog access in the
 * session's isolation level, the relcache, the search path, the query text
 * (for positions and expression source), a way to send NOTICEs, and the current
 * user's OID (GetUserId: the owner of the relations a command creates).
 */
public record DdlContext(StorageTransaction txn, CatalogAccess access, RelationCache relcache,
        List<String> searchPath, String queryString, String user, Consumer<PgException> notices, long userOid,
        SessionRoles roles) {

    /** The bootstrap superuser (OID 10) as the current user, for callers that have no role. */
    public DdlContext(StorageTransaction txn, CatalogAccess access, RelationCache relcache, List<String> searchPath,
            String queryString, String user, Consumer<PgException> notices) {
        this(txn, access, relcache, searchPath, queryString, user, notices, 10L, SessionRoles.NONE);
    }

    /** A context whose user's ownership is not checked (the caller checked it, or runs as a superuser). */
    public DdlContext(StorageTransaction txn, CatalogAccess access, RelationCache relcache, List<String> searchPath,
            String queryString, String user, Consumer<PgException> notices, long userOid) {
        this(txn, access, relcache, searchPath, queryString, user, notices, userOid, SessionRoles.NONE);
    }

    public EngineStorage storage() {
        return txn.storage();
    }

    /** GetNewOidWithIndex for pg_class: an OID that is also free as a relfilenode name in this database. */
    public int newRelationOid() {
        Catalog pgClass = SystemCatalogs.require(SystemCatalogs.PG_CLASS);
        int oidCol = pgClass.columnIndex("oid");
        int fileCol = pgClass.columnIndex("relfilenode");
        while (true) {
            int oid = storage().newOid();
            long o = Integer.toUnsignedLong(oid);
            if (access.scan(SystemCatalogs.PG_CLASS, r -> o == (Long) r[oidCol] || o == (Long) r[fileCol]).isEmpty()
                    && SystemCatalogs.byOid(oid) == null) {
                return oid;
            }
        }
    }

    /** GetNewObjectId for other catalogs (their rows are keyed by OID plus catalog, so a wrap-around clash is unlikely). */
    public long newOid() {
        return Integer.toUnsignedLong(storage().newOid());
    }

    /** Inserts a catalog row given by column name; absent NOT NULL columns get their type's zero. */
    public TupleId insert(int catalogOid, Map<String, Object> byName) {
        Catalog c = SystemCatalogs.require(catalogOid);
        Object[] values = c.newRow();
        for (SystemCatalogs.Column col : c.columns()) {
            Object v = byName.get(col.name());
            values[col.attnum() - 1] = v != null ? v : CatalogBootstrap.defaultValue(col);
        }
        return access.insert(catalogOid, values);
    }

    /** The visible rows of a catalog whose column {@code column} equals {@code value}. */
    public List<CatalogTuple> rowsWhere(int catalogOid, String column, Object value) {
        int col = SystemCatalogs.require(catalogOid).columnIndex(column);
        return access.scan(catalogOid, r -> value.equals(r[col]));
    }

    public List<CatalogTuple> rows(int catalogOid, Predicate<Object[]> filter) {
        return access.scan(catalogOid, filter);
    }

    /** Deletes every visible row of the catalog {@code filter} accepts. */
    public int deleteWhere(int catalogOid, Predicate<Object[]> filter) {
        List<CatalogTuple> rows = access.scan(catalogOid, filter);
        for (CatalogTuple t : rows) {
            access.delete(catalogOid, t.tid());
        }
        return rows.size();
    }

    /** CommandCounterIncrement: later scans of this command see its catalog changes so far. */
    public void commandCounterIncrement() {
        access.commandCounterIncrement();
    }

    public void lockRelation(int oid, LockMode mode) {
        txn.lockRelation(oid, false, mode, access.level());
    }

    public void notice(PgException notice) {
        if (notices != null) {
            notices.accept(notice);
        }
    }

    public static Object value(Catalog catalog, Object[] row, String column) {
        return row[catalog.columnIndex(column)];
    }
}
