package org.tusk.engine.func;

import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.expr.FunctionBody;
import org.tusk.engine.types.ArrayValue;
import org.tusk.engine.types.PgType;

/**
 * A call of a VARIADIC non-"any" function: the trailing arguments reach {@code inner} as one
 * array of {@code elementType}, as fmgr passes them. A record, so two analyses of one call are
 * equal expressions (GROUP BY jsonb_extract_path(j, 'a') matches the same target).
 */
public record VariadicPacking(FunctionBody inner, int fixed, PgType elementType) implements FunctionBody {

    @Override
    public Object apply(Object[] a, EvalContext ctx) {
        Object[] packed = new Object[fixed + 1];
        System.arraycopy(a, 0, packed, 0, Math.min(fixed, a.length));
        Object[] rest = new Object[Math.max(0, a.length - fixed)];
        System.arraycopy(a, fixed, rest, 0, rest.length);
        packed[fixed] = ArrayValue.of(elementType, rest);
        return inner.apply(packed, ctx);
    }
}
