package org.tusk.engine.func;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

import org.tusk.engine.expr.FunctionBody;
import org.tusk.engine.types.ArrayValue;
import org.tusk.engine.types.PgType;

/**
 * Value-per-call set-returning built-ins (funcapi's SRF_RETURN_NEXT), keyed by
 * pg_proc.prosrc like {@link FunctionRegistry}: each body returns a
 * {@code List<Object>} of the function's values, one per result row. The
 * analyzer turns a call into a FunctionScan item (FROM) or a ProjectSet slot
 * (target list) around the body; generate_series and unnest keep their own
 * executor implementations.
 */
public final class SetReturningBodies {
    private static final Map<String, FunctionBody> BY_PROSRC = new HashMap<>();

    static {
        BY_PROSRC.put("regexp_matches_no_flags", (a, c) -> matches((String) a[0], (String) a[1], ""));
        BY_PROSRC.put("regexp_matches", (a, c) -> matches((String) a[0], (String) a[1], (String) a[2]));
        BY_PROSRC.put("regexp_split_to_table_no_flags",
                (a, c) -> elements(RegexFunctions.split((String) a[0], (String) a[1], "", "regexp_split_to_table")));
        BY_PROSRC.put("regexp_split_to_table",
                (a, c) -> elements(RegexFunctions.split((String) a[0], (String) a[1], (String) a[2], "regexp_split_to_table")));
        // string_to_table is not strict: a NULL string gives no rows, a NULL delimiter splits into characters
        BY_PROSRC.put("pg_partition_ancestors", org.tusk.engine.func.sysinfo.SysInfoFunctions::partitionAncestors);
        BY_PROSRC.put("text_to_table", (a, c) -> a[0] == null ? List.of()
                : elements(ArrayFunctions.fromText((String) a[0], (String) a[1], null)));
        BY_PROSRC.put("text_to_table_null", (a, c) -> a[0] == null ? List.of()
                : elements(ArrayFunctions.fromText((String) a[0], (String) a[1], (String) a[2])));
        BY_PROSRC.put("generate_subscripts_nodir", (a, c) -> subscripts((ArrayValue) a[0], (Integer) a[1], false));
        BY_PROSRC.put("generate_subscripts", (a, c) -> subscripts((ArrayValue) a[0], (Integer) a[1], (Boolean) a[2]));
        BY_PROSRC.put("generate_series_timestamp",
                (a, c) -> timestampSeries((Long) a[0], (Long) a[1], (org.tusk.engine.types.Interval) a[2], null));
        BY_PROSRC.put("generate_series_timestamptz", (a, c) -> timestampSeries((Long) a[0], (Long) a[1],
                (org.tusk.engine.types.Interval) a[2], TypeIoFunctions.typeContext(c).timeZone()));
        JsonSetFunctions.register(BY_PROSRC);
        CatalogSetFunctions.register(BY_PROSRC);
        StatisticsFunctions.registerSetReturning(BY_PROSRC);
        JsonPathFunctions.registerSetReturning(BY_PROSRC);
    }

    /** The record typmod of a listing function's OUT columns (json_each's key and value), or -1. */
    public static int outTypmod(ProcEntry p) {
        if (p.prosrc() == null) {
            return -1;
        }
        int json = JsonSetFunctions.outTypmod(p.prosrc());
        return json >= 0 ? json : CatalogSetFunctions.outTypmod(p.prosrc());
    }

    /**
     * generate_series_timestamp(tz): start, start + step, ... while not past stop (below it for a
     * negative step); each step adds the interval to the previous value, months and days in the
     * session's zone for timestamptz, as timestamp(tz)_pl_interval does.
     */
    private static List<Object> timestampSeries(long start, long stop, org.tusk.engine.types.Interval step,
            java.time.ZoneId zone) {
        int direction = step.comparisonKey().signum();
        if (direction == 0) {
            throw org.tusk.engine.error.Ereport.error(org.tusk.api.error.SqlState.INVALID_PARAMETER_VALUE,
                    "step size cannot equal zero");
        }
        List<Object> out = new ArrayList<>();
        long current = start;
        while (direction > 0 ? current <= stop : current >= stop) {
            out.add(current);
            long next = DateTimeFunctions.plusInterval(current, step, zone);
            if (next == current) {
                break;      // infinity plus anything
            }
            current = next;
        }
        return out;
    }

    private SetReturningBodies() {}

    /** generate_subscripts: dimension {@code dim}'s subscripts, lower to upper (or back); none if no such dimension. */
    private static List<Object> subscripts(ArrayValue a, int dim, boolean reverse) {
        List<Object> out = new ArrayList<>();
        if (dim < 1 || dim > a.ndims()) {
            return out;
        }
        int lb = a.lowerBound(dim - 1);
        int n = a.length(dim - 1);
        for (int i = 0; i < n; i++) {
            out.add(reverse ? lb + n - 1 - i : lb + i);
        }
        return out;
    }

    /** The body of a set-returning built-in, or null when Tusk has none. */
    public static FunctionBody body(ProcEntry p) {
        if (p == null || p.prosrc() == null || p.language() != 12) {
            return null;
        }
        return BY_PROSRC.get(p.prosrc());
    }

    private static List<Object> elements(ArrayValue a) {
        List<Object> out = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) {
            out.add(a.element(i));
        }
        return out;
    }

    /**
     * regexp_matches: the first match's captured groups as a text[] (the whole
     * match when the pattern has no groups), or with flag g every match's.
     */
    private static List<Object> matches(String s, String re, String flags) {
        Regex.Flags f = Regex.flags(flags, null);
        Matcher m = RegexFunctions.pattern(re, f).matcher(s);
        List<Object> out = new ArrayList<>();
        int search = 0;
        while (search <= s.length() && m.find(search)) {
            if (m.groupCount() == 0) {
                out.add(ArrayValue.of(PgType.TEXT, m.group()));
            } else {
                Object[] groups = new Object[m.groupCount()];
                for (int i = 0; i < groups.length; i++) {
                    groups[i] = m.group(i + 1);
                }
                out.add(ArrayValue.of(PgType.TEXT, groups));
            }
            if (!f.global()) {
                break;
            }
            search = m.end() == m.start() ? m.end() + 1 : m.end();
        }
        return out;
    }
}
