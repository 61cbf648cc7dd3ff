package org.tusk.engine.acl;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.tusk.api.auth.RoleMembership;
import org.tusk.api.auth.RoleRecord;
import org.tusk.api.auth.RoleStore;

/**
 * Role membership as the privilege checks see it (PostgreSQL's acl.c
 * roles_is_member_of): {@link #hasPrivsOfRole} follows memberships only out
 * of roles with INHERIT, {@link #isMemberOfRole} follows all of them, and a
 * superuser has the privileges of, and is a member of, every role. A snapshot
 * of the store taken at construction.
 */
public final class RoleGraph {
    private final Map<Long, RoleRecord> roles = new HashMap<>();
    private final Map<Long, List<RoleMembership>> byMember = new HashMap<>();

    public RoleGraph(List<RoleRecord> roles, List<RoleMembership> memberships) {
        for (RoleRecord r : roles) {
            this.roles.put(r.oid(), r);
        }
        for (RoleMembership m : memberships) {
            byMember.computeIfAbsent(m.member(), k -> new ArrayList<>()).add(m);
        }
    }

    public static RoleGraph of(RoleStore store) {
        return new RoleGraph(store.roles(), store.memberships());
    }

    public RoleRecord role(long oid) {
        return roles.get(oid);
    }

    public boolean superuser(long oid) {
        RoleRecord r = roles.get(oid);
        return r != null && r.superuser();
    }

    /** has_privs_of_role: the member may use the role's privileges (itself, superuser, or via INHERIT chains). */
    public boolean hasPrivsOfRole(long member, long role) {
        if (member == role || superuser(member)) {
            return true;
        }
        return rolesOf(member, true).contains(role);
    }

    /** is_member_of_role: membership through any chain, whatever INHERIT says (SET ROLE may switch to it). */
    public boolean isMemberOfRole(long member, long role) {
        if (member == role || superuser(member)) {
            return true;
        }
        return rolesOf(member, false).contains(role);
    }

    /** is_member_of_role_nosuper: as above, but a superuser is a member only of what it was granted. */
    public boolean isMemberOfRoleNoSuper(long member, long role) {
        return member == role || rolesOf(member, false).contains(role);
    }

    /**
     * is_admin_of_role: the member may grant and revoke membership in the role: a
     * superuser, or a member holding ADMIN OPTION on it directly or through a role it is a member of.
     */
    public boolean isAdminOfRole(long member, long role) {
        if (superuser(member)) {
            return true;
        }
        for (long r : rolesOfIncludingSelf(member, false)) {
            for (RoleMembership m : byMember.getOrDefault(r, List.of())) {
                if (m.role() == role && m.adminOption()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The roles {@code member} has the privileges of (with INHERIT) or belongs to (all), itself first. */
    public Set<Long> rolesOfIncludingSelf(long member, boolean inheritOnly) {
        Set<Long> out = new LinkedHashSet<>();
        out.add(member);
        out.addAll(rolesOf(member, inheritOnly));
        return out;
    }

    private Set<Long> rolesOf(long member, boolean inheritOnly) {
        Set<Long> seen = new LinkedHashSet<>();
        Deque<Long> todo = new ArrayDeque<>();
        todo.add(member);
        while (!todo.isEmpty()) {
            long m = todo.poll();
            if (inheritOnly) {
                RoleRecord r = roles.get(m);
                if (r != null && !r.inherit()) {
                    continue; // a NOINHERIT role does not pass on the privileges of its roles
                }
            }
            for (RoleMembership rm : byMember.getOrDefault(m, List.of())) {
                if (rm.role() != member && seen.add(rm.role())) {
                    todo.add(rm.role());
                }
            }
        }
        return seen;
    }
}
