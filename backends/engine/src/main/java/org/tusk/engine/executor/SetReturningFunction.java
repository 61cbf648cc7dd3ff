package org.tusk.engine.executor;

import java.util.Iterator;

import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.types.PgType;

/**
 * A set-returning function's implementation (value-per-call SRF): given the
 * evaluated arguments, an iterator of result rows (one element for a scalar
 * result type, several for OUT parameters / composite results).
 */
public interface SetReturningFunction {
    String name();

    /** The result column types (one for scalar SRFs). */
    PgType[] resultTypes();

    boolean strict();

    Iterator<Object[]> call(Object[] args, EvalContext ctx);
}
