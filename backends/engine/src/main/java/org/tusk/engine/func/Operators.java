package org.tusk.engine.func;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.types.PgType;

/** pg_operator for the built-in types: the candidates operator resolution chooses from. */
public final class Operators {
    private Operators() {}

    private static final Map<String, List<BuiltinFunction>> BINARY = new HashMap<>();
    private static final Map<String, List<BuiltinFunction>> PREFIX = new HashMap<>();
    private static final PgType[] INTS = {PgType.INT2, PgType.INT4, PgType.INT8};
    private static final String[] COMPARE = {"=", "<>", "<", ">", "<=", ">="};

    static {
        for (PgType l : INTS) {
            for (PgType r : INTS) {
                PgType result = l.typlen() >= r.typlen() ? l : r;
                for (String op : new String[] {"+", "-", "*", "/"}) {
                    arith(op, l, r, result);
                }
                if (l == r) {
                    arith("%", l, r, l);
                }
                comparisons(l, r);
            }
        }
        for (PgType t : new PgType[] {PgType.NUMERIC, PgType.FLOAT4, PgType.FLOAT8}) {
            for (String op : new String[] {"+", "-", "*", "/"}) {
                arith(op, t, t, t);
            }
            comparisons(t, t);
        }
        arith("%", PgType.NUMERIC, PgType.NUMERIC, PgType.NUMERIC);
        arith("^", PgType.NUMERIC, PgType.NUMERIC, PgType.NUMERIC);
        arith("^", PgType.FLOAT8, PgType.FLOAT8, PgType.FLOAT8);
        for (String op : new String[] {"+", "-", "*", "/"}) {
            arith(op, PgType.FLOAT4, PgType.FLOAT8, PgType.FLOAT8);
            arith(op, PgType.FLOAT8, PgType.FLOAT4, PgType.FLOAT8);
        }
        comparisons(PgType.FLOAT4, PgType.FLOAT8);
        comparisons(PgType.FLOAT8, PgType.FLOAT4);
        for (PgType t : new PgType[] {PgType.TEXT, PgType.NAME, PgType.BOOL, PgType.OID, PgType.TIMESTAMPTZ,
                PgType.TIMESTAMP, PgType.DATE, PgType.INET, PgType.XID, PgType.BPCHAR}) {
            comparisons(t, t);
        }
        comparisons(PgType.NAME, PgType.TEXT);
        comparisons(PgType.TEXT, PgType.NAME);
        add(BINARY, new BuiltinFunction("||", List.of(PgType.TEXT, PgType.TEXT), PgType.TEXT, true,
                (a, c) -> (String) a[0] + a[1]));
        for (PgType t : new PgType[] {PgType.TEXT, PgType.NAME, PgType.BPCHAR}) {
            like("~~", t, false, false);
            like("!~~", t, true, false);
            like("~~*", t, false, true);
            like("!~~*", t, true, true);
            regex("~", t, false, false);
            regex("!~", t, true, false);
            regex("~*", t, false, true);
            regex("!~*", t, true, true);
        }
        for (PgType t : new PgType[] {PgType.INT2, PgType.INT4, PgType.INT8, PgType.NUMERIC, PgType.FLOAT4, PgType.FLOAT8}) {
            add(PREFIX, new BuiltinFunction("-", List.of(t), t, true, (a, c) -> Arithmetic.negate(t, a[0])));
            add(PREFIX, new BuiltinFunction("+", List.of(t), t, true, (a, c) -> a[0]));
        }
    }

    private static void add(Map<String, List<BuiltinFunction>> map, BuiltinFunction f) {
        map.computeIfAbsent(f.name(), k -> new ArrayList<>()).add(f);
    }

    private static void arith(String op, PgType l, PgType r, PgType result) {
        add(BINARY, new BuiltinFunction(op, List.of(l, r), result, true,
                (a, c) -> Arithmetic.binary(op, result, a[0], a[1])));
    }

    private static void comparisons(PgType l, PgType r) {
        for (String op : COMPARE) {
            add(BINARY, new BuiltinFunction(op, List.of(l, r), PgType.BOOL, true, (a, c) -> {
                Object x = a[0];
                Object y = a[1];
                if (l == PgType.BPCHAR) {
                    x = ((String) x).replaceAll(" +$", "");
                    y = ((String) y).replaceAll(" +$", "");
                }
                return test(op, Comparisons.compare(x, y));
            }));
        }
    }

    static boolean test(String op, int cmp) {
        switch (op) {
            case "=": return cmp == 0;
            case "<>": return cmp != 0;
            case "<": return cmp < 0;
            case ">": return cmp > 0;
            case "<=": return cmp <= 0;
            default: return cmp >= 0;
        }
    }

    private static void like(String op, PgType t, boolean negate, boolean caseInsensitive) {
        add(BINARY, new BuiltinFunction(op, List.of(t, PgType.TEXT), PgType.BOOL, true, (a, c) -> {
            boolean m = LikeMatcher.matches((String) a[0], (String) a[1], caseInsensitive);
            return m != negate;
        }));
    }

    private static void regex(String op, PgType t, boolean negate, boolean caseInsensitive) {
        add(BINARY, new BuiltinFunction(op, List.of(t, PgType.TEXT), PgType.BOOL, true, (a, c) -> {
            try {
                Pattern p = Pattern.compile((String) a[1], caseInsensitive ? Pattern.CASE_INSENSITIVE : 0);
                return p.matcher((String) a[0]).find() != negate;
            } catch (PatternSyntaxException e) {
                throw Ereport.error(SqlState.INVALID_REGULAR_EXPRESSION,
                        "invalid regular expression: " + e.getDescription().toLowerCase(Locale.ROOT));
            }
        }));
    }

    /** Every hand-written binary (prefix == false) or prefix operator. */
    static List<BuiltinFunction> all(boolean prefix) {
        List<BuiltinFunction> out = new ArrayList<>();
        (prefix ? PREFIX : BINARY).values().forEach(out::addAll);
        return out;
    }

    public static List<BuiltinFunction> binary(String op) {
        return BINARY.getOrDefault(op, List.of());
    }

    public static List<BuiltinFunction> prefix(String op) {
        return PREFIX.getOrDefault(op, List.of());
    }
}
