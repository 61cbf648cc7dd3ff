package org.tusk.engine.func;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.types.DateTimes;
import org.tusk.engine.types.PgType;

/**
 * The btree comparison of two values of (possibly different) built-in types,
 * as the cmp support functions and the cross-type operators of one btree
 * family do it: integers, floats and numeric compare by value (NaN above
 * everything), strings by code point (C collation), bpchar ignoring trailing
 * blanks, date/timestamp/timestamptz after converting to the wider type,
 * uuid as unsigned bytes.
 */
public final class ValueComparator {
    private ValueComparator() {}

    private static final Set<PgType> NUMBERS = EnumSet.of(PgType.INT2, PgType.INT4, PgType.INT8, PgType.FLOAT4,
            PgType.FLOAT8, PgType.NUMERIC, PgType.OID, PgType.XID, PgType.XID8, PgType.CID, PgType.MONEY);
    private static final Set<PgType> STRINGS = EnumSet.of(PgType.TEXT, PgType.NAME, PgType.VARCHAR, PgType.BPCHAR,
            PgType.CHAR, PgType.INET, PgType.CIDR);
    private static final Set<PgType> DATETIMES = EnumSet.of(PgType.DATE, PgType.TIMESTAMP, PgType.TIMESTAMPTZ);

    /** Whether {@link #compare} handles this pair of types. */
    public static boolean supports(PgType l, PgType r) {
        if (NUMBERS.contains(l) && NUMBERS.contains(r) || STRINGS.contains(l) && STRINGS.contains(r)
                || DATETIMES.contains(l) && DATETIMES.contains(r)) {
            return true;
        }
        return l == r && (l == PgType.BOOL || l == PgType.UUID || l == PgType.TIME || l == PgType.TIMETZ
                || l == PgType.BYTEA || l == PgType.JSONB);
    }

    public static int compare(PgType lt, Object a, PgType rt, Object b, EvalContext ctx) {
        if (lt == PgType.BPCHAR || rt == PgType.BPCHAR) {
            return Comparisons.compareStrings(stripBlanks(lt, (String) a), stripBlanks(rt, (String) b));
        }
        if (lt != rt && DATETIMES.contains(lt) && DATETIMES.contains(rt)) {
            PgType wide = lt == PgType.TIMESTAMPTZ || rt == PgType.TIMESTAMPTZ ? PgType.TIMESTAMPTZ : PgType.TIMESTAMP;
            return Long.compare(widen(lt, a, wide, ctx), widen(rt, b, wide, ctx));
        }
        if (a instanceof UUID x && b instanceof UUID y) {
            int c = Long.compareUnsigned(x.getMostSignificantBits(), y.getMostSignificantBits());
            return c != 0 ? c : Long.compareUnsigned(x.getLeastSignificantBits(), y.getLeastSignificantBits());
        }
        return Comparisons.compare(a, b);
    }

    private static String stripBlanks(PgType t, String s) {
        if (t != PgType.BPCHAR) {
            return s;
        }
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ') {
            end--;
        }
        return s.substring(0, end);
    }

    private static long widen(PgType t, Object v, PgType to, EvalContext ctx) {
        long ts = t == PgType.DATE ? CastFunctions.dateToTimestamp((Integer) v) : (Long) v;
        if (t != PgType.TIMESTAMPTZ && to == PgType.TIMESTAMPTZ && !CastFunctions.isInfinite(ts)) {
            ts = DateTimes.timestampToTimestamptz(ts, CastFunctions.typeContext(ctx).timeZone());
        }
        return ts;
    }
}
