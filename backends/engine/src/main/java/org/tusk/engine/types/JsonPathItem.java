package org.tusk.engine.types;

import java.math.BigDecimal;
import java.util.List;

/**
 * One item of a parsed jsonpath (jsonpath.h's JsonPathItem): an accessor, a literal, an operator
 * or an item method, with the item that follows it in an accessor chain ({@link #next}, as
 * {@code $.a[1]} is root, then key "a", then subscript 1). Items are built by
 * {@link JsonPathParser} and never changed afterwards.
 */
public final class JsonPathItem {

    /** jsonpath.h's JsonPathItemType, in its order. */
    public enum Kind {
        NULL, STRING, NUMERIC, BOOL,
        AND("&&"), OR("||"), NOT, IS_UNKNOWN,
        EQUAL("=="), NOT_EQUAL("!="), LESS("<"), GREATER(">"), LESS_OR_EQUAL("<="), GREATER_OR_EQUAL(">="),
        ADD("+"), SUB("-"), MUL("*"), DIV("/"), MOD("%"), PLUS("+"), MINUS("-"),
        ANY_ARRAY, ANY_KEY, INDEX_ARRAY, ANY, KEY, CURRENT, ROOT, VARIABLE, FILTER, EXISTS,
        TYPE("type"), SIZE("size"), ABS("abs"), FLOOR("floor"), CEILING("ceiling"), DOUBLE("double"),
        DATETIME("datetime"), KEY_VALUE("keyvalue"), LAST, STARTS_WITH("starts with"), LIKE_REGEX;

        /** jspOperationName: the operator as printed, or the item method's name. */
        public final String operationName;

        Kind() {
            this(null);
        }

        Kind(String operationName) {
            this.operationName = operationName;
        }

        public boolean isComparison() {
            return ordinal() >= EQUAL.ordinal() && ordinal() <= GREATER_OR_EQUAL.ordinal();
        }

        /** The predicates, whose value is true, false or unknown (executeBoolItem's kinds). */
        public boolean isPredicate() {
            return this == AND || this == OR || this == NOT || this == IS_UNKNOWN || isComparison()
                    || this == STARTS_WITH || this == LIKE_REGEX || this == EXISTS;
        }
    }

    /** One element of {@code [...]}: a subscript, or a range {@code from to to} ({@code to} set). */
    public record Subscript(JsonPathItem from, JsonPathItem to) {}

    /** like_regex flags (JSP_REGEX_*). */
    public static final int REGEX_ICASE = 1;
    public static final int REGEX_DOTALL = 2;
    public static final int REGEX_MLINE = 4;
    public static final int REGEX_WSPACE = 8;
    public static final int REGEX_QUOTE = 16;

    /** The "last" bound of {@code .**{...}} (PG_UINT32_MAX). */
    public static final long LAST_LEVEL = 0xFFFFFFFFL;

    public final Kind kind;
    /** Operand of unary items (NOT, IS_UNKNOWN, PLUS, MINUS, FILTER, EXISTS, LIKE_REGEX) and left operand of binary ones. */
    public final JsonPathItem left;
    public final JsonPathItem right;
    /** STRING's value, KEY's and VARIABLE's name, LIKE_REGEX's pattern, DATETIME's template (or null). */
    public final String string;
    public final BigDecimal numeric;
    public final boolean bool;
    public final List<Subscript> subscripts;
    /** ANY's level bounds, {@link #LAST_LEVEL} for "last". */
    public final long first;
    public final long last;
    /** LIKE_REGEX's flags. */
    public final int flags;
    JsonPathItem next;

    private JsonPathItem(Kind kind, JsonPathItem left, JsonPathItem right, String string, BigDecimal numeric,
            boolean bool, List<Subscript> subscripts, long first, long last, int flags) {
        this.kind = kind;
        this.left = left;
        this.right = right;
        this.string = string;
        this.numeric = numeric;
        this.bool = bool;
        this.subscripts = subscripts;
        this.first = first;
        this.last = last;
        this.flags = flags;
    }

    static JsonPathItem of(Kind kind) {
        return new JsonPathItem(kind, null, null, null, null, false, null, 0, 0, 0);
    }

    static JsonPathItem unary(Kind kind, JsonPathItem arg) {
        return new JsonPathItem(kind, arg, null, null, null, false, null, 0, 0, 0);
    }

    static JsonPathItem binary(Kind kind, JsonPathItem left, JsonPathItem right) {
        return new JsonPathItem(kind, left, right, null, null, false, null, 0, 0, 0);
    }

    static JsonPathItem string(Kind kind, String value) {
        return new JsonPathItem(kind, null, null, value, null, false, null, 0, 0, 0);
    }

    static JsonPathItem numeric(BigDecimal value) {
        return new JsonPathItem(Kind.NUMERIC, null, null, null, value, false, null, 0, 0, 0);
    }

    static JsonPathItem bool(boolean value) {
        return new JsonPathItem(Kind.BOOL, null, null, null, null, value, null, 0, 0, 0);
    }

    static JsonPathItem indexArray(List<Subscript> subscripts) {
        return new JsonPathItem(Kind.INDEX_ARRAY, null, null, null, null, false, List.copyOf(subscripts), 0, 0, 0);
    }

    static JsonPathItem any(long first, long last) {
        return new JsonPathItem(Kind.ANY, null, null, null, null, false, null, first, last, 0);
    }

    static JsonPathItem likeRegex(JsonPathItem expr, String pattern, int flags) {
        return new JsonPathItem(Kind.LIKE_REGEX, expr, null, pattern, null, false, null, 0, 0, flags);
    }

    /** The item after this one in its accessor chain, or null. */
    public JsonPathItem next() {
        return next;
    }

    /** Appends {@code tail} at the end of this item's chain. */
    void append(JsonPathItem tail) {
        JsonPathItem i = this;
        while (i.next != null) {
            i = i.next;
        }
        i.next = tail;
    }
}
