package org.tusk.engine.func;

import java.util.List;

import org.tusk.engine.types.PgType;

/**
 * One pg_proc row of the built-in catalog: what resolution and execution need.
 * Argument and result types are PgTypes (all built-in functions use built-in types).
 *
 * @param kind prokind: f function, a aggregate, w window, p procedure
 * @param volatility provolatile: i immutable, s stable, v volatile
 * @param variadicType provariadic's element type (null if not variadic; ANY for "VARIADIC any")
 * @param prosrc the internal function's C name (the registry key); "" for SQL-language bodies
 */
public record ProcEntry(int oid, String name, List<PgType> argTypes, PgType resultType, boolean strict,
        boolean returnsSet, char volatility, char kind, PgType variadicType, int defaultCount, String prosrc,
        int language) {

    public int nargs() {
        return argTypes.size();
    }

    public boolean isVariadic() {
        return variadicType != null;
    }

    /** "name(argtype, ...)" as regprocedure prints it. */
    public String signature() {
        StringBuilder sb = new StringBuilder(name).append('(');
        for (int i = 0; i < argTypes.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(argTypes.get(i).displayName());
        }
        return sb.append(')').toString();
    }
}
