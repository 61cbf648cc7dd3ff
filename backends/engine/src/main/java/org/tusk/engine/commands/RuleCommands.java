package org.tusk.engine.commands;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tusk.api.error.SqlState;
import org.tusk.engine.catalog.CatalogAccess.CatalogTuple;
import org.tusk.engine.catalog.SystemCatalogs;
import org.tusk.engine.catalog.SystemCatalogs.Catalog;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.nodes.AnyName;
import org.tusk.engine.nodes.ColumnRef;
import org.tusk.engine.nodes.DeleteStmt;
import org.tusk.engine.nodes.DropStmt;
import org.tusk.engine.nodes.InsertStmt;
import org.tusk.engine.nodes.RangeVar;
import org.tusk.engine.nodes.RawStmt;
import org.tusk.engine.nodes.ResTarget;
import org.tusk.engine.nodes.RuleStmt;
import org.tusk.engine.nodes.UpdateStmt;
import org.tusk.engine.relcache.RelationDesc;
import org.tusk.lmgr.LockMode;

/**
 * CREATE [OR REPLACE] RULE and DROP RULE (rewriteDefine.c's DefineQueryRewrite,
 * rewriteRemove.c): a pg_rewrite row per rule whose ev_qual and ev_action hold
 * the condition and the actions as SQL text ("<>" for no condition; the actions
 * joined by "; ", empty for NOTHING; the rewriter parses them when a
 * command on the relation fires the rule; see rewrite/README.md), an auto
 * dependency on the relation, pg_class.relhasrules.
 */
public final class RuleCommands {

    private RuleCommands() {
    }

    public static String define(DdlContext ctx, RuleStmt stmt) {
        RangeVar rv = stmt.relation();
        RelationDesc rel = ctx.relcache().open(rv.schemaname(), rv.relname(), ctx.searchPath(), LockMode.ACCESS_EXCLUSIVE,
                rv.location() + 1);
        if (rel.kind() != 'r' && rel.kind() != 'p' && rel.kind() != 'v') {
            throw Ereport.error(DdlStates.WRONG_OBJECT_TYPE, "relation \"" + rel.name() + "\" cannot have rules")
                    .withDetail("This operation is not supported for " + (rel.kind() == 'S' ? "sequences"
                            : rel.kind() == 'i' ? "indexes" : "this kind of relation") + ".");
        }
        if (rel.isSystemCatalog()) {
            throw Ereport.error(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied: \"" + rel.name()
                    + "\" is a system catalog");
        }
        if (stmt.event() == '1') {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "ON SELECT rules are not supported yet");
        }
        checkReturning(ctx, stmt, rel);
        Catalog rw = SystemCatalogs.require(SystemCatalogs.PG_REWRITE);
        int evClass = rw.columnIndex("ev_class");
        int rulename = rw.columnIndex("rulename");
        long relOid = rel.oid();
        List<CatalogTuple> existing = ctx.rows(SystemCatalogs.PG_REWRITE,
                r -> r[evClass] instanceof Long l && l == relOid && stmt.rulename().equals(r[rulename]));
        String qual = stmt.whereText() == null ? "<>" : stmt.whereText();
        String action = String.join("; ", stmt.actionTexts());
        if (!existing.isEmpty()) {
            if (!stmt.replace()) {
                throw Ereport.error(SqlState.DUPLICATE_OBJECT, "rule \"" + stmt.rulename() + "\" for relation \""
                        + rel.name() + "\" already exists");
            }
            CatalogTuple t = existing.get(0);
            Object[] row = t.values().clone();
            row[rw.columnIndex("ev_type")] = String.valueOf(stmt.event());
            row[rw.columnIndex("is_instead")] = stmt.instead();
            row[rw.columnIndex("ev_qual")] = qual;
            row[rw.columnIndex("ev_action")] = action;
            ctx.access().update(SystemCatalogs.PG_REWRITE, t.tid(), row);
        } else {
            long ruleOid = ctx.newOid();
            Map<String, Object> rule = new HashMap<>();
            rule.put("oid", ruleOid);
            rule.put("rulename", stmt.rulename());
            rule.put("ev_class", relOid);
            rule.put("ev_type", String.valueOf(stmt.event()));
            rule.put("ev_enabled", "O");
            rule.put("is_instead", stmt.instead());
            rule.put("ev_qual", qual);
            rule.put("ev_action", action);
            ctx.insert(SystemCatalogs.PG_REWRITE, rule);
            CreateTable.recordDependency(ctx, SystemCatalogs.PG_REWRITE, ruleOid, 0, SystemCatalogs.PG_CLASS, relOid, 0,
                    "a");
            CreateTable.updateClass(ctx, rel.oid(), "relhasrules", true);
        }
        ctx.commandCounterIncrement();
        ctx.relcache().invalidate(rel.oid());
        return "CREATE RULE";
    }

    /**
     * checkRuleResultList's count check: an INSTEAD rule's RETURNING list on a view must
     * produce the view's columns; RETURNING is only for unconditional INSTEAD rules.
     */
    private static void checkReturning(DdlContext ctx, RuleStmt stmt, RelationDesc rel) {
        for (RawStmt action : stmt.actions()) {
            List<ResTarget> ret = action instanceof InsertStmt i ? i.returningList()
                    : action instanceof UpdateStmt u ? u.returningList()
                    : action instanceof DeleteStmt d ? d.returningList() : null;
            if (ret == null || ret.isEmpty()) {
                continue;
            }
            if (stmt.whereClause() != null) {
                throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "RETURNING lists are not supported in conditional rules");
            }
            if (!stmt.instead()) {
                throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "RETURNING lists are not supported in non-INSTEAD rules");
            }
            RangeVar target = action instanceof InsertStmt i ? i.relation() : action instanceof UpdateStmt u
                    ? u.relation() : ((DeleteStmt) action).relation();
            int count = 0;
            for (ResTarget t : ret) {
                if (t.val() instanceof ColumnRef c && c.star()) {
                    RelationDesc tr = ctx.relcache().open(target.schemaname(), target.relname(), ctx.searchPath(),
                            LockMode.ACCESS_SHARE, target.location() + 1);
                    count += tr.liveAttributes().size();
                } else {
                    count++;
                }
            }
            int natts = rel.liveAttributes().size();
            if (count > natts) {
                throw Ereport.error("42P17", "RETURNING list has too many entries");
            }
            if (count < natts) {
                throw Ereport.error("42P17", "RETURNING list has too few entries");
            }
        }
    }

    /** DROP RULE [IF EXISTS] name ON relation. */
    public static String drop(DdlContext ctx, DropStmt stmt) {
        for (Object o : stmt.objects()) {
            AnyName name = (AnyName) o;
            List<String> n = name.names();
            String ruleName = n.get(n.size() - 1);
            String relName = n.get(n.size() - 2);
            String schema = n.size() > 2 ? n.get(n.size() - 3) : null;
            if (schema != null && ctx.relcache().namespaceOid(schema) == null) {
                if (stmt.missingOk()) {
                    ctx.notice(Naming.skippingNotice(SqlState.SUCCESSFUL_COMPLETION,
                            "schema \"" + schema + "\" does not exist, skipping"));
                    continue;
                }
                throw Ereport.error(SqlState.INVALID_SCHEMA_NAME, "schema \"" + schema + "\" does not exist");
            }
            Integer relOid = ctx.relcache().relationOid(schema, relName, ctx.searchPath());
            if (relOid == null) {
                String shown = schema == null ? relName : schema + "." + relName;
                if (stmt.missingOk()) {
                    ctx.notice(Naming.skippingNotice(SqlState.SUCCESSFUL_COMPLETION,
                            "relation \"" + shown + "\" does not exist, skipping"));
                    continue;
                }
                throw Ereport.error(DdlStates.UNDEFINED_TABLE, "relation \"" + shown + "\" does not exist");
            }
            RelationDesc rel = ctx.relcache().open(relOid, LockMode.ACCESS_EXCLUSIVE);
            Catalog rw = SystemCatalogs.require(SystemCatalogs.PG_REWRITE);
            int evClass = rw.columnIndex("ev_class");
            int rulename = rw.columnIndex("rulename");
            long rel64 = relOid;
            List<CatalogTuple> hits = ctx.rows(SystemCatalogs.PG_REWRITE,
                    r -> r[evClass] instanceof Long l && l == rel64 && ruleName.equals(r[rulename]));
            if (hits.isEmpty()) {
                String msg = "rule \"" + ruleName + "\" for relation \"" + rel.name() + "\" does not exist";
                if (stmt.missingOk()) {
                    ctx.notice(Naming.skippingNotice(SqlState.SUCCESSFUL_COMPLETION, msg + ", skipping"));
                    continue;
                }
                throw Ereport.error(SqlState.UNDEFINED_OBJECT, msg);
            }
            if (ruleName.equals("_RETURN") && rel.kind() == 'v') {
                throw Ereport.error(DdlStates.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop rule _RETURN on view "
                        + rel.name() + " because view " + rel.name() + " requires it")
                        .withHint("You can drop view " + rel.name() + " instead.");
            }
            long ruleOid = (Long) hits.get(0).get(rw, "oid");
            ctx.deleteWhere(SystemCatalogs.PG_REWRITE, r -> Long.valueOf(ruleOid).equals(r[rw.columnIndex("oid")]));
            Catalog dep = SystemCatalogs.require(SystemCatalogs.PG_DEPEND);
            int cls = dep.columnIndex("classid");
            int obj = dep.columnIndex("objid");
            ctx.deleteWhere(SystemCatalogs.PG_DEPEND, r -> (Long) r[cls] == SystemCatalogs.PG_REWRITE
                    && (Long) r[obj] == ruleOid);
            ctx.commandCounterIncrement();
            ctx.relcache().invalidate(relOid);
        }
        return "DROP RULE";
    }
}
