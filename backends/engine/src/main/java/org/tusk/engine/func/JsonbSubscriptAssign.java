package org.tusk.engine.func;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.types.Jsonb;

/**
 * jsonb_subscript_assign ({@code UPDATE t SET doc['a'][2] = '1'}): setPath with
 * JB_PATH_CREATE | JB_PATH_FILL_GAPS | JB_PATH_CONSISTENT_POSITION. A NULL column starts as
 * {@code []} or {@code {}} by the first subscript's type; missing keys are created along the
 * path (an integer-looking subscript makes an array padded with nulls up to it, any other an
 * object); an index past an array's end pads it with nulls, one before its start is an
 * error, and so is any scalar on the way. An SQL NULL assigned is JSON null.
 */
public final class JsonbSubscriptAssign {
    private JsonbSubscriptAssign() {}

    /** {@code a[0]} the old value, {@code a[1]} the new one, {@code a[2..]} the subscripts (int4 or text). */
    public static Object assign(Object[] a, EvalContext c, boolean firstIsInteger) {
        String[] path = new String[a.length - 2];
        for (int i = 2; i < a.length; i++) {
            if (a[i] == null) {
                throw Ereport.error(SqlState.NULL_VALUE_NOT_ALLOWED, "jsonb subscript in assignment must not be null");
            }
            path[i - 2] = a[i].toString();
        }
        Object value = a[1] == null ? Jsonb.NULL : ((Jsonb) a[1]).root();
        Object source = a[0] != null ? ((Jsonb) a[0]).root()
                : firstIsInteger ? new ArrayList<>() : new TreeMap<String, Object>(Jsonb.KEY_ORDER);
        return new Jsonb(set(source, path, 0, value));
    }

    @SuppressWarnings("unchecked")
    private static Object set(Object node, String[] path, int level, Object value) {
        boolean last = level == path.length - 1;
        if (node instanceof Map<?, ?> m) {
            TreeMap<String, Object> out = new TreeMap<>(Jsonb.KEY_ORDER);
            out.putAll((Map<String, Object>) m);
            Object current = out.get(path[level]);
            out.put(path[level], last ? value : current == null ? chain(path, level + 1, value)
                    : set(current, path, level + 1, value));
            return out;
        }
        if (node instanceof List<?> l) {
            Integer index = JsonFunctions.parseIndex(path[level]);
            if (index == null) {
                throw Ereport.error(SqlState.INVALID_TEXT_REPRESENTATION, "path element at position " + (level + 1)
                        + " is not an integer: \"" + path[level] + "\"");
            }
            List<Object> out = new ArrayList<>((List<Object>) l);
            int i = index < 0 ? out.size() + index : index;
            if (i < 0) {
                throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "path element at position " + (level + 1)
                        + " is out of range: " + index);
            }
            while (out.size() < i) {
                out.add(Jsonb.NULL);
            }
            if (i == out.size()) {
                out.add(last ? value : chain(path, level + 1, value));
            } else {
                out.set(i, last ? value : set(out.get(i), path, level + 1, value));
            }
            return out;
        }
        throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "cannot replace existing key")
                .withDetail("The path assumes key is a composite object, but it is a scalar value.");
    }

    /** push_path: the missing rest of the path, built around the value. */
    private static Object chain(String[] path, int level, Object value) {
        if (level == path.length) {
            return value;
        }
        Integer index = JsonFunctions.parseIndex(path[level]);
        if (index == null) {
            TreeMap<String, Object> out = new TreeMap<>(Jsonb.KEY_ORDER);
            out.put(path[level], chain(path, level + 1, value));
            return out;
        }
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < index; i++) {
            out.add(Jsonb.NULL);
        }
        out.add(chain(path, level + 1, value));
        return out;
    }
}
