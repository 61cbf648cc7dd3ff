package org.tusk.engine.commands;

import java.util.List;

import org.tusk.engine.catalog.CatalogAccess.CatalogTuple;
import org.tusk.engine.catalog.PgInherits;
import org.tusk.engine.catalog.SystemCatalogs;
import org.tusk.engine.catalog.SystemCatalogs.Catalog;
import org.tusk.engine.relcache.RelationDesc;

/**
 * The catalog side of table inheritance (tablecmds.c StoreCatalogInheritance and
 * MergeConstraintsIntoExisting): pg_inherits rows, the parents' relhassubclass,
 * the child's pg_depend edge on each parent (so DROP of a parent needs CASCADE),
 * and copies of the parents' inheritable CHECK constraints.
 */
final class Inheritance {

    private Inheritance() {
    }

    /** Links a new {@code child} to its {@code parents} (in INHERITS order). */
    static void storeParents(DdlContext ctx, RelationDesc child, List<RelationDesc> parents, boolean partition) {
        int seqno = 0;
        for (RelationDesc parent : parents) {
            addParent(ctx, child, parent, ++seqno, partition);
        }
    }

    /** One link: the pg_inherits row, relhassubclass, the dependency and the inherited CHECKs. */
    static void addParent(DdlContext ctx, RelationDesc child, RelationDesc parent, int seqno, boolean partition) {
        ctx.insert(PgInherits.OID, PgInherits.row(child.oid(), parent.oid(), seqno));
        CreateTable.updateClass(ctx, parent.oid(), "relhassubclass", true);
        CreateTable.recordDependency(ctx, SystemCatalogs.PG_CLASS, child.oid(), 0, SystemCatalogs.PG_CLASS,
                parent.oid(), 0, partition ? "a" : "n");
        inheritChecks(ctx, child, parent);
    }

    /** Copies (or counts once more) every CHECK of {@code parent} not marked NO INHERIT. */
    private static void inheritChecks(DdlContext ctx, RelationDesc child, RelationDesc parent) {
        Catalog con = SystemCatalogs.require(SystemCatalogs.PG_CONSTRAINT);
        int relCol = con.columnIndex("conrelid");
        int typeCol = con.columnIndex("contype");
        long parentOid = Integer.toUnsignedLong(parent.oid());
        long childOid = Integer.toUnsignedLong(child.oid());
        List<CatalogTuple> checks = ctx.rows(SystemCatalogs.PG_CONSTRAINT,
                r -> parentOid == (Long) r[relCol] && "c".equals(r[typeCol]));
        for (CatalogTuple check : checks) {
            if (Boolean.TRUE.equals(check.get(con, "connoinherit"))) {
                continue;
            }
            String name = (String) check.get(con, "conname");
            List<CatalogTuple> existing = ctx.rows(SystemCatalogs.PG_CONSTRAINT,
                    r -> childOid == (Long) r[relCol] && name.equals(r[con.columnIndex("conname")]));
            if (!existing.isEmpty()) {
                // the same constraint reached through another parent: count it once more
                Object[] row = existing.get(0).values().clone();
                row[con.columnIndex("coninhcount")] = (Integer) row[con.columnIndex("coninhcount")] + 1;
                ctx.access().update(SystemCatalogs.PG_CONSTRAINT, existing.get(0).tid(), row);
                continue;
            }
            Object[] keys = (Object[]) check.get(con, "conkey");
            List<Integer> keyList = new java.util.ArrayList<>();
            if (keys != null) {
                for (Object k : keys) {
                    String column = parent.attributes().stream().filter(a -> a.attnum() == (Short) k)
                            .map(a -> a.name()).findFirst().orElse(null);
                    if (column != null && child.attribute(column) != null) {
                        keyList.add(child.attribute(column).attnum());
                    }
                }
            }
            long oid = CreateTable.insertConstraint(ctx, child, name, "c", keyList, 0, 0, null,
                    (String) check.get(con, "conbin"), false, 1);
            CreateTable.recordDependency(ctx, SystemCatalogs.PG_CONSTRAINT, oid, 0, SystemCatalogs.PG_CLASS,
                    child.oid(), 0, "a");
            CreateTable.bumpRelChecks(ctx, child.oid(), 1);
        }
    }
}
