package org.tusk.engine.expr;

import java.util.ArrayList;
import java.util.List;

import org.tusk.engine.types.ArraySubscripts;
import org.tusk.engine.types.ArrayValue;
import org.tusk.engine.types.PgType;

/**
 * ARRAY[...] (primnodes.h ArrayExpr): the elements already coerced to the
 * element type, or, when {@code multidims}, to the array type (sub-arrays).
 */
public record ArrayExpr(List<Expr> elements, PgType type, boolean multidims) implements Expr {
    @Override
    public Object eval(EvalContext ctx) {
        PgType elementType = type.elementType();
        if (!multidims) {
            Object[] values = new Object[elements.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = elements.get(i).eval(ctx);
            }
            return ArrayValue.of(elementType, values);
        }
        List<ArrayValue> subs = new ArrayList<>();
        for (Expr e : elements) {
            subs.add((ArrayValue) e.eval(ctx));
        }
        return ArraySubscripts.stack(elementType, subs);
    }

    @Override
    public List<Expr> children() {
        return elements;
    }
}
