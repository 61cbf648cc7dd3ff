package org.tusk.engine.types;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.tusk.api.error.PgException;
import org.tusk.api.error.Severity;
import org.tusk.api.error.SqlState;

/**
 * json_lex / pg_parse_json: the JSON grammar of RFC 7159 as PostgreSQL reads it, with its
 * error messages ("invalid input syntax for type json", a DETAIL naming what was expected,
 * a CONTEXT line quoting the input up to the bad token). It builds either a jsonb tree
 * ({@link #parseJsonb}: objects as {@link TreeMap}s in jsonb key order, duplicates last-wins)
 * or a json tree ({@link #parseJson}: every value a {@link JsonSpan} keeping its source text,
 * objects as entry lists in input order with duplicates kept).
 */
public final class JsonParser {
    /** untranslatable_character: a \u0000 escape, which text cannot hold. */
    private static final String UNTRANSLATABLE_CHARACTER = "22P05";

    private final String s;
    private final boolean jsonb;
    private int pos;
    private int tokenStart;
    private int lineNumber = 1;
    private int lineStart;

    private JsonParser(String s, boolean jsonb) {
        this.s = s;
        this.jsonb = jsonb;
    }

    /** jsonb_in: the normalised tree. */
    public static Object parseJsonb(String text) {
        JsonParser p = new JsonParser(text, true);
        Object v = p.value();
        p.expectEnd();
        return v;
    }

    /** json_in's check and the json functions' parse: a {@link JsonSpan} tree over {@code text}. */
    public static JsonSpan parseJson(String text) {
        JsonParser p = new JsonParser(text, false);
        JsonSpan v = (JsonSpan) p.value();
        p.expectEnd();
        return v;
    }

    private void expectEnd() {
        skipSpace();
        if (pos < s.length()) {
            String tok = peekToken();
            throw syntax("Expected end of input, but found \"" + tok + "\".");
        }
    }

    private Object value() {
        skipSpace();
        if (pos >= s.length()) {
            throw endOfInput();
        }
        int start = pos;
        char c = s.charAt(pos);
        Object node;
        switch (c) {
            case '{': node = object(); break;
            case '[': node = array(); break;
            case '"': node = string(); break;
            default: node = scalar(); break;
        }
        return jsonb ? node : new JsonSpan(node, s.substring(start, pos));
    }

    private Object object() {
        pos++;
        Map<String, Object> map = jsonb ? new TreeMap<>(Jsonb.KEY_ORDER) : null;
        List<Map.Entry<String, JsonSpan>> entries = jsonb ? null : new ArrayList<>();
        skipSpace();
        if (pos < s.length() && s.charAt(pos) == '}') {
            pos++;
            return jsonb ? map : entries;
        }
        while (true) {
            skipSpace();
            if (pos >= s.length()) {
                throw endOfInput();
            }
            if (s.charAt(pos) != '"') {
                String tok = peekToken();
                throw syntax(entriesEmpty(map, entries) ? "Expected string or \"}\", but found \"" + tok + "\"."
                        : "Expected string, but found \"" + tok + "\".");
            }
            String key = string();
            skipSpace();
            if (pos >= s.length()) {
                throw endOfInput();
            }
            if (s.charAt(pos) != ':') {
                throw syntax("Expected \":\", but found \"" + peekToken() + "\".");
            }
            pos++;
            Object v = value();
            if (jsonb) {
                map.put(key, v);
            } else {
                entries.add(Map.entry(key, (JsonSpan) v));
            }
            if (closes('}')) {
                return jsonb ? map : entries;
            }
        }
    }

    private static boolean entriesEmpty(Map<String, Object> map, List<?> entries) {
        return map != null ? map.isEmpty() : entries.isEmpty();
    }

    private Object array() {
        pos++;
        List<Object> list = new ArrayList<>();
        skipSpace();
        if (pos < s.length() && s.charAt(pos) == ']') {
            pos++;
            return list;
        }
        while (true) {
            list.add(value());
            if (closes(']')) {
                return list;
            }
        }
    }

    /** After a member: true at the closing bracket, false past a comma; anything else is an error. */
    private boolean closes(char close) {
        skipSpace();
        if (pos >= s.length()) {
            throw endOfInput();
        }
        char c = s.charAt(pos);
        if (c != ',' && c != close) {
            throw syntax("Expected \",\" or \"" + close + "\", but found \"" + peekToken() + "\".");
        }
        pos++;
        return c == close;
    }

    /** A literal or a number; anything else is an invalid token (the run of alphanumerics, or one character). */
    private Object scalar() {
        tokenStart = pos;
        char c = s.charAt(pos);
        if (c == '-' || (c >= '0' && c <= '9')) {
            return number();
        }
        int end = alnumEnd(pos);
        if (end == pos) {
            String tok = s.substring(pos, pos + Character.charCount(s.codePointAt(pos)));
            if (c == '}' || c == ']' || c == ',' || c == ':') {
                throw syntaxAt("Expected JSON value, but found \"" + tok + "\".", pos + 1);
            }
            throw syntaxAt("Token \"" + tok + "\" is invalid.", pos + tok.length());
        }
        String word = s.substring(pos, end);
        switch (word) {
            case "true": pos = end; return Boolean.TRUE;
            case "false": pos = end; return Boolean.FALSE;
            case "null": pos = end; return Jsonb.NULL;
            default: throw syntaxAt("Token \"" + word + "\" is invalid.", end);
        }
    }

    private Object number() {
        int start = pos;
        int p = pos;
        boolean ok = true;
        if (s.charAt(p) == '-') {
            p++;
        }
        if (p < s.length() && s.charAt(p) == '0') {
            p++;
        } else if (p < s.length() && isDigit(s.charAt(p))) {
            while (p < s.length() && isDigit(s.charAt(p))) {
                p++;
            }
        } else {
            ok = false;
        }
        if (ok && p < s.length() && s.charAt(p) == '.') {
            p++;
            if (p < s.length() && isDigit(s.charAt(p))) {
                while (p < s.length() && isDigit(s.charAt(p))) {
                    p++;
                }
            } else {
                ok = false;
            }
        }
        if (ok && p < s.length() && (s.charAt(p) == 'e' || s.charAt(p) == 'E')) {
            p++;
            if (p < s.length() && (s.charAt(p) == '+' || s.charAt(p) == '-')) {
                p++;
            }
            if (p < s.length() && isDigit(s.charAt(p))) {
                while (p < s.length() && isDigit(s.charAt(p))) {
                    p++;
                }
            } else {
                ok = false;
            }
        }
        int end = alnumEnd(p);
        if (!ok || end != p) {
            // json_lex_number: the bad token runs to the end of the alphanumerics
            throw syntaxAt("Token \"" + s.substring(start, Math.max(end, p)) + "\" is invalid.", Math.max(end, p));
        }
        pos = p;
        String text = s.substring(start, p);
        return NumericSupport.normalize(new BigDecimal(text));
    }

    private String string() {
        tokenStart = pos;
        pos++;
        StringBuilder out = new StringBuilder();
        int highSurrogate = -1;
        while (true) {
            if (pos >= s.length()) {
                throw unterminated();
            }
            char c = s.charAt(pos);
            if (c == '"') {
                pos++;
                break;
            }
            if (c < 0x20) {
                throw syntaxAt(String.format("Character with value 0x%02x must be escaped.", (int) c), pos);
            }
            if (c != '\\') {
                if (highSurrogate >= 0) {
                    throw unicodeError("Unicode low surrogate must follow a high surrogate.", pos);
                }
                out.append(c);
                pos++;
                continue;
            }
            pos++;
            if (pos >= s.length()) {
                throw unterminated();
            }
            char e = s.charAt(pos);
            if (e == 'u') {
                int code = 0;
                for (int i = 1; i <= 4; i++) {
                    int d = pos + i < s.length() ? Character.digit(s.charAt(pos + i), 16) : -1;
                    if (d < 0) {
                        // the context runs to the first character that is not a hex digit
                        throw syntaxAt("\"\\u\" must be followed by four hexadecimal digits.",
                                Math.min(s.length(), pos + i + 1));
                    }
                    code = code * 16 + d;
                }
                pos += 5;
                if (!jsonb) {
                    out.append((char) code);    // json only validates: its escapes are looked at when used
                    continue;
                }
                if (Character.isHighSurrogate((char) code)) {
                    if (highSurrogate >= 0) {
                        throw unicodeError("Unicode high surrogate must not follow a high surrogate.", pos);
                    }
                    highSurrogate = code;
                    continue;
                }
                if (Character.isLowSurrogate((char) code)) {
                    if (highSurrogate < 0) {
                        throw unicodeError("Unicode low surrogate must follow a high surrogate.", pos);
                    }
                    out.append((char) highSurrogate).append((char) code);
                    highSurrogate = -1;
                    continue;
                }
                if (highSurrogate >= 0) {
                    throw unicodeError("Unicode low surrogate must follow a high surrogate.", pos);
                }
                if (code == 0 && jsonb) {
                    throw jsonError(UNTRANSLATABLE_CHARACTER, "unsupported Unicode escape sequence",
                            "\\u0000 cannot be converted to text.", pos);
                }
                out.append((char) code);
                continue;
            }
            if (highSurrogate >= 0) {
                throw unicodeError("Unicode low surrogate must follow a high surrogate.", pos);
            }
            switch (e) {
                case '"': out.append('"'); break;
                case '\\': out.append('\\'); break;
                case '/': out.append('/'); break;
                case 'b': out.append('\b'); break;
                case 'f': out.append('\f'); break;
                case 'n': out.append('\n'); break;
                case 'r': out.append('\r'); break;
                case 't': out.append('\t'); break;
                default: {
                    String seq = s.substring(pos, pos + Character.charCount(s.codePointAt(pos)));
                    throw syntaxAt("Escape sequence \"\\" + seq + "\" is invalid.", pos + seq.length());
                }
            }
            pos++;
        }
        if (highSurrogate >= 0) {
            throw unicodeError("Unicode low surrogate must follow a high surrogate.", pos);
        }
        return out.toString();
    }

    /** A string the input ends inside: json_lex's invalid token, the rest of the input. */
    private PgException unterminated() {
        return syntaxAt("Token \"" + s.substring(tokenStart) + "\" is invalid.", s.length());
    }

    private PgException unicodeError(String detail, int end) {
        return jsonError(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type json", detail, end);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** JSON_ALPHANUMERIC_CHAR: letters, digits, underscore and any non-ASCII byte. */
    private int alnumEnd(int from) {
        int p = from;
        while (p < s.length()) {
            char c = s.charAt(p);
            if (Character.isLetterOrDigit(c) && c < 128 || c == '_' || c >= 128) {
                p++;
            } else {
                break;
            }
        }
        return p;
    }

    /** The token at {@link #pos} as json_lex would cut it, for a "but found" message. */
    private String peekToken() {
        char c = s.charAt(pos);
        int end;
        if (c == '"') {
            int save = pos;
            string();
            end = pos;
            pos = save;
        } else if ("{}[],:".indexOf(c) >= 0) {
            end = pos + 1;
        } else {
            end = alnumEnd(pos);
            if (end == pos) {
                end = pos + Character.charCount(s.codePointAt(pos));
                throw syntaxAt("Token \"" + s.substring(pos, end) + "\" is invalid.", end);
            }
            String word = s.substring(pos, end);
            if (!word.equals("true") && !word.equals("false") && !word.equals("null")
                    && !(c == '-' || isDigit(c))) {
                throw syntaxAt("Token \"" + word + "\" is invalid.", end);
            }
        }
        tokenEnd = end;
        return s.substring(pos, end);
    }

    private int tokenEnd = -1;

    private void skipSpace() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == '\n') {
                lineNumber++;
                lineStart = pos + 1;
            } else if (c != ' ' && c != '\t' && c != '\r') {
                break;
            }
            pos++;
        }
    }

    private PgException endOfInput() {
        return syntaxAt("The input string ended unexpectedly.", s.length());
    }

    private PgException syntax(String detail) {
        return syntaxAt(detail, tokenEnd >= 0 ? tokenEnd : pos + 1);
    }

    private PgException syntaxAt(String detail, int end) {
        return jsonError(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type json", detail, end);
    }

    /** report_json_context: the current line up to the end of the bad token, "..." where cut. */
    private PgException jsonError(String state, String message, String detail, int end) {
        end = Math.min(end, s.length());
        int start = Math.min(lineStart, end);
        String prefix = "";
        if (end - start >= 50) {
            start = end - 49;       // advanced while 50 or more remain
            prefix = "...";
        }
        String suffix = end < s.length() ? "..." : "";
        String context = "JSON data, line " + lineNumber + ": " + prefix + s.substring(start, end) + suffix;
        return new PgException(Severity.ERROR, state, message, detail, null, 0, context, null);
    }
}
