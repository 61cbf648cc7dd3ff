package org.tusk.engine.func;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.expr.FunctionBody;
import org.tusk.engine.types.JsonSpan;
import org.tusk.engine.types.Jsonb;
import org.tusk.engine.types.PgType;
import org.tusk.engine.types.RecordTypmods;
import org.tusk.engine.types.RecordValue;
import org.tusk.engine.types.RowType;

/**
 * jsonfuncs.c's set-returning functions: json(b)_each(_text) (records of key and value),
 * json(b)_array_elements(_text) and json(b)_object_keys, as listing bodies for
 * {@link SetReturningBodies}. json results are the input's own text.
 */
final class JsonSetFunctions {
    private JsonSetFunctions() {}

    private static final RowType EACH_JSONB = RowType.anonymous(List.of(RowType.Field.of("key", PgType.TEXT, -1),
            RowType.Field.of("value", PgType.JSONB, -1)));
    private static final RowType EACH_JSON = RowType.anonymous(List.of(RowType.Field.of("key", PgType.TEXT, -1),
            RowType.Field.of("value", PgType.JSON, -1)));
    private static final RowType EACH_TEXT = RowType.anonymous(List.of(RowType.Field.of("key", PgType.TEXT, -1),
            RowType.Field.of("value", PgType.TEXT, -1)));

    static void register(Map<String, FunctionBody> bodies) {
        bodies.put("jsonb_each", (a, c) -> jsonbEach(JsonFunctions.root(a[0]), false));
        bodies.put("jsonb_each_text", (a, c) -> jsonbEach(JsonFunctions.root(a[0]), true));
        bodies.put("jsonb_array_elements", (a, c) -> jsonbElements(JsonFunctions.root(a[0]), false));
        bodies.put("jsonb_array_elements_text", (a, c) -> jsonbElements(JsonFunctions.root(a[0]), true));
        bodies.put("jsonb_object_keys", (a, c) -> jsonbKeys(JsonFunctions.root(a[0])));
        bodies.put("json_each", (a, c) -> jsonEach(JsonFunctions.json(a[0]), false));
        bodies.put("json_each_text", (a, c) -> jsonEach(JsonFunctions.json(a[0]), true));
        bodies.put("json_array_elements", (a, c) -> jsonElements(JsonFunctions.json(a[0]), false));
        bodies.put("json_array_elements_text", (a, c) -> jsonElements(JsonFunctions.json(a[0]), true));
        bodies.put("json_object_keys", (a, c) -> jsonKeys(JsonFunctions.json(a[0])));
    }

    /** The record typmod of a function's (key, value) OUT columns, or -1 if it has none. */
    static int outTypmod(String prosrc) {
        switch (prosrc) {
            case "jsonb_each": return RecordTypmods.register(EACH_JSONB);
            case "json_each": return RecordTypmods.register(EACH_JSON);
            case "jsonb_each_text": case "json_each_text": return RecordTypmods.register(EACH_TEXT);
            default: return -1;
        }
    }

    private static RuntimeException notAn(String function, String what, String kind) {
        return Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "cannot call " + function + " on " + what + kind);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> jsonbEach(Object node, boolean asText) {
        if (!(node instanceof Map<?, ?> m)) {
            throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "cannot call " + (asText ? "jsonb_each_text" : "jsonb_each")
                    + " on a non-object");
        }
        List<Object> out = new ArrayList<>();
        for (Map.Entry<String, Object> e : ((Map<String, Object>) m).entrySet()) {
            Object v = asText ? JsonFunctions.asText(e.getValue()) : new Jsonb(e.getValue());
            out.add(new RecordValue(asText ? EACH_TEXT : EACH_JSONB, new Object[] {e.getKey(), v}));
        }
        return out;
    }

    private static List<Object> jsonbElements(Object node, boolean asText) {
        if (!(node instanceof List<?> l)) {
            throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "cannot extract elements from "
                    + (node instanceof Map ? "an object" : "a scalar"));
        }
        List<Object> out = new ArrayList<>();
        for (Object e : l) {
            out.add(asText ? JsonFunctions.asText(e) : new Jsonb(e));
        }
        return out;
    }

    private static List<Object> jsonbKeys(Object node) {
        if (!(node instanceof Map<?, ?> m)) {
            throw notAn("jsonb_object_keys", node instanceof List ? "an array" : "a scalar", "");
        }
        return new ArrayList<>(m.keySet());
    }

    @SuppressWarnings("unchecked")
    private static List<Object> jsonEach(JsonSpan span, boolean asText) {
        if (!JsonFunctions.isObject(span)) {
            throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "cannot deconstruct "
                    + (JsonFunctions.isArray(span) ? "an array as an object" : "a scalar"));
        }
        List<Object> out = new ArrayList<>();
        for (Object o : (List<Object>) span.node()) {
            Map.Entry<String, JsonSpan> e = (Map.Entry<String, JsonSpan>) o;
            Object v = asText ? JsonFunctions.spanAsText(e.getValue()) : e.getValue().text();
            out.add(new RecordValue(asText ? EACH_TEXT : EACH_JSON, new Object[] {e.getKey(), v}));
        }
        return out;
    }

    private static List<Object> jsonElements(JsonSpan span, boolean asText) {
        if (!JsonFunctions.isArray(span)) {
            String function = asText ? "json_array_elements_text" : "json_array_elements";
            throw notAn(function, JsonFunctions.isObject(span) ? "a non-array" : "a scalar", "");
        }
        List<Object> out = new ArrayList<>();
        for (Object o : (List<?>) span.node()) {
            JsonSpan e = (JsonSpan) o;
            out.add(asText ? JsonFunctions.spanAsText(e) : e.text());
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> jsonKeys(JsonSpan span) {
        if (!JsonFunctions.isObject(span)) {
            throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "cannot call json_object_keys on "
                    + (JsonFunctions.isArray(span) ? "an array" : "a scalar"));
        }
        List<Object> out = new ArrayList<>();
        for (Object o : (List<Object>) span.node()) {
            out.add(((Map.Entry<String, JsonSpan>) o).getKey());
        }
        return out;
    }
}
