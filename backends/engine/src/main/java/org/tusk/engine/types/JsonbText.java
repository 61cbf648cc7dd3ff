package org.tusk.engine.types;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * JsonbToCString: a jsonb tree as text, {@code {"a": 1, "b": [1, 2]}} (a space after each
 * colon and comma), or indented by four spaces per level for jsonb_pretty; strings escaped
 * as escape_json does, numbers as numeric_out prints them.
 */
public final class JsonbText {
    private JsonbText() {}

    public static String output(Object node) {
        StringBuilder sb = new StringBuilder();
        write(sb, node, 0, false);
        return sb.toString();
    }

    /** jsonb_pretty. */
    public static String pretty(Object node) {
        StringBuilder sb = new StringBuilder();
        write(sb, node, 0, true);
        return sb.toString();
    }

    /** {@code level}: the nesting depth of {@code node}, for the pretty form's indentation. */
    @SuppressWarnings("unchecked")
    private static void write(StringBuilder sb, Object node, int level, boolean pretty) {
        if (node instanceof Map<?, ?> m) {
            if (m.isEmpty()) {
                sb.append('{');
                if (pretty) {
                    newline(sb, level, true, true);     // jsonb_pretty puts even an empty one's bracket on a line
                }
                sb.append('}');
                return;
            }
            sb.append('{');
            boolean first = true;
            for (Map.Entry<String, Object> e : ((Map<String, Object>) m).entrySet()) {
                sb.append(first ? "" : ",");
                newline(sb, level + 1, first, pretty);
                first = false;
                escape(sb, e.getKey());
                sb.append(": ");
                write(sb, e.getValue(), level + 1, pretty);
            }
            newline(sb, level, true, pretty);
            sb.append('}');
        } else if (node instanceof List<?> l) {
            if (l.isEmpty()) {
                sb.append('[');
                if (pretty) {
                    newline(sb, level, true, true);     // jsonb_pretty puts even an empty one's bracket on a line
                }
                sb.append(']');
                return;
            }
            sb.append('[');
            boolean first = true;
            for (Object e : l) {
                sb.append(first ? "" : ",");
                newline(sb, level + 1, first, pretty);
                first = false;
                write(sb, e, level + 1, pretty);
            }
            newline(sb, level, true, pretty);
            sb.append(']');
        } else {
            scalar(sb, node);
        }
    }

    /** Before an element (or the closing bracket, {@code first} set so no space goes there in compact form). */
    private static void newline(StringBuilder sb, int level, boolean first, boolean pretty) {
        if (!pretty) {
            if (!first) {
                sb.append(' ');
            }
            return;
        }
        sb.append('\n');
        sb.append("    ".repeat(level));
    }

    static void scalar(StringBuilder sb, Object node) {
        if (node instanceof String s) {
            escape(sb, s);
        } else if (node instanceof BigDecimal d) {
            sb.append(d.toPlainString());
        } else {
            sb.append(node);
        }
    }

    /** escape_json: a JSON string literal. */
    public static void escape(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\b': sb.append("\\b"); break;
                case '\f': sb.append("\\f"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                default:
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        sb.append('"');
    }
}
