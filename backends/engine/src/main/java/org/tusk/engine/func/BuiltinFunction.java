package org.tusk.engine.func;

import java.util.List;

import org.tusk.engine.expr.FunctionBody;
import org.tusk.engine.types.PgType;

/**
 * A pg_proc (or pg_operator) entry: name, argument types, result type,
 * strictness and the Java body.
 */
public record BuiltinFunction(String name, List<PgType> argTypes, PgType resultType, boolean strict, FunctionBody body) {}
