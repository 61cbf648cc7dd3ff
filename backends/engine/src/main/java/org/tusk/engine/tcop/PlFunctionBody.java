package org.tusk.engine.tcop;

import org.tusk.api.error.PgException;
import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.expr.FunctionBody;
import org.tusk.engine.pl.PlFunction;

/**
 * The body of a call of a PL/pgSQL function: the compiled function run through the session's SPI.
 * Equal to another body of the same function (by OID, as equalfuncs.c compares a FuncExpr's
 * funcid), so that two analyses of one call are one expression: GROUP BY f(x) matches the target
 * f(x).
 */
final class PlFunctionBody implements FunctionBody {
    private final int oid;
    private final PlFunction function;
    private final PlSessionSpi spi;

    PlFunctionBody(int oid, PlFunction function, PlSessionSpi spi) {
        this.oid = oid;
        this.function = function;
        this.spi = spi;
    }

    @Override
    public Object apply(Object[] args, EvalContext ctx) {
        try {
            return function.call(spi, args);
        } catch (PgException err) {
            // a PL error's position is within the function's source, not the calling statement
            throw err.position() > 0 ? err.withPosition(0) : err;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PlFunctionBody other && other.oid == oid;
    }

    @Override
    public int hashCode() {
        return Integer.hashCode(oid);
    }
}
