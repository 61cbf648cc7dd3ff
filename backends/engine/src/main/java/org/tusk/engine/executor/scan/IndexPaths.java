package org.tusk.engine.executor.scan;

import java.util.List;

import org.tusk.engine.analyze.RangeTblEntry;
import org.tusk.engine.executor.EState;
import org.tusk.engine.executor.PlanState;
import org.tusk.engine.expr.ConstExpr;
import org.tusk.engine.expr.ExecParamExpr;
import org.tusk.engine.expr.Expr;
import org.tusk.engine.expr.FuncExpr;
import org.tusk.engine.expr.ParamExpr;
import org.tusk.engine.expr.VarExpr;
import org.tusk.engine.planner.IndexInfo;
import org.tusk.engine.planner.IndexScanKey;

/**
 * The planner's index path for a base relation, cut to the case that
 * matters most (pgbench, key lookups): a restriction {@code col = value}
 * where {@code value} is a constant or a parameter (including a NestLoop's
 * executor parameter) of the column's type and {@code col} leads a btree
 * index. The planner keeps applying every qual as a filter above the scan.
 */
public final class IndexPaths {

    /** The chosen scan and the index's name (for EXPLAIN). */
    public record IndexPath(PlanState scan, String indexName) {
    }

    private IndexPaths() {
    }

    /** An index scan of {@code rte} for one of {@code quals} (all restricted to it), or null. */
    public static IndexPath choose(RangeTblEntry rte, List<Expr> quals, EState estate) {
        if (rte.kind != RangeTblEntry.Kind.RELATION || rte.relation == null || rte.relation.indexes().isEmpty()) {
            return null;
        }
        for (Expr qual : quals) {
            if (!(qual instanceof FuncExpr f) || !f.name().equals("=") || f.args().size() != 2) {
                continue;
            }
            Expr l = f.args().get(0);
            Expr r = f.args().get(1);
            if (!(l instanceof VarExpr)) {
                Expr t = l;
                l = r;
                r = t;
            }
            if (!(l instanceof VarExpr var) || !isValue(r) || r.type() != var.type()
                    || !IndexKeyEncoding.supports(var.type())) {
                continue;
            }
            int attnum = var.attno() - rte.offset + 1;
            if (attnum < 1 || attnum > rte.columns.size()) {
                continue;
            }
            for (IndexInfo index : rte.relation.indexes()) {
                if (index.attnums().get(0) == attnum) {
                    PlanState scan = rte.relation.openIndexScan(index,
                            List.of(new IndexScanKey(1, IndexScanKey.Strategy.EQUAL, r)), false, false, estate);
                    return new IndexPath(scan, index.name());
                }
            }
        }
        return null;
    }

    private static boolean isValue(Expr e) {
        return e instanceof ParamExpr || e instanceof ConstExpr || e instanceof ExecParamExpr;
    }
}
