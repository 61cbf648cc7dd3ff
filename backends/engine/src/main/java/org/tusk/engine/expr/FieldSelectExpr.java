package org.tusk.engine.expr;

import java.util.List;

import org.tusk.engine.types.PgType;
import org.tusk.engine.types.RecordValue;

/** FieldSelect: {@code (row).name}, field {@code fieldno} (0-based) of a composite value; NULL of a NULL row. */
public record FieldSelectExpr(Expr arg, int fieldno, String name, PgType type, int typmod) implements Expr {

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
        Object[] fields = ((RecordValue) v).fields();
        return fieldno < fields.length ? fields[fieldno] : null;
    }
}
