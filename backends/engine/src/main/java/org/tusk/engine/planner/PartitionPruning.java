package org.tusk.engine.planner;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.tusk.engine.analyze.RangeTblEntry;
import org.tusk.engine.expr.ConstExpr;
import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.expr.Expr;
import org.tusk.engine.expr.FuncExpr;
import org.tusk.engine.expr.RowConstructExpr;
import org.tusk.engine.expr.VarExpr;
import org.tusk.engine.executor.scan.InheritanceRelation;
import org.tusk.engine.executor.scan.StorageBaseRelation;
import org.tusk.engine.types.RecordValue;

/**
 * Plan-time partition pruning (partprune.c's job for the simplest clauses): when a partitioned
 * table's restriction clauses fix columns to constants ({@code col = const}, or a row of columns
 * equal to a constant row, as {@code ROW(a, b)::t = '(1,2)'::t} or a whole-row reference), only the
 * leaf partitions whose bounds accept rows with those values are scanned
 * ({@code ModifyAnalyzer.leavesFor} evaluates each level's bound). Other clauses prune nothing.
 * A scan that is a DML or row-locking target is not pruned here.
 */
final class PartitionPruning {

    private PartitionPruning() {
    }

    /** The relation {@code rte} scans after pruning by {@code quals}; null when nothing is pruned. */
    static InheritanceRelation prune(RangeTblEntry rte, InheritanceRelation inh, List<Expr> quals, EvalContext ctx) {
        if (inh.parent().desc().kind() != 'p' || inh.members().isEmpty() || quals.isEmpty()) {
            return null;
        }
        Map<String, Object> fixed = new HashMap<>();
        for (Expr q : quals) {
            equalities(rte, q, fixed);
        }
        if (fixed.isEmpty()) {
            return null;
        }
        var analyzer = new org.tusk.engine.analyze.ModifyAnalyzer(inh.parent().session(), null,
                inh.parent().session().typeContext());
        Set<Long> leaves = analyzer.leavesFor(inh.parent().desc(), fixed, ctx);
        List<StorageBaseRelation> kept = new ArrayList<>();
        for (StorageBaseRelation m : inh.members()) {
            if (leaves.contains(m.oid())) {
                kept.add(m);
            }
        }
        if (kept.size() == inh.members().size()) {
            return null;
        }
        return new InheritanceRelation(inh.parent(), kept);
    }

    /** Records in {@code fixed} the columns of {@code rte} that {@code qual} sets equal to a constant. */
    private static void equalities(RangeTblEntry rte, Expr qual, Map<String, Object> fixed) {
        if (!(qual instanceof FuncExpr f) || !"=".equals(f.name()) || f.args().size() != 2) {
            return;
        }
        Expr l = f.args().get(0);
        Expr r = f.args().get(1);
        if (l instanceof ConstExpr) {
            Expr t = l;
            l = r;
            r = t;
        }
        if (!(r instanceof ConstExpr c) || c.value() == null) {
            return;
        }
        if (l instanceof VarExpr v) {
            fix(rte, v, c.type() == v.type() ? c.value() : null, fixed);
        } else if (l instanceof RowConstructExpr row && c.value() instanceof RecordValue rv
                && rv.fields().length == row.args().size()) {
            for (int i = 0; i < row.args().size(); i++) {
                if (row.args().get(i) instanceof VarExpr v) {
                    fix(rte, v, rv.fields()[i], fixed);
                }
            }
        }
    }

    private static void fix(RangeTblEntry rte, VarExpr v, Object value, Map<String, Object> fixed) {
        int i = v.attno() - rte.offset;
        if (value == null || i < 0 || i >= rte.columns.size()) {
            return;
        }
        fixed.putIfAbsent(rte.columns.get(i).name(), value);
    }
}
