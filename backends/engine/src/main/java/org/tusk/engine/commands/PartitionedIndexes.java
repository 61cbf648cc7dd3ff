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

    /**
     * DefineRelation's cloning of the parent's partitioned indexes onto a new partition
     * (AttachPartitionEnsureIndexes for CREATE TABLE ... PARTITION OF): each index of the
     * parent that backs no constraint is created on the partition, named as CREATE INDEX
     * would name it, and linked to the parent's index. Indexes backing PRIMARY KEY or UNIQUE
     * constraints are not cloned yet.
     */
    static void cloneTo(DdlContext ctx, SqlRunner sql, RelationDesc parent, RelationDesc partition) {
        if (sql == null) {
            return;
        }
        Catalog con = SystemCatalogs.require(SystemCatalogs.PG_CONSTRAINT);
        int indCol = con.columnIndex("conindid");
        for (org.tusk.engine.relcache.IndexDesc index : parent.indexes()) {
            long indexOid = Integer.toUnsignedLong(index.oid());
            if (relkind(ctx, index.oid()) != 'I' || index.primary()
                    || !ctx.rows(SystemCatalogs.PG_CONSTRAINT, r -> r[indCol] instanceof Long l && l == indexOid).isEmpty()) {
                continue;
            }
            List<org.tusk.engine.nodes.IndexElem> elems = new java.util.ArrayList<>();
            int nextExpr = 0;
            for (int i = 0; i < index.keyAttnums().length; i++) {
                int attnum = index.keyAttnums()[i];
                short option = index.options() != null && i < index.options().length ? index.options()[i] : 0;
                org.tusk.engine.nodes.SortByDir dir = (option & 1) != 0 ? org.tusk.engine.nodes.SortByDir.DESC
                        : org.tusk.engine.nodes.SortByDir.DEFAULT;
                org.tusk.engine.nodes.SortByNulls nulls = ((option & 2) != 0) == ((option & 1) != 0)
                        ? org.tusk.engine.nodes.SortByNulls.DEFAULT
                        : (option & 2) != 0 ? org.tusk.engine.nodes.SortByNulls.FIRST : org.tusk.engine.nodes.SortByNulls.LAST;
                if (attnum > 0) {
                    String name = columnName(parent, attnum);
                    elems.add(new org.tusk.engine.nodes.IndexElem(name, null, null, null, null, null, dir, nulls));
                } else {
                    org.tusk.engine.nodes.RawNode expr = parseExpression(index.expressions().get(nextExpr++));
                    elems.add(new org.tusk.engine.nodes.IndexElem(null, expr, null, null, null, null, dir, nulls));
                }
            }
            List<org.tusk.engine.nodes.IndexElem> include = new java.util.ArrayList<>();
            for (int attnum : index.includeAttnums()) {
                include.add(new org.tusk.engine.nodes.IndexElem(columnName(parent, attnum), null, null, null, null,
                        null, org.tusk.engine.nodes.SortByDir.DEFAULT, org.tusk.engine.nodes.SortByNulls.DEFAULT));
            }
            org.tusk.engine.nodes.RangeVar rv = new org.tusk.engine.nodes.RangeVar(null, partition.namespaceName(),
                    partition.name(), true, 'p', null, -1);
            IndexStmt stmt = new IndexStmt(null, rv, null, null, elems, include, List.of(),
                    index.predicate() == null ? null : parseExpression(index.predicate()), index.unique(),
                    index.nullsNotDistinct(), false, false);
            RelationDesc table = ctx.relcache().open(partition.oid(), LockMode.ACCESS_EXCLUSIVE);
            int childIndex = DefineIndex.define(ctx, stmt, sql, table);
            link(ctx, childIndex, index.oid(), partition.oid());
        }
        ctx.relcache().invalidate(partition.oid());
    }

    private static String columnName(RelationDesc table, int attnum) {
        for (org.tusk.engine.relcache.AttributeDesc a : table.attributes()) {
            if (a.attnum() == attnum) {
                return a.name();
            }
        }
        throw new IllegalStateException("no column " + attnum + " in " + table.name());
    }

    private static org.tusk.engine.nodes.RawNode parseExpression(String text) {
        org.tusk.engine.nodes.SelectStmt select = (org.tusk.engine.nodes.SelectStmt)
                org.tusk.engine.parser.Parser.parse("SELECT " + text).get(0).stmt();
        return select.targetList().get(0).val();
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
