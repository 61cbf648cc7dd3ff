package org.tusk.engine.func;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.types.ArrayValue;
import org.tusk.engine.types.JsonParser;
import org.tusk.engine.types.JsonSpan;
import org.tusk.engine.types.Jsonb;
import org.tusk.engine.types.JsonbText;
import org.tusk.engine.types.PgType;

/**
 * jsonfuncs.c's accessors and jsonb.c's casts: the -> ->> #> #>> operators (json and jsonb),
 * json(b)_typeof, json(b)_array_length, json(b)_extract_path(_text), and jsonb to bool,
 * numeric, integers and floats. A json value is its text, parsed here on each call with
 * its source spans so json results are the input's own text; jsonb values are trees.
 */
public final class JsonFunctions {
    private JsonFunctions() {}

    static void register() {
        FunctionRegistry.bind("jsonb_object_field", (a, c) -> wrap(field(root(a[0]), (String) a[1])));
        FunctionRegistry.bind("jsonb_object_field_text", (a, c) -> asText(field(root(a[0]), (String) a[1])));
        FunctionRegistry.bind("jsonb_array_element", (a, c) -> wrap(rootElement(root(a[0]), (Integer) a[1])));
        FunctionRegistry.bind("jsonb_array_element_text", (a, c) -> asText(rootElement(root(a[0]), (Integer) a[1])));
        FunctionRegistry.bind("jsonb_extract_path", (a, c) -> wrap(path(root(a[0]), (ArrayValue) a[1])));
        FunctionRegistry.bind("jsonb_extract_path_text", (a, c) -> asText(path(root(a[0]), (ArrayValue) a[1])));
        FunctionRegistry.bind("jsonb_typeof", (a, c) -> Jsonb.typeOf(root(a[0])));
        FunctionRegistry.bind("jsonb_array_length", (a, c) -> arrayLength(root(a[0])));

        FunctionRegistry.bind("json_object_field", (a, c) -> spanText(jsonField(json(a[0]), (String) a[1])));
        FunctionRegistry.bind("json_object_field_text", (a, c) -> spanAsText(jsonField(json(a[0]), (String) a[1])));
        FunctionRegistry.bind("json_array_element", (a, c) -> spanText(jsonElement(json(a[0]), (Integer) a[1])));
        FunctionRegistry.bind("json_array_element_text", (a, c) -> spanAsText(jsonElement(json(a[0]), (Integer) a[1])));
        FunctionRegistry.bind("json_extract_path", (a, c) -> jsonPathResult((String) a[0], (ArrayValue) a[1], false));
        FunctionRegistry.bind("json_extract_path_text", (a, c) -> jsonPathResult((String) a[0], (ArrayValue) a[1], true));
        FunctionRegistry.bind("json_typeof", (a, c) -> jsonTypeOf(json(a[0])));
        FunctionRegistry.bind("json_array_length", (a, c) -> jsonArrayLength(json(a[0])));
        FunctionRegistry.bind("json_strip_nulls", (a, c) -> {
            StringBuilder sb = new StringBuilder();
            stripNulls(sb, json(a[0]));
            return sb.toString();
        });

        FunctionRegistry.bind("jsonb_bool", (a, c) -> (Boolean) scalar(a[0], Boolean.class, "boolean"));
        FunctionRegistry.bind("jsonb_numeric", (a, c) -> number(a[0], "numeric"));
        FunctionRegistry.bind("jsonb_int2", (a, c) -> viaNumeric("numeric_int2", number(a[0], "smallint"), c));
        FunctionRegistry.bind("jsonb_int4", (a, c) -> viaNumeric("numeric_int4", number(a[0], "integer"), c));
        FunctionRegistry.bind("jsonb_int8", (a, c) -> viaNumeric("numeric_int8", number(a[0], "bigint"), c));
        FunctionRegistry.bind("jsonb_float4", (a, c) -> viaNumeric("numeric_float4", number(a[0], "real"), c));
        FunctionRegistry.bind("jsonb_float8", (a, c) -> viaNumeric("numeric_float8", number(a[0], "double precision"), c));
        FunctionRegistry.bind("json_object", (a, c) -> objectText(pairs((ArrayValue) a[0])));
        FunctionRegistry.bind("json_object_two_arg", (a, c) -> objectText(pairs((ArrayValue) a[0], (ArrayValue) a[1])));
        FunctionRegistry.bind("jsonb_object", (a, c) -> objectTree(pairs((ArrayValue) a[0])));
        FunctionRegistry.bind("jsonb_object_two_arg", (a, c) -> objectTree(pairs((ArrayValue) a[0], (ArrayValue) a[1])));
        JsonbOperators.register();
    }

    /** jsonb_subscript_fetch: {@code a[0]} walked by the subscripts {@code a[1..]} (text keys or int4 indexes). */
    public static Object subscriptFetch(Object[] a, org.tusk.engine.expr.EvalContext c) {
        Object[] path = new Object[a.length - 1];
        for (int i = 1; i < a.length; i++) {
            path[i - 1] = a[i] == null ? null : a[i].toString();
        }
        return wrap(path(root(a[0]), ArrayValue.of(PgType.TEXT, path)));
    }

    static Object root(Object jsonb) {
        return ((Jsonb) jsonb).root();
    }

    static Jsonb wrap(Object node) {
        return node == null ? null : new Jsonb(node);
    }

    static JsonSpan json(Object json) {
        return JsonParser.parseJson((String) json);
    }

    /** The ->> result of a jsonb node: a string's own text, SQL NULL for JSON null, else the node's text. */
    static String asText(Object node) {
        if (node == null || node == Jsonb.NULL) {
            return null;
        }
        return node instanceof String s ? s : JsonbText.output(node);
    }

    @SuppressWarnings("unchecked")
    static Object field(Object node, String key) {
        return node instanceof Map<?, ?> m ? ((Map<String, Object>) m).get(key) : null;
    }

    /** An array element, counting from the end for a negative index; null when there is none. */
    static Object element(Object node, int index) {
        if (!(node instanceof List<?> l)) {
            return null;
        }
        int i = index < 0 ? l.size() + index : index;
        return i >= 0 && i < l.size() ? l.get(i) : null;
    }

    /** jsonb_array_element: a top-level scalar is a one-element array to it ('"a"' -> 0 is "a"). */
    static Object rootElement(Object node, int index) {
        if (node instanceof Map || node instanceof List) {
            return element(node, index);
        }
        return index == 0 || index == -1 ? node : null;
    }

    /** #>: each path element a key, or an array index when the node is an array (a non-integer finds nothing). */
    static Object path(Object node, ArrayValue path) {
        Object current = node;
        for (int i = 0; i < path.size() && current != null; i++) {
            String step = (String) path.element(i);
            if (step == null) {
                return null;
            }
            if (current instanceof Map) {
                current = field(current, step);
            } else if (current instanceof List) {
                Integer index = parseIndex(step);
                current = index == null ? null : element(current, index);
            } else {
                return null;
            }
        }
        return current;
    }

    /** A path element as an array subscript (strtol: optional sign, digits, surrounding blanks), or null. */
    static Integer parseIndex(String step) {
        String s = step.strip();
        if (!s.matches("[+-]?\\d+")) {
            return null;
        }
        try {
            return Integer.parseInt(s.startsWith("+") ? s.substring(1) : s);
        } catch (NumberFormatException overflow) {
            return null;
        }
    }

    static int arrayLength(Object node) {
        if (node instanceof List<?> l) {
            return l.size();
        }
        if (node instanceof Map) {
            throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "cannot get array length of a non-array");
        }
        throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "cannot get array length of a scalar");
    }

    // json: the same walks over source spans

    static JsonSpan jsonField(JsonSpan span, String key) {
        if (!(span.node() instanceof List<?> l) || !isObject(span)) {
            return null;
        }
        JsonSpan found = null;
        for (Object o : l) {
            @SuppressWarnings("unchecked")
            Map.Entry<String, JsonSpan> e = (Map.Entry<String, JsonSpan>) o;
            if (e.getKey().equals(key)) {
                found = e.getValue();           // the last of duplicate keys, as json's parse callbacks leave it
            }
        }
        return found;
    }

    static boolean isObject(JsonSpan span) {
        return span.text().startsWith("{");
    }

    static boolean isArray(JsonSpan span) {
        return span.text().startsWith("[");
    }

    static JsonSpan jsonElement(JsonSpan span, int index) {
        if (!isArray(span)) {
            return null;
        }
        List<?> l = (List<?>) span.node();
        int i = index < 0 ? l.size() + index : index;
        return i >= 0 && i < l.size() ? (JsonSpan) l.get(i) : null;
    }

    static JsonSpan jsonPath(JsonSpan span, ArrayValue path) {
        JsonSpan current = span;
        for (int i = 0; i < path.size() && current != null; i++) {
            String step = (String) path.element(i);
            if (step == null) {
                return null;
            }
            if (isObject(current)) {
                current = jsonField(current, step);
            } else if (isArray(current)) {
                Integer index = parseIndex(step);
                current = index == null ? null : jsonElement(current, index);
            } else {
                return null;
            }
        }
        return current;
    }

    /**
     * json #> / #>>: the value at the path; an empty path on a scalar document gives the input
     * from its very start (leading blanks included) to the scalar's end, as get_scalar copies it.
     */
    private static String jsonPathResult(String json, ArrayValue path, boolean asText) {
        JsonSpan root = json(json);
        if (path.size() == 0 && !isObject(root) && !isArray(root)) {
            if (asText && root.node() == Jsonb.NULL) {
                return null;
            }
            if (asText && root.node() instanceof String s) {
                return s;
            }
            return json.substring(0, json.indexOf(root.text()) + root.text().length());
        }
        JsonSpan found = jsonPath(root, path);
        return asText ? spanAsText(found) : spanText(found);
    }

    static String spanText(JsonSpan span) {
        return span == null ? null : span.text();
    }

    /** ->> on json: a string de-escaped, SQL NULL for null, anything else its text. */
    static String spanAsText(JsonSpan span) {
        if (span == null || span.node() == Jsonb.NULL) {
            return null;
        }
        return span.text().startsWith("\"") ? (String) span.node() : span.text();
    }

    /** json_typeof: the kind of a json value, from its first character for containers. */
    static String jsonTypeOf(JsonSpan span) {
        return isObject(span) ? "object" : isArray(span) ? "array" : Jsonb.typeOf(span.node());
    }

    static int jsonArrayLength(JsonSpan span) {
        if (isArray(span)) {
            return ((List<?>) span.node()).size();
        }
        return arrayLength(isObject(span) ? Map.of() : span.node());
    }

    /**
     * json_strip_nulls: the document re-emitted without whitespace and without object fields
     * whose value is null; strings are re-escaped, other scalars keep their text.
     */
    @SuppressWarnings("unchecked")
    static void stripNulls(StringBuilder sb, JsonSpan span) {
        if (isObject(span)) {
            sb.append('{');
            boolean first = true;
            for (Object o : (List<Object>) span.node()) {
                Map.Entry<String, JsonSpan> e = (Map.Entry<String, JsonSpan>) o;
                if (e.getValue().node() != Jsonb.NULL) {
                    sb.append(first ? "" : ",");
                    first = false;
                    JsonbText.escape(sb, e.getKey());
                    sb.append(':');
                    stripNulls(sb, e.getValue());
                }
            }
            sb.append('}');
        } else if (isArray(span)) {
            sb.append('[');
            List<Object> elements = (List<Object>) span.node();
            for (int i = 0; i < elements.size(); i++) {
                sb.append(i == 0 ? "" : ",");
                stripNulls(sb, (JsonSpan) elements.get(i));
            }
            sb.append(']');
        } else if (span.node() instanceof String s) {
            JsonbText.escape(sb, s);
        } else {
            sb.append(span.text());
        }
    }

    private static final String ARRAY_SUBSCRIPT_ERROR = ArrayValue.ARRAY_SUBSCRIPT_ERROR;

    /** json_object(text[]): {k, v, k, v} or {{k, v}, {k, v}} as key/value pairs. */
    private static List<String[]> pairs(ArrayValue a) {
        if (a.ndims() == 1 && a.size() % 2 != 0) {
            throw Ereport.error(ARRAY_SUBSCRIPT_ERROR, "array must have even number of elements");
        }
        if (a.ndims() == 2 && a.length(1) != 2) {
            throw Ereport.error(ARRAY_SUBSCRIPT_ERROR, "array must have two columns");
        }
        if (a.ndims() > 2) {
            throw Ereport.error(ARRAY_SUBSCRIPT_ERROR, "wrong number of array subscripts");
        }
        List<String[]> out = new java.util.ArrayList<>();
        for (int i = 0; i + 1 < a.size(); i += 2) {
            out.add(new String[] {(String) a.element(i), (String) a.element(i + 1)});
        }
        return checkKeys(out);
    }

    /** json_object(keys text[], values text[]): both one-dimensional and of one length. */
    private static List<String[]> pairs(ArrayValue keys, ArrayValue values) {
        if (keys.ndims() > 1 || values.ndims() > 1) {
            throw Ereport.error(ARRAY_SUBSCRIPT_ERROR, "wrong number of array subscripts");
        }
        if (keys.size() != values.size()) {
            throw Ereport.error(ARRAY_SUBSCRIPT_ERROR, "mismatched array dimensions");
        }
        List<String[]> out = new java.util.ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            out.add(new String[] {(String) keys.element(i), (String) values.element(i)});
        }
        return checkKeys(out);
    }

    private static List<String[]> checkKeys(List<String[]> pairs) {
        for (String[] p : pairs) {
            if (p[0] == null) {
                throw Ereport.error(SqlState.NULL_VALUE_NOT_ALLOWED, "null value not allowed for object key");
            }
        }
        return pairs;
    }

    /** json_object's text: {@code {"a" : "1", "b" : null}}, values as strings. */
    private static String objectText(List<String[]> pairs) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < pairs.size(); i++) {
            sb.append(i == 0 ? "" : ", ");
            JsonbText.escape(sb, pairs.get(i)[0]);
            sb.append(" : ");
            if (pairs.get(i)[1] == null) {
                sb.append("null");
            } else {
                JsonbText.escape(sb, pairs.get(i)[1]);
            }
        }
        return sb.append('}').toString();
    }

    private static Jsonb objectTree(List<String[]> pairs) {
        Map<String, Object> out = new java.util.TreeMap<>(Jsonb.KEY_ORDER);
        for (String[] p : pairs) {
            out.put(p[0], p[1] == null ? Jsonb.NULL : p[1]);
        }
        return new Jsonb(out);
    }

    private static Object scalar(Object jsonb, Class<?> kind, String typeName) {
        Object node = root(jsonb);
        if (!kind.isInstance(node)) {
            throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE,
                    "cannot cast jsonb " + Jsonb.typeOf(node) + " to type " + typeName);
        }
        return node;
    }

    private static BigDecimal number(Object jsonb, String typeName) {
        return (BigDecimal) scalar(jsonb, BigDecimal.class, typeName);
    }

    private static Object viaNumeric(String cast, BigDecimal value, EvalContext c) {
        return FunctionRegistry.internal(cast).apply(new Object[] {value}, c);
    }
}
