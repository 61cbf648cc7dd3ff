package org.tusk.engine.analyze;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.tusk.engine.expr.Expr;
import org.tusk.engine.expr.VarExpr;
import org.tusk.engine.planner.MultiAssignSubPlan;
import org.tusk.engine.planner.SubLinkExpr;
import org.tusk.engine.types.PgType;

/**
 * The target list of an UPDATE's or DELETE's plan as PostgreSQL 15 builds it and EXPLAIN
 * VERBOSE prints it ("Output: (t.a + 1), $0, t.ctid"): the new values of the assigned columns
 * in column order (preprocess_targetlist after the rewriter sorted them), then the junk
 * MULTIEXPR SubPlans of {@code SET (a, b) = (SELECT ...)}, then the row's ctid. Tusk's
 * source plan returns whole rows and computes the values in the ModifyTable step, so EXPLAIN
 * describes this list instead.
 */
final class ExplainedTargets {

    private ExplainedTargets() {
    }

    /** The list for an UPDATE ({@code set} per live column, {@code assigned} indexes) or, with {@code set} null, a DELETE. */
    static List<Expr> of(Expr[] set, Set<Integer> assigned, RangeTblEntry target) {
        List<Expr> out = new ArrayList<>();
        List<MultiAssignSubPlan> groups = new ArrayList<>();
        if (set != null) {
            for (int i = 0; i < set.length; i++) {
                if (assigned.contains(i)) {
                    out.add(set[i]);
                    collectGroups(set[i], groups);
                }
            }
        }
        out.addAll(groups);
        int slot = target.systemColumn >= 0 ? target.offset + target.systemColumn : target.offset;
        out.add(new VarExpr(slot, PgType.TID, -1, target.refname, "ctid"));
        return out;
    }

    /** Marks the per-column scalar subqueries of one {@code SET (a, b) = (SELECT ...)} as one group. */
    static void groupMultiAssignment(Expr[] columns) {
        List<SubLinkExpr> links = new ArrayList<>();
        for (Expr e : columns) {
            if (!(e instanceof SubLinkExpr s)) {
                return;
            }
            links.add(s);
        }
        MultiAssignSubPlan group = new MultiAssignSubPlan(links);
        for (SubLinkExpr s : links) {
            s.belongsTo(group);
        }
    }

    private static void collectGroups(Expr e, List<MultiAssignSubPlan> groups) {
        if (e instanceof SubLinkExpr s && s.multiAssignment() != null) {
            if (!groups.contains(s.multiAssignment())) {
                groups.add(s.multiAssignment());
            }
            return;
        }
        for (Expr c : e.children()) {
            collectGroups(c, groups);
        }
    }
}
