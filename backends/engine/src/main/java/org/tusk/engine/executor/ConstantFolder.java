package org.tusk.engine.executor;

import java.util.ArrayList;
import java.util.List;

import org.tusk.engine.analyze.Query;
import org.tusk.engine.analyze.TargetEntry;
import org.tusk.engine.expr.*;

/**
 * eval_const_expressions: the planner evaluates immutable function calls
 * (FuncExpr.volatility, from pg_proc.provolatile) whose arguments are all
 * constants, so errors like "integer out of range" in
 * {@code select 2147483647 + 1} surface at planning time, before any row
 * description, as in PostgreSQL; stable and volatile calls (now(), concat,
 * timestamptz output...) run at execution.  A strict call with a NULL
 * constant argument folds to NULL.  The target list and the top-level WHERE
 * clause are folded.
 */
public final class ConstantFolder {
    private final EvalContext ctx;
    /** A custom plan's folding: $n become constants of the bound values (boundParams in eval_const_expressions). */
    private final boolean bindParams;

    private ConstantFolder(EvalContext ctx) {
        this(ctx, false);
    }

    private ConstantFolder(EvalContext ctx, boolean bindParams) {
        this.ctx = ctx;
        this.bindParams = bindParams;
    }

    /**
     * A custom plan's query (plancache.c's BuildCachedPlan with boundParams): the target list and
     * WHERE clause with every $n replaced by its value in {@code ctx}, then folded, so EXPLAIN
     * EXECUTE of a custom plan shows the values where a generic plan shows $n.
     */
    public static Query bindParams(Query q, EvalContext ctx) {
        new ConstantFolder(ctx, true).foldTargetsAndWhere(q);
        return q;
    }

    /** Folds the query's target list and WHERE clause in place. */
    private void foldTargetsAndWhere(Query q) {
        List<TargetEntry> targets = new ArrayList<>();
        for (TargetEntry t : q.targetList) {
            targets.add(new TargetEntry(t.name(), fold(t.expr()), t.tableOid(), t.attnum()));
        }
        q.targetList.clear();
        q.targetList.addAll(targets);
        foldWhere(q);
    }

    public static Query fold(Query q, EvalContext ctx) {
        new ConstantFolder(ctx).foldTargetsAndWhere(q);
        // plan once now, so planning errors (an unsupported FULL JOIN) come before the row description
        Executor.start(q, new EvalContext(ctx.session(), new Object[0])).close();
        return q;
    }

    /**
     * Folds only the top-level WHERE clause (EXPLAIN's path), so Filter lines and index quals show the
     * folded constants as PostgreSQL's do: similar_to_escape('a%') appears as the regular expression it makes.
     */
    public static Query foldWhere(Query q, EvalContext ctx) {
        new ConstantFolder(ctx).foldWhere(q);
        return q;
    }

    private void foldWhere(Query q) {
        if (q.jointree != null && q.jointree.quals() != null) {
            q.jointree = new org.tusk.engine.analyze.JoinTreeNode.FromList(q.jointree.items(),
                    dropFalseOrArms(fold(q.jointree.quals())));
        }
    }

    /**
     * simplify_and_arguments / simplify_or_arguments: constant TRUE (AND) or
     * FALSE (OR) arguments go, a FALSE (AND) or TRUE (OR) one decides the
     * result, and NULL constants collapse into one NULL at the end.
     */
    private static Expr simplifyBool(org.tusk.engine.nodes.BoolOp op, List<Expr> args) {
        if (op == org.tusk.engine.nodes.BoolOp.NOT) {
            return new BoolExpr(op, args);
        }
        boolean isAnd = op == org.tusk.engine.nodes.BoolOp.AND;
        List<Expr> kept = new ArrayList<>();
        boolean haveNull = false;
        for (Expr a : args) {
            if (a instanceof ConstExpr c && c.type() == org.tusk.engine.types.PgType.BOOL) {
                if (c.value() == null) {
                    haveNull = true;
                    continue;
                }
                if ((Boolean) c.value() != isAnd) {
                    return new ConstExpr(org.tusk.engine.types.PgType.BOOL, -1, !isAnd);
                }
                continue;
            }
            kept.add(a);
        }
        if (haveNull) {
            kept.add(new ConstExpr(org.tusk.engine.types.PgType.BOOL, -1, null));
        }
        if (kept.isEmpty()) {
            return new ConstExpr(org.tusk.engine.types.PgType.BOOL, -1, isAnd);
        }
        return kept.size() == 1 ? kept.get(0) : new BoolExpr(op, kept);
    }

    /**
     * canonicalize_qual's find_duplicate_ors for a WHERE clause (not a CHECK):
     * a NULL constant arm of a top-level OR acts as FALSE and is dropped.
     */
    private static Expr dropFalseOrArms(Expr qual) {
        if (qual instanceof BoolExpr b && b.op() == org.tusk.engine.nodes.BoolOp.OR) {
            List<Expr> kept = new ArrayList<>();
            for (Expr a : b.args()) {
                if (!(a instanceof ConstExpr c && c.type() == org.tusk.engine.types.PgType.BOOL && c.value() == null)) {
                    kept.add(a);
                }
            }
            if (kept.isEmpty()) {
                return new ConstExpr(org.tusk.engine.types.PgType.BOOL, -1, false);
            }
            return kept.size() == 1 ? kept.get(0) : new BoolExpr(b.op(), kept);
        }
        if (qual instanceof BoolExpr b && b.op() == org.tusk.engine.nodes.BoolOp.AND) {
            List<Expr> args = new ArrayList<>();
            for (Expr a : b.args()) {
                args.add(dropFalseOrArms(a));
            }
            return new BoolExpr(b.op(), args);
        }
        return qual;
    }

    Expr fold(Expr e) {
        if (e == null) {
            return null;
        }
        if (bindParams && e instanceof ParamExpr p) {
            return new ConstExpr(p.type(), -1, ctx.param(p.index()));
        }
        if (e instanceof FuncExpr f) {
            List<Expr> args = foldAll(f.args());
            FuncExpr rebuilt = new FuncExpr(f.name(), f.body(), args, f.type(), f.typmod(), f.strict(), f.volatility());
            boolean allConst = true;
            boolean anyNull = false;
            for (Expr a : args) {
                if (!(a instanceof ConstExpr c)) {
                    allConst = false;
                } else if (c.value() == null) {
                    anyNull = true;
                }
            }
            if (f.strict() && anyNull) {
                // a strict function of a NULL constant is NULL whatever its volatility
                return new ConstExpr(f.type(), f.typmod(), null);
            }
            if (allConst && f.volatility() == 'i') {
                try {
                    return new ConstExpr(f.type(), f.typmod(), rebuilt.eval(ctx));
                } catch (org.tusk.api.error.PgException err) {
                    if (f.body() instanceof org.tusk.engine.func.SqlFunctionBody sql) {
                        throw err.withContext(sql.context());
                    }
                    throw err;
                }
            }
            return rebuilt;
        }
        if (e instanceof BoolExpr b) {
            return simplifyBool(b.op(), foldAll(b.args()));
        }
        if (e instanceof NullTestExpr n) {
            return new NullTestExpr(fold(n.arg()), n.isNot());
        }
        if (e instanceof BoolTestExpr b) {
            return new BoolTestExpr(fold(b.arg()), b.kind());
        }
        if (e instanceof CaseExpr c) {
            return new CaseExpr(foldAll(c.conditions()), foldAll(c.results()), fold(c.defaultResult()), c.type(), c.typmod());
        }
        if (e instanceof CoalesceExpr c) {
            return new CoalesceExpr(foldAll(c.args()), c.type());
        }
        if (e instanceof org.tusk.engine.expr.ArrayExpr a) {
            // ARRAY[...] of constants is a constant array (eval_const_expressions), so calls over it fold too
            List<Expr> elements = foldAll(a.elements());
            org.tusk.engine.expr.ArrayExpr rebuilt = new org.tusk.engine.expr.ArrayExpr(elements, a.type(), a.multidims());
            for (Expr x : elements) {
                if (!(x instanceof ConstExpr)) {
                    return rebuilt;
                }
            }
            return new ConstExpr(a.type(), -1, rebuilt.eval(ctx));
        }
        return e;
    }

    private List<Expr> foldAll(List<Expr> in) {
        List<Expr> out = new ArrayList<>(in.size());
        for (Expr x : in) {
            out.add(fold(x));
        }
        return out;
    }
}
