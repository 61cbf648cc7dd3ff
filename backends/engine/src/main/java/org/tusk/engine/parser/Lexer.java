package org.tusk.engine.parser;

import java.util.ArrayList;
import java.util.List;

import org.tusk.api.error.PgException;
import org.tusk.engine.error.Ereport;

/**
 * The SQL scanner, following PostgreSQL's scan.l: identifiers fold to lower case
 * (ASCII only), "quoted" identifiers keep case, 'strings' with '' doubling and
 * concatenation across newlines, E'' escapes, $tag$dollar$tag$ quoting, numbers
 * (1, 1.5, .5, 1e5), operators with the trailing +/- rule, -- and nested block
 * comments, $n parameters.
 */
public final class Lexer {
    private static final String OP_CHARS = "~!@#^&|`?+-*/%<>=";
    private static final String NON_MATH_OP_CHARS = "~!@#^&|`?";

    private final String sql;
    private int pos;

    /**
     * standard_conforming_strings of the session whose statement is being parsed
     * (the backend's global in scan.l): when off, '...' takes backslash escapes like
     * E'...' and U&'...' is refused. Set around a client statement's parse by the session.
     */
    private static final ThreadLocal<Boolean> STANDARD_CONFORMING_STRINGS = ThreadLocal.withInitial(() -> true);

    /** Sets standard_conforming_strings for parses on this thread; returns the previous value. */
    public static boolean setStandardConformingStrings(boolean on) {
        boolean old = STANDARD_CONFORMING_STRINGS.get();
        STANDARD_CONFORMING_STRINGS.set(on);
        return old;
    }

    private final boolean standardConformingStrings = STANDARD_CONFORMING_STRINGS.get();

    /**
     * Where escape_string_warning's WARNINGs go for parses on this thread (null: the setting is off). scan.l
     * warns once per ordinary '...' literal that uses a backslash while standard_conforming_strings is off.
     */
    private static final ThreadLocal<List<PgException>> ESCAPE_STRING_WARNINGS = new ThreadLocal<>();

    /** Collects escape_string_warning's WARNINGs of parses on this thread into {@code sink}; returns the previous sink. */
    public static List<PgException> setEscapeStringWarnings(List<PgException> sink) {
        List<PgException> old = ESCAPE_STRING_WARNINGS.get();
        ESCAPE_STRING_WARNINGS.set(sink);
        return old;
    }

    private final List<PgException> escapeStringWarnings = ESCAPE_STRING_WARNINGS.get();

    public Lexer(String sql) {
        this.sql = sql;
    }

    public static List<Token> tokenize(String sql) {
        Lexer lexer = new Lexer(sql);
        List<Token> tokens = new ArrayList<>();
        Token t;
        do {
            t = lexer.next();
            tokens.add(t);
        } while (t.kind() != TokenKind.EOF);
        return tokens;
    }

    private PgException error(String message, int start) {
        // scan.l reports "at or near" the rest of the offending token, which for unterminated ones is all the rest.
        return Ereport.syntaxError(message + " at or near \"" + sql.substring(start) + "\"", start);
    }

    private boolean skipWhitespaceAndComments() {
        boolean sawNewline = false;
        while (pos < sql.length()) {
            char c = sql.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B) {
                if (c == '\n' || c == '\r') {
                    sawNewline = true;
                }
                pos++;
            } else if (c == '-' && pos + 1 < sql.length() && sql.charAt(pos + 1) == '-') {
                while (pos < sql.length() && sql.charAt(pos) != '\n' && sql.charAt(pos) != '\r') {
                    pos++;
                }
            } else if (c == '/' && pos + 1 < sql.length() && sql.charAt(pos + 1) == '*') {
                int start = pos;
                int depth = 0;
                while (true) {
                    if (pos + 1 >= sql.length()) {
                        throw error("unterminated /* comment", start);
                    }
                    if (sql.charAt(pos) == '/' && sql.charAt(pos + 1) == '*') {
                        depth++;
                        pos += 2;
                    } else if (sql.charAt(pos) == '*' && sql.charAt(pos + 1) == '/') {
                        depth--;
                        pos += 2;
                        if (depth == 0) {
                            break;
                        }
                    } else {
                        pos++;
                    }
                }
            } else {
                break;
            }
        }
        return sawNewline;
    }

    public Token next() {
        skipWhitespaceAndComments();
        if (pos >= sql.length()) {
            return new Token(TokenKind.EOF, "", sql.length(), sql.length(), false);
        }
        int start = pos;
        char c = sql.charAt(pos);
        if ((c == 'e' || c == 'E') && peek(1) == '\'') {
            pos++;
            return stringConstant(start, true);
        }
        if ((c == 'n' || c == 'N') && peek(1) == '\'') {
            pos++;
            return stringConstant(start, !standardConformingStrings, true);
        }
        if ((c == 'b' || c == 'B' || c == 'x' || c == 'X') && peek(1) == '\'') {
            return bitString(start, Character.toLowerCase(c));
        }
        if ((c == 'u' || c == 'U') && peek(1) == '&' && (peek(2) == '\'' || peek(2) == '"')) {
            return unicodeEscaped(start);
        }
        if (c == '\'') {
            return stringConstant(start, !standardConformingStrings, true);
        }
        if (c == '"') {
            return quotedIdentifier(start);
        }
        if (c == '$') {
            if (pos + 1 < sql.length() && Character.isDigit(sql.charAt(pos + 1))) {
                pos++;
                while (pos < sql.length() && Character.isDigit(sql.charAt(pos))) {
                    pos++;
                }
                return new Token(TokenKind.PARAM, sql.substring(start + 1, pos), start, pos, false);
            }
            Token dollar = dollarQuoted(start);
            if (dollar != null) {
                return dollar;
            }
        }
        if (isIdentStart(c)) {
            pos++;
            while (pos < sql.length() && isIdentCont(sql.charAt(pos))) {
                pos++;
            }
            return new Token(TokenKind.IDENT, downcase(sql.substring(start, pos)), start, pos, false);
        }
        if (Character.isDigit(c) || (c == '.' && pos + 1 < sql.length() && Character.isDigit(sql.charAt(pos + 1)))) {
            return number(start);
        }
        if (c == ':' && peek(1) == ':') {
            pos += 2;
            return new Token(TokenKind.TYPECAST, "::", start, pos, false);
        }
        if ("(),;.[]:".indexOf(c) >= 0) {
            pos++;
            return new Token(TokenKind.PUNCT, String.valueOf(c), start, pos, false);
        }
        if (OP_CHARS.indexOf(c) >= 0) {
            return operator(start);
        }
        pos++;
        throw Ereport.syntaxError("syntax error at or near \"" + c + "\"", start);
    }

    private char peek(int ahead) {
        int p = pos + ahead;
        return p < sql.length() ? sql.charAt(p) : '\0';
    }

    private static boolean isIdentStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    }

    private static boolean isIdentCont(char c) {
        return isIdentStart(c) || (c >= '0' && c <= '9') || c == '$';
    }

    /** downcase_identifier: only ASCII letters are folded. */
    static String downcase(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
        }
        return sb.toString();
    }

    private Token number(int start) {
        boolean isFloat = false;
        while (pos < sql.length() && Character.isDigit(sql.charAt(pos))) {
            pos++;
        }
        if (pos < sql.length() && sql.charAt(pos) == '.' && peek(1) != '.') {
            isFloat = true;
            pos++;
            while (pos < sql.length() && Character.isDigit(sql.charAt(pos))) {
                pos++;
            }
        }
        if (pos < sql.length() && (sql.charAt(pos) == 'e' || sql.charAt(pos) == 'E')) {
            int save = pos;
            pos++;
            if (pos < sql.length() && (sql.charAt(pos) == '+' || sql.charAt(pos) == '-')) {
                pos++;
            }
            if (pos < sql.length() && Character.isDigit(sql.charAt(pos))) {
                isFloat = true;
                while (pos < sql.length() && Character.isDigit(sql.charAt(pos))) {
                    pos++;
                }
            } else {
                pos = save;
            }
        }
        String text = sql.substring(start, pos);
        if (!isFloat) {
            try {
                Integer.parseInt(text);
                return new Token(TokenKind.ICONST, text, start, pos, false);
            } catch (NumberFormatException e) {
                return new Token(TokenKind.FCONST, text, start, pos, false);
            }
        }
        return new Token(TokenKind.FCONST, text, start, pos, false);
    }

    private Token operator(int start) {
        while (pos < sql.length() && OP_CHARS.indexOf(sql.charAt(pos)) >= 0) {
            // A comment start ends the operator.
            if (pos > start && ((sql.charAt(pos) == '-' && peek(1) == '-') || (sql.charAt(pos) == '/' && peek(1) == '*'))) {
                break;
            }
            pos++;
        }
        String op = sql.substring(start, pos);
        // "1+-2": a multi-char operator may not end in + or - unless it contains a non-math character.
        if (op.length() > 1 && (op.endsWith("+") || op.endsWith("-"))) {
            boolean hasNonMath = false;
            for (int i = 0; i < op.length(); i++) {
                if (NON_MATH_OP_CHARS.indexOf(op.charAt(i)) >= 0) {
                    hasNonMath = true;
                }
            }
            if (!hasNonMath) {
                while (op.length() > 1 && (op.endsWith("+") || op.endsWith("-"))) {
                    op = op.substring(0, op.length() - 1);
                }
                pos = start + op.length();
            }
        }
        if (op.equals("!=")) {
            op = "<>";
        }
        return new Token(TokenKind.OP, op, start, pos, false);
    }

    private Token quotedIdentifierRaw(int start) {
        pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= sql.length()) {
                throw error("unterminated quoted identifier", start);
            }
            char c = sql.charAt(pos);
            if (c == '"') {
                if (peek(1) == '"') {
                    sb.append('"');
                    pos += 2;
                    continue;
                }
                pos++;
                break;
            }
            sb.append(c);
            pos++;
        }
        return new Token(TokenKind.IDENT, sb.toString(), start, pos, true);
    }

    private Token quotedIdentifier(int start) {
        pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= sql.length()) {
                throw error("unterminated quoted identifier", start);
            }
            char c = sql.charAt(pos);
            if (c == '"') {
                if (peek(1) == '"') {
                    sb.append('"');
                    pos += 2;
                    continue;
                }
                pos++;
                break;
            }
            sb.append(c);
            pos++;
        }
        if (sb.length() == 0) {
            throw Ereport.syntaxError("zero-length delimited identifier at or near \"\"\"\"", start);
        }
        String ident = sb.toString();
        return new Token(TokenKind.IDENT, org.tusk.engine.types.Coercions.truncateName(ident), start, pos, true);
    }

    private Token stringConstant(int start, boolean escapes) {
        return stringConstant(start, escapes, false);
    }

    /** {@code nonstandard}: an ordinary literal taking escapes because standard_conforming_strings is off. */
    private Token stringConstant(int start, boolean escapes, boolean nonstandard) {
        boolean warnOnFirstEscape = nonstandard && escapeStringWarnings != null;
        StringBuilder sb = new StringBuilder();
        while (true) {
            int segmentStart = pos;
            pos++; // opening quote
            while (true) {
                if (pos >= sql.length()) {
                    throw error("unterminated quoted string", start);
                }
                char c = sql.charAt(pos);
                if (c == '\'') {
                    if (peek(1) == '\'') {
                        sb.append('\'');
                        pos += 2;
                        continue;
                    }
                    pos++;
                    break;
                }
                if (escapes && c == '\\') {
                    if (warnOnFirstEscape) {
                        escapeStringWarnings.add(nonstandardEscapeWarning(peek(1), start));
                        warnOnFirstEscape = false;
                    }
                    pos = escape(sb, pos + 1, segmentStart);
                    continue;
                }
                sb.append(c);
                pos++;
            }
            // SQL: 'a' <newline> 'b' is one literal.
            int save = pos;
            boolean newline = false;
            while (pos < sql.length() && Character.isWhitespace(sql.charAt(pos))) {
                if (sql.charAt(pos) == '\n' || sql.charAt(pos) == '\r') {
                    newline = true;
                }
                pos++;
            }
            if (newline && pos < sql.length() && sql.charAt(pos) == '\'') {
                continue;
            }
            pos = save;
            break;
        }
        return new Token(TokenKind.SCONST, sb.toString(), start, pos, false);
    }

    /** check_string_escape_warning: the WARNING for a backslash followed by {@code next} in an ordinary literal. */
    private static PgException nonstandardEscapeWarning(char next, int literalStart) {
        String message;
        String hint;
        if (next == '\'') {
            message = "nonstandard use of \\' in a string literal";
            hint = "Use '' to write quotes in strings, or use the escape string syntax (E'...').";
        } else if (next == '\\') {
            message = "nonstandard use of \\\\ in a string literal";
            hint = "Use the escape string syntax for backslashes, e.g., E'\\\\'.";
        } else {
            message = "nonstandard use of escape in a string literal";
            hint = "Use the escape string syntax for escapes, e.g., E'\\r\\n'.";
        }
        return new PgException(org.tusk.api.error.Severity.WARNING, "22P06", message, null, hint, literalStart + 1,
                null);
    }

    private int escape(StringBuilder sb, int p, int segmentStart) {
        if (p >= sql.length()) {
            throw error("unterminated quoted string", segmentStart);
        }
        char c = sql.charAt(p);
        switch (c) {
            case 'b': sb.append('\b'); return p + 1;
            case 'f': sb.append('\f'); return p + 1;
            case 'n': sb.append('\n'); return p + 1;
            case 'r': sb.append('\r'); return p + 1;
            case 't': sb.append('\t'); return p + 1;
            case 'x': {
                int q = p + 1;
                int v = 0;
                int n = 0;
                while (n < 2 && q < sql.length() && Character.digit(sql.charAt(q), 16) >= 0) {
                    v = v * 16 + Character.digit(sql.charAt(q), 16);
                    q++;
                    n++;
                }
                if (n == 0) {
                    sb.append('x');
                    return p + 1;
                }
                sb.append((char) v);
                return q;
            }
            case 'u': case 'U': {
                int cp = hexEscape(p);
                if (cp < 0) {
                    throw Ereport.error(org.tusk.api.error.SqlState.INVALID_ESCAPE_SEQUENCE, "invalid Unicode escape", p - 1)
                            .withHint("Unicode escapes must be \\uXXXX or \\UXXXXXXXX.");
                }
                int q = p + 1 + (c == 'u' ? 4 : 8);
                if (cp > 0x10FFFF) {
                    throw Ereport.syntaxError("invalid Unicode escape value at or near \"" + sql.substring(p - 1, q) + "\"", p - 1);
                }
                if (Character.isHighSurrogate((char) cp) && cp <= 0xFFFF) {
                    // scan.l's xeu state: the next thing must be an escape naming the low half
                    int low = q + 1 < sql.length() && sql.charAt(q) == '\\' ? hexEscape(q + 1) : -1;
                    if (low < 0 || !Character.isLowSurrogate((char) low) || low > 0xFFFF) {
                        String near = low >= 0 ? sql.substring(q, q + 2 + (sql.charAt(q + 1) == 'u' ? 4 : 8))
                                : q < sql.length() ? sql.substring(q, q + 1) : "";
                        throw Ereport.syntaxError("invalid Unicode surrogate pair at or near \"" + near + "\"", q);
                    }
                    sb.append((char) cp).append((char) low);
                    return q + 2 + (sql.charAt(q + 1) == 'u' ? 4 : 8);
                }
                if (Character.isLowSurrogate((char) cp) && cp <= 0xFFFF) {
                    throw Ereport.syntaxError("invalid Unicode surrogate pair at or near \"" + sql.substring(p - 1, q) + "\"", p - 1);
                }
                sb.appendCodePoint(cp);
                return q;
            }
            default:
                if (c >= '0' && c <= '7') {
                    int q = p;
                    int v = 0;
                    while (q < p + 3 && q < sql.length() && sql.charAt(q) >= '0' && sql.charAt(q) <= '7') {
                        v = v * 8 + (sql.charAt(q) - '0');
                        q++;
                    }
                    sb.append((char) (v & 0xff));
                    return q;
                }
                sb.append(c);
                return p + 1;
        }
    }

    /** The code point of \\uXXXX or \\UXXXXXXXX whose letter is at {@code p}, or -1 if the digits are not all there. */
    private int hexEscape(int p) {
        if (p >= sql.length() || (sql.charAt(p) != 'u' && sql.charAt(p) != 'U')) {
            return -1;
        }
        int digits = sql.charAt(p) == 'u' ? 4 : 8;
        if (p + 1 + digits > sql.length()) {
            return -1;
        }
        long v = 0;
        for (int i = p + 1; i <= p + digits; i++) {
            int d = Character.digit(sql.charAt(i), 16);
            if (d < 0) {
                return -1;
            }
            v = v * 16 + d;
        }
        return v > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) v;
    }

    /**
     * U&'...' and U&"..." with an optional UESCAPE 'c' after them (the grammar's
     * lookahead filter in PostgreSQL): the body is scanned as a plain string or
     * quoted identifier, then its escapes (cXXXX, c+XXXXXX, cc) are decoded.
     */
    private Token unicodeEscaped(int start) {
        pos += 2;
        boolean ident = sql.charAt(pos) == '"';
        if (!ident && !standardConformingStrings) {
            throw Ereport.error(org.tusk.api.error.SqlState.FEATURE_NOT_SUPPORTED,
                    "unsafe use of string constant with Unicode escapes", start)
                    .withDetail("String constants with Unicode escapes cannot be used when standard_conforming_strings is off.");
        }
        Token body = ident ? quotedIdentifierRaw(pos) : stringConstant(pos, false);
        int end = pos;
        char escape = '\\';
        int save = pos;
        skipWhitespaceAndComments();
        if (pos + 7 <= sql.length() && sql.regionMatches(true, pos, "uescape", 0, 7)
                && (pos + 7 == sql.length() || !isIdentCont(sql.charAt(pos + 7)))) {
            pos += 7;
            skipWhitespaceAndComments();
            int litStart = pos;
            if (pos >= sql.length() || sql.charAt(pos) != '\'') {
                Token near = pos >= sql.length() ? null : new Lexer(sql.substring(pos)).next();
                String text = near == null ? "end of input" : sql.substring(pos, pos + near.end());
                throw Ereport.syntaxError("UESCAPE must be followed by a simple string literal"
                        + (near == null ? " at end of input" : " at or near \"" + text + "\""), pos);
            }
            Token lit = stringConstant(pos, false);
            String e = lit.text();
            if (e.length() != 1 || Character.digit(e.charAt(0), 16) >= 0 || "+'\" \t\n\r\f".indexOf(e.charAt(0)) >= 0) {
                throw Ereport.syntaxError("invalid Unicode escape character at or near \"" + sql.substring(litStart, pos) + "\"",
                        litStart);
            }
            escape = e.charAt(0);
            end = pos;
        } else {
            pos = save;
        }
        String decoded = decodeUnicodeEscapes(body.text(), escape, start + 3);
        if (ident) {
            if (decoded.isEmpty()) {
                throw Ereport.syntaxError("zero-length delimited identifier at or near \"\"\"\"", start);
            }
            return new Token(TokenKind.IDENT, org.tusk.engine.types.Coercions.truncateName(decoded), start, end, true);
        }
        return new Token(TokenKind.SCONST, decoded, start, end, false);
    }

    /** str_udeescape: {@code base} is the query offset of the body's first character, for error positions. */
    private static String decodeUnicodeEscapes(String s, char esc, int base) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        int pendingHigh = -1;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c != esc) {
                if (pendingHigh >= 0) {
                    throw Ereport.syntaxError("invalid Unicode surrogate pair", base + i);
                }
                sb.append(c);
                i++;
                continue;
            }
            int start = i;
            long cp;
            if (i + 1 < n && s.charAt(i + 1) == esc) {
                if (pendingHigh >= 0) {
                    throw Ereport.syntaxError("invalid Unicode surrogate pair", base + i);
                }
                sb.append(esc);
                i += 2;
                continue;
            } else if (i + 4 < n + 0 && hexRun(s, i + 1, 4)) {
                cp = Long.parseLong(s.substring(i + 1, i + 5), 16);
                i += 5;
            } else if (i + 1 < n && s.charAt(i + 1) == '+' && hexRun(s, i + 2, 6)) {
                cp = Long.parseLong(s.substring(i + 2, i + 8), 16);
                i += 8;
            } else {
                throw Ereport.syntaxError("invalid Unicode escape", base + start)
                        .withHint("Unicode escapes must be \\XXXX or \\+XXXXXX.");
            }
            if (cp > 0x10FFFF) {
                throw Ereport.syntaxError("invalid Unicode escape value", base + start);
            }
            if (pendingHigh >= 0) {
                if (cp < 0xDC00 || cp > 0xDFFF) {
                    throw Ereport.syntaxError("invalid Unicode surrogate pair", base + start);
                }
                sb.append((char) pendingHigh).append((char) cp);
                pendingHigh = -1;
            } else if (cp >= 0xD800 && cp <= 0xDBFF) {
                pendingHigh = (int) cp;
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                throw Ereport.syntaxError("invalid Unicode surrogate pair", base + start);
            } else {
                sb.appendCodePoint((int) cp);
            }
        }
        if (pendingHigh >= 0) {
            throw Ereport.syntaxError("invalid Unicode surrogate pair", base + n);
        }
        return sb.toString();
    }

    private static boolean hexRun(String s, int from, int count) {
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

    /** B'0101' / X'1F': the digits are checked later, by the bit type's input function (as in PostgreSQL). */
    private Token bitString(int start, char kind) {
        pos += 2;
        int close = sql.indexOf('\'', pos);
        if (close < 0) {
            throw error(kind == 'b' ? "unterminated bit string literal" : "unterminated hexadecimal string literal", start);
        }
        String digits = sql.substring(pos, close);
        pos = close + 1;
        return new Token(TokenKind.BCONST, kind + digits, start, pos, false);
    }

    /** $tag$ ... $tag$; returns null when '$' does not start a dollar quote. */
    private Token dollarQuoted(int start) {
        int p = start + 1;
        while (p < sql.length() && sql.charAt(p) != '$') {
            char c = sql.charAt(p);
            if (!(isIdentStart(c) || (p > start + 1 && Character.isDigit(c)))) {
                return null;
            }
            p++;
        }
        if (p >= sql.length()) {
            return null;
        }
        String tag = sql.substring(start, p + 1);
        int close = sql.indexOf(tag, p + 1);
        if (close < 0) {
            throw error("unterminated dollar-quoted string", start);
        }
        pos = close + tag.length();
        return new Token(TokenKind.SCONST, sql.substring(p + 1, close), start, pos, false);
    }
}
