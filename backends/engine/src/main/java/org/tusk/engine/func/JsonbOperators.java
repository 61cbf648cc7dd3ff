package org.tusk.engine.func;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.types.ArrayValue;
import org.tusk.engine.types.Jsonb;
import org.tusk.engine.types.JsonbOrdering;
import org.tusk.engine.types.JsonbText;

/**
 * jsonb's containment, existence and editing operators and functions (jsonb_op.c,
 * jsonfuncs.c): @> <@ ? ?| ?& || - #- and jsonb_set, jsonb_insert, jsonb_strip_nulls,
 * jsonb_pretty. Trees are immutable, so edits copy the containers along the path.
 */
final class JsonbOperators {
    private JsonbOperators() {}

    static void register() {
        FunctionRegistry.bind("jsonb_contains", (a, c) -> contains(JsonFunctions.root(a[0]), JsonFunctions.root(a[1])));
        FunctionRegistry.bind("jsonb_contained", (a, c) -> contains(JsonFunctions.root(a[1]), JsonFunctions.root(a[0])));
        FunctionRegistry.bind("jsonb_exists", (a, c) -> exists(JsonFunctions.root(a[0]), (String) a[1]));
        FunctionRegistry.bind("jsonb_exists_any", (a, c) -> existsCount(JsonFunctions.root(a[0]), (ArrayValue) a[1], true));
        FunctionRegistry.bind("jsonb_exists_all", (a, c) -> existsCount(JsonFunctions.root(a[0]), (ArrayValue) a[1], false));
        FunctionRegistry.bind("jsonb_concat", (a, c) -> new Jsonb(concat(JsonFunctions.root(a[0]), JsonFunctions.root(a[1]))));
        FunctionRegistry.bind("jsonb_delete", (a, c) -> new Jsonb(deleteKeys(JsonFunctions.root(a[0]), List.of((String) a[1]))));
        FunctionRegistry.bind("jsonb_delete_array", (a, c) -> new Jsonb(deleteKeys(JsonFunctions.root(a[0]), texts((ArrayValue) a[1]))));
        FunctionRegistry.bind("jsonb_delete_idx", (a, c) -> new Jsonb(deleteIndex(JsonFunctions.root(a[0]), (Integer) a[1])));
        FunctionRegistry.bind("jsonb_delete_path", (a, c) -> new Jsonb(deletePath(JsonFunctions.root(a[0]), (ArrayValue) a[1])));
        FunctionRegistry.bind("jsonb_set", (a, c) -> new Jsonb(set(JsonFunctions.root(a[0]), (ArrayValue) a[1],
                JsonFunctions.root(a[2]), a.length < 4 || (Boolean) a[3], Edit.SET)));
        FunctionRegistry.bind("jsonb_insert", (a, c) -> new Jsonb(set(JsonFunctions.root(a[0]), (ArrayValue) a[1],
                JsonFunctions.root(a[2]), true, a.length > 3 && (Boolean) a[3] ? Edit.INSERT_AFTER : Edit.INSERT_BEFORE)));
        FunctionRegistry.bind("jsonb_set_lax", JsonbOperators::setLax);
        FunctionRegistry.bind("jsonb_strip_nulls", (a, c) -> new Jsonb(stripNulls(JsonFunctions.root(a[0]))));
        FunctionRegistry.bind("jsonb_pretty", (a, c) -> JsonbText.pretty(JsonFunctions.root(a[0])));
        FunctionRegistry.bind("jsonb_hash", (a, c) -> a[0].hashCode());
        FunctionRegistry.bind("jsonb_cmp", (a, c) -> Integer.signum(JsonbOrdering.compare(JsonFunctions.root(a[0]),
                JsonFunctions.root(a[1]))));
    }

    private static boolean isEmpty(Object node) {
        return node instanceof Map<?, ?> m ? m.isEmpty() : node instanceof List<?> l && l.isEmpty();
    }

    private static boolean isScalar(Object node) {
        return !(node instanceof Map) && !(node instanceof List);
    }

    /** jsonb_contains: objects only contain objects; a top-level array also contains a bare scalar. */
    static boolean contains(Object val, Object tmpl) {
        if (val instanceof Map != tmpl instanceof Map) {
            return false;
        }
        if (isScalar(val) || isScalar(tmpl)) {
            if (isScalar(val)) {
                return isScalar(tmpl) && JsonbOrdering.compare(val, tmpl) == 0;
            }
            return deepContains(val, List.of(tmpl));       // a raw scalar is a one-element array
        }
        return deepContains(val, tmpl);
    }

    /** JsonbDeepContains: every pair (object) or element (array) of {@code tmpl} is found in {@code val}. */
    @SuppressWarnings("unchecked")
    private static boolean deepContains(Object val, Object tmpl) {
        if (val instanceof Map<?, ?> vm && tmpl instanceof Map<?, ?> tm) {
            if (tm.size() > vm.size()) {
                return false;
            }
            for (Map.Entry<String, Object> e : ((Map<String, Object>) tm).entrySet()) {
                Object v = vm.get(e.getKey());
                if (v == null || !sameKindContains(v, e.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (val instanceof List<?> vl && tmpl instanceof List<?> tl) {
            for (Object t : tl) {
                boolean found = false;
                for (Object v : vl) {
                    if (isScalar(t) ? isScalar(v) && JsonbOrdering.compare(v, t) == 0
                            : !isScalar(v) && (v instanceof Map) == (t instanceof Map) && deepContains(v, t)) {
                        found = true;
                        break;
                    }
                }
                if (!found) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    private static boolean sameKindContains(Object v, Object t) {
        if (isScalar(t)) {
            return isScalar(v) && JsonbOrdering.compare(v, t) == 0;
        }
        return !isScalar(v) && (v instanceof Map) == (t instanceof Map) && deepContains(v, t);
    }

    /** ?: a top-level key, or a string element of a top-level array (or the bare string itself). */
    static boolean exists(Object node, String key) {
        if (node instanceof Map<?, ?> m) {
            return m.containsKey(key);
        }
        if (node instanceof List<?> l) {
            return l.contains(key);
        }
        return key.equals(node);
    }

    private static boolean existsCount(Object node, ArrayValue keys, boolean any) {
        for (String k : texts(keys)) {
            if (exists(node, k) == any) {
                return any;
            }
        }
        return !any;
    }

    /** The non-null elements of a text[] (the ?| ?& - operators skip NULLs). */
    private static List<String> texts(ArrayValue a) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            if (a.element(i) != null) {
                out.add((String) a.element(i));
            }
        }
        return out;
    }

    /** ||: two objects merge (the right one's keys win); anything else concatenates as arrays. */
    @SuppressWarnings("unchecked")
    static Object concat(Object a, Object b) {
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            TreeMap<String, Object> out = new TreeMap<>(Jsonb.KEY_ORDER);
            out.putAll((Map<String, Object>) x);
            out.putAll((Map<String, Object>) y);
            return out;
        }
        List<Object> out = new ArrayList<>();
        for (Object side : new Object[] {a, b}) {
            if (side instanceof List<?> l) {
                out.addAll(l);
            } else {
                out.add(side);
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object deleteKeys(Object node, List<String> keys) {
        if (isScalar(node)) {
            throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "cannot delete from scalar");
        }
        if (node instanceof Map<?, ?> m) {
            TreeMap<String, Object> out = new TreeMap<>(Jsonb.KEY_ORDER);
            out.putAll((Map<String, Object>) m);
            out.keySet().removeAll(keys);
            return out;
        }
        List<Object> out = new ArrayList<>((List<Object>) node);
        out.removeIf(e -> e instanceof String s && keys.contains(s));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object deleteIndex(Object node, int index) {
        if (isScalar(node)) {
            throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "cannot delete from scalar");
        }
        if (node instanceof Map) {
            throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "cannot delete from object using integer index");
        }
        List<Object> out = new ArrayList<>((List<Object>) node);
        int i = index < 0 ? out.size() + index : index;
        if (i >= 0 && i < out.size()) {
            out.remove(i);
        }
        return out;
    }

    private enum Edit { SET, INSERT_BEFORE, INSERT_AFTER, DELETE }

    private static Object deletePath(Object node, ArrayValue path) {
        if (isScalar(node)) {
            throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "cannot delete path in scalar");
        }
        return path.size() == 0 || isEmpty(node) ? node : edit(node, path, 0, null, false, Edit.DELETE);
    }

    /** jsonb_set / jsonb_insert: setPath over the path's elements. */
    private static Object set(Object node, ArrayValue path, Object replacement, boolean create, Edit mode) {
        if (isScalar(node)) {
            throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "cannot set path in scalar");
        }
        if (isEmpty(node) && !create) {
            return node;            // jsonb_set returns an empty container as it is, before looking at the path
        }
        return path.size() == 0 ? node : edit(node, path, 0, replacement, create, mode);
    }

    @SuppressWarnings("unchecked")
    private static Object edit(Object node, ArrayValue path, int level, Object replacement, boolean create, Edit mode) {
        String step = (String) path.element(level);
        if (step == null) {
            // setPath: checked only at the levels the walk reaches
            throw Ereport.error(SqlState.NULL_VALUE_NOT_ALLOWED, "path element at position " + (level + 1) + " is null");
        }
        boolean last = level == path.size() - 1;
        if (node instanceof Map<?, ?> m) {
            Map<String, Object> in = (Map<String, Object>) m;
            Object current = in.get(step);
            TreeMap<String, Object> out = new TreeMap<>(Jsonb.KEY_ORDER);
            out.putAll(in);
            if (last) {
                if (mode == Edit.DELETE) {
                    out.remove(step);
                } else if (current != null) {
                    if (mode != Edit.SET) {
                        throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "cannot replace existing key")
                                .withHint("Try using the function jsonb_set to replace key value.");
                    }
                    out.put(step, replacement);
                } else if (create) {
                    out.put(step, replacement);
                }
                return out;
            }
            if (current == null) {
                return node;
            }
            out.put(step, edit(current, path, level + 1, replacement, create, mode));
            return out;
        }
        if (node instanceof List<?> l) {
            List<Object> in = (List<Object>) l;
            Integer index = JsonFunctions.parseIndex(step);
            if (index == null) {
                throw Ereport.error(SqlState.INVALID_TEXT_REPRESENTATION, "path element at position " + (level + 1)
                        + " is not an integer: \"" + step + "\"");
            }
            int i = index < 0 ? in.size() + index : index;
            List<Object> out = new ArrayList<>(in);
            if (last) {
                if (mode == Edit.DELETE) {
                    if (i >= 0 && i < out.size()) {
                        out.remove(i);
                    }
                } else if (i < 0 || i >= out.size()) {
                    if (create) {
                        // past either end: prepended or appended
                        out.add(i < 0 ? 0 : out.size(), replacement);
                    }
                } else if (mode == Edit.SET) {
                    out.set(i, replacement);
                } else {
                    out.add(mode == Edit.INSERT_AFTER ? i + 1 : i, replacement);
                }
                return out;
            }
            if (i < 0 || i >= out.size()) {
                return node;
            }
            out.set(i, edit(out.get(i), path, level + 1, replacement, create, mode));
            return out;
        }
        return node;
    }

    /**
     * jsonb_set_lax (not strict): jsonb_set unless the new value is SQL NULL, which the
     * null_value_treatment argument (default use_json_null) turns into JSON null, a deletion of
     * the path, the target unchanged, or an error.
     */
    private static Object setLax(Object[] a, org.tusk.engine.expr.EvalContext c) {
        String treatment = a.length > 4 ? (String) a[4] : "use_json_null";
        if (treatment == null) {
            throw badTreatment();
        }
        boolean create = a.length <= 3 || a[3] != null && (Boolean) a[3];
        if (a[0] == null || a[1] == null || a.length > 3 && a[3] == null) {
            return null;
        }
        Object target = JsonFunctions.root(a[0]);
        ArrayValue path = (ArrayValue) a[1];
        if (a[2] != null) {
            return new Jsonb(set(target, path, JsonFunctions.root(a[2]), create, Edit.SET));
        }
        switch (treatment) {
            case "raise_exception":
                throw Ereport.error(SqlState.NULL_VALUE_NOT_ALLOWED, "JSON value must not be null")
                        .withDetail("Exception was raised because null_value_treatment is \"raise_exception\".")
                        .withHint("To avoid, either change the null_value_treatment argument or ensure that an SQL NULL is not passed.");
            case "use_json_null": return new Jsonb(set(target, path, Jsonb.NULL, create, Edit.SET));
            case "delete_key": return new Jsonb(deletePath(target, path));
            case "return_target": return a[0];
            default: throw badTreatment();
        }
    }

    private static RuntimeException badTreatment() {
        return Ereport.error(SqlState.INVALID_PARAMETER_VALUE,
                "null_value_treatment must be \"delete_key\", \"return_target\", \"use_json_null\", or \"raise_exception\"");
    }

    /** jsonb_strip_nulls: object fields whose value is null go, at every depth; array elements stay. */
    @SuppressWarnings("unchecked")
    private static Object stripNulls(Object node) {
        if (node instanceof Map<?, ?> m) {
            TreeMap<String, Object> out = new TreeMap<>(Jsonb.KEY_ORDER);
            for (Map.Entry<String, Object> e : ((Map<String, Object>) m).entrySet()) {
                if (e.getValue() != Jsonb.NULL) {
                    out.put(e.getKey(), stripNulls(e.getValue()));
                }
            }
            return out;
        }
        if (node instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object e : l) {
                out.add(stripNulls(e));
            }
            return out;
        }
        return node;
    }
}
