package org.tusk.engine.types;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.tusk.api.error.PgException;
import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.func.JsonPathRegex;
import org.tusk.engine.types.JsonPathItem.Kind;
import org.tusk.engine.types.JsonPathItem.Subscript;

/**
 * jsonpath_in's parser: a lexer that follows jsonpath_scan.l (flex's longest match between
 * numbers and bare identifiers, keywords case-insensitive except true/false/null, JSON-style
 * escapes in quoted and bare strings) and a recursive-descent parser for jsonpath_gram.y, which
 * keeps the grammar's split between expressions and predicates: {@code &&}, {@code ||},
 * {@code !} and filters take predicates, arithmetic and comparisons take expressions, and a
 * parenthesised predicate is an expression only when an accessor follows it. Errors are
 * PostgreSQL's: {@code syntax error at or near "..." of jsonpath input} (42601), quoting what
 * flex's yytext held at that point.
 */
public final class JsonPathParser {

    /** A token: its kind (a keyword's or operator's text, or IDENT, STRING, VARIABLE, INT, NUMERIC, EOF). */
    private record Token(String kind, String value, String near) {}

    private static final Map<String, String> KEYWORDS = Map.ofEntries(
            Map.entry("is", "IS"), Map.entry("to", "TO"), Map.entry("abs", "ABS"), Map.entry("lax", "LAX"),
            Map.entry("flag", "FLAG"), Map.entry("last", "LAST"), Map.entry("size", "SIZE"), Map.entry("type", "TYPE"),
            Map.entry("with", "WITH"), Map.entry("floor", "FLOOR"), Map.entry("double", "DOUBLE"),
            Map.entry("exists", "EXISTS"), Map.entry("starts", "STARTS"), Map.entry("strict", "STRICT"),
            Map.entry("ceiling", "CEILING"), Map.entry("unknown", "UNKNOWN"), Map.entry("datetime", "DATETIME"),
            Map.entry("keyvalue", "KEYVALUE"), Map.entry("like_regex", "LIKE_REGEX"));

    private static final Map<String, Kind> METHODS = Map.of("ABS", Kind.ABS, "SIZE", Kind.SIZE, "TYPE", Kind.TYPE,
            "FLOOR", Kind.FLOOR, "DOUBLE", Kind.DOUBLE, "CEILING", Kind.CEILING, "KEYVALUE", Kind.KEY_VALUE);

    private static final String SPECIAL = "?%$.[]{}()|&!=<>@#,*:-+/";

    private final String s;
    private int pos;
    private Token tok;

    private JsonPathParser(String s) {
        this.s = s;
    }

    /** jsonpath_in: the parsed path (its mode and expression), checked as flattenJsonPathParseItem checks it. */
    public static JsonPath parse(String text) {
        JsonPathParser p = new JsonPathParser(text);
        p.advance();
        if (p.tok.kind.equals("EOF")) {
            throw Ereport.invalidInput("jsonpath", text);
        }
        boolean lax = true;
        if (p.tok.kind.equals("STRICT") || p.tok.kind.equals("LAX")) {
            lax = p.tok.kind.equals("LAX");
            p.advance();
        }
        JsonPathItem expr = p.parseOr();
        if (!p.tok.kind.equals("EOF")) {
            throw p.syntaxError();
        }
        check(expr, 0, false);
        return new JsonPath(lax, expr);
    }

    /** flattenJsonPathParseItem's checks: {@code @} only inside filters, {@code last} only in subscripts. */
    private static void check(JsonPathItem item, int filterDepth, boolean inSubscript) {
        for (JsonPathItem i = item; i != null; i = i.next) {
            switch (i.kind) {
                case CURRENT:
                    if (filterDepth <= 0) {
                        throw Ereport.error(SqlState.SYNTAX_ERROR, "@ is not allowed in root expressions");
                    }
                    break;
                case LAST:
                    if (!inSubscript) {
                        throw Ereport.error(SqlState.SYNTAX_ERROR, "LAST is allowed only in array subscripts");
                    }
                    break;
                case FILTER:
                    check(i.left, filterDepth + 1, inSubscript);
                    break;
                case INDEX_ARRAY:
                    for (Subscript sub : i.subscripts) {
                        check(sub.from(), filterDepth, true);
                        check(sub.to(), filterDepth, true);
                    }
                    break;
                default:
                    check(i.left, filterDepth, inSubscript);
                    check(i.right, filterDepth, inSubscript);
            }
        }
    }

    // ---- parser ----

    private PgException syntaxError() {
        return error("syntax error", tok.near);
    }

    private static PgException error(String message, String near) {
        return Ereport.error(SqlState.SYNTAX_ERROR, near == null ? message + " at end of jsonpath input"
                : message + " at or near \"" + near + "\" of jsonpath input");
    }

    private boolean at(String kind) {
        return tok.kind.equals(kind);
    }

    private void expect(String kind) {
        if (!at(kind)) {
            throw syntaxError();
        }
        advance();
    }

    /** A predicate where the grammar wants one, else a syntax error at the current token. */
    private JsonPathItem requirePredicate(JsonPathItem item) {
        if (!item.kind.isPredicate() || item.next != null) {
            throw syntaxError();
        }
        return item;
    }

    /** An expression where the grammar wants one: a predicate is only one when an accessor follows it. */
    private JsonPathItem requireExpression(JsonPathItem item) {
        if (item.kind.isPredicate() && item.next == null) {
            throw syntaxError();
        }
        return item;
    }

    private JsonPathItem parseOr() {
        JsonPathItem left = parseAnd();
        while (at("||")) {
            requirePredicate(left);
            advance();
            JsonPathItem right = parseAnd();
            left = JsonPathItem.binary(Kind.OR, left, requirePredicate(right));
        }
        return left;
    }

    private JsonPathItem parseAnd() {
        JsonPathItem left = parseNot();
        while (at("&&")) {
            requirePredicate(left);
            advance();
            JsonPathItem right = parseNot();
            left = JsonPathItem.binary(Kind.AND, left, requirePredicate(right));
        }
        return left;
    }

    private JsonPathItem parseNot() {
        if (at("!")) {
            advance();
            return JsonPathItem.unary(Kind.NOT, parseDelimitedPredicate());
        }
        return parsePredicate();
    }

    /** delimited_predicate: {@code ( predicate )} or {@code exists ( expr )}. */
    private JsonPathItem parseDelimitedPredicate() {
        if (at("EXISTS")) {
            return parseExists();
        }
        expect("(");
        JsonPathItem inner = parseOr();
        requirePredicate(inner);
        expect(")");
        return inner;
    }

    private JsonPathItem parseExists() {
        advance();
        expect("(");
        JsonPathItem inner = requireExpression(parseOr());
        expect(")");
        return JsonPathItem.unary(Kind.EXISTS, inner);
    }

    private JsonPathItem parsePredicate() {
        JsonPathItem left = parseAdditive();
        Kind comparison = comparison(tok.kind);
        if (comparison != null) {
            requireExpression(left);
            advance();
            return JsonPathItem.binary(comparison, left, requireExpression(parseAdditive()));
        }
        if (at("STARTS")) {
            requireExpression(left);
            advance();
            expect("WITH");
            JsonPathItem initial;
            if (at("STRING")) {
                initial = JsonPathItem.string(Kind.STRING, tok.value);
            } else if (at("VARIABLE")) {
                initial = JsonPathItem.string(Kind.VARIABLE, tok.value);
            } else {
                throw syntaxError();
            }
            advance();
            return JsonPathItem.binary(Kind.STARTS_WITH, left, initial);
        }
        if (at("LIKE_REGEX")) {
            requireExpression(left);
            advance();
            if (!at("STRING")) {
                throw syntaxError();
            }
            String pattern = tok.value;
            advance();
            String flags = "";
            if (at("FLAG")) {
                advance();
                if (!at("STRING")) {
                    throw syntaxError();
                }
                flags = tok.value;
                advance();
            }
            return JsonPathItem.likeRegex(left, pattern, JsonPathRegex.checkedFlags(pattern, flags));
        }
        return left;
    }

    private static Kind comparison(String kind) {
        switch (kind) {
            case "==": return Kind.EQUAL;
            case "!=": return Kind.NOT_EQUAL;
            case "<": return Kind.LESS;
            case ">": return Kind.GREATER;
            case "<=": return Kind.LESS_OR_EQUAL;
            case ">=": return Kind.GREATER_OR_EQUAL;
            default: return null;
        }
    }

    private JsonPathItem parseAdditive() {
        JsonPathItem left = parseMultiplicative();
        while (at("+") || at("-")) {
            Kind k = at("+") ? Kind.ADD : Kind.SUB;
            requireExpression(left);
            advance();
            left = JsonPathItem.binary(k, left, requireExpression(parseMultiplicative()));
        }
        return left;
    }

    private JsonPathItem parseMultiplicative() {
        JsonPathItem left = parseUnary();
        while (at("*") || at("/") || at("%")) {
            Kind k = at("*") ? Kind.MUL : at("/") ? Kind.DIV : Kind.MOD;
            requireExpression(left);
            advance();
            left = JsonPathItem.binary(k, left, requireExpression(parseUnary()));
        }
        return left;
    }

    /** makeItemUnary: a sign before a number literal folds into it. */
    private JsonPathItem parseUnary() {
        if (at("+") || at("-")) {
            boolean minus = at("-");
            advance();
            JsonPathItem arg = requireExpression(parseUnary());
            if (arg.kind == Kind.NUMERIC && arg.next == null) {
                return minus ? JsonPathItem.numeric(arg.numeric.negate()) : arg;
            }
            return JsonPathItem.unary(minus ? Kind.MINUS : Kind.PLUS, arg);
        }
        return parseAccessorExpression();
    }

    private JsonPathItem parseAccessorExpression() {
        JsonPathItem head;
        if (at("EXISTS")) {
            return parseExists();
        }
        if (at("(")) {
            advance();
            head = parseOr();
            expect(")");
            if (head.kind.isPredicate() && head.next == null) {
                if (at("IS")) {
                    advance();
                    expect("UNKNOWN");
                    return JsonPathItem.unary(Kind.IS_UNKNOWN, head);
                }
                if (!startsAccessor()) {
                    return head;        // a delimited predicate
                }
                // with an accessor after it, it is an expression: requireExpression tells by its next item
            }
        } else {
            head = parsePrimary();
        }
        while (startsAccessor()) {
            head.append(parseAccessor());
        }
        return head;
    }

    private boolean startsAccessor() {
        return at(".") || at("[") || at("?");
    }

    private JsonPathItem parsePrimary() {
        JsonPathItem item;
        switch (tok.kind) {
            case "STRING": item = JsonPathItem.string(Kind.STRING, tok.value); break;
            case "VARIABLE": item = JsonPathItem.string(Kind.VARIABLE, tok.value); break;
            case "NULL": item = JsonPathItem.of(Kind.NULL); break;
            case "TRUE": item = JsonPathItem.bool(true); break;
            case "FALSE": item = JsonPathItem.bool(false); break;
            case "INT": case "NUMERIC": item = JsonPathItem.numeric(number(tok.value)); break;
            case "$": item = JsonPathItem.of(Kind.ROOT); break;
            case "@": item = JsonPathItem.of(Kind.CURRENT); break;
            case "LAST": item = JsonPathItem.of(Kind.LAST); break;
            default: throw syntaxError();
        }
        advance();
        return item;
    }

    /** numeric_in of a literal the lexer accepted: {@code 1.5e3} is 1500, {@code .5} is 0.5. */
    private static BigDecimal number(String text) {
        return NumericSupport.normalize(new BigDecimal(text.endsWith(".") ? text.substring(0, text.length() - 1) : text));
    }

    private JsonPathItem parseAccessor() {
        if (at("[")) {
            return parseArrayAccessor();
        }
        if (at("?")) {
            advance();
            expect("(");
            JsonPathItem predicate = parseOr();
            requirePredicate(predicate);
            expect(")");
            return JsonPathItem.unary(Kind.FILTER, predicate);
        }
        advance();      // '.'
        if (at("*")) {
            advance();
            return JsonPathItem.of(Kind.ANY_KEY);
        }
        if (at("**")) {
            return parseAnyPath();
        }
        if (at("DATETIME") && peekIsOpenParen()) {
            advance();
            expect("(");
            String template = null;
            if (at("STRING")) {
                template = tok.value;
                advance();
            }
            expect(")");
            return JsonPathItem.string(Kind.DATETIME, template);
        }
        Kind method = METHODS.get(tok.kind);
        if (method != null && peekIsOpenParen()) {
            advance();
            expect("(");
            expect(")");
            return JsonPathItem.of(method);
        }
        if (at("IDENT") || at("STRING") || KEYWORDS.containsValue(tok.kind) || at("NULL") || at("TRUE")
                || at("FALSE")) {
            JsonPathItem key = JsonPathItem.string(Kind.KEY, tok.value);
            advance();
            return key;
        }
        throw syntaxError();
    }

    /** Whether the next token (after the current one) is '(' (a method call rather than a key of that name). */
    private boolean peekIsOpenParen() {
        int saved = pos;
        Token current = tok;
        advance();
        boolean paren = at("(");
        pos = saved;
        tok = current;
        return paren;
    }

    private JsonPathItem parseAnyPath() {
        advance();      // '**'
        if (!at("{")) {
            return JsonPathItem.any(0, JsonPathItem.LAST_LEVEL);
        }
        advance();
        long first = anyLevel();
        long last = first;
        if (at("TO")) {
            advance();
            last = anyLevel();
        }
        expect("}");
        return JsonPathItem.any(first, last);
    }

    private long anyLevel() {
        long level;
        if (at("LAST")) {
            level = JsonPathItem.LAST_LEVEL;
        } else if (at("INT")) {
            try {
                level = Integer.parseInt(tok.value);
            } catch (NumberFormatException e) {
                throw Ereport.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                        "value \"" + tok.value + "\" is out of range for type integer");
            }
        } else {
            throw syntaxError();
        }
        advance();
        return level;
    }

    private JsonPathItem parseArrayAccessor() {
        advance();      // '['
        if (at("*")) {
            advance();
            expect("]");
            return JsonPathItem.of(Kind.ANY_ARRAY);
        }
        List<Subscript> subscripts = new ArrayList<>();
        while (true) {
            JsonPathItem from = requireExpression(parseAdditive());
            JsonPathItem to = null;
            if (at("TO")) {
                advance();
                to = requireExpression(parseAdditive());
            }
            subscripts.add(new Subscript(from, to));
            if (!at(",")) {
                break;
            }
            advance();
        }
        expect("]");
        return JsonPathItem.indexArray(subscripts);
    }

    // ---- lexer ----

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    }

    /** flex's {any}: what may appear in a bare identifier. */
    private static boolean isAny(char c) {
        return !isBlank(c) && SPECIAL.indexOf(c) < 0 && c != '\\' && c != '"';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private void advance() {
        tok = lex();
    }

    private Token lex() {
        while (true) {
            while (pos < s.length() && isBlank(s.charAt(pos))) {
                pos++;
            }
            if (s.startsWith("/*", pos)) {
                int end = s.indexOf("*/", pos + 2);
                if (end < 0) {
                    throw error("unexpected end of comment", null);
                }
                pos = end + 2;
                continue;
            }
            break;
        }
        if (pos >= s.length()) {
            return new Token("EOF", null, null);
        }
        char c = s.charAt(pos);
        for (String op : new String[] {"&&", "||", "**", "<=", "==", "<>", "!=", ">="}) {
            if (s.startsWith(op, pos)) {
                pos += 2;
                return new Token(op.equals("<>") ? "!=" : op, op, op);
            }
        }
        if (c == '$') {
            if (pos + 1 < s.length() && s.charAt(pos + 1) == '"') {
                pos += 2;
                return new Token("VARIABLE", quoted(), "\"");
            }
            int end = pos + 1;
            while (end < s.length() && isAny(s.charAt(end))) {
                end++;
            }
            if (end > pos + 1) {
                String name = s.substring(pos + 1, end);
                String near = s.substring(pos, end);
                pos = end;
                return new Token("VARIABLE", name, near);
            }
        }
        if (c == '"') {
            pos++;
            return new Token("STRING", quoted(), "\"");
        }
        int number = numberLength();
        int bare = 0;
        while (pos + bare < s.length() && isAny(s.charAt(pos + bare))) {
            bare++;
        }
        if (number != 0 && Math.abs(number) >= bare) {
            return numberToken(number);
        }
        if (SPECIAL.indexOf(c) >= 0) {
            pos++;
            return new Token(String.valueOf(c), String.valueOf(c), String.valueOf(c));
        }
        Token word = bareWord();
        if (s.startsWith("/*", pos)) {
            // jsonpath_scan.l's <xnq>"/*" rule starts the comment without returning the word: it is lost
            return lex();
        }
        return word;
    }

    /**
     * The length of the number rule flex would match at pos: positive for a literal, negative
     * for an error rule (realfail, *_junk); 0 if no number starts here.
     */
    private int numberLength() {
        int i = pos;
        int n = s.length();
        int intEnd = i;
        while (intEnd < n && isDigit(s.charAt(intEnd))) {
            intEnd++;
        }
        boolean hasInt = intEnd > i;
        int end = intEnd;
        if (hasInt && s.charAt(i) == '0' && intEnd - i > 1) {
            end = i + 1;        // decinteger is 0 or [1-9][0-9]*: 01 is 0 then junk
            return -(end - i + 1);
        }
        boolean decimal = false;
        if (end < n && s.charAt(end) == '.') {
            int frac = end + 1;
            while (frac < n && isDigit(s.charAt(frac))) {
                frac++;
            }
            if (hasInt || frac > end + 1) {
                decimal = true;
                end = frac;
            }
        }
        if (!hasInt && !decimal) {
            return 0;
        }
        if (end < n && (s.charAt(end) == 'e' || s.charAt(end) == 'E')) {
            int e = end + 1;
            if (e < n && (s.charAt(e) == '+' || s.charAt(e) == '-')) {
                e++;
                if (e >= n || !isDigit(s.charAt(e))) {
                    return -(e - i);        // realfail: invalid numeric literal
                }
            }
            int digits = e;
            while (digits < n && isDigit(s.charAt(digits))) {
                digits++;
            }
            if (digits > e) {
                end = digits;
            }
        }
        if (end < n && isAny(s.charAt(end))) {
            return -(end - i + 1);      // trailing junk
        }
        return end - i;
    }

    private Token numberToken(int length) {
        String text = s.substring(pos, pos + Math.abs(length));
        if (length < 0) {
            char lastChar = text.charAt(text.length() - 1);
            throw error(lastChar == '+' || lastChar == '-' ? "invalid numeric literal"
                    : "trailing junk after numeric literal", text);
        }
        pos += length;
        boolean integer = text.chars().allMatch(ch -> ch >= '0' && ch <= '9');
        return new Token(integer ? "INT" : "NUMERIC", text, text);
    }

    /** A bare identifier or keyword ({any}+ with escapes); yytext at its end is what follows it. */
    private Token bareWord() {
        StringBuilder sb = new StringBuilder();
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == '\\') {
                escape(sb);
            } else if (isAny(c)) {
                sb.append(c);
                pos++;
            } else {
                break;
            }
        }
        String near;
        if (pos >= s.length()) {
            near = null;
        } else if (isBlank(s.charAt(pos))) {
            int end = pos;
            while (end < s.length() && isBlank(s.charAt(end))) {
                end++;
            }
            near = s.substring(pos, end);
        } else {
            near = "";
        }
        String word = sb.toString();
        String keyword = KEYWORDS.get(word.toLowerCase(Locale.ROOT));
        if (word.equals("null") || word.equals("true") || word.equals("false")) {
            keyword = word.toUpperCase(Locale.ROOT);
        }
        return new Token(keyword != null ? keyword : "IDENT", word, near);
    }

    /** The rest of a double-quoted string, pos just after the opening quote. */
    private String quoted() {
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= s.length()) {
                throw error("unexpected end of quoted string", null);
            }
            char c = s.charAt(pos);
            if (c == '"') {
                pos++;
                return sb.toString();
            }
            if (c == '\\') {
                escape(sb);
            } else {
                sb.append(c);
                pos++;
            }
        }
    }

    /** One backslash escape at pos: JSON's, {@code \}{@code xHH}, {@code \}{@code u{H...}}, or any other character as itself. */
    private void escape(StringBuilder sb) {
        int start = pos;
        if (pos + 1 >= s.length()) {
            throw error("unexpected end after backslash", null);
        }
        char c = s.charAt(pos + 1);
        pos += 2;
        switch (c) {
            case 'b': sb.append('\b'); return;
            case 'f': sb.append('\f'); return;
            case 'n': sb.append('\n'); return;
            case 'r': sb.append('\r'); return;
            case 't': sb.append('\t'); return;
            case 'v': sb.append('\u000b'); return;
            case 'x': {
                int digits = hexDigits(pos, 2);
                if (digits < 2) {
                    throw error("invalid hex character sequence", s.substring(start, pos + digits));
                }
                int code = Integer.parseInt(s.substring(pos, pos + 2), 16);
                pos += 2;
                appendCodePoint(sb, code);
                return;
            }
            case 'u': {
                int code;
                if (pos < s.length() && s.charAt(pos) == '{') {
                    int digits = hexDigits(pos + 1, 6);
                    if (digits == 0 || pos + 1 + digits >= s.length() || s.charAt(pos + 1 + digits) != '}') {
                        throw error("invalid unicode sequence", s.substring(start, Math.min(s.length(), pos + 1 + digits)));
                    }
                    code = Integer.parseInt(s.substring(pos + 1, pos + 1 + digits), 16);
                    pos += digits + 2;
                } else {
                    int digits = hexDigits(pos, 4);
                    if (digits < 4) {
                        throw error("invalid unicode sequence", s.substring(start, pos + digits));
                    }
                    code = Integer.parseInt(s.substring(pos, pos + 4), 16);
                    pos += 4;
                }
                if (code >= 0xD800 && code <= 0xDBFF && s.startsWith("\\u", pos)) {
                    int low = hexDigits(pos + 2, 4) == 4 ? Integer.parseInt(s.substring(pos + 2, pos + 6), 16) : -1;
                    if (low >= 0xDC00 && low <= 0xDFFF) {
                        pos += 6;
                        code = 0x10000 + ((code & 0x3FF) << 10) + (low & 0x3FF);
                    }
                }
                if (code >= 0xD800 && code <= 0xDFFF) {
                    throw Ereport.error(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type jsonpath")
                            .withDetail(code <= 0xDBFF ? "Unicode low surrogate must follow a high surrogate."
                                    : "Unicode low surrogate must follow a high surrogate.");
                }
                appendCodePoint(sb, code);
                return;
            }
            default:
                sb.append(c);
        }
    }

    private static void appendCodePoint(StringBuilder sb, int code) {
        if (code == 0) {
            throw Ereport.error("22P05", "unsupported Unicode escape sequence")
                    .withDetail("\\u0000 cannot be converted to text.");
        }
        sb.appendCodePoint(code);
    }

    private int hexDigits(int from, int max) {
        int n = 0;
        while (n < max && from + n < s.length() && Character.digit(s.charAt(from + n), 16) >= 0) {
            n++;
        }
        return n;
    }
}
