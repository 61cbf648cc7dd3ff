package org.tusk.engine.commands;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.tusk.api.error.SqlState;
import org.tusk.engine.catalog.CatalogAccess.CatalogTuple;
import org.tusk.engine.catalog.SystemCatalogs;
import org.tusk.engine.catalog.SystemCatalogs.Catalog;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.nodes.AlterPolicyStmt;
import org.tusk.engine.nodes.CreatePolicyStmt;
import org.tusk.engine.nodes.RangeVar;
import org.tusk.engine.nodes.RoleSpec;
import org.tusk.engine.relcache.RelationDesc;
import org.tusk.lmgr.LockMode;

/**
 * CREATE POLICY, ALTER POLICY and DROP POLICY (policy.c): one pg_policy row per policy with
 * polcmd ('*' ALL, 'r' SELECT, 'a' INSERT, 'w' UPDATE, 'd' DELETE), polpermissive, polroles
 * ({0} for PUBLIC) and the USING and WITH CHECK expressions as SQL text in polqual and
 * polwithcheck (as pg_rewrite keeps rules; the rewriter parses them, see
 * rewrite/RowSecurity), removed with the table (no pg_depend row yet), and a relcache invalidation so
 * every backend sees the new set. Only the table's owner may change its policies.
 */
public final class PolicyCommands {

    private PolicyCommands() {
    }

    private static RelationDesc openTable(DdlContext ctx, RangeVar rv, Consumer<RelationDesc> ownerCheck) {
        RelationDesc rel = ctx.relcache().open(rv.schemaname(), rv.relname(), ctx.searchPath(),
                LockMode.ACCESS_EXCLUSIVE, rv.location() + 1);
        if (rel.kind() != 'r' && rel.kind() != 'p' && rel.kind() != 'f') {
            throw Ereport.error(DdlStates.WRONG_OBJECT_TYPE, "\"" + rel.name() + "\" is not a table");
        }
        if (rel.isSystemCatalog()) {
            throw Ereport.error(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied: \"" + rel.name()
                    + "\" is a system catalog");
        }
        ownerCheck.accept(rel);
        return rel;
    }

    private static char polcmd(String cmdName) {
        return switch (cmdName) {
            case "select" -> 'r';
            case "insert" -> 'a';
            case "update" -> 'w';
            case "delete" -> 'd';
            default -> '*';
        };
    }

    /** policy_role_list_to_array: the roles' OIDs, {0} for PUBLIC (alone). */
    private static Object[] roleOids(DdlContext ctx, List<RoleSpec> roles) {
        if (roles == null || roles.isEmpty()) {
            return new Object[] {0L};
        }
        List<Object> out = new ArrayList<>();
        for (RoleSpec r : roles) {
            switch (r.roletype()) {
                case PUBLIC -> {
                    if (roles.size() > 1) {
                        ctx.notice(Naming.skippingNotice("01000",
                                "ignoring specified roles other than PUBLIC"));
                    }
                    return new Object[] {0L};
                }
                case CURRENT_ROLE, CURRENT_USER, SESSION_USER -> out.add(ctx.userOid());
                default -> out.add(CatalogNames.roleOid(ctx, r.rolename()));
            }
        }
        return out.toArray();
    }

    private static List<CatalogTuple> find(DdlContext ctx, long relOid, String name) {
        Catalog pol = SystemCatalogs.require(SystemCatalogs.PG_POLICY);
        int relCol = pol.columnIndex("polrelid");
        int nameCol = pol.columnIndex("polname");
        return ctx.rows(SystemCatalogs.PG_POLICY, r -> ((Number) r[relCol]).longValue() == relOid
                && name.equals(String.valueOf(r[nameCol])));
    }

    /** CreatePolicy. */
    public static String create(DdlContext ctx, CreatePolicyStmt stmt, Consumer<RelationDesc> ownerCheck) {
        char cmd = polcmd(stmt.cmdName());
        // policy.c's checks on which expressions each command takes
        if ((cmd == 'r' || cmd == 'd') && stmt.withCheck() != null) {
            throw Ereport.error(SqlState.SYNTAX_ERROR, "WITH CHECK cannot be applied to SELECT or DELETE");
        }
        if (cmd == 'a' && stmt.qual() != null) {
            throw Ereport.error(SqlState.SYNTAX_ERROR, "only WITH CHECK expression allowed for INSERT");
        }
        RelationDesc rel = openTable(ctx, stmt.table(), ownerCheck);
        Object[] roles = roleOids(ctx, stmt.roles());
        if (!find(ctx, rel.oid(), stmt.policyName()).isEmpty()) {
            throw Ereport.error(SqlState.DUPLICATE_OBJECT, "policy \"" + stmt.policyName() + "\" for table \""
                    + rel.name() + "\" already exists");
        }
        long oid = ctx.newOid();
        Map<String, Object> row = new HashMap<>();
        row.put("oid", oid);
        row.put("polname", stmt.policyName());
        row.put("polrelid", (long) rel.oid());
        row.put("polcmd", String.valueOf(cmd));
        row.put("polpermissive", stmt.permissive());
        row.put("polroles", roles);
        row.put("polqual", stmt.qualText());
        row.put("polwithcheck", stmt.withCheckText());
        ctx.insert(SystemCatalogs.PG_POLICY, row);
        // no pg_depend row: the table's deletion removes its policies itself (DropObjects), which keeps
        // pg_depend's physical order, and so the order DROP ... CASCADE reports objects in, unchanged
        ctx.commandCounterIncrement();
        ctx.relcache().invalidate(rel.oid());
        return "CREATE POLICY";
    }

    /** AlterPolicy and rename_policy. */
    public static String alter(DdlContext ctx, AlterPolicyStmt stmt, Consumer<RelationDesc> ownerCheck) {
        RelationDesc rel = openTable(ctx, stmt.table(), ownerCheck);
        List<CatalogTuple> hits = find(ctx, rel.oid(), stmt.policyName());
        if (hits.isEmpty()) {
            throw Ereport.error(SqlState.UNDEFINED_OBJECT, "policy \"" + stmt.policyName() + "\" for table \""
                    + rel.name() + "\" does not exist");
        }
        Catalog pol = SystemCatalogs.require(SystemCatalogs.PG_POLICY);
        CatalogTuple t = hits.get(0);
        Object[] row = t.values().clone();
        if (stmt.newName() != null) {
            if (!find(ctx, rel.oid(), stmt.newName()).isEmpty()) {
                throw Ereport.error(SqlState.DUPLICATE_OBJECT, "policy \"" + stmt.newName() + "\" for table \""
                        + rel.name() + "\" already exists");
            }
            row[pol.columnIndex("polname")] = stmt.newName();
        } else {
            char cmd = String.valueOf(row[pol.columnIndex("polcmd")]).charAt(0);
            if ((cmd == 'r' || cmd == 'd') && stmt.withCheck() != null) {
                throw Ereport.error(SqlState.SYNTAX_ERROR, "only USING expression allowed for SELECT, DELETE");
            }
            if (cmd == 'a' && stmt.qual() != null) {
                throw Ereport.error(SqlState.SYNTAX_ERROR, "only WITH CHECK expression allowed for INSERT");
            }
            if (stmt.roles() != null) {
                row[pol.columnIndex("polroles")] = roleOids(ctx, stmt.roles());
            }
            if (stmt.qualText() != null) {
                row[pol.columnIndex("polqual")] = stmt.qualText();
            }
            if (stmt.withCheckText() != null) {
                row[pol.columnIndex("polwithcheck")] = stmt.withCheckText();
            }
        }
        ctx.access().update(SystemCatalogs.PG_POLICY, t.tid(), row);
        ctx.commandCounterIncrement();
        ctx.relcache().invalidate(rel.oid());
        return stmt.newName() != null ? "ALTER POLICY" : "ALTER POLICY";
    }

    /** RemovePolicyById: the pg_policy row and its dependencies, then a relcache invalidation. */
    static void drop(DdlContext ctx, CatalogTuple policy, int relOid) {
        Catalog pol = SystemCatalogs.require(SystemCatalogs.PG_POLICY);
        long oid = ((Number) policy.get(pol, "oid")).longValue();
        ctx.access().delete(SystemCatalogs.PG_POLICY, policy.tid());
        ctx.commandCounterIncrement();
        ctx.relcache().invalidate(relOid);
    }
}
