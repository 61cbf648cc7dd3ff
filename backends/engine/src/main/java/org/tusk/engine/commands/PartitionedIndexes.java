package org.tusk.engine.commands;

import java.util.List;

import org.tusk.api.error.SqlState;
import org.tusk.engine.catalog.CatalogAccess.CatalogTuple;
import org.tusk.engine.catalog.PgInherits;
import org.tusk.engine.catalog.SystemCatalogs;
import org.tusk.engine.catalog.SystemCatalogs.Catalog;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.nodes.IndexStmt;
import org.tusk.engine.relcache.RelationDesc;
import org.tusk.lmgr.LockMode;

/**
 * Partitioned indexes (relkind 'I', indexcmds.c DefineIndex's recursion and
 * ATExecAttachPartitionIdx). An index on a partitioned table is a partitioned
 * index; without ONLY, every partition gets its own index (recursively), each
 * linked to its parent index. A link is a pg_inherits row (child index,
 * parent index), relispartition on the child index, and two dependencies of
 * the child index: 'P' on the parent index and 'S' on the partition.
 *
 * <p>CREATE INDEX ... ON ONLY leaves the partitioned index invalid while some
 * partition has no index attached; ALTER INDEX ... ATTACH PARTITION links one
 * and validates the parent (and its own parent in turn) once every partition
 * has one (validatePartitionedIndex).
 *
 * <p>Unlike PostgreSQL, a partitioned index keeps an (always empty) btree of
 * its own, as a partitioned table keeps an empty heap, so every scan path of
 * the partitioned table works unchanged; REINDEX never rebuilds it.
 */
final class PartitionedIndexes {

    private PartitionedIndexes() {
    }

    /** After index_create on the partitioned {@code table}: relkind 'I', then the partitions' indexes. */
    static void finish(DdlContext ctx, IndexStmt stmt, SqlRunner sql, RelationDesc table, int indexOid) {
        CreateTable.updateClass(ctx, indexOid, "relkind", "I");
        ctx.commandCounterIncrement();
        List<Integer> partitions = PgInherits.children(ctx.access(), table.oid());
        if (!stmt.relation().inh()) {
            if (!partitions.isEmpty()) {
                setValid(ctx, indexOid, false);
            }
            return;
        }
        for (int partition : partitions) {
            RelationDesc child = ctx.relcache().open(partition, LockMode.SHARE);
            IndexStmt childStmt = new IndexStmt(null, stmt.relation(), stmt.accessMethod(), stmt.tableSpace(),
                    stmt.indexParams(), stmt.indexIncludingParams(), stmt.options(), stmt.whereClause(),
                    stmt.unique(), stmt.nullsNotDistinct(), false, false);
            int childIndex = DefineIndex.define(ctx, childStmt, sql, child);
            link(ctx, childIndex, indexOid, partition);
        }
        ctx.relcache().invalidateAll();
    }

    /** ALTER INDEX parent ATTACH PARTITION name. */
    static void attach(DdlContext ctx, RelationDesc parentIndex, String name) {
        if (parentIndex.kind() != 'I') {
            throw Ereport.error(DdlStates.WRONG_OBJECT_TYPE, "\"" + parentIndex.name() + "\" is not a partitioned index");
        }
        RelationDesc child = ctx.relcache().open(null, name, ctx.searchPath(), LockMode.ACCESS_EXCLUSIVE, 0);
        if (child.kind() != 'i' && child.kind() != 'I') {
            throw Ereport.error(DdlStates.WRONG_OBJECT_TYPE, "\"" + child.name() + "\" is not an index");
        }
        int parentTable = tableOf(ctx, parentIndex.oid());
        int childTable = tableOf(ctx, child.oid());
        String cannot = "cannot attach index \"" + child.name() + "\" as a partition of index \""
                + parentIndex.name() + "\"";
        List<Integer> current = PgInherits.parents(ctx.access(), child.oid());
        if (current.contains(parentIndex.oid())) {
            return;                         // already attached here: nothing to do
        }
        if (!PgInherits.parents(ctx.access(), childTable).contains(parentTable)) {
            RelationDesc table = ctx.relcache().open(parentTable, LockMode.SHARE);
            throw Ereport.error(Partitioning.INVALID_OBJECT_DEFINITION, cannot).withDetail("Index \"" + child.name()
                    + "\" is not an index on any partition of table \"" + table.name() + "\".");
        }
        if (!current.isEmpty()) {
            throw Ereport.error(Partitioning.INVALID_OBJECT_DEFINITION, cannot).withDetail("Index \"" + child.name()
                    + "\" is already attached to another index.");
        }
        for (int sibling : PgInherits.children(ctx.access(), parentIndex.oid())) {
            if (tableOf(ctx, sibling) == childTable) {
                RelationDesc table = ctx.relcache().open(childTable, LockMode.SHARE);
                throw Ereport.error(Partitioning.INVALID_OBJECT_DEFINITION, cannot).withDetail(
                        "Another index is already attached for partition \"" + table.name() + "\".");
            }
        }
        link(ctx, child.oid(), parentIndex.oid(), childTable);
        ctx.relcache().invalidateAll();
    }

    /** The leaf (relkind 'i') indexes under a partitioned index, breadth first. */
    static List<Integer> leaves(DdlContext ctx, int partitionedIndex) {
        List<Integer> out = new java.util.ArrayList<>();
        for (int r : PgInherits.allInheritors(ctx.access(), partitionedIndex)) {
            if (r != partitionedIndex && relkind(ctx, r) == 'i') {
                out.add(r);
            }
        }
        return out;
    }

    private static void link(DdlContext ctx, int childIndex, int parentIndex, int childTable) {
        ctx.insert(PgInherits.OID, PgInherits.row(childIndex, parentIndex, 1));
        CreateTable.updateClass(ctx, childIndex, "relispartition", true);
        CreateTable.recordDependency(ctx, SystemCatalogs.PG_CLASS, childIndex, 0, SystemCatalogs.PG_CLASS,
                parentIndex, 0, "P");
        CreateTable.recordDependency(ctx, SystemCatalogs.PG_CLASS, childIndex, 0, SystemCatalogs.PG_CLASS,
                childTable, 0, "S");
        ctx.commandCounterIncrement();
        validate(ctx, parentIndex);
    }

    /** validatePartitionedIndex: valid once every partition of its table has a valid index attached. */
    private static void validate(DdlContext ctx, int parentIndex) {
        if (isValid(ctx, parentIndex)) {
            return;
        }
        List<Integer> attached = PgInherits.children(ctx.access(), parentIndex);
        for (int a : attached) {
            if (!isValid(ctx, a)) {
                return;
            }
        }
        if (attached.size() < PgInherits.children(ctx.access(), tableOf(ctx, parentIndex)).size()) {
            return;
        }
        setValid(ctx, parentIndex, true);
        for (int grandParent : PgInherits.parents(ctx.access(), parentIndex)) {
            validate(ctx, grandParent);
        }
    }

    private static boolean isValid(DdlContext ctx, int indexOid) {
        Catalog pgIndex = SystemCatalogs.require(SystemCatalogs.PG_INDEX);
        for (CatalogTuple t : ctx.rowsWhere(SystemCatalogs.PG_INDEX, "indexrelid", (long) indexOid)) {
            return Boolean.TRUE.equals(t.get(pgIndex, "indisvalid"));
        }
        return false;
    }

    private static void setValid(DdlContext ctx, int indexOid, boolean valid) {
        Catalog pgIndex = SystemCatalogs.require(SystemCatalogs.PG_INDEX);
        for (CatalogTuple t : ctx.rowsWhere(SystemCatalogs.PG_INDEX, "indexrelid", (long) indexOid)) {
            Object[] values = t.values().clone();
            values[pgIndex.columnIndex("indisvalid")] = valid;
            ctx.access().update(SystemCatalogs.PG_INDEX, t.tid(), values);
        }
        ctx.commandCounterIncrement();
    }

    private static char relkind(DdlContext ctx, int relOid) {
        Catalog pgClass = SystemCatalogs.require(SystemCatalogs.PG_CLASS);
        Object k = CreateTable.classRow(ctx, relOid).get(pgClass, "relkind");
        return k == null ? '?' : k.toString().charAt(0);
    }

    static int tableOf(DdlContext ctx, int indexOid) {
        Catalog pgIndex = SystemCatalogs.require(SystemCatalogs.PG_INDEX);
        for (CatalogTuple t : ctx.rowsWhere(SystemCatalogs.PG_INDEX, "indexrelid", (long) indexOid)) {
            return ((Long) t.get(pgIndex, "indrelid")).intValue();
        }
        throw Ereport.error(SqlState.UNDEFINED_OBJECT, "index with OID " + indexOid + " does not exist");
    }
}
