package org.tusk.engine.commands;

import java.util.ArrayList;
import java.util.List;

import org.tusk.api.error.PgException;
import org.tusk.api.error.Severity;
import org.tusk.api.error.SqlState;
import org.tusk.engine.catalog.CatalogAccess.CatalogTuple;
import org.tusk.engine.catalog.SystemCatalogs;
import org.tusk.engine.catalog.SystemCatalogs.Catalog;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.nodes.ConstrType;
import org.tusk.engine.nodes.Constraint;
import org.tusk.engine.relcache.IndexDesc;
import org.tusk.engine.relcache.RelationDesc;

/**
 * ALTER TABLE ... ADD [CONSTRAINT name] {PRIMARY KEY | UNIQUE} USING INDEX idx
 * (transformIndexConstraint's checks plus index_constraint_create on an
 * existing index): the index must be a valid, unique, non-partial btree index
 * of the table on plain columns with default sorting behaviour and no
 * constraint yet. It becomes the constraint's index, renamed to the
 * constraint's name when one is given; a primary key marks it indisprimary
 * and its columns NOT NULL. The index's own dependencies on the table are
 * replaced by an internal one on the constraint, so DROP INDEX then refuses.
 */
final class IndexConstraintFromIndex {

    private static final String DETAIL = "Cannot create a primary key or unique constraint using such an index.";

    private IndexConstraintFromIndex() {
    }

    /** The index named by the constraint, after every check of transformIndexConstraint. */
    static IndexDesc resolve(DdlContext ctx, RelationDesc table, Constraint c) {
        if (table.kind() == 'p') {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED,
                    "ALTER TABLE / ADD CONSTRAINT USING INDEX is not supported on partitioned tables");
        }
        String name = c.indexname();
        Integer indexOid = Naming.relationIn(ctx, name, table.namespaceOid());
        if (indexOid == null) {
            throw Ereport.error(SqlState.UNDEFINED_OBJECT, "index \"" + name + "\" does not exist", c.location());
        }
        IndexDesc index = null;
        for (IndexDesc i : table.indexes()) {
            if (i.oid() == indexOid) {
                index = i;
            }
        }
        if (index == null) {
            throw Ereport.error(DdlStates.WRONG_OBJECT_TYPE, "index \"" + name + "\" does not belong to table \""
                    + table.name() + "\"", c.location());
        }
        Catalog pgIndex = SystemCatalogs.require(SystemCatalogs.PG_INDEX);
        CatalogTuple row = ctx.rowsWhere(SystemCatalogs.PG_INDEX, "indexrelid", (long) index.oid()).get(0);
        if (!Boolean.TRUE.equals(row.get(pgIndex, "indisvalid"))) {
            throw Ereport.error("55000", "index \"" + name + "\" is not valid",
                    c.location());
        }
        if (!index.unique()) {
            throw Ereport.error(DdlStates.WRONG_OBJECT_TYPE, "\"" + name + "\" is not a unique index", c.location())
                    .withDetail(DETAIL);
        }
        if (constraintOf(ctx, index.oid()) != null) {
            throw Ereport.error("55000", "index \"" + name
                    + "\" is already associated with a constraint", c.location());
        }
        if (index.hasExpressions()) {
            throw Ereport.error(DdlStates.WRONG_OBJECT_TYPE, "index \"" + name + "\" contains expressions",
                    c.location()).withDetail(DETAIL);
        }
        if (index.predicate() != null) {
            throw Ereport.error(DdlStates.WRONG_OBJECT_TYPE, "\"" + name + "\" is a partial index", c.location())
                    .withDetail(DETAIL);
        }
        if (!"btree".equals(index.amName())) {
            throw Ereport.error(DdlStates.WRONG_OBJECT_TYPE, "index \"" + name + "\" is not a btree", c.location())
                    .withDetail(DETAIL);
        }
        Object[] collations = elements(row.get(pgIndex, "indcollation"));
        for (int i = 0; i < index.keyAttnums().length; i++) {
            int attnum = index.keyAttnums()[i];
            long attCollation = attributeCollation(ctx, table.oid(), attnum);
            long indexCollation = i < collations.length && collations[i] != null ? ((Number) collations[i]).longValue()
                    : attCollation;
            if (index.options()[i] != 0 || indexCollation != attCollation) {
                throw Ereport.error(DdlStates.WRONG_OBJECT_TYPE, "index \"" + name + "\" column number " + (i + 1)
                        + " does not have default sorting behavior", c.location()).withDetail(DETAIL);
            }
        }
        return index;
    }

    /** The key column names of the index (for the NOT NULL check of a primary key). */
    static List<String> keyNames(RelationDesc table, IndexDesc index) {
        List<String> out = new ArrayList<>();
        for (int attnum : index.keyAttnums()) {
            out.add(table.attributes().get(attnum - 1).name());
        }
        return out;
    }

    /** index_constraint_create over the existing index; returns the constraint's OID. */
    static long attach(DdlContext ctx, RelationDesc table, Constraint c, IndexDesc index) {
        boolean primary = c.contype() == ConstrType.PRIMARY;
        if (primary) {
            for (IndexDesc i : table.indexes()) {
                if (i.primary()) {
                    throw Ereport.error(DdlStates.INVALID_TABLE_DEFINITION,
                            "multiple primary keys for table \"" + table.name() + "\" are not allowed", c.location());
                }
            }
        }
        String name = c.conname() != null ? c.conname() : index.name();
        if (!name.equals(index.name())) {
            ctx.notice(new PgException(Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION,
                    "ALTER TABLE / ADD CONSTRAINT USING INDEX will rename index \"" + index.name() + "\" to \""
                            + name + "\"", null, null, 0, null));
            AlterTable.renameRelation(ctx, index.oid(), table.namespaceOid(), name);
        }
        if (CreateTable.constraintExists(ctx, table.oid(), name)) {
            throw Ereport.error(SqlState.DUPLICATE_OBJECT,
                    "constraint \"" + name + "\" for relation \"" + table.name() + "\" already exists");
        }
        List<Integer> keys = new ArrayList<>();
        for (int a : index.keyAttnums()) {
            keys.add(a);
            if (primary) {
                CreateTable.setNotNull(ctx, table.oid(), a, true);
            }
        }
        if (primary) {
            Catalog pgIndex = SystemCatalogs.require(SystemCatalogs.PG_INDEX);
            for (CatalogTuple t : ctx.rowsWhere(SystemCatalogs.PG_INDEX, "indexrelid", (long) index.oid())) {
                Object[] values = t.values().clone();
                values[pgIndex.columnIndex("indisprimary")] = true;
                ctx.access().update(SystemCatalogs.PG_INDEX, t.tid(), values);
            }
        }
        long conOid = CreateTable.insertConstraint(ctx, table, name, primary ? "p" : "u", keys, index.oid(), 0,
                null, null);
        for (int a : index.keyAttnums()) {
            CreateTable.recordDependency(ctx, SystemCatalogs.PG_CONSTRAINT, conOid, 0, SystemCatalogs.PG_CLASS,
                    table.oid(), a, "a");
        }
        // the index now lives and dies with its constraint, as index_constraint_create arranges
        Catalog dep = SystemCatalogs.require(SystemCatalogs.PG_DEPEND);
        int cls = dep.columnIndex("classid");
        int obj = dep.columnIndex("objid");
        int refCls = dep.columnIndex("refclassid");
        int refObj = dep.columnIndex("refobjid");
        int type = dep.columnIndex("deptype");
        long indexOid = Integer.toUnsignedLong(index.oid());
        long tableOid = Integer.toUnsignedLong(table.oid());
        ctx.deleteWhere(SystemCatalogs.PG_DEPEND, r -> (Long) r[cls] == SystemCatalogs.PG_CLASS
                && (Long) r[obj] == indexOid && (Long) r[refCls] == SystemCatalogs.PG_CLASS
                && (Long) r[refObj] == tableOid && "a".equals(r[type]));
        CreateTable.recordDependency(ctx, SystemCatalogs.PG_CLASS, index.oid(), 0, SystemCatalogs.PG_CONSTRAINT,
                conOid, 0, "i");
        ctx.commandCounterIncrement();
        ctx.relcache().invalidate(table.oid());
        return conOid;
    }

    private static Long constraintOf(DdlContext ctx, int indexOid) {
        Catalog con = SystemCatalogs.require(SystemCatalogs.PG_CONSTRAINT);
        int indCol = con.columnIndex("conindid");
        long oid = indexOid;
        for (CatalogTuple t : ctx.rows(SystemCatalogs.PG_CONSTRAINT,
                r -> r[indCol] instanceof Long l && l == oid && !"f".equals(r[con.columnIndex("contype")]))) {
            return (Long) t.get(con, "oid");
        }
        return null;
    }

    private static long attributeCollation(DdlContext ctx, int relOid, int attnum) {
        CatalogTuple t = AlterTable.attributeRow(ctx, relOid, attnum);
        return t != null && t.get(SystemCatalogs.require(SystemCatalogs.PG_ATTRIBUTE), "attcollation") instanceof Number n
                ? n.longValue() : 0L;
    }

    private static Object[] elements(Object array) {
        if (array instanceof Object[] a) {
            return a;
        }
        if (array instanceof org.tusk.engine.types.ArrayValue v) {
            return v.elements();
        }
        return new Object[0];
    }
}
