package org.tusk.engine.func;

/** A value conversion of a cast (given the target typmod and whether the cast is explicit). */
@FunctionalInterface
public interface CastFunction {
    Object convert(Object value, int targetTypmod, boolean explicit, org.tusk.engine.expr.EvalContext ctx);
}
