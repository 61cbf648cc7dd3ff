package org.tusk.engine.executor.scan;

import java.util.ArrayList;
import java.util.List;

import org.tusk.engine.catalog.StoredRelation;
import org.tusk.engine.catalog.VirtualRelation;
import org.tusk.engine.executor.EState;
import org.tusk.engine.executor.PlanState;
import org.tusk.engine.expr.BoolExpr;
import org.tusk.engine.expr.ConstExpr;
import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.expr.Expr;
import org.tusk.engine.expr.FuncExpr;
import org.tusk.engine.expr.ParamExpr;
import org.tusk.engine.expr.VarExpr;
import org.tusk.engine.nodes.BoolOp;
import org.tusk.engine.planner.IndexInfo;
import org.tusk.engine.planner.IndexScanKey;
import org.tusk.engine.storage.StorageSession;

/**
 * A stopgap planner path for the simple single-relation SELECT until the
 * general planner takes over: a stored table whose WHERE has a top-level
 * conjunct {@code col = constant/parameter} on the leading column of a btree
 * index is read through that index ({@link StorageBaseRelation#openIndexScan})
 * instead of a sequential scan. The caller still applies the whole WHERE.
 */
public final class IndexPaths {

    private IndexPaths() {
    }

    /** An index scan for {@code where} over {@code relation}, or null when none applies. */
    public static PlanState indexScanFor(VirtualRelation relation, Expr where, EvalContext ctx) {
        if (!(relation instanceof StoredRelation stored) || where == null
                || !(ctx.session() instanceof StorageSession session) || session.storage() == null) {
            return null;
        }
        List<Expr> conjuncts = new ArrayList<>();
        flatten(where, conjuncts);
        StorageBaseRelation base = null;
        for (Expr c : conjuncts) {
            if (!(c instanceof FuncExpr f) || !f.name().equals("=") || f.args().size() != 2) {
                continue;
            }
            Expr l = f.args().get(0);
            Expr r = f.args().get(1);
            if (!(l instanceof VarExpr)) {
                Expr t = l;
                l = r;
                r = t;
            }
            if (!(l instanceof VarExpr var) || !(r instanceof ParamExpr || r instanceof ConstExpr)
                    || r.type() != var.type() || !IndexKeyEncoding.supports(var.type())) {
                continue;
            }
            if (base == null) {
                base = new StorageBaseRelation(stored.relation(), session);
            }
            for (IndexInfo index : base.indexes()) {
                if (index.attnums().get(0) == var.attno() + 1) {
                    return base.openIndexScan(index, List.of(new IndexScanKey(1, IndexScanKey.Strategy.EQUAL, r)),
                            false, false, new EState(ctx, 0, null));
                }
            }
        }
        return null;
    }

    private static void flatten(Expr e, List<Expr> out) {
        if (e instanceof BoolExpr b && b.op() == BoolOp.AND) {
            for (Expr arg : b.args()) {
                flatten(arg, out);
            }
        } else {
            out.add(e);
        }
    }
}
