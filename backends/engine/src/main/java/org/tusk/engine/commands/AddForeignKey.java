package org.tusk.engine.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.tusk.api.error.SqlState;
import org.tusk.engine.catalog.SystemCatalogs;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.nodes.Constraint;
import org.tusk.engine.relcache.AttributeDesc;
import org.tusk.engine.relcache.IndexDesc;
import org.tusk.engine.relcache.RelationDesc;
import org.tusk.lmgr.LockMode;

/**
 * FOREIGN KEY constraints, catalog side (ATAddForeignKeyConstraint): the
 * referenced table and columns (its primary key when none are named) must
 * have a unique index; the pg_constraint row (contype 'f') depends on both
 * tables, the referenced one normally ('n'), so dropping it needs CASCADE.
 * Enforcement (the RI triggers) is the executor's.
 */
final class AddForeignKey {

    private AddForeignKey() {
    }

    static void add(DdlContext ctx, RelationDesc table, Constraint c, String column, Set<String> taken) {
        RelationDesc ref = c.pktable().relname().equals(table.name()) && c.pktable().schemaname() == null
                ? table
                : ctx.relcache().open(c.pktable().schemaname(), c.pktable().relname(), ctx.searchPath(),
                        LockMode.SHARE_ROW_EXCLUSIVE, c.pktable().location() + 1);
        List<String> fkNames = column != null ? List.of(column) : c.fkAttrs();
        List<Integer> fk = attnums(table, fkNames, c);
        List<Integer> pk;
        IndexDesc unique = null;
        if (c.pkAttrs() == null || c.pkAttrs().isEmpty()) {
            for (IndexDesc i : ref.indexes()) {
                if (i.primary()) {
                    unique = i;
                }
            }
            if (unique == null) {
                throw Ereport.error(DdlStates.INVALID_FOREIGN_KEY,
                        "there is no primary key for referenced table \"" + ref.name() + "\"");
            }
            pk = new ArrayList<>();
            for (int k : unique.keyAttnums()) {
                pk.add(k);
            }
        } else {
            pk = attnums(ref, c.pkAttrs(), c);
            for (IndexDesc i : ref.indexes()) {
                if (i.unique() && i.keyAttnums().length == pk.size() && sameSet(i.keyAttnums(), pk)) {
                    unique = i;
                }
            }
            if (unique == null) {
                throw Ereport.error(DdlStates.INVALID_FOREIGN_KEY,
                        "there is no unique constraint matching given keys for referenced table \"" + ref.name() + "\"");
            }
        }
        if (pk.size() != fk.size()) {
            throw Ereport.error(DdlStates.INVALID_FOREIGN_KEY,
                    "number of referencing and referenced columns for foreign key disagree");
        }
        String name = c.conname() != null ? c.conname()
                : CreateTable.chooseConstraintName(ctx, table, String.join("_", fkNames), "fkey", taken);
        taken.add(name);
        java.util.Map<String, Object> actions = new java.util.HashMap<>();
        actions.put("confupdtype", String.valueOf(c.fkUpdAction() == 0 ? 'a' : c.fkUpdAction()));
        actions.put("confdeltype", String.valueOf(c.fkDelAction() == 0 ? 'a' : c.fkDelAction()));
        actions.put("confmatchtype", String.valueOf(c.fkMatchtype() == 0 ? 's' : c.fkMatchtype()));
        actions.put("condeferrable", c.deferrable());
        actions.put("condeferred", c.initdeferred());
        long oid = CreateTable.insertConstraint(ctx, table, name, "f", fk, unique.oid(), ref.oid(), pk, null, actions);
        // PostgreSQL's RI triggers live on both tables, so both say relhastriggers (psql's \d shows the
        // "Foreign-key constraints" and "Referenced by" footers only then); Tusk checks keys without triggers
        ctx.commandCounterIncrement();
        CreateTable.updateClass(ctx, table.oid(), "relhastriggers", true);
        if (ref.oid() != table.oid()) {
            ctx.commandCounterIncrement();
            CreateTable.updateClass(ctx, ref.oid(), "relhastriggers", true);
        }
        ctx.commandCounterIncrement();
        ctx.relcache().invalidate(table.oid());
        ctx.relcache().invalidate(ref.oid());
        for (int k : fk) {
            CreateTable.recordDependency(ctx, SystemCatalogs.PG_CONSTRAINT, oid, 0, SystemCatalogs.PG_CLASS,
                    table.oid(), k, "a");
        }
        CreateTable.recordDependency(ctx, SystemCatalogs.PG_CONSTRAINT, oid, 0, SystemCatalogs.PG_CLASS,
                unique.oid(), 0, "n");
        for (int k : pk) {
            CreateTable.recordDependency(ctx, SystemCatalogs.PG_CONSTRAINT, oid, 0, SystemCatalogs.PG_CLASS,
                    ref.oid(), k, "n");
        }
    }

    private static boolean sameSet(int[] a, List<Integer> b) {
        for (int x : a) {
            if (!b.contains(x)) {
                return false;
            }
        }
        return true;
    }

    private static List<Integer> attnums(RelationDesc rel, List<String> names, Constraint c) {
        List<Integer> out = new ArrayList<>();
        for (String n : names) {
            AttributeDesc a = rel.attribute(n);
            if (a == null) {
                throw Ereport.error(SqlState.UNDEFINED_COLUMN, "column \"" + n + "\" referenced in foreign key constraint does not exist",
                        c.location());
            }
            out.add(a.attnum());
        }
        return out;
    }
}
