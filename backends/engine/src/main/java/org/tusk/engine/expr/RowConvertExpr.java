package org.tusk.engine.expr;

import java.util.List;

import org.tusk.engine.types.PgType;
import org.tusk.engine.types.RecordValue;
import org.tusk.engine.types.RowType;

/**
 * ConvertRowtypeExpr / a record coerced to another row type field by field:
 * {@code fields} are the target fields' coercions over parameters $1..$n,
 * the source row's fields. A NULL row stays NULL.
 */
public record RowConvertExpr(Expr arg, List<Expr> fields, RowType rowType, int typmod) implements Expr {

    @Override
    public PgType type() {
        return PgType.RECORD;
    }

    @Override
    public List<Expr> children() {
        return List.of(arg);
    }

    @Override
    public Object eval(EvalContext ctx) {
        Object v = arg.eval(ctx);
        if (v == null) {
            return null;
        }
        EvalContext inner = new EvalContext(ctx.session(), ((RecordValue) v).fields());
        Object[] out = new Object[fields.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = fields.get(i).eval(inner);
        }
        return new RecordValue(rowType, out);
    }
}
