package org.tusk.engine.commands;

import java.util.List;

import org.tusk.api.error.SqlState;
import org.tusk.engine.catalog.CatalogAccess.CatalogTuple;
import org.tusk.engine.catalog.PgInherits;
import org.tusk.engine.catalog.SystemCatalogs;
import org.tusk.engine.catalog.SystemCatalogs.Catalog;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.nodes.IndexStmt;
import org.tusk.engine.relcache.IndexDesc;
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
     * (CREATE TABLE ... PARTITION OF): each partitioned index of the parent gets a clone on
     * the partition, linked to it; one backing a PRIMARY KEY or UNIQUE constraint gets a
     * cloned constraint too (see {@link #cloneConstraintIndex}).
     */
    static void cloneTo(DdlContext ctx, SqlRunner sql, RelationDesc parent, RelationDesc partition) {
        ensureIndexes(ctx, sql, parent, partition, false);
    }

    /**
     * AttachPartitionEnsureIndexes: every partitioned index of {@code parent} gets an index on
     * {@code partition}. With {@code attachExisting} (ALTER TABLE ... ATTACH PARTITION) an index
     * of the partition that is attached to no other index and has the same definition is linked
     * (its constraint, if the parent's index backs one, becomes the parent constraint's child);
     * otherwise the index is cloned.
     */
    static void ensureIndexes(DdlContext ctx, SqlRunner sql, RelationDesc parent, RelationDesc partition,
            boolean attachExisting) {
        for (IndexDesc index : parent.indexes()) {
            if (relkind(ctx, index.oid()) == 'I') {
                ensureIndex(ctx, sql, parent, index, ctx.relcache().open(partition.oid(), LockMode.ACCESS_EXCLUSIVE),
                        attachExisting);
            }
        }
        ctx.relcache().invalidate(partition.oid());
    }

    /** One partitioned index of {@code parent} onto {@code partition}, as {@link #ensureIndexes} describes. */
    static void ensureIndex(DdlContext ctx, SqlRunner sql, RelationDesc parent, IndexDesc index,
            RelationDesc partition, boolean attachExisting) {
        CatalogTuple con = backedConstraint(ctx, index.oid());
        if (attachExisting) {
            for (IndexDesc candidate : partition.indexes()) {
                if (!PgInherits.parents(ctx.access(), candidate.oid()).isEmpty()
                        || !sameDefinition(parent, index, partition, candidate)) {
                    continue;
                }
                CatalogTuple childCon = backedConstraint(ctx, candidate.oid());
                if (con != null && childCon == null) {
                    continue;                   // the parent's constraint needs a constraint's index
                }
                link(ctx, candidate.oid(), index.oid(), partition.oid());
                if (con != null) {
                    Catalog pgCon = SystemCatalogs.require(SystemCatalogs.PG_CONSTRAINT);
                    setParentConstraint(ctx, childCon, (Long) con.get(pgCon, "oid"), partition.oid());
                }
                return;
            }
        }
        if (con != null) {
            cloneConstraintIndex(ctx, parent, index, con, partition);
        } else {
            clonePlainIndex(ctx, sql, parent, index, partition);
        }
    }

    private static void clonePlainIndex(DdlContext ctx, SqlRunner sql, RelationDesc parent, IndexDesc index,
            RelationDesc partition) {
        if (sql == null) {
            return;
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

    /**
     * The clone of a PRIMARY KEY or UNIQUE constraint's index (DefineIndex's recursion with
     * the constraint flag): the index is named as index_create names a constraint's index
     * ({@code partition_pkey}, {@code partition_cols_key}), the partition gets a constraint of
     * that name, not local, inherited once, whose conparentid is the parent's constraint
     * (dependencies 'P' on it and 'S' on the partition, as for the index). A partitioned
     * partition's clone is partitioned in turn and recurses into its partitions.
     */
    private static void cloneConstraintIndex(DdlContext ctx, RelationDesc parent, IndexDesc index, CatalogTuple con,
            RelationDesc partition) {
        Catalog pgCon = SystemCatalogs.require(SystemCatalogs.PG_CONSTRAINT);
        String contype = (String) con.get(pgCon, "contype");
        boolean primary = "p".equals(contype);
        List<String> names = new java.util.ArrayList<>();
        int[] attnums = new int[index.keyAttnums().length];
        for (int i = 0; i < attnums.length; i++) {
            String name = columnName(parent, index.keyAttnums()[i]);
            names.add(name);
            attnums[i] = partition.attribute(name).attnum();
        }
        int[] include = new int[index.includeAttnums().length];
        for (int i = 0; i < include.length; i++) {
            include[i] = partition.attribute(columnName(parent, index.includeAttnums()[i])).attnum();
        }
        String name = Naming.chooseRelationName(ctx, partition.name(), primary ? null : String.join("_", names),
                primary ? "pkey" : "key", partition.namespaceOid(), java.util.Set.of());
        if (primary) {
            for (int a : attnums) {
                CreateTable.setNotNull(ctx, partition.oid(), a, true);
            }
            ctx.commandCounterIncrement();
        }
        RelationDesc table = ctx.relcache().open(partition.oid(), LockMode.ACCESS_EXCLUSIVE);
        short[] options = index.options() != null ? index.options().clone() : new short[attnums.length];
        int childIndex = DefineIndex.create(ctx, table, name, new DefineIndex.Definition(attnums, options, include,
                List.of(), null, null, index.nullsNotDistinct()), true, primary, true, -1, null);
        List<Integer> keys = new java.util.ArrayList<>();
        for (int a : attnums) {
            keys.add(a);
        }
        long parentCon = (Long) con.get(pgCon, "oid");
        long childCon = CreateTable.insertConstraint(ctx, table, name, contype, keys, childIndex, 0, null, null,
                false, 1, java.util.Map.of("conparentid", parentCon,
                        "condeferrable", con.get(pgCon, "condeferrable"),
                        "condeferred", con.get(pgCon, "condeferred")));
        for (int a : attnums) {
            CreateTable.recordDependency(ctx, SystemCatalogs.PG_CONSTRAINT, childCon, 0, SystemCatalogs.PG_CLASS,
                    table.oid(), a, "a");
        }
        CreateTable.recordDependency(ctx, SystemCatalogs.PG_CLASS, childIndex, 0, SystemCatalogs.PG_CONSTRAINT,
                childCon, 0, "i");
        recordParentConstraint(ctx, childCon, parentCon, partition.oid());
        link(ctx, childIndex, index.oid(), partition.oid());
        if (table.kind() == 'p') {
            CreateTable.updateClass(ctx, childIndex, "relkind", "I");
            ctx.commandCounterIncrement();
            RelationDesc reopened = ctx.relcache().open(partition.oid(), LockMode.ACCESS_EXCLUSIVE);
            IndexDesc clone = null;
            for (IndexDesc d : reopened.indexes()) {
                if (d.oid() == childIndex) {
                    clone = d;
                }
            }
            CatalogTuple cloneCon = backedConstraint(ctx, childIndex);
            for (int sub : PgInherits.children(ctx.access(), partition.oid())) {
                RelationDesc subRel = ctx.relcache().open(sub, LockMode.ACCESS_EXCLUSIVE);
                if (clone != null && cloneCon != null) {
                    cloneConstraintIndex(ctx, reopened, clone, cloneCon, subRel);
                }
            }
        }
    }

    /** ConstraintSetParentConstraint: {@code child} becomes the (inherited) child of {@code parentCon}. */
    private static void setParentConstraint(DdlContext ctx, CatalogTuple child, long parentCon, int partition) {
        Catalog pgCon = SystemCatalogs.require(SystemCatalogs.PG_CONSTRAINT);
        Object[] row = child.values().clone();
        row[pgCon.columnIndex("conparentid")] = parentCon;
        row[pgCon.columnIndex("conislocal")] = false;
        row[pgCon.columnIndex("coninhcount")] = (Integer) row[pgCon.columnIndex("coninhcount")] + 1;
        ctx.access().update(SystemCatalogs.PG_CONSTRAINT, child.tid(), row);
        recordParentConstraint(ctx, (Long) child.get(pgCon, "oid"), parentCon, partition);
        ctx.commandCounterIncrement();
    }

    private static void recordParentConstraint(DdlContext ctx, long childCon, long parentCon, int partition) {
        CreateTable.recordDependency(ctx, SystemCatalogs.PG_CONSTRAINT, childCon, 0, SystemCatalogs.PG_CONSTRAINT,
                parentCon, 0, "P");
        CreateTable.recordDependency(ctx, SystemCatalogs.PG_CONSTRAINT, childCon, 0, SystemCatalogs.PG_CLASS,
                partition, 0, "S");
    }

    /**
     * DETACH PARTITION's half for indexes: the partition's indexes attached to {@code parent}'s
     * indexes are unlinked, and their constraints become local again (conparentid 0).
     */
    static void detachIndexes(DdlContext ctx, RelationDesc parent, RelationDesc partition) {
        java.util.Set<Integer> parentIndexes = new java.util.HashSet<>();
        for (IndexDesc d : parent.indexes()) {
            parentIndexes.add(d.oid());
        }
        Catalog pgCon = SystemCatalogs.require(SystemCatalogs.PG_CONSTRAINT);
        for (IndexDesc d : partition.indexes()) {
            for (int p : PgInherits.parents(ctx.access(), d.oid())) {
                if (!parentIndexes.contains(p)) {
                    continue;
                }
                CatalogTuple link = PgInherits.link(ctx.access(), d.oid(), p);
                ctx.access().delete(PgInherits.OID, link.tid());
                CreateTable.updateClass(ctx, d.oid(), "relispartition", false);
                deleteParentDependencies(ctx, SystemCatalogs.PG_CLASS, d.oid());
                CatalogTuple con = backedConstraint(ctx, d.oid());
                if (con != null && ((Long) con.get(pgCon, "conparentid")) != 0L) {
                    Object[] row = con.values().clone();
                    row[pgCon.columnIndex("conparentid")] = 0L;
                    row[pgCon.columnIndex("conislocal")] = true;
                    row[pgCon.columnIndex("coninhcount")] = 0;
                    ctx.access().update(SystemCatalogs.PG_CONSTRAINT, con.tid(), row);
                    deleteParentDependencies(ctx, SystemCatalogs.PG_CONSTRAINT, (Long) con.get(pgCon, "oid"));
                }
                ctx.commandCounterIncrement();
            }
        }
        ctx.relcache().invalidate(partition.oid());
    }

    private static void deleteParentDependencies(DdlContext ctx, int classId, long objectOid) {
        Catalog dep = SystemCatalogs.require(SystemCatalogs.PG_DEPEND);
        int classCol = dep.columnIndex("classid");
        int objCol = dep.columnIndex("objid");
        int typeCol = dep.columnIndex("deptype");
        long obj = Integer.toUnsignedLong((int) objectOid);
        ctx.deleteWhere(SystemCatalogs.PG_DEPEND, r -> (Long) r[classCol] == classId && (Long) r[objCol] == obj
                && ("P".equals(r[typeCol]) || "S".equals(r[typeCol])));
    }

    /** The PRIMARY KEY, UNIQUE or EXCLUDE constraint {@code indexOid} backs, or null. */
    static CatalogTuple backedConstraint(DdlContext ctx, int indexOid) {
        Catalog pgCon = SystemCatalogs.require(SystemCatalogs.PG_CONSTRAINT);
        for (CatalogTuple t : ctx.rowsWhere(SystemCatalogs.PG_CONSTRAINT, "conindid", Integer.toUnsignedLong(indexOid))) {
            Object type = t.get(pgCon, "contype");
            if ("p".equals(type) || "u".equals(type) || "x".equals(type)) {
                return t;
            }
        }
        return null;
    }

    /** CompareIndexInfo: same keys (columns by name, expressions by text), options, INCLUDE, predicate, uniqueness. */
    private static boolean sameDefinition(RelationDesc parent, IndexDesc a, RelationDesc partition, IndexDesc b) {
        if (a.unique() != b.unique() || a.nullsNotDistinct() != b.nullsNotDistinct()
                || a.keyAttnums().length != b.keyAttnums().length
                || a.includeAttnums().length != b.includeAttnums().length
                || !java.util.Objects.equals(a.predicate(), b.predicate())
                || !a.expressions().equals(b.expressions())) {
            return false;
        }
        for (int i = 0; i < a.keyAttnums().length; i++) {
            int x = a.keyAttnums()[i];
            int y = b.keyAttnums()[i];
            if ((x == 0) != (y == 0) || x != 0 && !columnName(parent, x).equals(columnName(partition, y))) {
                return false;
            }
            short ox = a.options() != null && i < a.options().length ? a.options()[i] : 0;
            short oy = b.options() != null && i < b.options().length ? b.options()[i] : 0;
            if (ox != oy) {
                return false;
            }
        }
        for (int i = 0; i < a.includeAttnums().length; i++) {
            if (!columnName(parent, a.includeAttnums()[i]).equals(columnName(partition, b.includeAttnums()[i]))) {
                return false;
            }
        }
        return true;
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
