package org.tusk.engine.expr;

import java.util.List;

import org.tusk.engine.nodes.BoolOp;
import org.tusk.engine.types.PgType;

/** AND/OR/NOT with SQL's three-valued logic. */
public record BoolExpr(BoolOp op, List<Expr> args) implements Expr {
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
