package org.tusk.engine.expr;

/** The implementation of a built-in function, operator or cast over evaluated arguments. */
@FunctionalInterface
public interface FunctionBody {
    Object apply(Object[] args, EvalContext ctx);
}
