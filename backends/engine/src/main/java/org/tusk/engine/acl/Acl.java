package org.tusk.engine.acl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.tusk.api.error.PgException;
import org.tusk.api.error.SqlState;

/**
 * An ACL (aclitem[]): immutable, in PostgreSQL's item order. Holds acl.c's
 * pure logic: acldefault, aclupdate (with the recursive revoke of privileges
 * granted through a lost grant option), aclmask, and the text form.
 */
public final class Acl {
    public enum MaskHow { ALL, ANY }

    public enum DropBehavior { RESTRICT, CASCADE }

    private final List<AclItem> items;

    public Acl(List<AclItem> items) {
        this.items = List.copyOf(items);
    }

    public List<AclItem> items() {
        return items;
    }

    /** acldefault: PUBLIC's default rights first (when any), then the owner's. */
    public static Acl defaultFor(AclObjectKind kind, long owner) {
        List<AclItem> out = new ArrayList<>();
        if (kind.publicDefault != 0) {
            out.add(new AclItem(AclItem.PUBLIC, owner, kind.publicDefault));
        }
        if (kind.ownerDefault != 0) {
            // no grant-option bits: the owner holds them implicitly (see mask)
            out.add(new AclItem(owner, owner, kind.ownerDefault));
        }
        return new Acl(out);
    }

    /** A stored ACL, or acldefault when the column is NULL (as every ExecGrant_* and aclcheck does). */
    public static Acl orDefault(Acl stored, AclObjectKind kind, long owner) {
        return stored != null ? stored : defaultFor(kind, owner);
    }

    /** The array text form, e.g. {@code {=Tc/postgres,postgres=CTc/postgres}}. */
    public String format(AclItem.RoleNames names) {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            String item = items.get(i).format(names);
            // array_out quotes an element holding a double quote, a comma, a brace, a blank or a backslash
            if (item.matches(".*[\",{}\\\\\\s].*")) {
                b.append('"').append(item.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            } else {
                b.append(item);
            }
        }
        return b.append('}').toString();
    }

    /**
     * aclupdate: adds (grant) or removes (revoke) {@code mod}'s bits on the item
     * with the same grantee and grantor. Losing grant options revokes what the
     * grantee granted with them (CASCADE) or fails with 2BP01 (RESTRICT). Items
     * left without any privilege disappear.
     */
    public Acl update(AclItem mod, boolean grant, long owner, DropBehavior behavior, RoleGraph roles) {
        List<AclItem> list = new ArrayList<>(items);
        int dst = -1;
        for (int i = 0; i < list.size(); i++) {
            AclItem it = list.get(i);
            if (it.grantee() == mod.grantee() && it.grantor() == mod.grantor()) {
                dst = i;
                break;
            }
        }
        if (dst < 0) {
            if (!grant) {
                return this; // nothing to take away
            }
            list.add(new AclItem(mod.grantee(), mod.grantor(), 0));
            dst = list.size() - 1;
        }
        AclItem old = list.get(dst);
        int newBits = grant ? old.bits() | mod.bits() : old.bits() & ~mod.bits();
        list.set(dst, old.withBits(newBits));
        int lostOptions = old.grantOptions() & ~AclMode.optionsToPrivileges(newBits);
        if (newBits == 0) {
            list.remove(dst);
        }
        Acl result = new Acl(list);
        if (lostOptions != 0) {
            result = result.recursiveRevoke(mod.grantee(), lostOptions, owner, behavior, roles);
        }
        return result;
    }

    private Acl recursiveRevoke(long grantee, int revokePrivileges, long owner, DropBehavior behavior, RoleGraph roles) {
        if (grantee == owner) {
            return this; // the owner always has all grant options, so nothing it granted becomes orphaned
        }
        // The grantee may still hold some of these grant options from another grantor.
        int stillHeld = AclMode.optionsToPrivileges(mask(grantee, owner, AclMode.grantOptionFor(revokePrivileges), MaskHow.ALL, roles));
        revokePrivileges &= ~stillHeld;
        if (revokePrivileges == 0) {
            return this;
        }
        Acl acl = this;
        boolean again = true;
        while (again) {
            again = false;
            for (AclItem it : acl.items) {
                if (it.grantor() == grantee && (it.privileges() & revokePrivileges) != 0) {
                    if (behavior == DropBehavior.RESTRICT) {
                        throw new PgException(org.tusk.api.error.Severity.ERROR,
                                SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "dependent privileges exist", null,
                                "Use CASCADE to revoke them too.", 0, null);
                    }
                    AclItem mod = new AclItem(it.grantee(), grantee, revokePrivileges | AclMode.grantOptionFor(revokePrivileges));
                    acl = acl.update(mod, false, owner, behavior, roles);
                    again = true;
                    break;
                }
            }
        }
        return acl;
    }

    /**
     * aclmask: the bits of {@code mask} that {@code role} holds: through the owner's
     * implicit grant options, items for PUBLIC or the role itself, then items for
     * roles whose privileges it has.
     */
    public int mask(long role, long owner, int mask, MaskHow how, RoleGraph roles) {
        int result = 0;
        int allGoptions = AclMode.grantOptionFor(0xffff);
        if ((mask & allGoptions) != 0 && roles.hasPrivsOfRole(role, owner)) {
            result = mask & allGoptions;
            if (done(result, mask, how)) {
                return result;
            }
        }
        for (AclItem it : items) {
            if (it.grantee() == AclItem.PUBLIC || it.grantee() == role) {
                result |= it.bits() & mask;
                if (done(result, mask, how)) {
                    return result;
                }
            }
        }
        int remaining = mask & ~result;
        for (AclItem it : items) {
            if (it.grantee() == AclItem.PUBLIC || it.grantee() == role) {
                continue;
            }
            if ((it.bits() & remaining) != 0 && roles.hasPrivsOfRole(role, it.grantee())) {
                result |= it.bits() & mask;
                if (done(result, mask, how)) {
                    return result;
                }
                remaining = mask & ~result;
            }
        }
        return result;
    }

    private static boolean done(int result, int mask, MaskHow how) {
        return how == MaskHow.ALL ? result == mask : result != 0;
    }

    /** The OIDs this ACL mentions as grantee or grantor, for dependency checks (DROP ROLE). */
    public List<Long> roleOids() {
        List<Long> out = new ArrayList<>();
        for (AclItem it : items) {
            if (it.grantee() != AclItem.PUBLIC && !out.contains(it.grantee())) {
                out.add(it.grantee());
            }
            if (!out.contains(it.grantor())) {
                out.add(it.grantor());
            }
        }
        return Collections.unmodifiableList(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Acl a && a.items.equals(items);
    }

    @Override
    public int hashCode() {
        return items.hashCode();
    }

    @Override
    public String toString() {
        return items.toString();
    }
}
