package org.tusk.engine.func;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.types.ArrayValue;
import org.tusk.engine.types.PgType;

/**
 * regexp.c: regexp_replace, regexp_match, regexp_split_to_array, the
 * PostgreSQL 15 regexp_count/instr/like/substr family, substring(text from
 * pattern) and SIMILAR TO's similar_to_escape. Patterns go through {@link Regex}.
 */
final class RegexFunctions {
    private RegexFunctions() {}

    static void register() {
        FunctionRegistry.bind("similar_to_escape_1", (a, c) -> Regex.similarToRegex((String) a[0], null));
        FunctionRegistry.bind("similar_to_escape_2", (a, c) -> Regex.similarToRegex((String) a[0], (String) a[1]));
        // SQL-language substring(text, text, text): substring($1, similar_to_escape($2, $3))
        FunctionRegistry.bindOid(2074, new SqlFunctionBody("substring", (a, c) -> a[0] == null || a[1] == null
                || a[2] == null ? null : substring((String) a[0], Regex.similarToRegex((String) a[1], (String) a[2]))));
        FunctionRegistry.bind("textregexsubstr", (a, c) -> substring((String) a[0], (String) a[1]));
        FunctionRegistry.bind("textregexreplace_noopt", (a, c) -> replace((String) a[0], (String) a[1], (String) a[2],
                1, 1, Regex.flags("", null), false));
        FunctionRegistry.bind("textregexreplace", (a, c) -> {
            String opts = (String) a[3];
            if (!opts.isEmpty() && opts.charAt(0) >= '0' && opts.charAt(0) <= '9') {
                // an unknown-literal fourth argument resolves to this form; the user may have meant a start position
                throw new org.tusk.api.error.PgException(org.tusk.api.error.Severity.ERROR,
                        SqlState.INVALID_PARAMETER_VALUE, "invalid regular expression option: \""
                        + opts.substring(0, opts.offsetByCodePoints(0, 1)) + "\"", null,
                        "If you meant to use regexp_replace() with a start parameter, cast the fourth argument to integer explicitly.",
                        0, null);
            }
            Regex.Flags f = Regex.flags(opts, null);
            return replace((String) a[0], (String) a[1], (String) a[2], 1, f.global() ? 0 : 1, f, false);
        });
        FunctionRegistry.bind("textregexreplace_extended", (a, c) -> replace((String) a[0], (String) a[1], (String) a[2],
                (Integer) a[3], (Integer) a[4], Regex.flags((String) a[5], null), true)); // N given: flag g is ignored
        FunctionRegistry.bind("textregexreplace_extended_no_flags", (a, c) -> replace((String) a[0], (String) a[1],
                (String) a[2], (Integer) a[3], (Integer) a[4], Regex.flags("", null), true));
        FunctionRegistry.bind("textregexreplace_extended_no_n", (a, c) -> replace((String) a[0], (String) a[1],
                (String) a[2], (Integer) a[3], 1, Regex.flags("", null), true)); // no N, no g: the first match
        FunctionRegistry.bind("regexp_match_no_flags", (a, c) -> match((String) a[0], (String) a[1], ""));
        FunctionRegistry.bind("regexp_match", (a, c) -> match((String) a[0], (String) a[1], (String) a[2]));
        FunctionRegistry.bind("regexp_split_to_array_no_flags", (a, c) -> split((String) a[0], (String) a[1], ""));
        FunctionRegistry.bind("regexp_split_to_array", (a, c) -> split((String) a[0], (String) a[1], (String) a[2]));
        FunctionRegistry.bind("regexp_like_no_flags", (a, c) -> like((String) a[0], (String) a[1], ""));
        FunctionRegistry.bind("regexp_like", (a, c) -> like((String) a[0], (String) a[1], (String) a[2]));
        FunctionRegistry.bind("regexp_count_no_start", (a, c) -> count((String) a[0], (String) a[1], 1, ""));
        FunctionRegistry.bind("regexp_count_no_flags", (a, c) -> count((String) a[0], (String) a[1], (Integer) a[2], ""));
        FunctionRegistry.bind("regexp_count", (a, c) -> count((String) a[0], (String) a[1], (Integer) a[2], (String) a[3]));
        FunctionRegistry.bind("regexp_instr_no_start", (a, c) -> instr(a, 2));
        FunctionRegistry.bind("regexp_instr_no_n", (a, c) -> instr(a, 3));
        FunctionRegistry.bind("regexp_instr_no_endoption", (a, c) -> instr(a, 4));
        FunctionRegistry.bind("regexp_instr_no_flags", (a, c) -> instr(a, 5));
        FunctionRegistry.bind("regexp_instr_no_subexpr", (a, c) -> instr(a, 6));
        FunctionRegistry.bind("regexp_instr", (a, c) -> instr(a, 7));
        FunctionRegistry.bind("regexp_substr_no_start", (a, c) -> substr(a, 2));
        FunctionRegistry.bind("regexp_substr_no_n", (a, c) -> substr(a, 3));
        FunctionRegistry.bind("regexp_substr_no_flags", (a, c) -> substr(a, 4));
        FunctionRegistry.bind("regexp_substr_no_subexpr", (a, c) -> substr(a, 5));
        FunctionRegistry.bind("regexp_substr", (a, c) -> substr(a, 6));
    }

    static Pattern pattern(String re, Regex.Flags f) {
        return Regex.compile(re, f.javaFlags());
    }

    /** substring(text from pattern): the first parenthesized group's match if there is a group, else the whole match. */
    static String substring(String s, String re) {
        Matcher m = Regex.compile(re, java.util.regex.Pattern.DOTALL).matcher(s);
        if (!m.find()) {
            return null;
        }
        if (m.groupCount() > 0) {
            return m.group(1);
        }
        return m.group();
    }

    private static void positive(String name, int v) {
        if (v <= 0 && !name.equals("n") || v < 0) {
            throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "invalid value for parameter \"" + name + "\": " + v);
        }
    }

    /** Character (code point) offset to a Java index. */
    private static int index(String s, int chars) {
        return s.offsetByCodePoints(0, Math.min(chars, s.codePointCount(0, s.length())));
    }

    private static int chars(String s, int index) {
        return s.codePointCount(0, index);
    }

    /** regexp_replace: from 1-based {@code start}, replace the n-th match, or every match from there when n is 0. */
    private static String replace(String s, String re, String repl, int start, int n, Regex.Flags f, boolean extended) {
        if (extended) {
            positive("start", start);
            if (n < 0) {
                throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "invalid value for parameter \"n\": " + n);
            }
        }
        Matcher m = pattern(re, f).matcher(s);
        StringBuilder out = new StringBuilder();
        int from = index(s, start - 1);
        out.append(s, 0, from);
        int copied = from;
        int seen = 0;
        int search = from;
        while (search <= s.length() && m.find(search)) {
            seen++;
            if (n == 0 || seen == n) {
                out.append(s, copied, m.start());
                appendReplacement(out, m, repl);
                copied = m.end();
                if (n != 0) {
                    break;
                }
            }
            search = m.end() == m.start() ? m.end() + 1 : m.end();
        }
        out.append(s, copied, s.length());
        return out.toString();
    }

    private static void appendReplacement(StringBuilder out, Matcher m, String repl) {
        for (int i = 0; i < repl.length(); i++) {
            char c = repl.charAt(i);
            if (c == '\\' && i + 1 < repl.length()) {
                char d = repl.charAt(i + 1);
                if (d >= '1' && d <= '9') {
                    int g = d - '0';
                    if (g <= m.groupCount() && m.group(g) != null) {
                        out.append(m.group(g));
                    }
                    i++;
                    continue;
                }
                if (d == '&') {
                    out.append(m.group());
                    i++;
                    continue;
                }
                if (d == '\\') {
                    out.append('\\');
                    i++;
                    continue;
                }
            }
            out.append(c);
        }
    }

    private static ArrayValue match(String s, String re, String flags) {
        Regex.Flags f = Regex.flags(flags, "regexp_match");
        Matcher m = pattern(re, f).matcher(s);
        if (!m.find()) {
            return null;
        }
        if (m.groupCount() == 0) {
            return ArrayValue.of(PgType.TEXT, m.group());
        }
        Object[] groups = new Object[m.groupCount()];
        for (int i = 0; i < groups.length; i++) {
            groups[i] = m.group(i + 1);
        }
        return ArrayValue.of(PgType.TEXT, groups);
    }

    /** regexp_split_to_array: pieces between matches, ignoring empty matches at the ends or right after a match. */
    static ArrayValue split(String s, String re, String flags) {
        return split(s, re, flags, "regexp_split_to_array");
    }

    /** The split for {@code function} (regexp_split_to_array or _to_table), which names it in the flag error. */
    static ArrayValue split(String s, String re, String flags, String function) {
        Regex.Flags f = Regex.flags(flags, function);
        Matcher m = pattern(re, f).matcher(s);
        List<Object> out = new ArrayList<>();
        int prevEnd = 0;
        int pieceStart = 0;
        int search = 0;
        while (search <= s.length() && m.find(search)) {
            if (m.start() < s.length() && m.end() > prevEnd) {
                out.add(s.substring(pieceStart, m.start()));
                pieceStart = m.end();
            }
            prevEnd = m.end();
            search = m.end() == m.start() ? m.end() + 1 : m.end();
        }
        out.add(s.substring(pieceStart));
        return ArrayValue.of(PgType.TEXT, out.toArray());
    }

    private static boolean like(String s, String re, String flags) {
        return pattern(re, Regex.flags(flags, "regexp_like")).matcher(s).find();
    }

    /** All matches from 1-based start (empty matches included, the search stepping one character past them). */
    private static List<int[]> matches(String s, String re, int start, Regex.Flags f) {
        Matcher m = pattern(re, f).matcher(s);
        List<int[]> out = new ArrayList<>();
        int search = index(s, start - 1);
        while (search <= s.length() && m.find(search)) {
            int[] g = new int[2 * (m.groupCount() + 1)];
            for (int i = 0; i <= m.groupCount(); i++) {
                g[2 * i] = m.start(i);
                g[2 * i + 1] = m.end(i);
            }
            out.add(g);
            search = m.end() == m.start() ? m.end() + 1 : m.end();
        }
        return out;
    }

    private static int count(String s, String re, int start, String flags) {
        positive("start", start);
        return matches(s, re, start, Regex.flags(flags, "regexp_count")).size();
    }

    private static Object instr(Object[] a, int nargs) {
        String s = (String) a[0];
        int start = nargs > 2 ? (Integer) a[2] : 1;
        int n = nargs > 3 ? (Integer) a[3] : 1;
        int endOption = nargs > 4 ? (Integer) a[4] : 0;
        String flags = nargs > 5 ? (String) a[5] : "";
        int sub = nargs > 6 ? (Integer) a[6] : 0;
        positive("start", start);
        if (n <= 0) {
            throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "invalid value for parameter \"n\": " + n);
        }
        if (endOption != 0 && endOption != 1) {
            throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "invalid value for parameter \"endoption\": " + endOption);
        }
        if (sub < 0) {
            throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "invalid value for parameter \"subexpr\": " + sub);
        }
        List<int[]> ms = matches(s, (String) a[1], start, Regex.flags(flags, "regexp_instr"));
        if (ms.size() < n) {
            return 0;
        }
        int[] g = ms.get(n - 1);
        if (2 * sub + 1 >= g.length || g[2 * sub] < 0) {
            return 0;
        }
        return chars(s, g[2 * sub + endOption]) + 1;
    }

    private static Object substr(Object[] a, int nargs) {
        String s = (String) a[0];
        int start = nargs > 2 ? (Integer) a[2] : 1;
        int n = nargs > 3 ? (Integer) a[3] : 1;
        String flags = nargs > 4 ? (String) a[4] : "";
        int sub = nargs > 5 ? (Integer) a[5] : 0;
        positive("start", start);
        if (n <= 0) {
            throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "invalid value for parameter \"n\": " + n);
        }
        if (sub < 0) {
            throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "invalid value for parameter \"subexpr\": " + sub);
        }
        List<int[]> ms = matches(s, (String) a[1], start, Regex.flags(flags, "regexp_substr"));
        if (ms.size() < n) {
            return null;
        }
        int[] g = ms.get(n - 1);
        if (2 * sub + 1 >= g.length || g[2 * sub] < 0) {
            return null;
        }
        return s.substring(g[2 * sub], g[2 * sub + 1]);
    }
}
