package org.tusk.engine.acl;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.tusk.api.error.PgException;
import org.tusk.api.error.Severity;
import org.tusk.api.error.SqlState;

/**
 * GRANT and REVOKE of object privileges on one object (aclchk.c's
 * ExecGrant_* body): picks the grantor (select_best_grantor), cuts the request
 * to what that grantor may pass on with warnings or a 42501
 * (restrict_and_check_grant), and merges the change into the ACL
 * (merge_acl_with_grant). The caller looks the object up, calls {@link #apply}
 * and stores the result.
 *
 * @param privileges  the requested bits; {@code allPrivileges} for GRANT ALL
 * @param grantOption WITH GRANT OPTION (GRANT) or GRANT OPTION FOR (REVOKE)
 * @param grantees    role OIDs, {@link AclItem#PUBLIC} for PUBLIC
 */
public record ObjectGrant(boolean isGrant, int privileges, boolean allPrivileges, boolean grantOption,
        List<Long> grantees, Acl.DropBehavior behavior) {

    /**
     * Checks and parses the privilege names of a GRANT/REVOKE for the object kind
     * ("ALL" or an empty list means all): 0LP01 {@code invalid privilege type X for table}.
     */
    public static int privilegeBits(AclObjectKind kind, List<String> names) {
        if (names.isEmpty()) {
            return kind.allRights;
        }
        int bits = 0;
        for (String n : names) {
            int bit = AclMode.fromName(n);
            if (bit < 0) {
                throw PgException.error(SqlState.SYNTAX_ERROR, "unrecognized privilege type \"" + n.toLowerCase() + "\"");
            }
            if ((kind.allRights & bit) == 0) {
                throw PgException.error(SqlState.INVALID_GRANT_OPERATION,
                        "invalid privilege type " + AclMode.name(bit) + " for " + kind.word);
            }
            bits |= bit;
        }
        return bits;
    }

    /**
     * Applies the statement to one object for {@code currentUser}.
     *
     * @param acl      the object's stored ACL, or null (then acldefault)
     * @param warnings receives 01007/01006 warnings for the client
     * @return the new ACL to store
     */
    public Acl apply(PrivilegeCheck checks, long currentUser, AclObjectKind kind, String objectName, long owner, Acl acl,
            Consumer<PgException> warnings) {
        if (isGrant && grantOption && grantees.contains(AclItem.PUBLIC)) {
            throw PgException.error(SqlState.INVALID_GRANT_OPERATION, "grant options can only be granted to roles");
        }
        RoleGraph roles = checks.roles();
        Acl old = Acl.orDefault(acl, kind, owner);
        long[] grantor = new long[1];
        int available = selectBestGrantor(currentUser, privileges, old, owner, roles, grantor);
        int granted = restrictAndCheck(checks, available, kind, objectName, owner, old, grantor[0], warnings);
        Acl result = old;
        for (long grantee : grantees) {
            int privs = (isGrant || !grantOption) ? granted : 0;
            int options = (!isGrant || grantOption) ? granted : 0;
            AclItem mod = new AclItem(grantee, grantor[0], privs | AclMode.grantOptionFor(options));
            result = result.update(mod, isGrant, owner, behavior, roles);
        }
        return result;
    }

    /**
     * select_best_grantor: the owner (for its members and superusers), else the
     * role the user has privileges of that holds the most of the needed grant options.
     * Returns those options; the grantor goes to {@code grantorOut[0]}.
     */
    static int selectBestGrantor(long user, int privileges, Acl acl, long owner, RoleGraph roles, long[] grantorOut) {
        if (user == owner || roles.superuser(user)) {
            grantorOut[0] = owner;
            return privileges;
        }
        int needed = AclMode.grantOptionFor(privileges);
        grantorOut[0] = user;
        int best = 0;
        for (long r : roles.rolesOfIncludingSelf(user, true)) {
            int held = AclMode.optionsToPrivileges(maskDirect(acl, r, owner, needed));
            if (held == privileges) {
                grantorOut[0] = r;
                return held;
            }
            if (Integer.bitCount(held) > Integer.bitCount(best)) {
                grantorOut[0] = r;
                best = held;
            }
        }
        return best;
    }

    /** aclmask_direct with ACLMASK_ALL semantics cut to what the search needs: the owner's options, or items naming the role. */
    private static int maskDirect(Acl acl, long role, long owner, int mask) {
        if (role == owner) {
            return mask;
        }
        int result = 0;
        for (AclItem it : acl.items()) {
            if (it.grantee() == role) {
                result |= it.bits() & mask;
            }
        }
        return result;
    }

    private int restrictAndCheck(PrivilegeCheck checks, int availableOptions, AclObjectKind kind, String objectName,
            long owner, Acl acl, long grantor, Consumer<PgException> warnings) {
        if (availableOptions == 0) {
            int whole = kind.allRights | AclMode.grantOptionFor(kind.allRights);
            if (checks.mask(grantor, kind, owner, acl, whole, Acl.MaskHow.ANY) == 0) {
                throw PrivilegeCheck.permissionDenied(kind, objectName);
            }
        }
        int these = privileges & availableOptions;
        String quoted = "\"" + objectName + "\"";
        if (isGrant) {
            if (these == 0) {
                warn(warnings, SqlState.WARNING_PRIVILEGE_NOT_GRANTED, "no privileges were granted for " + quoted);
            } else if (!allPrivileges && these != privileges) {
                warn(warnings, SqlState.WARNING_PRIVILEGE_NOT_GRANTED, "not all privileges were granted for " + quoted);
            }
        } else {
            if (these == 0) {
                warn(warnings, SqlState.WARNING_PRIVILEGE_NOT_REVOKED, "no privileges could be revoked for " + quoted);
            } else if (!allPrivileges && these != privileges) {
                warn(warnings, SqlState.WARNING_PRIVILEGE_NOT_REVOKED, "not all privileges could be revoked for " + quoted);
            }
        }
        return these;
    }

    private static void warn(Consumer<PgException> warnings, String code, String message) {
        if (warnings != null) {
            warnings.accept(new PgException(Severity.WARNING, code, message, null, null, 0, null));
        }
    }

    /** The grantees' list for a statement naming PUBLIC and roles. */
    public static List<Long> grantees(List<Long> roleOids, boolean includesPublic) {
        List<Long> out = new ArrayList<>();
        if (includesPublic) {
            out.add(AclItem.PUBLIC);
        }
        out.addAll(roleOids);
        return out;
    }
}
