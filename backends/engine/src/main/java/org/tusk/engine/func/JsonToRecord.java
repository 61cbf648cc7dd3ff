package org.tusk.engine.func;

import java.util.ArrayList;
import java.util.HashMap;
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
import org.tusk.engine.types.RecordTypmods;
import org.tusk.engine.types.RecordValue;
import org.tusk.engine.types.RowType;
import org.tusk.engine.types.TextFormat;
import org.tusk.engine.types.TypeContext;

/**
 * json(b)_to_record and json(b)_to_recordset (jsonfuncs.c's populate_record): the rows a JSON
 * object (or array of objects) gives for a column definition list. Each column takes the
 * member of its name: missing or JSON null is SQL NULL; a json or jsonb column takes the value
 * itself (json input keeps its text verbatim); an array column takes a JSON array element by
 * element; any other column gets a string's content, or another value's JSON text, through
 * the type's input function.
 */
public final class JsonToRecord {
    private JsonToRecord() {}

    /** A column of the definition list. */
    public record Column(String name, PgType type, int typmod) {}

    /**
     * The rows of {@code function} (json_to_record, jsonb_to_recordset, ...) over {@code arg}
     * (json text or a Jsonb; null gives one row of nulls for _record, none for _recordset).
     */
    public static List<Object[]> rows(String function, Object arg, List<Column> columns, EvalContext c) {
        boolean jsonb = function.startsWith("jsonb");
        boolean set = function.endsWith("set");
        TypeContext ctx = TypeIoFunctions.typeContext(c);
        List<Object[]> rows = new ArrayList<>();
        if (arg == null) {
            if (!set) {
                rows.add(new Object[columns.size()]);
            }
            return rows;
        }
        Object root = jsonb ? ((Jsonb) arg).root() : JsonParser.parseJson((String) arg);
        if (!set) {
            rows.add(row(members(root, "populate_composite"), columns, jsonb, ctx));
            return rows;
        }
        if (!isArray(root)) {
            // json's message names what it got, jsonb's does not
            throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "cannot call " + function + " on "
                    + (jsonb ? "a non-array" : isObject(root) ? "an object" : "a scalar"));
        }
        for (Object element : elements(root)) {
            if (!isObject(element)) {
                throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE,
                        "argument of " + function + " must be an array of objects");
            }
            rows.add(row(members(element, function), columns, jsonb, ctx));
        }
        return rows;
    }

    /**
     * populate_record over one JSON object (json text or a Jsonb): each column from its member, a column
     * without one from {@code defaults} (the base record's fields; NULL when null).
     */
    static Object[] populate(String function, Object arg, List<Column> columns, Object[] defaults, EvalContext c) {
        boolean jsonb = function.startsWith("jsonb");
        TypeContext ctx = TypeIoFunctions.typeContext(c);
        Object root = jsonb ? ((Jsonb) arg).root() : JsonParser.parseJson((String) arg);
        Map<String, Object> members = members(root, "populate_composite");
        Object[] row = new Object[columns.size()];
        for (int i = 0; i < row.length; i++) {
            Column col = columns.get(i);
            row[i] = members.containsKey(col.name()) ? field(members.get(col.name()), col.type(), col.typmod(), ctx)
                    : defaults == null ? null : defaults[i];
        }
        return row;
    }

    /** A row type's fields as columns to fill, a composite field with its registered shape's typmod. */
    static List<Column> columnsOf(RowType shape) {
        List<Column> columns = new ArrayList<>();
        for (RowType.Field f : shape.fields()) {
            columns.add(new Column(f.name(), f.type(), f.type() == PgType.RECORD
                    ? org.tusk.engine.types.UserTypes.columnTypmod(f.typeOid(), f.typmod()) : f.typmod()));
        }
        return columns;
    }

    private static Object node(Object v) {
        return v instanceof JsonSpan s ? s.node() : v;
    }

    private static boolean isArray(Object v) {
        return v instanceof JsonSpan s ? JsonFunctions.isArray(s) : v instanceof List;
    }

    private static boolean isObject(Object v) {
        return v instanceof JsonSpan s ? JsonFunctions.isObject(s) : v instanceof Map;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> elements(Object v) {
        return (List<Object>) node(v);
    }

    /** The object's members by key (the last of duplicate json keys wins). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> members(Object v, String function) {
        if (!isObject(v)) {
            throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "cannot call " + function + " on "
                    + (isArray(v) ? "an array" : "a scalar"));
        }
        if (v instanceof Map) {
            return (Map<String, Object>) v;
        }
        Map<String, Object> out = new HashMap<>();
        for (Object o : (List<Object>) ((JsonSpan) v).node()) {
            Map.Entry<String, JsonSpan> e = (Map.Entry<String, JsonSpan>) o;
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    private static Object[] row(Map<String, Object> members, List<Column> columns, boolean jsonb, TypeContext ctx) {
        Object[] row = new Object[columns.size()];
        for (int i = 0; i < row.length; i++) {
            Column col = columns.get(i);
            row[i] = field(members.get(col.name()), col.type(), col.typmod(), ctx);
        }
        return row;
    }

    /** populate_record_field: one member as a value of the column's type. */
    private static Object field(Object v, PgType type, int typmod, TypeContext ctx) {
        if (v == null || node(v) == Jsonb.NULL) {
            return null;
        }
        String text = v instanceof JsonSpan s ? s.text().strip() : JsonbText.output(v);
        if (type == PgType.JSON) {
            return text;
        }
        if (type == PgType.JSONB) {
            return v instanceof JsonSpan ? Jsonb.parse(text) : new Jsonb(v);
        }
        RowType shape = type == PgType.RECORD ? RecordTypmods.lookup(typmod) : null;
        if (shape != null && isObject(v)) {
            // a nested composite from an object (populate_composite)
            return new RecordValue(shape, row(members(v, "populate_composite"), columnsOf(shape), false, ctx));
        }
        if (type.isArray() && isArray(v)) {
            List<Object> elements = elements(v);
            Object[] values = new Object[elements.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = field(elements.get(i), type.elementType(), -1, ctx);
            }
            return ArrayValue.of(type.elementType(), values);
        }
        Object n = node(v);
        return TextFormat.input(type, typmod, n instanceof String s ? s : text, ctx);
    }
}
