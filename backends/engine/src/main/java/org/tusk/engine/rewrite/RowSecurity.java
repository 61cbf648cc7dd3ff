package org.tusk.engine.rewrite;

import java.util.ArrayList;
import java.util.List;

import org.tusk.api.error.PgException;
import org.tusk.api.error.SqlState;
import org.tusk.engine.acl.PrivilegeSession;
import org.tusk.engine.acl.RoleGraph;
import org.tusk.engine.relcache.RelationDesc;
import org.tusk.engine.relcache.RowSecurityDesc;
import org.tusk.engine.storage.StorageSession;

/**
 * Row-level security as rowsecurity.c applies it to one relation of a query: whether the
 * policies apply to the current user at all (check_enable_rls: not for superusers, roles with
 * BYPASSRLS, or the owner unless FORCE ROW LEVEL SECURITY; with row_security off a query they
 * would affect is 42501), the policies for a command and role (get_policies_for_relation:
 * FOR ALL or the command, TO PUBLIC or a role whose privileges the user has), the security
 * quals that restrict which existing rows are seen (add_security_quals: each restrictive
 * policy's USING, then the permissive ones' USING ORed; no permissive policy = false), and
 * the WITH CHECK options new rows must pass (add_with_check_options: the permissive ones'
 * WITH CHECK, or USING without one, ORed as one check without a name, then each restrictive
 * one under its policy's name; no permissive policy = an always-false check).
 *
 * <p>Policy expressions are SQL text over the relation's columns (pg_policy as
 * {@link org.tusk.engine.commands.PolicyCommands} writes it); callers analyze them against the
 * relation named by its own name.
 */
public final class RowSecurity {

    /** polcmd letters. */
    public static final char SELECT = 'r';
    public static final char INSERT = 'a';
    public static final char UPDATE = 'w';
    public static final char DELETE = 'd';

    /** One WithCheckOption: {@code policyName} null for the permissive policies' combination. */
    public record Check(String policyName, String relationName, String qual) {
    }

    private final RowSecurityDesc desc;
    private final String relationName;
    private final long user;
    private final RoleGraph roles;

    private RowSecurity(RowSecurityDesc desc, String relationName, long user, RoleGraph roles) {
        this.desc = desc;
        this.relationName = relationName;
        this.user = user;
        this.roles = roles;
    }

    /** check_enable_rls for {@code rel} and the session's current user: the policies to apply, or null for none. */
    public static RowSecurity forRelation(StorageSession session, RelationDesc rel) {
        if (session.storage() == null || !(session instanceof PrivilegeSession ps) || ps.roleStore() == null
                || (rel.kind() != 'r' && rel.kind() != 'p')) {
            return null;
        }
        RowSecurityDesc desc = session.relcache().rowSecurity(rel.oid());
        if (!desc.enabled()) {
            return null;
        }
        RoleGraph graph = RoleGraph.of(ps.roleStore());
        long user = ps.currentUserOid();
        var role = graph.role(user);
        if (graph.superuser(user) || role != null && role.bypassRls()) {
            return null;                                // has_bypassrls_privilege
        }
        boolean owner = graph.hasPrivsOfRole(user, desc.owner());
        if (owner && !desc.forced()) {
            return null;
        }
        if (session instanceof org.tusk.api.engine.EngineSession es && "off".equals(es.setting("row_security"))) {
            PgException e = PgException.error(SqlState.INSUFFICIENT_PRIVILEGE,
                    "query would be affected by row-level security policy for table \"" + rel.name() + "\"");
            throw owner ? e.withHint("To disable the policy for the table's owner, use ALTER TABLE NO FORCE ROW"
                    + " LEVEL SECURITY.") : e;
        }
        return new RowSecurity(desc, rel.name(), user, graph);
    }

    /** get_policies_for_relation: the policies for {@code cmd} that name the user, permissive or restrictive. */
    private List<RowSecurityDesc.Policy> policies(char cmd, boolean permissive) {
        List<RowSecurityDesc.Policy> out = new ArrayList<>();
        for (RowSecurityDesc.Policy p : desc.policies()) {
            if (p.permissive() == permissive && p.appliesTo(cmd) && forUser(p)) {
                out.add(p);
            }
        }
        return out;
    }

    private boolean forUser(RowSecurityDesc.Policy p) {
        for (long r : p.roles()) {
            if (r == 0 || roles.hasPrivsOfRole(user, r)) {
                return true;
            }
        }
        return false;
    }

    /** add_security_quals for {@code cmd}: the conditions (SQL text) every existing row read must meet. */
    public List<String> securityQuals(char cmd) {
        List<String> permissive = new ArrayList<>();
        for (RowSecurityDesc.Policy p : policies(cmd, true)) {
            if (p.qual() != null) {
                permissive.add(p.qual());
            }
        }
        List<String> out = new ArrayList<>();
        if (permissive.isEmpty()) {
            out.add("false");
            return out;
        }
        for (RowSecurityDesc.Policy p : policies(cmd, false)) {
            if (p.qual() != null) {
                out.add(p.qual());
            }
        }
        out.add(orOf(permissive));
        return out;
    }

    /**
     * add_with_check_options for {@code cmd}: what every new row must satisfy; {@code forceUsing} takes
     * the USING expressions (SELECT policies checked on rows an INSERT or UPDATE returns).
     */
    public List<Check> withCheckOptions(char cmd, boolean forceUsing) {
        List<String> permissive = new ArrayList<>();
        for (RowSecurityDesc.Policy p : policies(cmd, true)) {
            String q = checkQual(p, forceUsing);
            if (q != null) {
                permissive.add(q);
            }
        }
        List<Check> out = new ArrayList<>();
        if (permissive.isEmpty()) {
            out.add(new Check(null, relationName, "false"));
            return out;
        }
        out.add(new Check(null, relationName, orOf(permissive)));
        for (RowSecurityDesc.Policy p : policies(cmd, false)) {
            String q = checkQual(p, forceUsing);
            if (q != null) {
                out.add(new Check(p.name(), relationName, q));
            }
        }
        return out;
    }

    private static String checkQual(RowSecurityDesc.Policy p, boolean forceUsing) {
        return forceUsing ? p.qual() : p.withCheck() != null ? p.withCheck() : p.qual();
    }

    private static String orOf(List<String> quals) {
        if (quals.size() == 1) {
            return quals.get(0);
        }
        StringBuilder sb = new StringBuilder();
        for (String q : quals) {
            sb.append(sb.length() == 0 ? "(" : " OR (").append(q).append(')');
        }
        return sb.toString();
    }
}
