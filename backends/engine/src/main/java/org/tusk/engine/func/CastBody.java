package org.tusk.engine.func;

import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.expr.FunctionBody;
import org.tusk.engine.types.PgType;

/**
 * The body of a coercion node (FuncExpr of a cast function, CoerceViaIO, ArrayCoerceExpr,
 * RelabelType, a length coercion), equal to another exactly when the two are the same cast, as
 * equalfuncs.c compares those nodes: by function OID, or by source and target type for I/O,
 * array and relabelling coercions, and by typmod and explicitness for a length coercion (its
 * constant arguments). Expression equality (GROUP BY, ORDER BY, DISTINCT ON keys matched to the
 * target list, index expressions matched to clauses) compares {@code FuncExpr}s component by
 * component, so this is what makes two analyses of {@code j::text} the same expression; the
 * implementation itself is not compared.
 */
public final class CastBody implements FunctionBody {

    /** The coercion node kinds PostgreSQL distinguishes. */
    public enum Kind { RELABEL, FUNCTION, IO, ARRAY, LENGTH }

    /** What equalfuncs.c compares of the node (besides its argument and result type, which FuncExpr holds). */
    public record Identity(Kind kind, int functionOid, PgType source, PgType target, int typmod, boolean explicit) {}

    private final Identity identity;
    private final FunctionBody implementation;

    private CastBody(Identity identity, FunctionBody implementation) {
        this.identity = identity;
        this.implementation = implementation;
    }

    /** A cast through the function {@code functionOid} (pg_cast's castfunc). */
    public static CastBody function(int functionOid, FunctionBody implementation) {
        return new CastBody(new Identity(Kind.FUNCTION, functionOid, null, null, -1, false), implementation);
    }

    /** A conversion between {@code source} and {@code target} that is not a function call (I/O, array, relabel). */
    public static CastBody between(Kind kind, PgType source, PgType target, FunctionBody implementation) {
        return new CastBody(new Identity(kind, 0, source, target, -1, false), implementation);
    }

    /** {@code type}'s length coercion to {@code typmod} (its arguments are part of what is compared). */
    public static CastBody length(PgType type, int typmod, boolean explicit, FunctionBody implementation) {
        return new CastBody(new Identity(Kind.LENGTH, 0, null, type, typmod, explicit), implementation);
    }

    public Identity identity() {
        return identity;
    }

    @Override
    public Object apply(Object[] args, EvalContext ctx) {
        return implementation.apply(args, ctx);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CastBody other && identity.equals(other.identity);
    }

    @Override
    public int hashCode() {
        return identity.hashCode();
    }

    @Override
    public String toString() {
        return "CastBody" + identity;
    }
}
