package org.tusk.engine.commands;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tusk.api.error.PgException;
import org.tusk.api.error.Severity;
import org.tusk.api.error.SqlState;
import org.tusk.engine.catalog.CatalogAccess.CatalogTuple;
import org.tusk.engine.catalog.SystemCatalogs;
import org.tusk.engine.catalog.SystemCatalogs.Catalog;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.nodes.CreateTrigStmt;
import org.tusk.engine.relcache.AttributeDesc;
import org.tusk.engine.relcache.RelationDesc;
import org.tusk.engine.relcache.TriggerDesc;
import org.tusk.engine.types.PgType;
import org.tusk.lmgr.LockMode;

/**
 * CREATE TRIGGER (commands/trigger.c CreateTrigger): checks the table and
 * the function, writes the pg_trigger row (tgtype with PostgreSQL's bits,
 * tgargs as NUL-terminated strings, tgattr for UPDATE OF, tgqual holding the
 * WHEN condition's SQL text), pg_depend (trigger -> table 'a', trigger ->
 * function 'n'), sets pg_class.relhastriggers and invalidates the table's
 * relcache entry, which is where the executor finds its triggers.
 */
public final class CreateTrigger {

    private CreateTrigger() {
    }

    public static String execute(DdlContext ctx, CreateTrigStmt stmt) {
        RelationDesc rel = ctx.relcache().open(stmt.relation().schemaname(), stmt.relation().relname(),
                ctx.searchPath(), LockMode.SHARE_ROW_EXCLUSIVE, stmt.relation().location() + 1);
        boolean row = stmt.row();
        if (rel.kind() == 'v') {
            if (stmt.timing() != TriggerDesc.INSTEAD && row) {
                throw wrongObject(rel, "Views cannot have row-level BEFORE or AFTER triggers.");
            }
            if ((stmt.events() & TriggerDesc.TRUNCATE) != 0) {
                throw wrongObject(rel, "Views cannot have TRUNCATE triggers.");
            }
        } else if (rel.kind() == 'r' || rel.kind() == 'p') {
            if (stmt.timing() == TriggerDesc.INSTEAD) {
                throw wrongObject(rel, "Tables cannot have INSTEAD OF triggers.");
            }
        } else {
            throw wrongObject(rel, "This operation is not supported for "
                    + (rel.kind() == 'i' ? "indexes" : rel.kind() == 'S' ? "sequences" : "this relation") + ".");
        }
        if (rel.isSystemCatalog()) {
            throw Ereport.error(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied: \"" + rel.name()
                    + "\" is a system catalog");
        }
        if (row && (stmt.events() & TriggerDesc.TRUNCATE) != 0) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "TRUNCATE FOR EACH ROW triggers are not supported");
        }
        if (stmt.timing() == TriggerDesc.INSTEAD) {
            if (!row) {
                throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "INSTEAD OF triggers must be FOR EACH ROW");
            }
            if (stmt.whenText() != null) {
                throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "INSTEAD OF triggers cannot have WHEN conditions");
            }
            if (!stmt.columns().isEmpty()) {
                throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "INSTEAD OF triggers cannot have column lists");
            }
        }
        if ((stmt.oldTable() != null || stmt.newTable() != null) && stmt.timing() != 0) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "transition tables cannot be specified for "
                    + (stmt.timing() == TriggerDesc.BEFORE ? "BEFORE" : "INSTEAD OF") + " triggers");
        }
        long funcOid = triggerFunction(ctx, stmt.funcname());

        int type = stmt.timing() | stmt.events() | (row ? TriggerDesc.ROW : 0);
        List<Short> attnums = new ArrayList<>();
        for (String col : stmt.columns()) {
            AttributeDesc a = rel.attribute(col);
            if (a == null) {
                throw Ereport.error(SqlState.UNDEFINED_COLUMN, "column \"" + col + "\" of relation \"" + rel.name()
                        + "\" does not exist");
            }
            if (attnums.contains((short) a.attnum())) {
                throw Ereport.error(SqlState.DUPLICATE_COLUMN, "column \"" + col + "\" specified more than once");
            }
            attnums.add((short) a.attnum());
        }
        java.io.ByteArrayOutputStream args = new java.io.ByteArrayOutputStream();
        for (String a : stmt.args()) {
            args.writeBytes(a.getBytes(StandardCharsets.UTF_8));
            args.write(0);
        }

        Catalog pgTrigger = SystemCatalogs.require(SystemCatalogs.PG_TRIGGER);
        CatalogTuple existing = find(ctx, rel.oid(), stmt.name());
        if (existing != null && !stmt.replace()) {
            throw Ereport.error("42710", "trigger \"" + stmt.name() + "\" for relation \"" + rel.name()
                    + "\" already exists");
        }
        Map<String, Object> values = new HashMap<>();
        values.put("tgrelid", (long) rel.oid());
        values.put("tgparentid", 0L);
        values.put("tgname", stmt.name());
        values.put("tgfoid", funcOid);
        values.put("tgtype", (short) type);
        values.put("tgenabled", "O");
        values.put("tgisinternal", false);
        values.put("tgconstrrelid", 0L);
        values.put("tgconstrindid", 0L);
        values.put("tgconstraint", 0L);
        values.put("tgdeferrable", stmt.deferrable());
        values.put("tginitdeferred", stmt.initDeferred());
        values.put("tgnargs", (short) stmt.args().size());
        values.put("tgattr", attnums.toArray());
        values.put("tgargs", args.toByteArray());
        values.put("tgqual", stmt.whenText());
        values.put("tgoldtable", stmt.oldTable());
        values.put("tgnewtable", stmt.newTable());
        long oid;
        if (existing != null) {
            oid = (Long) existing.get(pgTrigger, "oid");
            Object[] r = existing.values().clone();
            for (Map.Entry<String, Object> e : values.entrySet()) {
                r[pgTrigger.columnIndex(e.getKey())] = e.getValue();
            }
            ctx.access().update(SystemCatalogs.PG_TRIGGER, existing.tid(), r);
            int cls = SystemCatalogs.require(SystemCatalogs.PG_DEPEND).columnIndex("classid");
            int obj = SystemCatalogs.require(SystemCatalogs.PG_DEPEND).columnIndex("objid");
            ctx.deleteWhere(SystemCatalogs.PG_DEPEND,
                    r2 -> (Long) r2[cls] == SystemCatalogs.PG_TRIGGER && (Long) r2[obj] == oid);
        } else {
            oid = ctx.newOid();
            values.put("oid", oid);
            ctx.insert(SystemCatalogs.PG_TRIGGER, values);
        }
        depend(ctx, oid, SystemCatalogs.PG_CLASS, rel.oid(), "a");
        depend(ctx, oid, SystemCatalogs.PG_PROC, funcOid, "n");
        CreateTable.updateClass(ctx, rel.oid(), "relhastriggers", true);
        ctx.commandCounterIncrement();
        ctx.relcache().invalidate(rel.oid());
        return "CREATE TRIGGER";
    }

    private static PgException wrongObject(RelationDesc rel, String detail) {
        String what = switch (rel.kind()) {
            case 'v' -> "a view";
            case 'r' -> "a table";
            case 'p' -> "a partitioned table";
            case 'i' -> "an index";
            case 'S' -> "a sequence";
            default -> "not a table or view";
        };
        return new PgException(Severity.ERROR, SqlState.WRONG_OBJECT_TYPE, "\"" + rel.name() + "\" is " + what,
                detail, null, 0, null);
    }

    private static final int PG_CATALOG_NAMESPACE = 11;

    /** LookupFuncName(name, 0 args) and the "must return type trigger" check. */
    private static long triggerFunction(DdlContext ctx, List<String> qname) {
        String name = qname.get(qname.size() - 1);
        String schema = qname.size() > 1 ? qname.get(qname.size() - 2) : null;
        List<Integer> namespaces = new ArrayList<>();
        if (schema != null) {
            Integer ns = ctx.relcache().namespaceOid(schema);
            if (ns == null) {
                throw Ereport.error(SqlState.INVALID_SCHEMA_NAME, "schema \"" + schema + "\" does not exist");
            }
            namespaces.add(ns);
        } else {
            for (String s : ctx.searchPath()) {
                Integer ns = ctx.relcache().namespaceOid(s);
                if (ns != null) {
                    namespaces.add(ns);
                }
            }
            if (!namespaces.contains(PG_CATALOG_NAMESPACE)) {
                namespaces.add(0, PG_CATALOG_NAMESPACE);    // searched first unless the path places it
            }
        }
        Catalog pgProc = SystemCatalogs.require(SystemCatalogs.PG_PROC);
        int nameCol = pgProc.columnIndex("proname");
        int nargsCol = pgProc.columnIndex("pronargs");
        for (Integer ns : namespaces) {
            for (CatalogTuple t : ctx.rows(SystemCatalogs.PG_PROC,
                    r -> name.equals(r[nameCol]) && ((Number) r[nargsCol]).intValue() == 0)) {
                if (((Long) t.get(pgProc, "pronamespace")).intValue() != ns) {
                    continue;
                }
                long ret = (Long) t.get(pgProc, "prorettype");
                if (ret != PgType.TRIGGER.oid()) {
                    throw Ereport.error("42P17", "function " + String.join(".", qname) + " must return type trigger");
                }
                return (Long) t.get(pgProc, "oid");
            }
        }
        throw Ereport.error(SqlState.UNDEFINED_FUNCTION, "function " + String.join(".", qname) + "() does not exist");
    }

    static CatalogTuple find(DdlContext ctx, int relOid, String name) {
        Catalog pgTrigger = SystemCatalogs.require(SystemCatalogs.PG_TRIGGER);
        int rel = pgTrigger.columnIndex("tgrelid");
        int nameCol = pgTrigger.columnIndex("tgname");
        List<CatalogTuple> rows = ctx.rows(SystemCatalogs.PG_TRIGGER,
                r -> r[rel] instanceof Long l && l == relOid && name.equals(r[nameCol]));
        return rows.isEmpty() ? null : rows.get(0);
    }

    private static void depend(DdlContext ctx, long oid, int refClass, long refOid, String type) {
        Map<String, Object> dep = new HashMap<>();
        dep.put("classid", (long) SystemCatalogs.PG_TRIGGER);
        dep.put("objid", oid);
        dep.put("objsubid", 0);
        dep.put("refclassid", (long) refClass);
        dep.put("refobjid", refOid);
        dep.put("refobjsubid", 0);
        dep.put("deptype", type);
        ctx.insert(SystemCatalogs.PG_DEPEND, dep);
    }

    /** DROP TRIGGER [IF EXISTS] name ON table (RemoveTriggerById). */
    public static String drop(DdlContext ctx, org.tusk.engine.nodes.DropStmt stmt) {
        for (org.tusk.engine.nodes.RawNode o : stmt.objects()) {
            List<String> names = ((org.tusk.engine.nodes.AnyName) o).names();
            String trig = names.get(names.size() - 1);
            String table = names.get(names.size() - 2);
            String schema = names.size() > 2 ? names.get(names.size() - 3) : null;
            RelationDesc rel;
            try {
                rel = ctx.relcache().open(schema, table, ctx.searchPath(), LockMode.ACCESS_EXCLUSIVE, 0);
            } catch (PgException e) {
                if (stmt.missingOk() && SqlState.UNDEFINED_TABLE.equals(e.sqlState())) {
                    ctx.notice(Naming.skippingNotice(SqlState.SUCCESSFUL_COMPLETION, "relation \"" + table + "\" does not exist, skipping"));
                    continue;
                }
                if (stmt.missingOk() && SqlState.INVALID_SCHEMA_NAME.equals(e.sqlState())) {
                    ctx.notice(Naming.skippingNotice(SqlState.SUCCESSFUL_COMPLETION, "schema \"" + schema
                            + "\" does not exist, skipping"));
                    continue;
                }
                throw e;
            }
            CatalogTuple t = find(ctx, rel.oid(), trig);
            if (t == null) {
                if (stmt.missingOk()) {
                    ctx.notice(Naming.skippingNotice(SqlState.SUCCESSFUL_COMPLETION, "trigger \"" + trig + "\" for relation \"" + rel.name()
                            + "\" does not exist, skipping"));
                    continue;
                }
                throw Ereport.error(SqlState.UNDEFINED_OBJECT, "trigger \"" + trig + "\" for table \"" + rel.name()
                        + "\" does not exist");
            }
            long oid = (Long) t.get(SystemCatalogs.require(SystemCatalogs.PG_TRIGGER), "oid");
            ctx.access().delete(SystemCatalogs.PG_TRIGGER, t.tid());
            int cls = SystemCatalogs.require(SystemCatalogs.PG_DEPEND).columnIndex("classid");
            int obj = SystemCatalogs.require(SystemCatalogs.PG_DEPEND).columnIndex("objid");
            ctx.deleteWhere(SystemCatalogs.PG_DEPEND,
                    r -> (Long) r[cls] == SystemCatalogs.PG_TRIGGER && (Long) r[obj] == oid);
            ctx.commandCounterIncrement();
            ctx.relcache().invalidate(rel.oid());
        }
        return "DROP TRIGGER";
    }

    /** ALTER TABLE ENABLE/DISABLE TRIGGER name|ALL|USER (EnableDisableTrigger): sets tgenabled. */
    public static void enable(DdlContext ctx, RelationDesc rel, String name, char state, boolean skipSystem) {
        Catalog pgTrigger = SystemCatalogs.require(SystemCatalogs.PG_TRIGGER);
        int relCol = pgTrigger.columnIndex("tgrelid");
        int found = 0;
        for (CatalogTuple t : ctx.rows(SystemCatalogs.PG_TRIGGER,
                r -> r[relCol] instanceof Long l && l == rel.oid())) {
            boolean internal = Boolean.TRUE.equals(t.get(pgTrigger, "tgisinternal"));
            if (name != null ? !name.equals(t.get(pgTrigger, "tgname")) : skipSystem && internal) {
                continue;
            }
            found++;
            Object[] r = t.values().clone();
            r[pgTrigger.columnIndex("tgenabled")] = String.valueOf(state);
            ctx.access().update(SystemCatalogs.PG_TRIGGER, t.tid(), r);
        }
        if (name != null && found == 0) {
            throw Ereport.error(SqlState.UNDEFINED_OBJECT, "trigger \"" + name + "\" for table \"" + rel.name()
                    + "\" does not exist");
        }
        ctx.commandCounterIncrement();
        ctx.relcache().invalidate(rel.oid());
    }
}
