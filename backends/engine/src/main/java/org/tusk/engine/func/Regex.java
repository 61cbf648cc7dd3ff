package org.tusk.engine.func;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;

/**
 * PostgreSQL's advanced regular expressions (regex/, regexp.c) on
 * java.util.regex: the ARE syntax Java lacks is translated ([[:alpha:]],
 * \m \M \y \Y \Z, literal '[' and '&&' inside brackets), '.' matches newline
 * unless the n/p flag says otherwise, and flag letters are parsed as
 * parse_re_flags does. Compiled patterns are cached per (pattern, flags).
 */
public final class Regex {
    private Regex() {}

    /** Parsed flags: Java Pattern flags plus 'g'. */
    public record Flags(int javaFlags, boolean global) {}

    private static final Map<String, Pattern> CACHE = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Pattern> e) {
            return size() > 256;
        }
    });

    /** parse_re_flags; {@code function} names the caller in the "does not support global" error (null: g allowed). */
    public static Flags flags(String opts, String function) {
        int f = Pattern.DOTALL;
        boolean global = false;
        if (opts != null) {
            for (int i = 0; i < opts.length(); i++) {
                char c = opts.charAt(i);
                switch (c) {
                    case 'g':
                        global = true;
                        break;
                    case 'i': f |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE; break;
                    case 'c': f &= ~(Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE); break;
                    case 'n': case 'm': f = (f & ~Pattern.DOTALL) | Pattern.MULTILINE; break;
                    case 'p': f = f & ~Pattern.DOTALL & ~Pattern.MULTILINE; break;
                    case 'w': f = f | Pattern.DOTALL | Pattern.MULTILINE; break;
                    case 's': f = (f | Pattern.DOTALL) & ~Pattern.MULTILINE; break;
                    case 'x': f |= Pattern.COMMENTS; break;
                    case 'q': f |= Pattern.LITERAL; break;
                    case 't': f &= ~Pattern.COMMENTS; break;
                    default:
                        throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "invalid regular expression option: \""
                                + c + "\"");
                }
            }
        }
        if (global && function != null) {
            throw new org.tusk.api.error.PgException(org.tusk.api.error.Severity.ERROR, SqlState.INVALID_PARAMETER_VALUE,
                    function + "() does not support the \"global\" option", null,
                    function.equals("regexp_match") ? "Use the regexp_matches function instead."
                            : function.startsWith("regexp_split") ? null : null, 0, null);
        }
        return new Flags(f, global);
    }

    public static Pattern compile(String re, int javaFlags) {
        String key = javaFlags + "\u0000" + re;
        Pattern p = CACHE.get(key);
        if (p != null) {
            return p;
        }
        try {
            p = (javaFlags & Pattern.LITERAL) != 0 ? Pattern.compile(re, javaFlags)
                    : Pattern.compile(translate(re, (javaFlags & Pattern.MULTILINE) != 0),
                            javaFlags | Pattern.UNIX_LINES);
        } catch (PatternSyntaxException e) {
            throw Ereport.error(SqlState.INVALID_REGULAR_EXPRESSION,
                    "invalid regular expression: " + regerror(e.getDescription()));
        }
        CACHE.put(key, p);
        return p;
    }

    private static final Map<String, String> CLASSES = Map.ofEntries(Map.entry("alpha", "\\p{IsAlphabetic}"),
            Map.entry("digit", "0-9"), Map.entry("alnum", "\\p{IsAlphabetic}0-9"), Map.entry("upper", "\\p{IsUppercase}"),
            Map.entry("lower", "\\p{IsLowercase}"), Map.entry("space", "\\s"), Map.entry("blank", " \\t"),
            Map.entry("punct", "\\p{Punct}"), Map.entry("xdigit", "0-9A-Fa-f"), Map.entry("word", "\\w"),
            Map.entry("cntrl", "\\p{Cntrl}"), Map.entry("print", "\\p{Print}"), Map.entry("graph", "\\p{Graph}"));

    /**
     * regerror's text (regex/regerrs.h) for java.util.regex's complaint about the same mistake, so that users
     * see PostgreSQL's messages.
     */
    static String regerror(String javaDescription) {
        String d = javaDescription == null ? "" : javaDescription;
        if (d.startsWith("Unclosed group") || d.startsWith("Unmatched closing ')'")) {
            return "parentheses () not balanced";
        }
        if (d.startsWith("Illegal repetition range")) {
            return "invalid repetition count(s)";
        }
        if (d.startsWith("Unclosed counted closure")) {
            return "braces {} not balanced";
        }
        if (d.startsWith("Dangling meta character")) {
            return "quantifier operand invalid";
        }
        if (d.startsWith("Illegal character range")) {
            return "invalid character range";
        }
        if (d.startsWith("Unclosed character class")) {
            return "brackets [] not balanced";
        }
        if (d.startsWith("Illegal/unsupported escape sequence")) {
            return "invalid escape \\ sequence";
        }
        return d.toLowerCase(Locale.ROOT);
    }

    /**
     * ARE to java.util.regex. With {@code newlineSensitive} (flags n/m/w) '^' also matches after a newline
     * that ends the string, which Java's MULTILINE '^' does not; a non-greedy group ({@code (...){1,1}?},
     * what similar_to_escape makes of the part before substring()'s first separator) prefers its shortest
     * match as a whole, as Spencer's engine does, so the quantifiers inside it become reluctant too.
     */
    static String translate(String re, boolean newlineSensitive) {
        StringBuilder sb = new StringBuilder(re.length() + 8);
        // per open parenthesis, the output positions just after the quantifiers inside it
        java.util.ArrayDeque<java.util.List<Integer>> quantifiers = new java.util.ArrayDeque<>();
        int i = 0;
        int n = re.length();
        while (i < n) {
            char c = re.charAt(i);
            if (c == '\\' && i + 1 < n) {
                char d = re.charAt(i + 1);
                switch (d) {
                    case 'm': sb.append("\\b(?=\\w)"); break;
                    case 'M': sb.append("\\b(?<=\\w)"); break;
                    case 'y': sb.append("\\b"); break;
                    case 'Y': sb.append("\\B"); break;
                    case 'Z': sb.append("\\z"); break;
                    default: sb.append(c).append(d); break;
                }
                i += 2;
                continue;
            }
            if (c == '[') {
                i = bracket(re, i, sb);
                continue;
            }
            if (c == '^' && newlineSensitive) {
                sb.append("(?:^|(?<=\\n))");
                i++;
                continue;
            }
            if (c == '$' && !newlineSensitive) {
                sb.append("\\z"); // Java's '$' would also match before a final newline
                i++;
                continue;
            }
            if (c == '(') {
                quantifiers.push(new java.util.ArrayList<>());
            } else if (c == ')' && !quantifiers.isEmpty()) {
                java.util.List<Integer> inner = quantifiers.pop();
                if (re.startsWith("{1,1}?", i + 1)) {
                    // make the group's own greedy quantifiers reluctant (right to left keeps positions valid)
                    for (int k = inner.size() - 1; k >= 0; k--) {
                        sb.insert((int) inner.get(k), '?');
                    }
                } else if (!quantifiers.isEmpty()) {
                    quantifiers.peek().addAll(inner);
                }
            } else if ((c == '*' || c == '+' || c == '?' || c == '}') && !quantifiers.isEmpty()
                    && !(c == '?' && i > 0 && "(*+?}".indexOf(re.charAt(i - 1)) >= 0)
                    && !(i + 1 < n && re.charAt(i + 1) == '?')) {
                quantifiers.peek().add(sb.length() + 1);
            }
            sb.append(c);
            i++;
        }
        return sb.toString();
    }

    /** A bracket expression starting at re[i]; returns the index after it. */
    private static int bracket(String re, int i, StringBuilder sb) {
        int n = re.length();
        sb.append('[');
        i++;
        if (i < n && re.charAt(i) == '^') {
            sb.append('^');
            i++;
        }
        boolean first = true;
        while (i < n) {
            char c = re.charAt(i);
            if (c == ']' && !first) {
                sb.append(']');
                return i + 1;
            }
            first = false;
            if (c == '[' && i + 1 < n && re.charAt(i + 1) == ':') {
                int end = re.indexOf(":]", i + 2);
                if (end > 0) {
                    String name = re.substring(i + 2, end);
                    String cls = CLASSES.get(name);
                    if (cls == null) {
                        throw Ereport.error(SqlState.INVALID_REGULAR_EXPRESSION,
                                "invalid regular expression: invalid character class");
                    }
                    sb.append(cls);
                    i = end + 2;
                    continue;
                }
            }
            if (c == '\\' && i + 1 < n) {
                sb.append(c).append(re.charAt(i + 1));
                i += 2;
                continue;
            }
            if (c == '[' || c == '&' || c == ']') {
                sb.append('\\');
            }
            sb.append(c);
            i++;
        }
        throw Ereport.error(SqlState.INVALID_REGULAR_EXPRESSION, "invalid regular expression: brackets [] not balanced");
    }

    /**
     * similar_to_escape (SIMILAR TO's pattern translation, regexp.c
     * similar_escape_internal): % and _ become .* and ., regex specials are
     * quoted, ( becomes (?:, and escape-" splits the pattern into the three
     * parts substring() needs. {@code escape} null means the default backslash.
     */
    public static String similarToRegex(String pat, String escape) {
        Character esc;
        if (escape == null) {
            esc = '\\';
        } else if (escape.isEmpty()) {
            esc = null;
        } else if (escape.codePointCount(0, escape.length()) == 1) {
            esc = escape.charAt(0);
        } else {
            throw new org.tusk.api.error.PgException(org.tusk.api.error.Severity.ERROR, "22025",
                    "invalid escape string", null, "Escape string must be empty or one character.", 0, null);
        }
        StringBuilder r = new StringBuilder("^(?:");
        boolean afterEscape = false;
        // similar_escape_internal: bracket expressions nest ([[:alpha:]]); a ']' right after '[' or '[^'
        // is literal (charClassStart 1 or 2), later ones close a level
        int charClassDepth = 0;
        int charClassStart = 0;
        int nquotes = 0;
        for (int i = 0; i < pat.length(); i++) {
            char c = pat.charAt(i);
            if (afterEscape) {
                if (c == '"' && charClassDepth < 1) {
                    if (nquotes == 0) {
                        r.append("){1,1}?(");
                    } else if (nquotes == 1) {
                        r.append("){1,1}(?:");
                    } else {
                        // ERRCODE_INVALID_USE_OF_ESCAPE_CHARACTER
                        throw Ereport.error("2200C",
                                "SQL regular expression may not contain more than two escape-double-quote separators");
                    }
                    nquotes++;
                } else {
                    r.append('\\').append(c);
                    // an escaped character inside a bracket expression is no longer at its start
                    charClassStart = 3;
                }
                afterEscape = false;
            } else if (esc != null && c == esc) {
                afterEscape = true;
            } else if (charClassDepth > 0) {
                if (c == '\\') {
                    r.append('\\');
                }
                r.append(c);
                if (c == ']' && charClassStart > 2) {
                    charClassDepth--;
                } else if (c == '[') {
                    charClassDepth++;
                }
                if (c == '^') {
                    charClassStart++;
                } else {
                    charClassStart = 3;
                }
            } else if (c == '[') {
                r.append(c);
                charClassDepth++;
                charClassStart = 1;
            } else if (c == '%') {
                r.append(".*");
            } else if (c == '_') {
                r.append('.');
            } else if (c == '(') {
                r.append("(?:");
            } else if (c == '\\' || c == '.' || c == '^' || c == '$') {
                r.append('\\').append(c);
            } else {
                r.append(c);
            }
        }
        r.append(")$");
        return r.toString();
    }
}
