package org.tusk.engine.func;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.expr.FunctionBody;
import org.tusk.engine.types.ArrayValue;
import org.tusk.engine.types.Jsonb;
import org.tusk.engine.types.JsonbText;
import org.tusk.engine.types.PgType;
import org.tusk.engine.types.RecordValue;
import org.tusk.engine.types.TypeContext;

/**
 * The json constructors that look at their arguments' types (get_fn_expr_argtype): to_json,
 * to_jsonb, row_to_json, array_to_json, json(b)_build_object, json(b)_build_array. Their
 * "any"/anyelement arguments would otherwise reach a body as text, so the analyzer asks
 * {@link #typedBody} for a body bound to the argument types it resolved.
 */
public final class JsonBuilders {
    private JsonBuilders() {}

    /** A body for {@code prosrc} given its arguments' types, or null if it is not one of these functions. */
    public static FunctionBody typedBody(String prosrc, List<PgType> types) {
        if (prosrc == null) {
            return null;
        }
        switch (prosrc) {
            case "to_json":
                return (a, c) -> text(a[0], types.get(0), ctx(c));
            case "to_jsonb":
                return (a, c) -> new Jsonb(ToJson.tree(a[0], types.get(0), ctx(c)));
            case "row_to_json": case "array_to_json":
                return (a, c) -> text(a[0], types.get(0), ctx(c));
            case "row_to_json_pretty": case "array_to_json_pretty":
                return (a, c) -> a[1] != null && (Boolean) a[1] ? prettyTop(a[0], types.get(0), ctx(c))
                        : text(a[0], types.get(0), ctx(c));
            case "json_build_array": case "json_build_array_noargs":
                return (a, c) -> buildArrayText(a, types, ctx(c));
            case "jsonb_build_array": case "jsonb_build_array_noargs":
                return (a, c) -> {
                    List<Object> out = new ArrayList<>();
                    for (int i = 0; i < a.length; i++) {
                        out.add(ToJson.tree(a[i], types.get(i), ctx(c)));
                    }
                    return new Jsonb(out);
                };
            case "json_build_object": case "json_build_object_noargs":
                return (a, c) -> buildObjectText(a, types, ctx(c), "json_build_object");
            case "jsonb_build_object": case "jsonb_build_object_noargs":
                return (a, c) -> buildObjectTree(a, types, ctx(c));
            default:
                return null;
        }
    }

    static TypeContext ctx(org.tusk.engine.expr.EvalContext c) {
        return c == null ? TypeContext.DEFAULT : TypeIoFunctions.typeContext(c);
    }

    private static String text(Object value, PgType type, TypeContext ctx) {
        StringBuilder sb = new StringBuilder();
        ToJson.text(sb, value, type, ctx);
        return sb.toString();
    }

    /** The pretty forms: top-level fields or elements each on a line of their own. */
    private static String prettyTop(Object value, PgType type, TypeContext ctx) {
        StringBuilder sb = new StringBuilder();
        if (value instanceof RecordValue r) {
            sb.append('{');
            for (int i = 0; i < r.type().size(); i++) {
                sb.append(i == 0 ? "" : ",\n ");
                JsonbText.escape(sb, r.type().field(i).name());
                sb.append(':');
                ToJson.text(sb, r.fields()[i], r.type().field(i).type(), ctx);
            }
            return sb.append('}').toString();
        }
        ArrayValue a = (ArrayValue) value;
        if (a.ndims() != 1) {
            return text(value, type, ctx);
        }
        sb.append('[');
        for (int i = 0; i < a.size(); i++) {
            sb.append(i == 0 ? "" : ",\n ");
            ToJson.text(sb, a.element(i), a.elementType(), ctx);
        }
        return sb.append(']').toString();
    }

    private static String buildArrayText(Object[] a, List<PgType> types, TypeContext ctx) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < a.length; i++) {
            sb.append(i == 0 ? "" : ", ");
            ToJson.text(sb, a[i], types.get(i), ctx);
        }
        return sb.append(']').toString();
    }

    /** Even argument count, no NULL key (jsonb_build_object words the latter its own way). */
    private static void checkPairs(Object[] a, String function) {
        checkEven(a, function);
        for (int i = 0; i < a.length; i += 2) {
            if (a[i] == null) {
                throw function.startsWith("jsonb")
                        ? Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "argument " + (i + 1) + ": key must not be null")
                        : Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "argument " + (i + 1) + " cannot be null")
                                .withHint("Object keys should be text.");
            }
        }
    }

    private static void checkEven(Object[] a, String function) {
        if (a.length % 2 != 0) {
            throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "argument list must have even number of elements")
                    .withHint("The arguments of " + function + "() must consist of alternating keys and values.");
        }
    }

    private static String buildObjectText(Object[] a, List<PgType> types, TypeContext ctx, String function) {
        checkPairs(a, function);
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < a.length; i += 2) {
            sb.append(i == 0 ? "" : ", ");
            JsonbText.escape(sb, keyText(a[i], types.get(i), ctx));
            sb.append(" : ");
            ToJson.text(sb, a[i + 1], types.get(i + 1), ctx);
        }
        return sb.append('}').toString();
    }

    private static Jsonb buildObjectTree(Object[] a, List<PgType> types, TypeContext ctx) {
        checkPairs(a, "jsonb_build_object");
        Map<String, Object> out = new TreeMap<>(Jsonb.KEY_ORDER);
        for (int i = 0; i < a.length; i += 2) {
            out.put(keyText(a[i], types.get(i), ctx), ToJson.tree(a[i + 1], types.get(i + 1), ctx));
        }
        return new Jsonb(out);
    }

    /** An object key: a scalar's text (a JSON string's own text, not its quoted form). */
    static String keyText(Object key, PgType type, TypeContext ctx) {
        if (key instanceof ArrayValue || key instanceof RecordValue || type == PgType.JSON || key instanceof Jsonb) {
            throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "key value must be scalar, not array, composite, or json");
        }
        Object node = ToJson.tree(key, type, ctx);
        // a number key is its type's own output ("1e-05"), not the numeric JSON makes of it
        return node instanceof String s ? s : node instanceof java.math.BigDecimal
                ? org.tusk.engine.types.TextFormat.output(type, key, ctx) : JsonbText.output(node);
    }
}
