package org.tusk.engine.commands.role;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.tusk.api.auth.RoleMembership;
import org.tusk.api.auth.RoleRecord;
import org.tusk.api.auth.RoleStore;

/**
 * A role store whose changes are undone when the transaction (or the subtransaction) that
 * made them aborts, as PostgreSQL's CREATE/ALTER/DROP ROLE and GRANT role are transactional.
 *
 * <p>The store underneath (the file store) applies a change at once and cannot roll back, so
 * every change here pushes its inverse on an undo stack and registers, through
 * {@code onAbort}, an action that runs the inverses from the top of the stack down to its own
 * entry. The transaction runs a level's abort actions in registration order: the first one
 * unwinds everything the level did, newest first, and the later ones find nothing left; a
 * rolled-back savepoint unwinds only what was done after it. {@code onCommit} forgets the stack.
 * Other sessions see a change before it commits (the store has no snapshots).
 */
public final class TransactionalRoleStore implements RoleStore {
    private final RoleStore store;
    private final Consumer<Runnable> onAbort;
    private final Consumer<Runnable> onCommit;
    private final List<Runnable> undo = new ArrayList<>();

    /**
     * @param onAbort  registers an action for the abort of the current (sub)transaction
     * @param onCommit registers an action for the commit of the top transaction
     */
    public TransactionalRoleStore(RoleStore store, Consumer<Runnable> onAbort, Consumer<Runnable> onCommit) {
        this.store = store;
        this.onAbort = onAbort;
        this.onCommit = onCommit;
    }

    /** The store whose changes this one undoes. */
    public RoleStore underlying() {
        return store;
    }

    private void pushUndo(Runnable inverse) {
        int mark = undo.size();
        if (mark == 0) {
            onCommit.accept(undo::clear);
        }
        undo.add(inverse);
        onAbort.accept(() -> {
            while (undo.size() > mark) {
                undo.remove(undo.size() - 1).run();
            }
        });
    }

    @Override
    public RoleRecord byName(String name) {
        return store.byName(name);
    }

    @Override
    public RoleRecord byOid(long oid) {
        return store.byOid(oid);
    }

    @Override
    public List<RoleRecord> roles() {
        return store.roles();
    }

    @Override
    public List<RoleMembership> memberships() {
        return store.memberships();
    }

    @Override
    public long newOid() {
        return store.newOid();
    }

    @Override
    public void create(RoleRecord role) {
        store.create(role);
        pushUndo(() -> store.drop(role.oid()));
    }

    @Override
    public void update(RoleRecord role) {
        RoleRecord before = store.byOid(role.oid());
        store.update(role);
        if (before != null) {
            pushUndo(() -> store.update(before));
        }
    }

    @Override
    public void drop(long oid) {
        RoleRecord before = store.byOid(oid);
        List<RoleMembership> memberships = new ArrayList<>();
        for (RoleMembership m : store.memberships()) {
            if (m.role() == oid || m.member() == oid) {
                memberships.add(m);
            }
        }
        store.drop(oid);
        if (before != null) {
            pushUndo(() -> {
                store.create(before);
                for (RoleMembership m : memberships) {
                    store.grantMembership(m);
                }
            });
        }
    }

    @Override
    public void grantMembership(RoleMembership membership) {
        RoleMembership before = find(membership.role(), membership.member());
        store.grantMembership(membership);
        pushUndo(() -> {
            if (before == null) {
                store.revokeMembership(membership.role(), membership.member());
            } else {
                store.grantMembership(before);
            }
        });
    }

    @Override
    public boolean revokeMembership(long role, long member) {
        RoleMembership before = find(role, member);
        boolean removed = store.revokeMembership(role, member);
        if (removed && before != null) {
            pushUndo(() -> store.grantMembership(before));
        }
        return removed;
    }

    private RoleMembership find(long role, long member) {
        for (RoleMembership m : store.memberships()) {
            if (m.role() == role && m.member() == member) {
                return m;
            }
        }
        return null;
    }
}
