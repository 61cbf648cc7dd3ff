package org.tusk.engine.expr;

import java.util.List;

import org.tusk.engine.nodes.BoolOp;
import org.tusk.engine.types.PgType;

/** AND/OR/NOT with SQL's three-valued logic. */
public record BoolExpr(BoolOp op, List<Expr> args) implements Expr {
    /** make_ands_explicit: a single qual as itself, several as their AND. */
    public static Expr andOf(List<Expr> quals) {
        return quals.size() == 1 ? quals.get(0) : new BoolExpr(BoolOp.AND, List.copyOf(quals));
    }

    /** make_ands_implicit: appends the conjuncts of {@code e} (nested ANDs flattened; null adds none). */
    public static void conjuncts(Expr e, List<Expr> out) {
        if (e instanceof BoolExpr b && b.op() == BoolOp.AND) {
            for (Expr a : b.args()) {
                conjuncts(a, out);
            }
        } else if (e != null) {
            out.add(e);
        }
    }

    @Override
    public PgType type() {
        return PgType.BOOL;
    }

    @Override
    public Object eval(EvalContext ctx) {
        switch (op) {
            case NOT: {
                Object v = args.get(0).eval(ctx);
                return v == null ? null : !(Boolean) v;
            }
            case AND: {
                boolean sawNull = false;
                for (Expr e : args) {
                    Object v = e.eval(ctx);
                    if (v == null) {
                        sawNull = true;
                    } else if (!(Boolean) v) {
                        return false;
                    }
                }
                return sawNull ? null : Boolean.TRUE;
            }
            default: {
                boolean sawNull = false;
                for (Expr e : args) {
                    Object v = e.eval(ctx);
                    if (v == null) {
                        sawNull = true;
                    } else if ((Boolean) v) {
                        return true;
                    }
                }
                return sawNull ? null : Boolean.FALSE;
            }
        }
    }

    @Override
    public List<Expr> children() {
        return args;
    }
}
