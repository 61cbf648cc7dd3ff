package org.tusk.engine.planner;

import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;

import org.tusk.api.storage.TupleId;
import org.tusk.engine.expr.BoolExpr;
import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.expr.Expr;
import org.tusk.engine.expr.FuncExpr;
import org.tusk.engine.expr.ScalarArrayOpExpr;
import org.tusk.engine.expr.VarExpr;
import org.tusk.engine.nodes.BoolOp;
import org.tusk.engine.types.ArrayValue;
import org.tusk.engine.types.PgType;

/**
 * tidpath.c: the restriction clause a TID scan can use, {@code ctid = pseudoconstant},
 * {@code ctid = ANY (pseudoconstant array)} or an OR of those, and the TIDs it names when
 * evaluated (TidListEval: sorted, each once, NULLs left out).
 */
final class TidQuals {
    private TidQuals() {}

    /**
     * The first of {@code quals} that names TIDs of the relation whose ctid is in slot {@code ctidSlot}, or
     * null; {@code readsColumns} tells whether an expression reads a column of this query level.
     */
    static Expr find(List<Expr> quals, int ctidSlot, java.util.function.Predicate<Expr> readsColumns) {
        for (Expr q : quals) {
            if (isTidQual(q, ctidSlot, readsColumns)) {
                return q;
            }
        }
        return null;
    }

    private static boolean isTidQual(Expr q, int ctidSlot, java.util.function.Predicate<Expr> readsColumns) {
        if (q instanceof BoolExpr b && b.op() == BoolOp.OR) {
            return b.args().stream().allMatch(a -> isTidQual(a, ctidSlot, readsColumns));
        }
        if (q instanceof ScalarArrayOpExpr sa) {
            return sa.useOr() && sa.name().equals("=") && isCtid(sa.left(), ctidSlot) && !readsColumns.test(sa.right());
        }
        return q instanceof FuncExpr f && f.name().equals("=") && f.args().size() == 2
                && (isCtid(f.args().get(0), ctidSlot) && pseudoconstant(f.args().get(1), readsColumns)
                        || isCtid(f.args().get(1), ctidSlot) && pseudoconstant(f.args().get(0), readsColumns));
    }

    private static boolean isCtid(Expr e, int ctidSlot) {
        return e instanceof VarExpr v && v.attno() == ctidSlot && v.type() == PgType.TID;
    }

    private static boolean pseudoconstant(Expr e, java.util.function.Predicate<Expr> readsColumns) {
        return e.type() == PgType.TID && !readsColumns.test(e);
    }

    /** How many TIDs the qual names, for the estimate: an array constant's length, else one per arm. */
    static int estimatedCount(Expr q) {
        if (q instanceof BoolExpr b) {
            return b.args().stream().mapToInt(TidQuals::estimatedCount).sum();
        }
        if (q instanceof ScalarArrayOpExpr sa && sa.right() instanceof org.tusk.engine.expr.ConstExpr c
                && c.value() instanceof ArrayValue a) {
            return a.size();
        }
        if (q instanceof ScalarArrayOpExpr sa && sa.right() instanceof org.tusk.engine.expr.ArrayExpr a) {
            return a.elements().size();
        }
        return 1;
    }

    /** The TIDs the qual names now. */
    static NavigableSet<TupleId> evaluate(Expr q, int ctidSlot, EvalContext ctx) {
        NavigableSet<TupleId> out = new TreeSet<>();
        collect(q, ctidSlot, ctx, out);
        return out;
    }

    /** A tid value (a scan's TupleId or tidin's Tid) as the TupleId to fetch; NULL names nothing. */
    private static void add(Object tid, NavigableSet<TupleId> out) {
        if (tid instanceof TupleId t) {
            out.add(t);
        } else if (tid instanceof org.tusk.engine.types.Tid t) {
            out.add(new TupleId((int) t.block(), t.offset()));     // the unsigned block number's bits
        }
    }

    private static void collect(Expr q, int ctidSlot, EvalContext ctx, NavigableSet<TupleId> out) {
        if (q instanceof BoolExpr b) {
            for (Expr a : b.args()) {
                collect(a, ctidSlot, ctx, out);
            }
        } else if (q instanceof ScalarArrayOpExpr sa) {
            if (sa.right().eval(ctx) instanceof ArrayValue a) {
                for (int i = 0; i < a.size(); i++) {
                    add(a.element(i), out);
                }
            }
        } else {
            FuncExpr f = (FuncExpr) q;
            Expr value = isCtid(f.args().get(0), ctidSlot) ? f.args().get(1) : f.args().get(0);
            add(value.eval(ctx), out);
        }
    }
}
