package org.tusk.engine.func;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.tusk.engine.types.ArrayValue;
import org.tusk.engine.types.JsonParser;
import org.tusk.engine.types.Jsonb;
import org.tusk.engine.types.JsonbText;
import org.tusk.engine.types.PgType;
import org.tusk.engine.types.RecordValue;
import org.tusk.engine.types.RowType;
import org.tusk.engine.types.TextFormat;
import org.tusk.engine.types.TypeContext;

/**
 * datum_to_json / datum_to_jsonb: an SQL value of a known type as JSON. Booleans and numbers
 * stay JSON literals (NaN and the infinities become strings), dates and timestamps are
 * ISO 8601 strings, json and jsonb are embedded as they are, arrays become JSON arrays (one
 * level per dimension), records objects of their fields; anything else is its text output
 * as a JSON string. json text is compact ({@code {"f1":1}}, {@code [1,2]}), as PostgreSQL's.
 */
public final class ToJson {
    private ToJson() {}

    /** Appends {@code value} of {@code type} as json text. */
    public static void text(StringBuilder sb, Object value, PgType type, TypeContext ctx) {
        if (value == null) {
            sb.append("null");
            return;
        }
        if (value instanceof Jsonb j) {
            sb.append(j);
            return;
        }
        if (value instanceof ArrayValue a) {
            arrayText(sb, a, 0, new int[] {0}, ctx);
            return;
        }
        if (value instanceof RecordValue r) {
            sb.append('{');
            RowType shape = r.type();
            for (int i = 0; i < shape.size(); i++) {
                sb.append(i == 0 ? "" : ",");
                JsonbText.escape(sb, shape.field(i).name());
                sb.append(':');
                text(sb, r.fields()[i], shape.field(i).type(), ctx);
            }
            sb.append('}');
            return;
        }
        switch (type) {
            case JSON: sb.append((String) value); return;
            case BOOL: sb.append(((Boolean) value) ? "true" : "false"); return;
            case INT2: case INT4: case INT8: case NUMERIC: case FLOAT4: case FLOAT8: case OID: {
                String out = TextFormat.output(type, value, ctx);
                if (isJsonNumber(out)) {
                    sb.append(out);
                } else {
                    JsonbText.escape(sb, out);      // NaN, Infinity
                }
                return;
            }
            default:
                JsonbText.escape(sb, stringOf(value, type, ctx));
        }
    }

    private static void arrayText(StringBuilder sb, ArrayValue a, int dim, int[] next, TypeContext ctx) {
        sb.append('[');
        if (a.ndims() > 0) {
            for (int i = 0; i < a.length(dim); i++) {
                sb.append(i == 0 ? "" : ",");
                if (dim + 1 < a.ndims()) {
                    arrayText(sb, a, dim + 1, next, ctx);
                } else {
                    text(sb, a.element(next[0]++), a.elementType(), ctx);
                }
            }
        }
        sb.append(']');
    }

    /** {@code value} of {@code type} as a jsonb tree node. */
    public static Object tree(Object value, PgType type, TypeContext ctx) {
        if (value == null) {
            return Jsonb.NULL;
        }
        if (value instanceof Jsonb j) {
            return j.root();
        }
        if (value instanceof ArrayValue a) {
            if (a.ndims() == 0) {
                return new ArrayList<>();
            }
            return arrayTree(a, 0, new int[] {0}, ctx);
        }
        if (value instanceof RecordValue r) {
            Map<String, Object> out = new TreeMap<>(Jsonb.KEY_ORDER);
            RowType shape = r.type();
            for (int i = 0; i < shape.size(); i++) {
                out.put(shape.field(i).name(), tree(r.fields()[i], shape.field(i).type(), ctx));
            }
            return out;
        }
        switch (type) {
            case JSON: return JsonParser.parseJsonb((String) value);
            case BOOL: return value;
            case INT2: case INT4: case INT8: case NUMERIC: case FLOAT4: case FLOAT8: case OID: {
                String out = TextFormat.output(type, value, ctx);
                return isJsonNumber(out) ? org.tusk.engine.types.NumericSupport.normalize(new BigDecimal(out)) : out;
            }
            default:
                return stringOf(value, type, ctx);
        }
    }

    private static List<Object> arrayTree(ArrayValue a, int dim, int[] next, TypeContext ctx) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < a.length(dim); i++) {
            out.add(dim + 1 < a.ndims() ? arrayTree(a, dim + 1, next, ctx)
                    : tree(a.element(next[0]++), a.elementType(), ctx));
        }
        return out;
    }

    private static boolean isJsonNumber(String s) {
        return s.matches("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?");
    }

    /** A value's text for a JSON string: dates and timestamps in ISO 8601 (XSD) form, others their output. */
    private static String stringOf(Object value, PgType type, TypeContext ctx) {
        if (value instanceof org.tusk.engine.types.EnumValue e) {
            return e.label();
        }
        switch (type) {
            case DATE: case TIMESTAMP: case TIMESTAMPTZ: {
                TypeContext iso = new TypeContext(ctx.timeZone(), ctx.extraFloatDigits(), ctx.nowMicros());
                String out = TextFormat.output(type, value, iso);
                if (out.endsWith("infinity")) {
                    return out;
                }
                out = out.replaceFirst(" ", "T");
                if (out.endsWith(" BC")) {
                    return out;
                }
                // XSD offsets have minutes: +00 becomes +00:00
                return type == PgType.TIMESTAMPTZ && out.matches(".*[+-]\\d\\d$") ? out + ":00" : out;
            }
            default:
                return TextFormat.output(type, value, ctx);
        }
    }
}
