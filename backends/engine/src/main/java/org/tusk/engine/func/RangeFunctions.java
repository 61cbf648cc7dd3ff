package org.tusk.engine.func;

import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.types.PgType;
import org.tusk.engine.types.RangeValue;

/**
 * rangetypes.c over the built-in range types ({@link RangeValue}): the
 * constructors (int4range(lo, hi [, '[)'])...), lower/upper/isempty/
 * lower_inc/upper_inc/lower_inf/upper_inf, the operators @> <@ && << >> &< &>
 * -|- + * - and the btree comparisons behind = < ... and range_cmp.
 */
final class RangeFunctions {
    private RangeFunctions() {
    }

    static void register() {
        for (ProcEntry p : BuiltinCatalog.get().allProcs()) {
            PgType type = p.resultType();
            if ("range_constructor2".equals(p.prosrc()) && RangeValue.subtype(type) != null) {
                FunctionRegistry.bindOid(p.oid(), (a, c) -> RangeValue.of(type, a[0], a[1], true, false));
            } else if ("range_constructor3".equals(p.prosrc()) && RangeValue.subtype(type) != null) {
                FunctionRegistry.bindOid(p.oid(), (a, c) -> {
                    if (a[2] == null) {
                        throw Ereport.error(SqlState.DATA_EXCEPTION, "range constructor flags argument must not be null");
                    }
                    String flags = (String) a[2];
                    if (flags.length() != 2 || "[(".indexOf(flags.charAt(0)) < 0 || "])".indexOf(flags.charAt(1)) < 0) {
                        throw Ereport.error(SqlState.SYNTAX_ERROR, "invalid range bound flags")
                                .withHint("Valid values are \"[]\", \"[)\", \"(]\", and \"()\".");
                    }
                    return RangeValue.of(type, a[0], a[1], flags.charAt(0) == '[', flags.charAt(1) == ']');
                });
            }
        }
        FunctionRegistry.bind("range_lower", (a, c) -> r(a[0]).empty() ? null : r(a[0]).lower());
        FunctionRegistry.bind("range_upper", (a, c) -> r(a[0]).empty() ? null : r(a[0]).upper());
        FunctionRegistry.bind("range_empty", (a, c) -> r(a[0]).empty());
        FunctionRegistry.bind("range_lower_inc", (a, c) -> r(a[0]).lowerInc());
        FunctionRegistry.bind("range_upper_inc", (a, c) -> r(a[0]).upperInc());
        FunctionRegistry.bind("range_lower_inf", (a, c) -> !r(a[0]).empty() && r(a[0]).lower() == null);
        FunctionRegistry.bind("range_upper_inf", (a, c) -> !r(a[0]).empty() && r(a[0]).upper() == null);
        FunctionRegistry.bind("range_eq", (a, c) -> r(a[0]).compareTo(r(a[1])) == 0);
        FunctionRegistry.bind("range_ne", (a, c) -> r(a[0]).compareTo(r(a[1])) != 0);
        FunctionRegistry.bind("range_lt", (a, c) -> r(a[0]).compareTo(r(a[1])) < 0);
        FunctionRegistry.bind("range_le", (a, c) -> r(a[0]).compareTo(r(a[1])) <= 0);
        FunctionRegistry.bind("range_gt", (a, c) -> r(a[0]).compareTo(r(a[1])) > 0);
        FunctionRegistry.bind("range_ge", (a, c) -> r(a[0]).compareTo(r(a[1])) >= 0);
        FunctionRegistry.bind("range_cmp", (a, c) -> Integer.signum(r(a[0]).compareTo(r(a[1]))));
        FunctionRegistry.bind("range_contains", (a, c) -> contains(r(a[0]), r(a[1])));
        FunctionRegistry.bind("range_contained_by", (a, c) -> contains(r(a[1]), r(a[0])));
        FunctionRegistry.bind("range_contains_elem", (a, c) -> containsElem(r(a[0]), a[1]));
        FunctionRegistry.bind("elem_contained_by_range", (a, c) -> containsElem(r(a[1]), a[0]));
        FunctionRegistry.bind("range_overlaps", (a, c) -> overlaps(r(a[0]), r(a[1])));
        FunctionRegistry.bind("range_before", (a, c) -> before(r(a[0]), r(a[1])));
        FunctionRegistry.bind("range_after", (a, c) -> before(r(a[1]), r(a[0])));
        FunctionRegistry.bind("range_overleft", (a, c) -> {
            RangeValue x = r(a[0]);
            RangeValue y = r(a[1]);
            return !x.empty() && !y.empty()
                    && RangeValue.compareBounds(x.upper(), x.upperInc(), false, y.upper(), y.upperInc(), false) <= 0;
        });
        FunctionRegistry.bind("range_overright", (a, c) -> {
            RangeValue x = r(a[0]);
            RangeValue y = r(a[1]);
            return !x.empty() && !y.empty()
                    && RangeValue.compareBounds(x.lower(), x.lowerInc(), true, y.lower(), y.lowerInc(), true) >= 0;
        });
        FunctionRegistry.bind("range_adjacent", (a, c) -> adjacent(r(a[0]), r(a[1])));
        FunctionRegistry.bind("range_union", (a, c) -> union(r(a[0]), r(a[1])));
        FunctionRegistry.bind("range_intersect", (a, c) -> intersect(r(a[0]), r(a[1])));
        FunctionRegistry.bind("range_minus", (a, c) -> minus(r(a[0]), r(a[1])));
    }

    private static RangeValue r(Object v) {
        return (RangeValue) v;
    }

    private static int lowerVsLower(RangeValue x, RangeValue y) {
        return RangeValue.compareBounds(x.lower(), x.lowerInc(), true, y.lower(), y.lowerInc(), true);
    }

    private static int upperVsUpper(RangeValue x, RangeValue y) {
        return RangeValue.compareBounds(x.upper(), x.upperInc(), false, y.upper(), y.upperInc(), false);
    }

    private static int lowerVsUpper(RangeValue x, RangeValue y) {
        return RangeValue.compareBounds(x.lower(), x.lowerInc(), true, y.upper(), y.upperInc(), false);
    }

    static boolean contains(RangeValue x, RangeValue y) {
        if (y.empty()) {
            return true;
        }
        if (x.empty()) {
            return false;
        }
        return lowerVsLower(x, y) <= 0 && upperVsUpper(x, y) >= 0;
    }

    static boolean containsElem(RangeValue x, Object v) {
        if (x.empty()) {
            return false;
        }
        if (x.lower() != null) {
            int c = RangeValue.compareValues(x.lower(), v);
            if (c > 0 || c == 0 && !x.lowerInc()) {
                return false;
            }
        }
        if (x.upper() != null) {
            int c = RangeValue.compareValues(x.upper(), v);
            return !(c < 0 || c == 0 && !x.upperInc());
        }
        return true;
    }

    static boolean overlaps(RangeValue x, RangeValue y) {
        if (x.empty() || y.empty()) {
            return false;
        }
        return lowerVsLower(x, y) >= 0 && lowerVsUpper(x, y) <= 0 || lowerVsLower(y, x) >= 0 && lowerVsUpper(y, x) <= 0;
    }

    static boolean before(RangeValue x, RangeValue y) {
        if (x.empty() || y.empty()) {
            return false;
        }
        return lowerVsUpper(y, x) > 0;
    }

    /** bounds_adjacent: upper bound of one meets the lower bound of the other with one side open. */
    private static boolean meets(RangeValue upperOf, RangeValue lowerOf) {
        if (upperOf.upper() == null || lowerOf.lower() == null) {
            return false;
        }
        return RangeValue.compareValues(upperOf.upper(), lowerOf.lower()) == 0
                && upperOf.upperInc() != lowerOf.lowerInc();
    }

    static boolean adjacent(RangeValue x, RangeValue y) {
        if (x.empty() || y.empty()) {
            return false;
        }
        return meets(x, y) || meets(y, x);
    }

    static RangeValue union(RangeValue x, RangeValue y) {
        if (x.empty()) {
            return y;
        }
        if (y.empty()) {
            return x;
        }
        if (!overlaps(x, y) && !adjacent(x, y)) {
            throw Ereport.error(SqlState.DATA_EXCEPTION, "result of range union would not be contiguous");
        }
        RangeValue lo = lowerVsLower(x, y) <= 0 ? x : y;
        RangeValue hi = upperVsUpper(x, y) >= 0 ? x : y;
        return RangeValue.of(x.rangeType(), lo.lower(), hi.upper(), lo.lowerInc(), hi.upperInc());
    }

    static RangeValue intersect(RangeValue x, RangeValue y) {
        if (x.empty() || y.empty() || !overlaps(x, y)) {
            return RangeValue.empty(x.rangeType());
        }
        RangeValue lo = lowerVsLower(x, y) >= 0 ? x : y;
        RangeValue hi = upperVsUpper(x, y) <= 0 ? x : y;
        return RangeValue.of(x.rangeType(), lo.lower(), hi.upper(), lo.lowerInc(), hi.upperInc());
    }

    static RangeValue minus(RangeValue x, RangeValue y) {
        if (x.empty() || y.empty()) {
            return x;
        }
        int l1l2 = lowerVsLower(x, y);
        int l1u2 = lowerVsUpper(x, y);
        int u1l2 = -lowerVsUpper(y, x);
        int u1u2 = upperVsUpper(x, y);
        if (l1l2 < 0 && u1u2 > 0) {
            throw Ereport.error(SqlState.DATA_EXCEPTION, "result of range difference would not be contiguous");
        }
        if (l1u2 > 0 || u1l2 < 0) {
            return x;
        }
        if (l1l2 >= 0 && u1u2 <= 0) {
            return RangeValue.empty(x.rangeType());
        }
        if (l1l2 <= 0 && u1l2 >= 0 && u1u2 <= 0) {
            return RangeValue.of(x.rangeType(), x.lower(), y.lower(), x.lowerInc(), !y.lowerInc());
        }
        if (l1l2 >= 0 && u1u2 >= 0 && l1u2 <= 0) {
            return RangeValue.of(x.rangeType(), y.upper(), x.upper(), !y.upperInc(), x.upperInc());
        }
        throw Ereport.error(SqlState.INTERNAL_ERROR, "unexpected case in range_minus");
    }
}
