package org.tusk.engine.commands;

import org.tusk.api.error.SqlState;
import org.tusk.engine.catalog.CatalogAccess.CatalogTuple;
import org.tusk.engine.catalog.SystemCatalogs;
import org.tusk.engine.catalog.SystemCatalogs.Catalog;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.relcache.AttributeDesc;
import org.tusk.engine.relcache.IndexDesc;
import org.tusk.engine.relcache.RelationDesc;

/**
 * The per-table flags an ALTER TABLE puts on one of its indexes: CLUSTER ON / SET WITHOUT CLUSTER
 * (pg_index.indisclustered, mark_index_clustered) and REPLICA IDENTITY (pg_class.relreplident plus
 * pg_index.indisreplident, relation_mark_replica_identity). At most one index of a table carries each
 * flag; marking one clears the others. The checks are check_index_is_clusterable's and
 * ATExecReplicaIdentity's, with their messages.
 */
final class IndexMarks {

    private IndexMarks() {
    }

    /** ALTER TABLE t CLUSTER ON idx. */
    static void clusterOn(DdlContext ctx, RelationDesc table, String indexName) {
        IndexDesc index = indexOf(ctx, table, indexName);
        CatalogTuple row = indexRow(ctx, index.oid());
        Catalog pgIndex = SystemCatalogs.require(SystemCatalogs.PG_INDEX);
        if (!"btree".equals(index.amName())) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot cluster on index \"" + index.name()
                    + "\" because access method does not support clustering");
        }
        if (index.predicate() != null) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot cluster on partial index \"" + index.name()
                    + "\"");
        }
        if (!Boolean.TRUE.equals(row.get(pgIndex, "indisvalid"))) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot cluster on invalid index \"" + index.name()
                    + "\"");
        }
        markClustered(ctx, table, index.oid());
    }

    /** ALTER TABLE t SET WITHOUT CLUSTER. */
    static void dropCluster(DdlContext ctx, RelationDesc table) {
        markClustered(ctx, table, 0);
    }

    private static void markClustered(DdlContext ctx, RelationDesc table, int indexOid) {
        if (table.kind() == 'p') {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot mark index clustered in partitioned table");
        }
        setFlag(ctx, table, "indisclustered", indexOid);
    }

    /** ALTER TABLE t REPLICA IDENTITY {DEFAULT | FULL | NOTHING | USING INDEX idx}. */
    static void replicaIdentity(DdlContext ctx, RelationDesc table, String what) {
        String kind = what.toLowerCase(java.util.Locale.ROOT);
        char ident;
        int indexOid = 0;
        switch (kind) {
            case "default" -> ident = 'd';
            case "full" -> ident = 'f';
            case "nothing" -> ident = 'n';
            default -> {
                ident = 'i';
                IndexDesc index = indexOf(ctx, table, what);
                checkReplicaIdentityIndex(ctx, table, index);
                indexOid = index.oid();
            }
        }
        Object current = CreateTable.classRow(ctx, table.oid())
                .get(SystemCatalogs.require(SystemCatalogs.PG_CLASS), "relreplident");
        CreateTable.updateClass(ctx, table.oid(), "relreplident",
                current instanceof Character ? (Object) ident : String.valueOf(ident));
        setFlag(ctx, table, "indisreplident", indexOid);
    }

    private static void checkReplicaIdentityIndex(DdlContext ctx, RelationDesc table, IndexDesc index) {
        String name = index.name();
        CatalogTuple row = indexRow(ctx, index.oid());
        Catalog pgIndex = SystemCatalogs.require(SystemCatalogs.PG_INDEX);
        if (!index.unique() || !"btree".equals(index.amName())) {
            throw Ereport.error(SqlState.WRONG_OBJECT_TYPE, "cannot use non-unique index \"" + name
                    + "\" as replica identity");
        }
        if (!Boolean.TRUE.equals(row.get(pgIndex, "indimmediate"))) {
            throw Ereport.error(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "cannot use non-immediate index \"" + name
                    + "\" as replica identity");
        }
        if (index.hasExpressions()) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot use expression index \"" + name
                    + "\" as replica identity");
        }
        if (index.predicate() != null) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot use partial index \"" + name
                    + "\" as replica identity");
        }
        for (int attnum : index.keyAttnums()) {
            if (attnum < 0) {
                throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "index \"" + name
                        + "\" cannot be used as replica identity because column " + attnum + " is a system column");
            }
            for (AttributeDesc a : table.attributes()) {
                if (a.attnum() == attnum && !a.notNull()) {
                    throw Ereport.error(SqlState.WRONG_OBJECT_TYPE, "index \"" + name
                            + "\" cannot be used as replica identity because column \"" + a.name() + "\" is nullable");
                }
            }
        }
    }

    /** The index named {@code name} in the table's schema, which must be one of the table's. */
    private static IndexDesc indexOf(DdlContext ctx, RelationDesc table, String name) {
        Integer oid = Naming.relationIn(ctx, name, table.namespaceOid());
        if (oid == null) {
            throw Ereport.error(SqlState.UNDEFINED_OBJECT, "index \"" + name + "\" for table \"" + table.name()
                    + "\" does not exist");
        }
        for (IndexDesc i : table.indexes()) {
            if (i.oid() == oid) {
                return i;
            }
        }
        throw Ereport.error(SqlState.WRONG_OBJECT_TYPE, "\"" + name + "\" is not an index for table \""
                + table.name() + "\"");
    }

    private static CatalogTuple indexRow(DdlContext ctx, int indexOid) {
        return ctx.rowsWhere(SystemCatalogs.PG_INDEX, "indexrelid", (long) indexOid).get(0);
    }

    /** Sets the pg_index flag on {@code indexOid} (0: none) and clears it on the table's other indexes. */
    private static void setFlag(DdlContext ctx, RelationDesc table, String column, int indexOid) {
        Catalog pgIndex = SystemCatalogs.require(SystemCatalogs.PG_INDEX);
        int col = pgIndex.columnIndex(column);
        for (CatalogTuple t : ctx.rowsWhere(SystemCatalogs.PG_INDEX, "indrelid", (long) table.oid())) {
            boolean want = ((Long) t.get(pgIndex, "indexrelid")) == indexOid;
            if (!Boolean.valueOf(want).equals(t.values()[col])) {
                Object[] values = t.values().clone();
                values[col] = want;
                ctx.access().update(SystemCatalogs.PG_INDEX, t.tid(), values);
            }
        }
    }
}
