package org.tusk.engine.commands;

import java.util.ArrayList;
import java.util.List;

import org.tusk.api.error.SqlState;
import org.tusk.engine.catalog.CatalogAccess.CatalogTuple;
import org.tusk.engine.catalog.PartitionCatalog;
import org.tusk.engine.catalog.PartitionCatalog.Bound;
import org.tusk.engine.catalog.PartitionCatalog.PartitionKey;
import org.tusk.engine.catalog.PgInherits;
import org.tusk.engine.catalog.SystemCatalogs;
import org.tusk.engine.catalog.SystemCatalogs.Catalog;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.nodes.PartitionBoundSpec;
import org.tusk.engine.relcache.AttributeDesc;
import org.tusk.engine.relcache.RelationDesc;
import org.tusk.lmgr.LockMode;

/**
 * ALTER TABLE ... ATTACH PARTITION and DETACH PARTITION (tablecmds.c ATExecAttachPartition,
 * ATExecDetachPartition).
 *
 * <p>ATTACH: the parent must be partitioned (42P17), the table not a partition already nor
 * in an inheritance tree (42809); its columns must be exactly the parent's, by name and type
 * (42804, MergeAttributesIntoExisting's messages), with the parent's CHECKs; the bound is
 * checked as for CREATE TABLE ... PARTITION OF; then the table's rows are scanned against its
 * new partition constraint (23514 "partition constraint of relation ... is violated by some
 * row") and a default partition's rows against its narrowed constraint (23514 "updated
 * partition constraint for default partition ... would be violated by some row"). The link
 * is stored as for a new partition: pg_inherits, relispartition and relpartbound, attinhcount
 * and coninhcount raised with attislocal/conislocal false, an 'a' dependency, partdefid.
 *
 * <p>DETACH undoes that: the columns and constraints become local again (PostgreSQL keeps
 * relhassubclass on the parent).
 */
final class AttachPartition {

    private AttachPartition() {
    }

    static void attach(DdlContext ctx, SqlRunner sql, RelationDesc parent, String name, PartitionBoundSpec spec) {
        if (parent.kind() != 'p') {
            throw Ereport.error(Partitioning.INVALID_OBJECT_DEFINITION, "table \"" + parent.name()
                    + "\" is not partitioned");
        }
        RelationDesc child = ctx.relcache().open(null, name, ctx.searchPath(), LockMode.ACCESS_EXCLUSIVE, 0);
        if (child.kind() != 'r' && child.kind() != 'p') {
            throw Ereport.error(DdlStates.WRONG_OBJECT_TYPE, "\"" + child.name() + "\" is not a table");
        }
        var access = ctx.access();
        if (PartitionCatalog.boundText(access, child.oid()) != null) {
            throw Ereport.error(DdlStates.WRONG_OBJECT_TYPE, "\"" + child.name() + "\" is already a partition");
        }
        if (!PgInherits.parents(access, child.oid()).isEmpty()) {
            throw Ereport.error(DdlStates.WRONG_OBJECT_TYPE, "cannot attach inheritance child as partition");
        }
        if (child.kind() == 'r' && !PgInherits.children(access, child.oid()).isEmpty()) {
            throw Ereport.error(DdlStates.WRONG_OBJECT_TYPE, "cannot attach inheritance parent as partition");
        }
        if (child.oid() == parent.oid() || ancestors(ctx, parent.oid()).contains(child.oid())) {
            throw Ereport.error("42P07", "circular inheritance not allowed").withDetail("\""
                    + child.name() + "\" is already a child of \"" + parent.name() + "\".");
        }
        for (AttributeDesc a : child.liveAttributes()) {
            if (parent.attribute(a.name()) == null || parent.attribute(a.name()).dropped()) {
                throw Ereport.error(SqlState.DATATYPE_MISMATCH, "table \"" + child.name() + "\" contains column \""
                        + a.name() + "\" not found in parent \"" + parent.name() + "\"")
                        .withDetail("The new partition may contain only the columns present in parent.");
            }
        }
        for (AttributeDesc p : parent.liveAttributes()) {
            AttributeDesc c = child.attribute(p.name());
            if (c == null || c.dropped()) {
                throw Ereport.error(SqlState.DATATYPE_MISMATCH, "child table is missing column \"" + p.name() + "\"");
            }
            if (c.typeOid() != p.typeOid() || c.typmod() != p.typmod()) {
                throw Ereport.error(SqlState.DATATYPE_MISMATCH, "child table \"" + child.name()
                        + "\" has different type for column \"" + p.name() + "\"");
            }
            if (p.notNull() && !c.notNull()) {
                throw Ereport.error(SqlState.DATATYPE_MISMATCH, "column \"" + p.name()
                        + "\" in child table must be marked NOT NULL");
            }
        }
        List<String> missing = missingChecks(ctx, parent, child);
        if (!missing.isEmpty()) {
            throw Ereport.error(SqlState.DATATYPE_MISMATCH, "child table is missing constraint \"" + missing.get(0)
                    + "\"");
        }
        String boundText = Partitioning.checkBound(ctx, sql, parent, child.name(), spec);
        Bound bound = PartitionCatalog.parse(boundText);
        PartitionKey key = Partitioning.key(ctx, parent);

        // the rows already there must satisfy the partition constraint the table gets
        String own = bound.isDefault() ? PartitionCatalog.defaultConstraint(siblingConstraints(ctx, parent, key, -1))
                : PartitionCatalog.constraint(key, bound, parent.oid());
        String whole = and(own, ancestorsConstraint(ctx, parent.oid()));
        if (sql != null && whole != null && sql.anyRow("SELECT 1 FROM " + qualified(child) + " WHERE NOT COALESCE("
                + whole + ", false) LIMIT 1")) {
            throw Ereport.error(SqlState.CHECK_VIOLATION, "partition constraint of relation \"" + child.name()
                    + "\" is violated by some row");
        }
        if (!bound.isDefault()) {
            checkDefaultPartition(ctx, sql, parent, key, own);
        }

        // the link, as CREATE TABLE ... PARTITION OF stores it
        setPartition(ctx, child.oid(), boundText);
        setInherited(ctx, parent, child, true);
        Inheritance.addParent(ctx, child, parent, 1, true);
        if (bound.isDefault()) {
            Partitioning.setDefault(ctx, parent.oid(), child.oid());
        }
        ctx.commandCounterIncrement();
        ctx.relcache().invalidate(child.oid());
        PartitionedIndexes.ensureIndexes(ctx, sql, parent, ctx.relcache().open(child.oid(), LockMode.ACCESS_EXCLUSIVE),
                true);
    }

    /**
     * A new non-default partition narrows the default partition's constraint: its rows
     * (through its leaves when it is partitioned) must not belong in the new one.
     */
    static void checkDefaultPartition(DdlContext ctx, SqlRunner sql, RelationDesc parent, PartitionKey key,
            String newConstraint) {
        if (sql == null || key.defaultPartition() == 0 || newConstraint == null) {
            return;
        }
        RelationDesc def = ctx.relcache().open(key.defaultPartition(), LockMode.ACCESS_EXCLUSIVE);
        if (sql.anyRow("SELECT 1 FROM " + qualified(def) + " WHERE COALESCE(" + newConstraint + ", false) LIMIT 1")) {
            throw Ereport.error(SqlState.CHECK_VIOLATION, "updated partition constraint for default partition \""
                    + def.name() + "\" would be violated by some row");
        }
    }

    static void detach(DdlContext ctx, RelationDesc parent, String name) {
        RelationDesc child = ctx.relcache().open(null, name, ctx.searchPath(), LockMode.ACCESS_EXCLUSIVE, 0);
        CatalogTuple link = PgInherits.link(ctx.access(), child.oid(), parent.oid());
        if (link == null || PartitionCatalog.boundText(ctx.access(), child.oid()) == null) {
            throw Ereport.error(SqlState.UNDEFINED_TABLE, "relation \"" + child.name()
                    + "\" is not a partition of relation \"" + parent.name() + "\"");
        }
        ctx.access().delete(PgInherits.OID, link.tid());
        PartitionedIndexes.detachIndexes(ctx, parent, child);
        Catalog dep = SystemCatalogs.require(SystemCatalogs.PG_DEPEND);
        int classCol = dep.columnIndex("classid");
        int objCol = dep.columnIndex("objid");
        int refClassCol = dep.columnIndex("refclassid");
        int refObjCol = dep.columnIndex("refobjid");
        long childOid = Integer.toUnsignedLong(child.oid());
        long parentOid = Integer.toUnsignedLong(parent.oid());
        ctx.deleteWhere(SystemCatalogs.PG_DEPEND, r -> (Long) r[classCol] == SystemCatalogs.PG_CLASS
                && (Long) r[objCol] == childOid && (Long) r[refClassCol] == SystemCatalogs.PG_CLASS
                && (Long) r[refObjCol] == parentOid);
        setPartition(ctx, child.oid(), null);
        setInherited(ctx, parent, child, false);
        uninheritChecks(ctx, parent, child);
        PartitionKey key = Partitioning.key(ctx, parent);
        if (key != null && key.defaultPartition() == child.oid()) {
            Partitioning.setDefault(ctx, parent.oid(), 0);
        }
        ctx.relcache().invalidate(child.oid());
    }

    /** pg_class.relispartition and relpartbound in one update (null: no longer a partition). */
    private static void setPartition(DdlContext ctx, int relOid, String boundText) {
        Catalog pgClass = SystemCatalogs.require(SystemCatalogs.PG_CLASS);
        CatalogTuple t = CreateTable.classRow(ctx, relOid);
        Object[] row = t.values().clone();
        row[pgClass.columnIndex("relispartition")] = boundText != null;
        row[pgClass.columnIndex("relpartbound")] = boundText;
        ctx.access().update(SystemCatalogs.PG_CLASS, t.tid(), row);
    }

    /** attinhcount one more (attach) or one less (detach) on the columns the parent has; local iff not inherited. */
    private static void setInherited(DdlContext ctx, RelationDesc parent, RelationDesc child, boolean attach) {
        Catalog att = SystemCatalogs.require(SystemCatalogs.PG_ATTRIBUTE);
        int relCol = att.columnIndex("attrelid");
        int nameCol = att.columnIndex("attname");
        int countCol = att.columnIndex("attinhcount");
        int localCol = att.columnIndex("attislocal");
        long childOid = Integer.toUnsignedLong(child.oid());
        for (AttributeDesc p : parent.liveAttributes()) {
            for (CatalogTuple t : ctx.rows(SystemCatalogs.PG_ATTRIBUTE,
                    r -> (Long) r[relCol] == childOid && p.name().equals(r[nameCol]))) {
                Object[] row = t.values().clone();
                int count = ((Number) row[countCol]).intValue() + (attach ? 1 : -1);
                row[countCol] = count < 0 ? 0 : count;
                row[localCol] = !attach || count <= 0;
                ctx.access().update(SystemCatalogs.PG_ATTRIBUTE, t.tid(), row);
            }
        }
    }

    /** The parent's inheritable CHECK constraints the child has no constraint of that name for. */
    private static List<String> missingChecks(DdlContext ctx, RelationDesc parent, RelationDesc child) {
        Catalog con = SystemCatalogs.require(SystemCatalogs.PG_CONSTRAINT);
        int relCol = con.columnIndex("conrelid");
        int typeCol = con.columnIndex("contype");
        int nameCol = con.columnIndex("conname");
        long parentOid = Integer.toUnsignedLong(parent.oid());
        long childOid = Integer.toUnsignedLong(child.oid());
        List<String> out = new ArrayList<>();
        for (CatalogTuple c : ctx.rows(SystemCatalogs.PG_CONSTRAINT,
                r -> (Long) r[relCol] == parentOid && "c".equals(r[typeCol]))) {
            if (Boolean.TRUE.equals(c.get(con, "connoinherit"))) {
                continue;
            }
            String conname = (String) c.get(con, "conname");
            if (ctx.rows(SystemCatalogs.PG_CONSTRAINT, r -> (Long) r[relCol] == childOid && "c".equals(r[typeCol])
                    && conname.equals(r[nameCol])).isEmpty()) {
                out.add(conname);
            }
        }
        return out;
    }

    /** DETACH: the parent's CHECKs on the child count one parent less and become local. */
    private static void uninheritChecks(DdlContext ctx, RelationDesc parent, RelationDesc child) {
        Catalog con = SystemCatalogs.require(SystemCatalogs.PG_CONSTRAINT);
        int relCol = con.columnIndex("conrelid");
        int typeCol = con.columnIndex("contype");
        int nameCol = con.columnIndex("conname");
        long parentOid = Integer.toUnsignedLong(parent.oid());
        long childOid = Integer.toUnsignedLong(child.oid());
        for (CatalogTuple c : ctx.rows(SystemCatalogs.PG_CONSTRAINT,
                r -> (Long) r[relCol] == parentOid && "c".equals(r[typeCol]))) {
            String conname = (String) c.get(con, "conname");
            for (CatalogTuple mine : ctx.rows(SystemCatalogs.PG_CONSTRAINT, r -> (Long) r[relCol] == childOid
                    && "c".equals(r[typeCol]) && conname.equals(r[nameCol]))) {
                Object[] row = mine.values().clone();
                int count = Math.max(0, (Integer) row[con.columnIndex("coninhcount")] - 1);
                row[con.columnIndex("coninhcount")] = count;
                row[con.columnIndex("conislocal")] = true;
                ctx.access().update(SystemCatalogs.PG_CONSTRAINT, mine.tid(), row);
            }
        }
    }

    /** The constraints of {@code parent}'s non-default partitions other than {@code except}. */
    private static List<String> siblingConstraints(DdlContext ctx, RelationDesc parent, PartitionKey key, int except) {
        List<String> out = new ArrayList<>();
        for (int sib : PgInherits.children(ctx.access(), parent.oid())) {
            String text = sib == except ? null : PartitionCatalog.boundText(ctx.access(), sib);
            if (text != null) {
                Bound b = PartitionCatalog.parse(text);
                String c = b.isDefault() ? null : PartitionCatalog.constraint(key, b, parent.oid());
                if (c != null) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    /** The partition constraint of {@code relOid} itself (its bound's and its ancestors'), null if not a partition. */
    private static String ancestorsConstraint(DdlContext ctx, int relOid) {
        String text = PartitionCatalog.boundText(ctx.access(), relOid);
        List<Integer> parents = PgInherits.parents(ctx.access(), relOid);
        if (text == null || parents.isEmpty()) {
            return null;
        }
        RelationDesc parent = ctx.relcache().open(parents.get(0), LockMode.ACCESS_SHARE);
        PartitionKey key = Partitioning.key(ctx, parent);
        Bound b = PartitionCatalog.parse(text);
        String own = b.isDefault() ? PartitionCatalog.defaultConstraint(siblingConstraints(ctx, parent, key, relOid))
                : PartitionCatalog.constraint(key, b, parent.oid());
        return and(own, ancestorsConstraint(ctx, parent.oid()));
    }

    private static List<Integer> ancestors(DdlContext ctx, int relOid) {
        List<Integer> out = new ArrayList<>();
        for (int p : PgInherits.parents(ctx.access(), relOid)) {
            out.add(p);
            out.addAll(ancestors(ctx, p));
        }
        return out;
    }

    private static String and(String a, String b) {
        return a == null ? b : b == null ? a : "(" + a + " AND " + b + ")";
    }

    private static String qualified(RelationDesc rel) {
        return "\"" + rel.namespaceName().replace("\"", "\"\"") + "\".\"" + rel.name().replace("\"", "\"\"") + "\"";
    }
}
