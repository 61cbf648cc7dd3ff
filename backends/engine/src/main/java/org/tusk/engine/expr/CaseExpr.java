package org.tusk.engine.expr;

import java.util.List;

import org.tusk.engine.types.PgType;

/** Searched CASE (a simple CASE is analyzed into conditions arg = value). */
public record CaseExpr(List<Expr> conditions, List<Expr> results, Expr defaultResult, PgType type, int typmod)
        implements Expr {
    @Override
    public Object eval(EvalContext ctx) {
        for (int i = 0; i < conditions.size(); i++) {
            if (Boolean.TRUE.equals(conditions.get(i).eval(ctx))) {
                return results.get(i).eval(ctx);
            }
        }
        return defaultResult == null ? null : defaultResult.eval(ctx);
    }

    @Override
    public List<Expr> children() {
        List<Expr> out = new java.util.ArrayList<>(conditions);
        out.addAll(results);
        if (defaultResult != null) {
            out.add(defaultResult);
        }
        return out;
    }
}
