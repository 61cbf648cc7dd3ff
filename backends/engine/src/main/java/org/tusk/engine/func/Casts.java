package org.tusk.engine.func;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.Set;

import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.types.Coercions;
import org.tusk.engine.types.DateTimes;
import org.tusk.engine.types.FloatFormat;
import org.tusk.engine.types.NumericSupport;
import org.tusk.engine.types.PgType;
import org.tusk.engine.types.TextFormat;
import org.tusk.engine.types.TypeContext;

/**
 * pg_cast for the built-in types, including PostgreSQL's automatic I/O
 * conversion casts (to a string type: assignment; from one: explicit only).
 */
public final class Casts {
    private Casts() {}

    private static final Set<PgType> INTS = EnumSet.of(PgType.INT2, PgType.INT4, PgType.INT8);
    private static final Set<PgType> STRINGS = EnumSet.of(PgType.TEXT, PgType.VARCHAR, PgType.BPCHAR, PgType.NAME);

    private static TypeContext tc(org.tusk.engine.expr.EvalContext ctx) {
        return ctx == null || ctx.session() == null ? TypeContext.DEFAULT : ctx.session().typeContext();
    }

    /** The cast from one type to another, or null if there is none; same-type typmod coercion included. */
    public static Cast find(PgType from, PgType to) {
        if (from == to) {
            return new Cast(CastContext.IMPLICIT, (v, typmod, explicit, ctx) -> applyTypmod(to, v, typmod, explicit));
        }
        if (INTS.contains(from) && INTS.contains(to)) {
            boolean widening = to.typlen() > from.typlen();
            return new Cast(widening ? CastContext.IMPLICIT : CastContext.ASSIGNMENT,
                    (v, m, e, c) -> Arithmetic.box(to, ((Number) v).longValue()));
        }
        if (INTS.contains(from)) {
            switch (to) {
                case NUMERIC: return new Cast(CastContext.IMPLICIT,
                        (v, m, e, c) -> NumericSupport.applyTypmod(BigDecimal.valueOf(((Number) v).longValue()), m));
                case FLOAT4: return new Cast(CastContext.IMPLICIT, (v, m, e, c) -> (float) ((Number) v).longValue());
                case FLOAT8: return new Cast(CastContext.IMPLICIT, (v, m, e, c) -> (double) ((Number) v).longValue());
                case OID: return new Cast(CastContext.IMPLICIT, (v, m, e, c) -> {
                    long l = ((Number) v).longValue();
                    if (l < 0 && from == PgType.INT8 || l > 4294967295L) {
                        throw Ereport.outOfRange("OID");
                    }
                    return l < 0 ? l + 4294967296L : l;
                });
                case BOOL:
                    if (from == PgType.INT4) {
                        return new Cast(CastContext.EXPLICIT, (v, m, e, c) -> ((Integer) v) != 0);
                    }
                    return null;
                default: break;
            }
        }
        if (from == PgType.OID && (to == PgType.INT4 || to == PgType.INT8)) {
            return new Cast(CastContext.ASSIGNMENT, (v, m, e, c) -> to == PgType.INT8 ? v : (int) (long) (Long) v);
        }
        if (from == PgType.BOOL && to == PgType.INT4) {
            return new Cast(CastContext.EXPLICIT, (v, m, e, c) -> ((Boolean) v) ? 1 : 0);
        }
        if (from == PgType.NUMERIC) {
            switch (to) {
                case INT2: case INT4: case INT8:
                    return new Cast(CastContext.ASSIGNMENT,
                            (v, m, e, c) -> Arithmetic.box(to, NumericSupport.toLong((BigDecimal) v, to)));
                case FLOAT4: return new Cast(CastContext.IMPLICIT, (v, m, e, c) -> ((BigDecimal) v).floatValue());
                case FLOAT8: return new Cast(CastContext.IMPLICIT, (v, m, e, c) -> ((BigDecimal) v).doubleValue());
                default: break;
            }
        }
        if (from == PgType.FLOAT4 || from == PgType.FLOAT8) {
            if (INTS.contains(to)) {
                return new Cast(CastContext.ASSIGNMENT, (v, m, e, c) -> {
                    double d = ((Number) v).doubleValue();
                    double r = Math.rint(d);
                    if (Double.isNaN(d) || r < -9.223372036854776E18 || r >= 9.223372036854776E18) {
                        throw Ereport.outOfRange(to.displayName());
                    }
                    return Arithmetic.box(to, (long) r);
                });
            }
            if (to == PgType.NUMERIC) {
                return new Cast(CastContext.ASSIGNMENT, (v, m, e, c) -> {
                    double d = ((Number) v).doubleValue();
                    if (Double.isInfinite(d)) {
                        throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot convert infinity to numeric");
                    }
                    if (Double.isNaN(d)) {
                        throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot convert NaN to numeric");
                    }
                    String digits = from == PgType.FLOAT4 ? FloatFormat.float4((Float) v, 0) : FloatFormat.float8(d, 0);
                    return NumericSupport.applyTypmod(TextFormat.parseNumeric(digits), m);
                });
            }
            if (from == PgType.FLOAT4 && to == PgType.FLOAT8) {
                return new Cast(CastContext.IMPLICIT, (v, m, e, c) -> (double) (Float) v);
            }
            if (from == PgType.FLOAT8 && to == PgType.FLOAT4) {
                return new Cast(CastContext.ASSIGNMENT, (v, m, e, c) -> {
                    double d = (Double) v;
                    float f = (float) d;
                    if (Float.isInfinite(f) && !Double.isInfinite(d)) {
                        throw Ereport.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow");
                    }
                    if (f == 0 && d != 0) {
                        throw Ereport.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: underflow");
                    }
                    return f;
                });
            }
        }
        if (STRINGS.contains(from) && STRINGS.contains(to)) {
            CastContext cc = CastContext.IMPLICIT;
            if (from == PgType.NAME && to != PgType.TEXT) {
                cc = CastContext.ASSIGNMENT;
            }
            return new Cast(cc, (v, m, e, c) -> {
                String s = (String) v;
                if (from == PgType.BPCHAR && to != PgType.BPCHAR) {
                    s = s.replaceAll(" +$", "");
                }
                return applyTypmod(to, s, m, e);
            });
        }
        if (from == PgType.DATE && (to == PgType.TIMESTAMP || to == PgType.TIMESTAMPTZ)) {
            return new Cast(CastContext.IMPLICIT, (v, m, e, c) -> {
                long micros = ((Integer) v) * 86_400_000_000L;
                return to == PgType.TIMESTAMP ? micros : DateTimes.timestampToTimestamptz(micros, tc(c).timeZone());
            });
        }
        if (from == PgType.TIMESTAMP && to == PgType.TIMESTAMPTZ) {
            return new Cast(CastContext.IMPLICIT,
                    (v, m, e, c) -> DateTimes.timestampToTimestamptz((Long) v, tc(c).timeZone()));
        }
        if (from == PgType.TIMESTAMPTZ && to == PgType.TIMESTAMP) {
            return new Cast(CastContext.ASSIGNMENT,
                    (v, m, e, c) -> DateTimes.timestamptzToTimestamp((Long) v, tc(c).timeZone()));
        }
        if ((from == PgType.TIMESTAMP || from == PgType.TIMESTAMPTZ) && to == PgType.DATE) {
            return new Cast(CastContext.ASSIGNMENT, (v, m, e, c) -> {
                long micros = from == PgType.TIMESTAMP ? (Long) v : DateTimes.timestamptzToTimestamp((Long) v, tc(c).timeZone());
                return (int) Math.floorDiv(micros, 86_400_000_000L);
            });
        }
        if (from == PgType.INET && STRINGS.contains(to)) {
            // text(inet) shows the netmask, unlike inet's output function
            return new Cast(CastContext.ASSIGNMENT, (v, m, e, c) -> {
                String s = (String) v;
                if (s.indexOf('/') < 0) {
                    s = s + (s.indexOf(':') >= 0 ? "/128" : "/32");
                }
                return applyTypmod(to, s, m, e);
            });
        }
        if (from == PgType.BOOL && STRINGS.contains(to)) {
            // booltext: the cast spells the value out, unlike boolout's t/f
            return new Cast(CastContext.ASSIGNMENT, (v, m, e, c) -> applyTypmod(to, ((Boolean) v) ? "true" : "false", m, e));
        }
        if (STRINGS.contains(to) && from != PgType.UNKNOWN && from != PgType.VOID) {
            return new Cast(CastContext.ASSIGNMENT,
                    (v, m, e, c) -> applyTypmod(to, TextFormat.output(from, v, tc(c)), m, e));
        }
        if (STRINGS.contains(from) && to != PgType.UNKNOWN && to != PgType.VOID) {
            return new Cast(CastContext.EXPLICIT, (v, m, e, c) -> TextFormat.input(to, m, (String) v, tc(c)));
        }
        return null;
    }

    /** Length/precision coercion to a declared typmod (varchar(n), char(n), numeric(p,s)). */
    public static Object applyTypmod(PgType type, Object v, int typmod, boolean explicit) {
        if (typmod < 0 || v == null) {
            return v;
        }
        switch (type) {
            case VARCHAR: return Coercions.varcharTypmod((String) v, typmod, explicit);
            case BPCHAR: return Coercions.bpcharTypmod((String) v, typmod, explicit);
            case NUMERIC: return NumericSupport.applyTypmod((BigDecimal) v, typmod);
            default: return v;
        }
    }

    /** can_coerce_type for one argument in implicit context. */
    public static boolean canCoerceImplicitly(PgType from, PgType to) {
        if (from == to || from == PgType.UNKNOWN) {
            return true;
        }
        Cast c = find(from, to);
        return c != null && c.context() == CastContext.IMPLICIT;
    }
}
