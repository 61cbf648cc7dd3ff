package org.tusk.engine.func;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.expr.FunctionBody;
import org.tusk.engine.types.PgType;

/**
 * The functions behind the built-in operators (int4pl, float48lt, textlike,
 * numeric_uminus...). Comparison and arithmetic bodies are derived from each
 * pg_operator row's types rather than listed one by one: every `=`/`<`...
 * between two types {@link ValueComparator} knows, and every `+ - * / %`
 * between numeric types, shares one body per prosrc.
 */
final class OperatorFunctions {
    private OperatorFunctions() {}

    private static final Set<PgType> ARITHMETIC = EnumSet.of(PgType.INT2, PgType.INT4, PgType.INT8, PgType.FLOAT4,
            PgType.FLOAT8, PgType.NUMERIC);
    private static final Set<PgType> INTEGERS = EnumSet.of(PgType.INT2, PgType.INT4, PgType.INT8);

    static void register() {
        for (OperatorEntry o : BuiltinCatalog.get().allOperators()) {
            ProcEntry p = o.proc();
            if (p == null || p.prosrc() == null || p.prosrc().isEmpty() || p.language() != 12) {
                continue;
            }
            FunctionBody body = derive(o);
            if (body != null) {
                FunctionRegistry.bindIfAbsent(p.prosrc(), body);
            }
        }
        like("textlike", false, false);
        like("textnlike", true, false);
        like("texticlike", false, true);
        like("texticnlike", true, true);
        like("namelike", false, false);
        like("namenlike", true, false);
        like("nameiclike", false, true);
        like("nameicnlike", true, true);
        like("bpcharlike", false, false);
        like("bpcharnlike", true, false);
        like("bpchariclike", false, true);
        like("bpcharicnlike", true, true);
        regex("textregexeq", false, false);
        regex("textregexne", true, false);
        regex("texticregexeq", false, true);
        regex("texticregexne", true, true);
        regex("nameregexeq", false, false);
        regex("nameregexne", true, false);
        regex("nameicregexeq", false, true);
        regex("nameicregexne", true, true);
        regex("bpcharregexeq", false, false);
        regex("bpcharregexne", true, false);
        regex("bpcharicregexeq", false, true);
        regex("bpcharicregexne", true, true);
        patternComparisons();
        EnumFunctions.register();
        RangeFunctions.register();
        FunctionRegistry.bind("starts_with", (a, c) -> ((String) a[0]).startsWith((String) a[1]));
        FunctionRegistry.bind("date_pli", (a, c) -> dateAdd((Integer) a[0], (Integer) a[1]));
        FunctionRegistry.bind("integer_pl_date", (a, c) -> dateAdd((Integer) a[1], (Integer) a[0]));
        FunctionRegistry.bind("date_mii", (a, c) -> dateAdd((Integer) a[0], -(long) (Integer) a[1]));
        FunctionRegistry.bind("date_mi", (a, c) -> {
            int x = (Integer) a[0];
            int y = (Integer) a[1];
            if (x == Integer.MIN_VALUE || x == Integer.MAX_VALUE || y == Integer.MIN_VALUE || y == Integer.MAX_VALUE) {
                throw Ereport.error(SqlState.DATETIME_FIELD_OVERFLOW, "cannot subtract infinite dates");
            }
            return x - y;
        });
    }

    /**
     * text_pattern_ops / bpchar_pattern_ops (~<~, ~<=~, ~>=~, ~>~): strings
     * compared byte by byte as UTF-8 (memcmp), whatever the collation; the
     * bpchar ones ignore trailing blanks first.
     */
    private static void patternComparisons() {
        for (String kind : new String[] {"text", "bpchar"}) {
            boolean trim = kind.equals("bpchar");
            for (String op : new String[] {"lt", "le", "ge", "gt"}) {
                FunctionRegistry.bind(kind + "_pattern_" + op, (a, c) -> {
                    int cmp = patternCompare((String) a[0], (String) a[1], trim);
                    return switch (op) {
                        case "lt" -> cmp < 0;
                        case "le" -> cmp <= 0;
                        case "ge" -> cmp >= 0;
                        default -> cmp > 0;
                    };
                });
            }
            FunctionRegistry.bind("bt" + kind + "_pattern_cmp",
                    (a, c) -> Integer.signum(patternCompare((String) a[0], (String) a[1], trim)));
        }
    }

    private static int patternCompare(String x, String y, boolean trimTrailingBlanks) {
        if (trimTrailingBlanks) {
            x = x.replaceFirst(" +$", "");
            y = y.replaceFirst(" +$", "");
        }
        byte[] bx = x.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] by = y.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return java.util.Arrays.compareUnsigned(bx, by);
    }

    private static Object dateAdd(int days, long delta) {
        if (days == Integer.MIN_VALUE || days == Integer.MAX_VALUE) {
            return days;
        }
        long r = days + delta;
        // date range: 4714-11-24 BC .. 5874897-12-31
        if (r < -2451545 || r > 2145031948) {
            throw Ereport.error(SqlState.DATETIME_FIELD_OVERFLOW, "date out of range");
        }
        return (int) r;
    }

    /** A body for a comparison, arithmetic or bit operator over types we can derive it for; null otherwise. */
    private static FunctionBody derive(OperatorEntry o) {
        String op = o.name();
        PgType l = o.left();
        PgType r = o.right();
        if (l != null && o.result() == PgType.BOOL && isComparison(op)) {
            if (!ValueComparator.supports(l, r)) {
                return null;
            }
            return (a, c) -> test(op, ValueComparator.compare(l, a[0], r, a[1], c));
        }
        PgType result = o.result();
        if (l != null && ARITHMETIC.contains(l) && ARITHMETIC.contains(r) && ARITHMETIC.contains(result)) {
            switch (op) {
                case "+": case "-": case "*": case "/": case "%": case "^":
                    return (a, c) -> Arithmetic.binary(op, result, a[0], a[1]);
                default:
                    break;
            }
        }
        if (l != null && INTEGERS.contains(l) && INTEGERS.contains(r) && INTEGERS.contains(result)) {
            switch (op) {
                case "&": return (a, c) -> Arithmetic.box(result, ((Number) a[0]).longValue() & ((Number) a[1]).longValue());
                case "|": return (a, c) -> Arithmetic.box(result, ((Number) a[0]).longValue() | ((Number) a[1]).longValue());
                case "#": return (a, c) -> Arithmetic.box(result, ((Number) a[0]).longValue() ^ ((Number) a[1]).longValue());
                case "<<": return (a, c) -> shift(result, ((Number) a[0]).longValue(), (Integer) a[1], true);
                case ">>": return (a, c) -> shift(result, ((Number) a[0]).longValue(), (Integer) a[1], false);
                default: break;
            }
        }
        if (l == null && ARITHMETIC.contains(r)) {
            switch (op) {
                case "-": return (a, c) -> Arithmetic.negate(r, a[0]);
                case "+": return (a, c) -> a[0];
                case "@": return (a, c) -> MathFunctions.abs(r, a[0]);
                case "~": return INTEGERS.contains(r) ? (a, c) -> Arithmetic.box(r, ~((Number) a[0]).longValue()) : null;
                default: return null;
            }
        }
        return null;
    }

    /** int2/int4/int8 << and >>: the shift count is taken modulo the width, as C does on x86. */
    private static Object shift(PgType type, long v, int n, boolean left) {
        switch (type) {
            case INT2: {
                int x = (short) v;
                return (short) (left ? x << (n & 31) : x >> (n & 31));
            }
            case INT4: {
                int x = (int) v;
                return left ? x << n : x >> n;
            }
            default:
                return left ? v << n : v >> n;
        }
    }

    static boolean isComparison(String op) {
        switch (op) {
            case "=": case "<>": case "<": case ">": case "<=": case ">=": return true;
            default: return false;
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

    private static void like(String prosrc, boolean negate, boolean caseInsensitive) {
        FunctionRegistry.bind(prosrc, (a, c) -> LikeMatcher.matches((String) a[0], (String) a[1], caseInsensitive) != negate);
    }

    private static void regex(String prosrc, boolean negate, boolean caseInsensitive) {
        FunctionRegistry.bind(prosrc, (a, c) -> {
            Pattern p = Regex.compile((String) a[1], Pattern.DOTALL
                    | (caseInsensitive ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0));
            return p.matcher((String) a[0]).find() != negate;
        });
    }
}
