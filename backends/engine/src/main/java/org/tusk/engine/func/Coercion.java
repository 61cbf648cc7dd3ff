package org.tusk.engine.func;

import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.expr.FunctionBody;
import org.tusk.engine.types.ArrayValue;
import org.tusk.engine.types.PgType;
import org.tusk.engine.types.TextFormat;

/**
 * The run-time side of coercion (parse_coerce.c's coerce_type and
 * coerce_type_typmod): the body that turns a value of one type into another
 * along a {@link CoercionPath}, and the length-coercion function of a type
 * with a typmod. The analyzer wraps these in expression nodes.
 */
public final class Coercion {
    private Coercion() {}

    /**
     * A one-argument body converting {@code source} values to {@code target} along {@code path}; a
     * {@link CastBody}, so that two analyses of one cast give equal expressions.
     */
    public static FunctionBody body(PgType source, PgType target, CoercionPath path) {
        switch (path.kind()) {
            case RELABEL:
                return CastBody.between(CastBody.Kind.RELABEL, source, target, relabel(source, target));
            case FUNC: {
                FunctionBody f = FunctionRegistry.body(path.function());
                if (f == null) {
                    return null;
                }
                // cast functions taking (value, typmod, explicit) get the "no typmod" form here
                FunctionBody call = path.function().nargs() == 1 ? f
                        : (a, c) -> f.apply(new Object[] {a[0], -1, false}, c);
                return CastBody.function(path.function().oid(), call);
            }
            case IO:
                return CastBody.between(CastBody.Kind.IO, source, target, (a, c) -> TextFormat.input(target, -1,
                        TextFormat.output(source, a[0], CastFunctions.typeContext(c)), CastFunctions.typeContext(c)));
            case ARRAY: {
                PgType se = source.elementType();
                PgType te = target.elementType();
                FunctionBody elem = body(se, te, path.element());
                if (elem == null) {
                    return null;
                }
                return CastBody.between(CastBody.Kind.ARRAY, source, target, (a, c) -> mapArray((ArrayValue) a[0], te, elem, c));
            }
            default:
                return null;
        }
    }

    /** {@code type}'s length coercion to {@code typmod} as a one-argument body; null if the type has none. */
    public static FunctionBody lengthBody(PgType type, int typmod, boolean explicit) {
        FunctionBody body = typmodBody(type);
        if (body == null) {
            return null;
        }
        return CastBody.length(type, typmod, explicit, (a, c) -> body.apply(new Object[] {a[0], typmod, explicit}, c));
    }

    private static ArrayValue mapArray(ArrayValue in, PgType elementType, FunctionBody elem, EvalContext c) {
        Object[] out = new Object[in.size()];
        for (int i = 0; i < out.length; i++) {
            Object v = in.element(i);
            out[i] = v == null ? null : elem.apply(new Object[] {v}, c);
        }
        return in.withElements(elementType, out);
    }

    /**
     * Binary-coercible types share their representation except int4 (Integer)
     * and the unsigned oid family (Long), which relabel into each other.
     */
    static FunctionBody relabel(PgType source, PgType target) {
        boolean fromOid = isOidFamily(source);
        boolean toOid = isOidFamily(target);
        if (source == PgType.INT4 && toOid) {
            return (a, c) -> Integer.toUnsignedLong((Integer) a[0]);
        }
        if (fromOid && target == PgType.INT4) {
            return (a, c) -> (int) (long) (Long) a[0];
        }
        return (a, c) -> a[0];
    }

    /** provolatile of a coercion: its function's, or for I/O conversion the less stable of output and input. */
    public static char volatility(PgType source, PgType target, CoercionPath path) {
        switch (path.kind()) {
            case FUNC:
                return path.function() == null ? 'i' : path.function().volatility();
            case IO:
                return FuncVolatility.least(BuiltinCatalog.get().ioVolatility(source, false),
                        BuiltinCatalog.get().ioVolatility(target, true));
            case ARRAY:
                return path.element() == null ? 'i'
                        : volatility(source.elementType() == null ? source : source.elementType(),
                                target.elementType() == null ? target : target.elementType(), path.element());
            default:
                return 'i';
        }
    }

    /** Whether relabelling {@code source} as {@code target} keeps the very same Java value. */
    public static boolean isPureRelabel(PgType source, PgType target) {
        return !(source == PgType.INT4 && isOidFamily(target) || isOidFamily(source) && target == PgType.INT4);
    }

    static boolean isOidFamily(PgType t) {
        switch (t) {
            case OID: case REGPROC: case REGPROCEDURE: case REGOPER: case REGOPERATOR: case REGCLASS: case REGTYPE:
            case REGCONFIG: case REGDICTIONARY: case REGROLE: case REGNAMESPACE: case REGCOLLATION:
                return true;
            default:
                return false;
        }
    }

    /**
     * The length-coercion body of {@code type} (pg_cast's type-to-itself
     * function: varchar, bpchar, numeric...), taking (value, typmod, isExplicit);
     * null if the type has no typmod semantics Tusk implements.
     */
    public static FunctionBody typmodBody(PgType type) {
        // asked for every column with a typmod of every INSERT/UPDATE execution: the answer depends on the type only
        Object known = TYPMOD_BODIES[type.ordinal()];
        if (known != null) {
            return known == NO_TYPMOD_BODY ? null : (FunctionBody) known;
        }
        FunctionBody body = lookUpTypmodBody(type);
        TYPMOD_BODIES[type.ordinal()] = body == null ? NO_TYPMOD_BODY : body;   // a racing writer stores the same answer
        return body;
    }

    /** {@link #typmodBody} per built-in type, filled lazily; {@link #NO_TYPMOD_BODY} for a type without one. */
    private static final Object[] TYPMOD_BODIES = new Object[PgType.values().length];
    private static final Object NO_TYPMOD_BODY = new Object();

    private static FunctionBody lookUpTypmodBody(PgType type) {
        if (type.isArray() && type.elementType() != null) {
            // an array's typmod is its element's: ArrayCoerceExpr applies the element's length coercion to each element
            FunctionBody elem = typmodBody(type.elementType());
            if (elem == null) {
                return null;
            }
            return (a, c) -> mapArray((ArrayValue) a[0], type.elementType(),
                    (e, ec) -> elem.apply(new Object[] {e[0], a[1], a[2]}, ec), c);
        }
        CastEntry c = BuiltinCatalog.get().cast(type, type);
        if (c == null || c.function() == null) {
            return null;
        }
        return FunctionRegistry.body(c.function());
    }

    /** Applies {@code type}'s length coercion to a value now (for constants); the value unchanged if it has none. */
    public static Object applyTypmod(PgType type, Object value, int typmod, boolean explicit, EvalContext ctx) {
        if (typmod < 0 || value == null) {
            return value;
        }
        FunctionBody b = typmodBody(type);
        return b == null ? value : b.apply(new Object[] {value, typmod, explicit}, ctx);
    }
}
