package org.tusk.engine.types;

import org.tusk.engine.types.JsonPathItem.Kind;
import org.tusk.engine.types.JsonPathItem.Subscript;

/**
 * A jsonpath value: its mode (lax or strict) and its expression. {@link #toString} is
 * jsonpath_out (printJsonPathItem): keys quoted, operators spaced, binary operations in
 * parentheses where their priority needs them and always at the top, {@code strict } before a
 * strict path, so {@code lax $.a[1 to 3] ? (@ > 1)} prints {@code $."a"[1 to 3]?(@ > 1)}.
 */
public final class JsonPath {
    private final boolean lax;
    private final JsonPathItem expr;
    private final String text;

    JsonPath(boolean lax, JsonPathItem expr) {
        this.lax = lax;
        this.expr = expr;
        StringBuilder sb = new StringBuilder();
        if (!lax) {
            sb.append("strict ");
        }
        print(sb, expr, false, true);
        this.text = sb.toString();
    }

    /** jsonpath_in. */
    public static JsonPath parse(String text) {
        return JsonPathParser.parse(text);
    }

    public boolean lax() {
        return lax;
    }

    public JsonPathItem expr() {
        return expr;
    }

    @Override
    public String toString() {
        return text;
    }

    /** operationPriority: how tightly an item binds when printed inside another. */
    private static int priority(Kind k) {
        switch (k) {
            case OR: return 0;
            case AND: return 1;
            case EQUAL: case NOT_EQUAL: case LESS: case GREATER: case LESS_OR_EQUAL: case GREATER_OR_EQUAL:
            case STARTS_WITH:
                return 2;
            case ADD: case SUB: return 3;
            case MUL: case DIV: case MOD: return 4;
            case PLUS: case MINUS: return 5;
            default: return 6;
        }
    }

    private static void printOperand(StringBuilder sb, JsonPathItem operand, JsonPathItem of) {
        print(sb, operand, false, priority(operand.kind) <= priority(of.kind));
    }

    /** printJsonPathItem; {@code inKey}: the item follows another in a chain, so keys get their dot. */
    private static void print(StringBuilder sb, JsonPathItem v, boolean inKey, boolean brackets) {
        switch (v.kind) {
            case NULL: sb.append("null"); break;
            case KEY:
                if (inKey) {
                    sb.append('.');
                }
                JsonbText.escape(sb, v.string);
                break;
            case STRING: JsonbText.escape(sb, v.string); break;
            case VARIABLE:
                sb.append('$');
                JsonbText.escape(sb, v.string);
                break;
            case NUMERIC:
                if (v.next != null) {
                    sb.append('(');
                }
                sb.append(v.numeric.toPlainString());
                if (v.next != null) {
                    sb.append(')');
                }
                break;
            case BOOL: sb.append(v.bool); break;
            case AND: case OR: case EQUAL: case NOT_EQUAL: case LESS: case GREATER: case LESS_OR_EQUAL:
            case GREATER_OR_EQUAL: case ADD: case SUB: case MUL: case DIV: case MOD: case STARTS_WITH:
                if (brackets) {
                    sb.append('(');
                }
                printOperand(sb, v.left, v);
                sb.append(' ').append(v.kind.operationName).append(' ');
                printOperand(sb, v.right, v);
                if (brackets) {
                    sb.append(')');
                }
                break;
            case LIKE_REGEX:
                if (brackets) {
                    sb.append('(');
                }
                printOperand(sb, v.left, v);
                sb.append(" like_regex ");
                JsonbText.escape(sb, v.string);
                if (v.flags != 0) {
                    sb.append(" flag \"");
                    appendFlag(sb, v.flags, JsonPathItem.REGEX_ICASE, 'i');
                    appendFlag(sb, v.flags, JsonPathItem.REGEX_DOTALL, 's');
                    appendFlag(sb, v.flags, JsonPathItem.REGEX_MLINE, 'm');
                    appendFlag(sb, v.flags, JsonPathItem.REGEX_WSPACE, 'x');
                    appendFlag(sb, v.flags, JsonPathItem.REGEX_QUOTE, 'q');
                    sb.append('"');
                }
                if (brackets) {
                    sb.append(')');
                }
                break;
            case PLUS: case MINUS:
                if (brackets) {
                    sb.append('(');
                }
                sb.append(v.kind == Kind.PLUS ? '+' : '-');
                printOperand(sb, v.left, v);
                if (brackets) {
                    sb.append(')');
                }
                break;
            case FILTER:
                sb.append("?(");
                print(sb, v.left, false, false);
                sb.append(')');
                break;
            case NOT:
                sb.append("!(");
                print(sb, v.left, false, false);
                sb.append(')');
                break;
            case IS_UNKNOWN:
                sb.append('(');
                print(sb, v.left, false, false);
                sb.append(") is unknown");
                break;
            case EXISTS:
                sb.append("exists (");
                print(sb, v.left, false, false);
                sb.append(')');
                break;
            case CURRENT: sb.append('@'); break;
            case ROOT: sb.append('$'); break;
            case LAST: sb.append("last"); break;
            case ANY_ARRAY: sb.append("[*]"); break;
            case ANY_KEY:
                if (inKey) {
                    sb.append('.');
                }
                sb.append('*');
                break;
            case INDEX_ARRAY: {
                sb.append('[');
                boolean first = true;
                for (Subscript sub : v.subscripts) {
                    if (!first) {
                        sb.append(',');
                    }
                    first = false;
                    print(sb, sub.from(), false, false);
                    if (sub.to() != null) {
                        sb.append(" to ");
                        print(sb, sub.to(), false, false);
                    }
                }
                sb.append(']');
                break;
            }
            case ANY:
                if (inKey) {
                    sb.append('.');
                }
                if (v.first == 0 && v.last == JsonPathItem.LAST_LEVEL) {
                    sb.append("**");
                } else if (v.first == v.last) {
                    sb.append("**{").append(level(v.first)).append('}');
                } else {
                    sb.append("**{").append(level(v.first)).append(" to ").append(level(v.last)).append('}');
                }
                break;
            case DATETIME:
                sb.append(".datetime(");
                if (v.string != null) {
                    JsonbText.escape(sb, v.string);
                }
                sb.append(')');
                break;
            default:        // the item methods without arguments
                sb.append('.').append(v.kind.operationName).append("()");
        }
        if (v.next != null) {
            print(sb, v.next, true, true);
        }
    }

    private static String level(long level) {
        return level == JsonPathItem.LAST_LEVEL ? "last" : Long.toString(level);
    }

    private static void appendFlag(StringBuilder sb, int flags, int bit, char c) {
        if ((flags & bit) != 0) {
            sb.append(c);
        }
    }
}
