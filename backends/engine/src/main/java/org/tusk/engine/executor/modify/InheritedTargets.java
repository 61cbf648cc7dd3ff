package org.tusk.engine.executor.modify;

import java.util.HashMap;
import java.util.Map;

import org.tusk.api.storage.TupleId;
import org.tusk.engine.expr.EvalContext;

/**
 * The result relations of an UPDATE or DELETE through an inheritance parent or a
 * partitioned table (the per-member ResultRelInfos of nodeModifyTable.c): the
 * source rows come from an Append over the members in the parent's column order,
 * each ending in its member's OID (the tableoid slot), which picks the member's
 * {@link TableModifier}; rows are converted between the parent's and the member's
 * column order by name, a member's own extra columns keeping their stored values.
 *
 * <p>Row movement (ExecCrossPartitionUpdate): when the target is partitioned and an
 * updated row no longer satisfies its partition's constraint, the old version is
 * deleted and the new row inserted through the target, which must accept it (its
 * own partition constraint when it is a partition itself: 23514 "violates partition
 * constraint") and routes it (23514 "no partition of relation ... found for row").
 */
public final class InheritedTargets {

    /**
     * One member: its OID and modifier; for each of its live columns the parent's column
     * that fills it (-1: its own); for each parent column its position in the member.
     */
    public record Member(long oid, TableModifier modifier, int[] fromParent, int[] toParent) {

        boolean identity() {
            if (fromParent.length != toParent.length) {
                return false;
            }
            for (int i = 0; i < fromParent.length; i++) {
                if (fromParent[i] != i) {
                    return false;
                }
            }
            return true;
        }
    }

    private final Map<Long, Member> members = new HashMap<>();
    private final TableModifier root;
    private final PartitionRouter router;
    private final EvalContext ctx;

    /**
     * @param root   the target itself (its own partition constraint checked on moved rows), null
     *               when rows cannot move (the target is not partitioned)
     * @param router the target's tuple routing, null with {@code root}
     */
    public InheritedTargets(Iterable<Member> members, TableModifier root, PartitionRouter router, EvalContext ctx) {
        for (Member m : members) {
            this.members.put(m.oid(), m);
        }
        this.root = root;
        this.router = router;
        if (root != null && router != null) {
            root.routeThrough(router);                 // moved rows are inserted through the target
        }
        this.ctx = ctx;
    }

    /** The members' queued AFTER ROW events (and the moved rows' partitions'), fired at the end of the statement. */
    public void fireAfter() {
        for (Member m : members.values()) {
            if (m.modifier().routedTriggers() != null) {
                m.modifier().routedTriggers().fireAfter();
            }
        }
        if (router != null) {
            router.fireAfter();
        }
    }

    /** The member a source row came from, by its tableoid slot. */
    public Member member(Object tableoid) {
        Member m = members.get(((Number) tableoid).longValue());
        if (m == null) {
            throw new IllegalStateException("no result relation for table " + tableoid);
        }
        return m;
    }

    /** The member's new version: the parent's new values, its own extra columns as version {@code tid} has them. */
    public Object[] toMember(Member m, Object[] parentRow, TupleId tid) {
        if (m.identity()) {
            return parentRow;
        }
        Object[] old = null;
        int[] from = m.fromParent();
        Object[] out = new Object[from.length];
        for (int j = 0; j < from.length; j++) {
            if (from[j] >= 0) {
                out[j] = parentRow[from[j]];
            } else {
                if (old == null) {
                    old = m.modifier().fetchLocked(tid);
                }
                out[j] = old == null ? null : old[j];
            }
        }
        return out;
    }

    /** A member's row in the parent's column order. */
    public Object[] toParent(Member m, Object[] memberRow) {
        if (m.identity()) {
            return memberRow;
        }
        int[] to = m.toParent();
        Object[] out = new Object[to.length];
        for (int i = 0; i < to.length; i++) {
            out[i] = to[i] < 0 ? null : memberRow[to[i]];
        }
        return out;
    }

    /** Whether the updated row must move to another partition. */
    public boolean mustMove(Member m, Object[] memberRow) {
        return root != null && !m.modifier().satisfiesPartitionConstraint(memberRow);
    }

    /**
     * The moved row as it was stored (the destination partition's BEFORE ROW triggers may have changed it),
     * in the parent's column order: what transition tables and RETURNING see.
     */
    public Object[] lastMovedRow(Object[] fallback) {
        Object[] r = root.lastRoutedRow();
        return r != null ? r : fallback;
    }

    /** Whether the last moved row was converted to its new partition's layout (else RETURNING has no system columns). */
    public boolean lastMoveConverted() {
        return root.lastRoutedConverted();
    }

    /** Inserts a moved row (parent column order) through the target; returns the partition's OID. */
    public long insertMoved(Object[] parentRow) {
        root.checkViewOptions(parentRow);
        root.insert(parentRow);
        return root.lastRoutedRelid();
    }
}
