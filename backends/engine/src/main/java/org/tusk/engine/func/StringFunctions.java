package org.tusk.engine.func;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;

/** varlena.c / oracle_compat.c string functions, by prosrc. Strings are counted in code points. */
public final class StringFunctions {
    private StringFunctions() {}

    static void register() {
        FunctionRegistry.bind("textcat", (a, c) -> (String) a[0] + a[1]);
        FunctionRegistry.bind("btrim", (a, c) -> trim((String) a[0], (String) a[1], true, true));
        FunctionRegistry.bind("btrim1", (a, c) -> trim((String) a[0], " ", true, true));
        FunctionRegistry.bind("ltrim", (a, c) -> trim((String) a[0], (String) a[1], true, false));
        FunctionRegistry.bind("ltrim1", (a, c) -> trim((String) a[0], " ", true, false));
        FunctionRegistry.bind("rtrim", (a, c) -> trim((String) a[0], (String) a[1], false, true));
        FunctionRegistry.bind("rtrim1", (a, c) -> trim((String) a[0], " ", false, true));
        FunctionRegistry.bind("lpad", (a, c) -> pad((String) a[0], (Integer) a[1], (String) a[2], true));
        FunctionRegistry.bind("rpad", (a, c) -> pad((String) a[0], (Integer) a[1], (String) a[2], false));
        bindSql("lpad", (a, c) -> pad((String) a[0], (Integer) a[1], " ", true));
        bindSql("rpad", (a, c) -> pad((String) a[0], (Integer) a[1], " ", false));
        FunctionRegistry.bind("text_left", (a, c) -> left((String) a[0], (Integer) a[1]));
        FunctionRegistry.bind("text_right", (a, c) -> right((String) a[0], (Integer) a[1]));
        FunctionRegistry.bind("text_reverse", (a, c) -> new StringBuilder((String) a[0]).reverse().toString());
        FunctionRegistry.bind("textpos", (a, c) -> position((String) a[0], (String) a[1]));
        FunctionRegistry.bind("text_starts_with", (a, c) -> ((String) a[0]).startsWith((String) a[1]));
        FunctionRegistry.bind("split_part", (a, c) -> splitPart((String) a[0], (String) a[1], (Integer) a[2]));
        FunctionRegistry.bind("initcap", (a, c) -> initcap((String) a[0]));
        FunctionRegistry.bind("ascii", (a, c) -> ((String) a[0]).isEmpty() ? 0 : ((String) a[0]).codePointAt(0));
        FunctionRegistry.bind("chr", (a, c) -> chr((Integer) a[0]));
        FunctionRegistry.bind("md5_text", (a, c) -> md5(((String) a[0]).getBytes(StandardCharsets.UTF_8)));
        FunctionRegistry.bind("md5_bytea", (a, c) -> md5((byte[]) a[0]));
        FunctionRegistry.bind("to_hex32", (a, c) -> Integer.toHexString((Integer) a[0]));
        FunctionRegistry.bind("to_hex64", (a, c) -> Long.toHexString((Long) a[0]));
        FunctionRegistry.bind("translate", (a, c) -> translate((String) a[0], (String) a[1], (String) a[2]));
        FunctionRegistry.bind("quote_ident", (a, c) -> quoteIdent((String) a[0]));
        FunctionRegistry.bind("quote_literal", (a, c) -> quoteLiteral((String) a[0]));
        FunctionRegistry.bind("quote_nullable", (a, c) -> a[0] == null ? "NULL" : quoteLiteral((String) a[0]));
        // the SQL-language anyelement forms (select quote_literal($1::text)): the analyzer casts the argument
        // to text (QUOTE_ANYELEMENT_PROCS), so the bodies are the text ones
        FunctionRegistry.bindOid(QUOTE_LITERAL_ANYELEMENT, (a, c) -> quoteLiteral((String) a[0]));
        FunctionRegistry.bindOid(QUOTE_NULLABLE_ANYELEMENT, (a, c) -> a[0] == null ? "NULL" : quoteLiteral((String) a[0]));
        FunctionRegistry.bind("text_concat", (a, c) -> concat(a, 0, ""));
        FunctionRegistry.bind("text_concat_ws", (a, c) -> a[0] == null ? null : concat(a, 1, (String) a[0]));
        FunctionRegistry.bind("text_format", (a, c) -> Format.format(a));
        FunctionRegistry.bind("text_format_nv", (a, c) -> Format.format(a));
        FunctionRegistry.bind("upper", (a, c) -> ((String) a[0]).toUpperCase(Locale.ROOT));
        FunctionRegistry.bind("lower", (a, c) -> ((String) a[0]).toLowerCase(Locale.ROOT));
        FunctionRegistry.bind("textlen", (a, c) -> ((String) a[0]).codePointCount(0, ((String) a[0]).length()));
        FunctionRegistry.bind("bpcharlen", (a, c) -> {
            String s = trim((String) a[0], " ", false, true);
            return s.codePointCount(0, s.length());
        });
        FunctionRegistry.bind("textoctetlen", (a, c) -> ((String) a[0]).getBytes(StandardCharsets.UTF_8).length);
        FunctionRegistry.bind("bpcharoctetlen", (a, c) -> ((String) a[0]).getBytes(StandardCharsets.UTF_8).length);
        FunctionRegistry.bind("byteaoctetlen", (a, c) -> ((byte[]) a[0]).length);
        FunctionRegistry.bind("repeat", (a, c) -> ((String) a[0]).repeat(Math.max(0, (Integer) a[1])));
        FunctionRegistry.bind("replace_text",
                (a, c) -> ((String) a[1]).isEmpty() ? a[0] : ((String) a[0]).replace((String) a[1], (String) a[2]));
        FunctionRegistry.bind("text_substr", (a, c) -> substr((String) a[0], (Integer) a[1], (Integer) a[2]));
        FunctionRegistry.bind("text_substr_no_len", (a, c) -> substr((String) a[0], (Integer) a[1], null));
        FunctionRegistry.bind("unistr", (a, c) -> unistr((String) a[0]));
        FunctionRegistry.bind("parse_ident", (a, c) -> ParseIdent.parse((String) a[0], a.length < 2 || (Boolean) a[1]));
        FunctionRegistry.bind("textoverlay", (a, c) -> overlay((String) a[0], (String) a[1], (Integer) a[2], (Integer) a[3]));
        FunctionRegistry.bind("textoverlay_no_len", (a, c) -> overlay((String) a[0], (String) a[1], (Integer) a[2],
                ((String) a[1]).codePointCount(0, ((String) a[1]).length())));
        FunctionRegistry.bind("like_escape", (a, c) -> likeEscape((String) a[0], (String) a[1]));
    }

    /** SQL-language built-ins are bound by OID: the (only) pg_proc row of that name and arity with no prosrc. */
    private static void bindSql(String name, org.tusk.engine.expr.FunctionBody body) {
        for (ProcEntry p : BuiltinCatalog.get().procs(name)) {
            if (p.prosrc().isEmpty() || p.language() != 12) {
                FunctionRegistry.bindOid(p.oid(), body);
            }
        }
    }

    static String trim(String s, String chars, boolean leading, boolean trailing) {
        int[] cps = s.codePoints().toArray();
        int from = 0;
        int to = cps.length;
        while (leading && from < to && chars.indexOf(Character.toString(cps[from])) >= 0) {
            from++;
        }
        while (trailing && to > from && chars.indexOf(Character.toString(cps[to - 1])) >= 0) {
            to--;
        }
        return new String(cps, from, to - from);
    }

    static String pad(String s, int len, String fill, boolean left) {
        int[] cps = s.codePoints().toArray();
        if (len <= 0) {
            return "";
        }
        if (cps.length >= len) {
            return new String(cps, 0, len);
        }
        int[] f = fill.codePoints().toArray();
        if (f.length == 0) {
            return s;
        }
        StringBuilder padding = new StringBuilder();
        for (int i = 0; i < len - cps.length; i++) {
            padding.appendCodePoint(f[i % f.length]);
        }
        return left ? padding + s : s + padding;
    }

    static String left(String s, int n) {
        int[] cps = s.codePoints().toArray();
        int k = n >= 0 ? Math.min(n, cps.length) : Math.max(0, cps.length + n);
        return new String(cps, 0, k);
    }

    static String right(String s, int n) {
        int[] cps = s.codePoints().toArray();
        int k = n >= 0 ? Math.min(n, cps.length) : Math.max(0, cps.length + n);
        return new String(cps, cps.length - k, k);
    }

    static int position(String s, String sub) {
        int i = s.indexOf(sub);
        return i < 0 ? 0 : s.codePointCount(0, i) + 1;
    }

    static String splitPart(String s, String delim, int n) {
        if (n == 0) {
            throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "field position must not be zero");
        }
        if (delim.isEmpty()) {
            return n == 1 || n == -1 ? s : "";
        }
        java.util.List<String> parts = new java.util.ArrayList<>();
        int from = 0;
        while (true) {
            int i = s.indexOf(delim, from);
            if (i < 0) {
                parts.add(s.substring(from));
                break;
            }
            parts.add(s.substring(from, i));
            from = i + delim.length();
        }
        if (s.isEmpty()) {
            return "";
        }
        int idx = n > 0 ? n - 1 : parts.size() + n;
        return idx >= 0 && idx < parts.size() ? parts.get(idx) : "";
    }

    static String initcap(String s) {
        StringBuilder sb = new StringBuilder();
        boolean wasAlnum = false;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            sb.appendCodePoint(wasAlnum ? Character.toLowerCase(cp) : Character.toUpperCase(cp));
            wasAlnum = Character.isLetterOrDigit(cp);
            i += Character.charCount(cp);
        }
        return sb.toString();
    }

    static String chr(int code) {
        if (code == 0) {
            throw Ereport.error(SqlState.PROGRAM_LIMIT_EXCEEDED, "null character not permitted");
        }
        if (code < 0 || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
            throw Ereport.error(SqlState.PROGRAM_LIMIT_EXCEEDED, "requested character too large for encoding: " + code);
        }
        return Character.toString(code);
    }

    static String md5(byte[] data) {
        try {
            byte[] d = MessageDigest.getInstance("MD5").digest(data);
            return String.format("%032x", new BigInteger(1, d));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String translate(String s, String from, String to) {
        int[] f = from.codePoints().toArray();
        int[] t = to.codePoints().toArray();
        StringBuilder sb = new StringBuilder();
        s.codePoints().forEach(cp -> {
            int idx = -1;
            for (int i = 0; i < f.length; i++) {
                if (f[i] == cp) {
                    idx = i;
                    break;
                }
            }
            if (idx < 0) {
                sb.appendCodePoint(cp);
            } else if (idx < t.length) {
                sb.appendCodePoint(t[idx]);
            }
        });
        return sb.toString();
    }

    static String quoteIdent(String s) {
        boolean safe = !s.isEmpty() && (Character.isLowerCase(s.charAt(0)) || s.charAt(0) == '_')
                && s.chars().allMatch(ch -> (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_')
                && !org.tusk.engine.func.ReservedWords.isReserved(s);
        return safe ? s : '"' + s.replace("\"", "\"\"") + '"';
    }

    /** pg_proc OIDs of quote_literal(anyelement) and quote_nullable(anyelement). */
    public static final int QUOTE_LITERAL_ANYELEMENT = 1285;
    public static final int QUOTE_NULLABLE_ANYELEMENT = 1290;

    static String quoteLiteral(String s) {
        String body = s.replace("'", "''");
        if (s.indexOf('\\') >= 0) {
            return "E'" + body.replace("\\", "\\\\") + "'";
        }
        return "'" + body + "'";
    }

    /**
     * overlay(t1 placing t2 from sp for sl): t1's characters before sp, t2, then
     * t1's from sp + sl on (text_overlay; a start before 1 is a negative length).
     */
    static String overlay(String t1, String t2, int sp, int sl) {
        int spPlusSl;
        try {
            spPlusSl = Math.addExact(sp, sl);
        } catch (ArithmeticException e) {
            throw Ereport.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "integer out of range");
        }
        return substr(t1, 1, sp - 1) + t2 + substr(t1, spPlusSl, null);
    }

    static String substr(String s, int start, Integer count) {
        if (count != null && count < 0) {
            throw Ereport.error("22011", "negative substring length not allowed");
        }
        int[] cps = s.codePoints().toArray();
        long from = Math.max(start, 1);
        long to = count == null ? cps.length + 1L : Math.min((long) start + count, cps.length + 1L);
        if (from >= to) {
            return "";
        }
        return new String(cps, (int) from - 1, (int) (to - from));
    }

    /** unistr: \\XXXX, \\+XXXXXX, \\uXXXX, \\UXXXXXXXX and \\\\ decoded, surrogate pairs combined. */
    static String unistr(String s) {
        StringBuilder sb = new StringBuilder();
        int pendingHigh = -1;
        int i = 0;
        while (i < s.length()) {
            char ch = s.charAt(i);
            if (ch != '\\') {
                if (pendingHigh >= 0) {
                    throw Ereport.error(SqlState.SYNTAX_ERROR, "invalid Unicode surrogate pair");
                }
                sb.append(ch);
                i++;
                continue;
            }
            if (i + 1 < s.length() && s.charAt(i + 1) == '\\') {
                if (pendingHigh >= 0) {
                    throw Ereport.error(SqlState.SYNTAX_ERROR, "invalid Unicode surrogate pair");
                }
                sb.append('\\');
                i += 2;
                continue;
            }
            int skip;
            int digits;
            if (hex(s, i + 1, 4)) {
                skip = 1;
                digits = 4;
            } else if (i + 1 < s.length() && s.charAt(i + 1) == '+' && hex(s, i + 2, 6)) {
                skip = 2;
                digits = 6;
            } else if (i + 1 < s.length() && s.charAt(i + 1) == 'u' && hex(s, i + 2, 4)) {
                skip = 2;
                digits = 4;
            } else if (i + 1 < s.length() && s.charAt(i + 1) == 'U' && hex(s, i + 2, 8)) {
                skip = 2;
                digits = 8;
            } else {
                throw Ereport.error(SqlState.SYNTAX_ERROR, "invalid Unicode escape")
                        .withHint("Unicode escapes must be \\XXXX, \\+XXXXXX, \\uXXXX, or \\UXXXXXXXX.");
            }
            long cp = Long.parseLong(s.substring(i + skip, i + skip + digits), 16);
            i += skip + digits;
            if (cp > 0x10FFFF) {
                throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE,
                        "invalid Unicode code point: " + String.format("%04X", cp));
            }
            if (pendingHigh >= 0) {
                if (cp < 0xDC00 || cp > 0xDFFF) {
                    throw Ereport.error(SqlState.SYNTAX_ERROR, "invalid Unicode surrogate pair");
                }
                sb.append((char) pendingHigh).append((char) cp);
                pendingHigh = -1;
            } else if (cp >= 0xD800 && cp <= 0xDBFF) {
                pendingHigh = (int) cp;
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                throw Ereport.error(SqlState.SYNTAX_ERROR, "invalid Unicode surrogate pair");
            } else {
                sb.appendCodePoint((int) cp);
            }
        }
        if (pendingHigh >= 0) {
            throw Ereport.error(SqlState.SYNTAX_ERROR, "invalid Unicode surrogate pair");
        }
        return sb.toString();
    }

    private static boolean hex(String s, int from, int count) {
        if (from + count > s.length()) {
            return false;
        }
        for (int i = from; i < from + count; i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** like_escape: rewrites a pattern with a custom escape character to use backslash. */
    static String likeEscape(String pattern, String esc) {
        if (esc.codePointCount(0, esc.length()) > 1) {
            throw Ereport.error(SqlState.INVALID_ESCAPE_SEQUENCE, "invalid escape string")
                    .withHint("Escape string must be empty or one character.");
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char ch = pattern.charAt(i);
            if (esc.isEmpty()) {
                if (ch == '\\') {
                    sb.append("\\\\");
                } else {
                    sb.append(ch);
                }
            } else if (ch == esc.charAt(0)) {
                sb.append('\\');
                if (i + 1 < pattern.length()) {
                    sb.append(pattern.charAt(++i));
                }
            } else if (ch == '\\') {
                sb.append("\\\\");
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }

    /** A value's text form for concat()'s "any" arguments (the common cases; the analyzer may pass text). */
    private static String display(Object v) {
        if (v instanceof Boolean b) {
            return b ? "t" : "f";
        }
        if (v instanceof java.math.BigDecimal d) {
            return d.toPlainString();
        }
        return String.valueOf(v);
    }

    private static String concat(Object[] a, int from, String sep) {
        StringBuilder sb = new StringBuilder();
        boolean first = true;
        for (int i = from; i < a.length; i++) {
            if (a[i] == null) {
                continue;
            }
            if (!first) {
                sb.append(sep);
            }
            sb.append(display(a[i]));
            first = false;
        }
        return sb.toString();
    }
}
