package org.tusk.engine.commands;

import java.util.ArrayList;
import java.util.List;

import org.tusk.api.error.PgException;
import org.tusk.api.error.Severity;
import org.tusk.api.error.SqlState;
import org.tusk.engine.catalog.CatalogAccess.CatalogTuple;
import org.tusk.engine.catalog.SystemCatalogs;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.nodes.DefElem;
import org.tusk.engine.nodes.ReindexStmt;
import org.tusk.engine.relcache.IndexDesc;
import org.tusk.engine.relcache.RelationDesc;
import org.tusk.lmgr.LockMode;

/**
 * REINDEX (indexcmds.c ExecReindex): every chosen index rebuilt into a new
 * relfilenode from its table's rows, the old file dropped at commit
 * ({@link DefineIndex#rebuildIndex}). CONCURRENTLY is accepted with its
 * checks (not in a transaction block, not for system catalogs) and runs as
 * the plain rebuild. System catalogs' indexes are not rebuilt (their rows
 * live in Tusk's catalog heaps without btree files to renew), so REINDEX
 * SYSTEM and the catalog part of REINDEX DATABASE do nothing.
 */
public final class ReindexCommand {

    private ReindexCommand() {
    }

    public static String execute(DdlContext ctx, ReindexStmt stmt, SqlRunner sql, boolean inTransactionBlock,
            String currentDatabase) {
        boolean verbose = false;
        boolean concurrently = stmt.concurrently();
        for (DefElem d : stmt.params()) {
            switch (d.defname()) {
                case "verbose" -> verbose = optionTrue(d);
                case "concurrently" -> concurrently |= optionTrue(d);
                case "tablespace" -> { }
                default -> throw Ereport.error(SqlState.SYNTAX_ERROR,
                        "unrecognized REINDEX option \"" + d.defname() + "\"", d.location() + 1);
            }
        }
        stmt = new ReindexStmt(stmt.kind(), stmt.relation(), stmt.name(), stmt.params(), concurrently);
        boolean many = stmt.kind() == ReindexStmt.Kind.SCHEMA || stmt.kind() == ReindexStmt.Kind.SYSTEM
                || stmt.kind() == ReindexStmt.Kind.DATABASE;
        if (stmt.concurrently() && stmt.kind() == ReindexStmt.Kind.SYSTEM) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot reindex system catalogs concurrently");
        }
        if (inTransactionBlock && (stmt.concurrently() || many)) {
            // PreventInTransactionBlock
            throw Ereport.error(SqlState.ACTIVE_SQL_TRANSACTION, (stmt.concurrently() ? "REINDEX CONCURRENTLY"
                    : "REINDEX " + stmt.kind().name()) + " cannot run inside a transaction block");
        }
        switch (stmt.kind()) {
            case INDEX -> reindexIndex(ctx, stmt, sql, verbose, inTransactionBlock);
            case TABLE -> reindexTable(ctx, stmt, sql, verbose, inTransactionBlock);
            default -> reindexMany(ctx, stmt, sql, verbose, currentDatabase);
        }
        return "REINDEX";
    }

    private static boolean optionTrue(DefElem d) {
        if (d.arg() == null) {
            return true;
        }
        String v = String.valueOf(d.arg() instanceof org.tusk.engine.nodes.AConst c ? c.val() : d.arg())
                .toLowerCase(java.util.Locale.ROOT);
        return !(v.equals("false") || v.equals("off") || v.equals("0"));
    }

    private static RelationDesc open(DdlContext ctx, ReindexStmt stmt, LockMode mode) {
        return ctx.relcache().open(stmt.relation().schemaname(), stmt.relation().relname(), ctx.searchPath(), mode,
                stmt.relation().location() + 1);
    }

    private static boolean isSystem(RelationDesc rel) {
        return rel.oid() < 16384 || "pg_catalog".equals(rel.namespaceName()) || "pg_toast".equals(rel.namespaceName())
                && rel.oid() < 16384;
    }

    private static void reindexIndex(DdlContext ctx, ReindexStmt stmt, SqlRunner sql, boolean verbose,
            boolean inTransactionBlock) {
        RelationDesc index = open(ctx, stmt, LockMode.ACCESS_EXCLUSIVE);
        if (index.kind() != 'i' && index.kind() != 'I') {
            throw Ereport.error(DdlStates.WRONG_OBJECT_TYPE, "\"" + index.name() + "\" is not an index");
        }
        if (stmt.concurrently() && isSystem(index)) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot reindex system catalogs concurrently");
        }
        if (index.kind() == 'I') {
            // ReindexPartitions: each leaf index in turn, each in its own transaction in PostgreSQL
            if (inTransactionBlock) {
                throw Ereport.error(SqlState.ACTIVE_SQL_TRANSACTION,
                        "REINDEX INDEX cannot run inside a transaction block").withContext(
                                "while reindexing partitioned index \"" + index.namespaceName() + "." + index.name() + "\"");
            }
            for (int leaf : PartitionedIndexes.leaves(ctx, index.oid())) {
                rebuildIndex(ctx, leaf, sql, verbose);
            }
            return;
        }
        if (isSystem(index)) {
            return;                             // catalogs: see the class comment
        }
        rebuildIndex(ctx, index.oid(), sql, verbose, stmt.concurrently());
    }

    private static void rebuildIndex(DdlContext ctx, int indexOid, SqlRunner sql, boolean verbose) {
        rebuildIndex(ctx, indexOid, sql, verbose, false);
    }

    private static void rebuildIndex(DdlContext ctx, int indexOid, SqlRunner sql, boolean verbose,
            boolean concurrently) {
        RelationDesc index = ctx.relcache().open(indexOid, LockMode.ACCESS_EXCLUSIVE);
        int tableOid = tableOf(ctx, index.oid());
        RelationDesc table = ctx.relcache().open(tableOid, LockMode.SHARE);
        for (IndexDesc d : table.indexes()) {
            if (d.oid() == index.oid()) {
                try {
                    rebuild(ctx, table, d, sql, verbose);
                } catch (PgException e) {
                    if (concurrently && SqlState.UNIQUE_VIOLATION.equals(e.sqlState())) {
                        failConcurrentCopy(ctx, table, d, sql);
                    }
                    throw e;
                }
            }
        }
        ctx.commandCounterIncrement();
        ctx.relcache().invalidate(table.oid());
    }

    /**
     * ReindexRelationConcurrently builds a copy of the index named
     * {@code <index>_ccnew}, committed before its build; when the build fails on
     * a duplicate key the copy stays behind, INVALID, and the error names it.
     * Here the copy is made after the in-place rebuild failed (nothing of which
     * was written), for a plain column index; it fails the same way.
     */
    private static void failConcurrentCopy(DdlContext ctx, RelationDesc table, IndexDesc index, SqlRunner sql) {
        if (index.hasExpressions() || index.predicate() != null) {
            return;
        }
        List<String> names = new java.util.ArrayList<>();
        for (int attnum : index.keyAttnums()) {
            names.add(table.attributes().get(attnum - 1).name());
        }
        for (int attnum : index.includeAttnums()) {
            names.add(table.attributes().get(attnum - 1).name());
        }
        String copy = Naming.chooseRelationName(ctx, index.name(), null, "ccnew", table.namespaceOid(),
                java.util.Set.of());
        DefineIndex.create(ctx, table, copy, new DefineIndex.Definition(index.keyAttnums(), index.options(),
                index.includeAttnums(), List.of(), null, names, index.nullsNotDistinct()), true, false, false, -1, sql,
                true);
    }

    private static void reindexTable(DdlContext ctx, ReindexStmt stmt, SqlRunner sql, boolean verbose,
            boolean inTransactionBlock) {
        RelationDesc table = open(ctx, stmt, LockMode.SHARE);
        char k = table.kind();
        if (k != 'r' && k != 'm' && k != 't' && k != 'p') {
            throw Ereport.error(DdlStates.WRONG_OBJECT_TYPE, "\"" + table.name() + "\" is not a table or materialized view");
        }
        if (stmt.concurrently() && isSystem(table)) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot reindex system catalogs concurrently");
        }
        if (k == 'p') {
            if (inTransactionBlock) {
                throw Ereport.error(SqlState.ACTIVE_SQL_TRANSACTION,
                        "REINDEX TABLE cannot run inside a transaction block").withContext(
                                "while reindexing partitioned table \"" + table.namespaceName() + "." + table.name() + "\"");
            }
            for (int r : org.tusk.engine.catalog.PgInherits.allInheritors(ctx.access(), table.oid())) {
                RelationDesc leaf = ctx.relcache().open(r, LockMode.SHARE);
                if (leaf != null && leaf.kind() == 'r') {
                    reindexRelation(ctx, leaf, sql, verbose);
                }
            }
            return;
        }
        if (isSystem(table)) {
            return;
        }
        if (!reindexRelation(ctx, table, sql, verbose, stmt.concurrently())) {
            ctx.notice(new PgException(Severity.NOTICE, "00000", "table \"" + table.name() + "\" has no indexes "
                    + (stmt.concurrently() ? "that can be reindexed concurrently" : "to reindex"), null, null, 0, null));
        }
    }

    /** reindex_relation: the table's indexes, then its TOAST table's; false when it has none. */
    private static boolean reindexRelation(DdlContext ctx, RelationDesc table, SqlRunner sql, boolean verbose) {
        return reindexRelation(ctx, table, sql, verbose, false);
    }

    /** As above; {@code concurrently} skips INVALID indexes with a warning, as ReindexRelationConcurrently does. */
    private static boolean reindexRelation(DdlContext ctx, RelationDesc table, SqlRunner sql, boolean verbose,
            boolean concurrently) {
        boolean any = false;
        for (IndexDesc d : table.indexes()) {
            if (concurrently && !d.ready()) {
                ctx.notice(new PgException(Severity.WARNING, "01000", "cannot reindex invalid index \""
                        + table.namespaceName() + "." + d.name() + "\" concurrently, skipping", null, null, 0, null));
                continue;
            }
            rebuild(ctx, table, d, sql, verbose);
            any = true;
        }
        if (table.toastRelid() != 0) {
            RelationDesc toast = ctx.relcache().open(table.toastRelid(), LockMode.SHARE);
            if (toast != null) {
                for (IndexDesc d : toast.indexes()) {
                    rebuild(ctx, toast, d, sql, verbose);
                    any = true;
                }
            }
        }
        ctx.commandCounterIncrement();
        ctx.relcache().invalidate(table.oid());
        return any;
    }

    private static void rebuild(DdlContext ctx, RelationDesc table, IndexDesc index, SqlRunner sql, boolean verbose) {
        DefineIndex.rebuildIndex(ctx, table, index, sql);
        if (verbose) {
            ctx.notice(new PgException(Severity.INFO, "00000", "index \"" + index.name() + "\" was reindexed", null,
                    null, 0, null));
        }
    }

    /** REINDEX SCHEMA / DATABASE / SYSTEM: every user table of the schema or database. */
    private static void reindexMany(DdlContext ctx, ReindexStmt stmt, SqlRunner sql, boolean verbose,
            String currentDatabase) {
        Integer schema = null;
        if (stmt.kind() == ReindexStmt.Kind.SCHEMA) {
            schema = ctx.relcache().namespaceOid(stmt.name());
            if (schema == null) {
                throw Ereport.error(SqlState.INVALID_SCHEMA_NAME, "schema \"" + stmt.name() + "\" does not exist");
            }
            if (stmt.concurrently() && ("pg_catalog".equals(stmt.name()) || "pg_toast".equals(stmt.name()))) {
                ctx.notice(Ereport.warning(SqlState.FEATURE_NOT_SUPPORTED,
                        "cannot reindex system catalogs concurrently, skipping all"));
                return;
            }
        } else if (stmt.name() != null && !stmt.name().equals(currentDatabase)) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "can only reindex the currently open database");
        }
        if (stmt.kind() == ReindexStmt.Kind.SYSTEM) {
            return;                             // catalogs only: see the class comment
        }
        SystemCatalogs.Catalog pgClass = SystemCatalogs.require(SystemCatalogs.PG_CLASS);
        int kindCol = pgClass.columnIndex("relkind");
        int nsCol = pgClass.columnIndex("relnamespace");
        int oidCol = pgClass.columnIndex("oid");
        int persistenceCol = pgClass.columnIndex("relpersistence");
        long ns = schema == null ? -1 : schema;
        int myTemp = ctx.relcache().tempNamespace();
        List<Integer> tables = new ArrayList<>();
        for (CatalogTuple t : ctx.rows(SystemCatalogs.PG_CLASS, r -> ("r".equals(r[kindCol]) || "m".equals(r[kindCol]))
                && (ns < 0 || ((Long) r[nsCol]) == ns) && ((Long) r[oidCol]) >= 16384)) {
            Object[] r = t.values();
            if ("t".equals(r[persistenceCol]) && ((Long) r[nsCol]).intValue() != myTemp) {
                continue;                       // other sessions' temporary tables
            }
            tables.add(((Long) r[oidCol]).intValue());
        }
        java.util.Collections.sort(tables);
        for (int oid : tables) {
            RelationDesc table = ctx.relcache().open(oid, LockMode.SHARE);
            if (table != null) {
                reindexRelation(ctx, table, sql, verbose);
            }
        }
    }

    private static int tableOf(DdlContext ctx, int indexOid) {
        SystemCatalogs.Catalog pgIndex = SystemCatalogs.require(SystemCatalogs.PG_INDEX);
        for (CatalogTuple t : ctx.rowsWhere(SystemCatalogs.PG_INDEX, "indexrelid", (long) indexOid)) {
            return ((Long) t.get(pgIndex, "indrelid")).intValue();
        }
        throw Ereport.error(SqlState.UNDEFINED_OBJECT, "index with OID " + indexOid + " does not exist");
    }
}
