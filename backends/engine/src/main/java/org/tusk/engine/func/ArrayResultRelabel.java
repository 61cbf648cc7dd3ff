package org.tusk.engine.func;

import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.expr.FunctionBody;
import org.tusk.engine.types.PgType;

/**
 * A polymorphic function returning an array, whose body cannot know the element type when it
 * builds the array from NULL inputs: its result relabelled with the resolved element type. A
 * record, so two analyses of one call are equal expressions.
 */
public record ArrayResultRelabel(FunctionBody inner, PgType elementType) implements FunctionBody {

    @Override
    public Object apply(Object[] a, EvalContext ctx) {
        return ArrayFunctions.relabelResult(inner.apply(a, ctx), elementType);
    }
}
