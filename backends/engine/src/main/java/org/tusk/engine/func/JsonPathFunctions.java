package org.tusk.engine.func;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.expr.FunctionBody;
import org.tusk.engine.types.JsonPath;
import org.tusk.engine.types.Jsonb;

/**
 * The SQL/JSON path functions (jsonpath_exec.c): jsonb_path_exists, jsonb_path_match,
 * jsonb_path_query (set-returning), jsonb_path_query_array, jsonb_path_query_first, their
 * _tz variants, and the operators {@code @?} and {@code @@} (silent, no vars). Arguments:
 * target, path, vars (an object whose members are the path's {@code $name} variables), silent.
 * The _tz variants differ only in comparing datetimes across zone-dependent types, which
 * {@link JsonPathDatetime} does not do: they behave as the plain ones.
 */
final class JsonPathFunctions {
    private JsonPathFunctions() {}

    static void register() {
        for (String suffix : new String[] {"", "_tz"}) {
            FunctionRegistry.bind("jsonb_path_exists" + suffix, (a, c) -> exists(a[0], a[1], vars(a), silent(a)));
            FunctionRegistry.bind("jsonb_path_match" + suffix, (a, c) -> match(a[0], a[1], vars(a), silent(a)));
            FunctionRegistry.bind("jsonb_path_query_array" + suffix,
                    (a, c) -> new Jsonb(new ArrayList<>(query(a[0], a[1], vars(a), silent(a)))));
            FunctionRegistry.bind("jsonb_path_query_first" + suffix, (a, c) -> {
                List<Object> found = query(a[0], a[1], vars(a), silent(a));
                return found.isEmpty() ? null : new Jsonb(found.get(0));
            });
        }
        FunctionRegistry.bind("jsonb_path_exists_opr", (a, c) -> exists(a[0], a[1], null, true));
        FunctionRegistry.bind("jsonb_path_match_opr", (a, c) -> match(a[0], a[1], null, true));
    }

    static void registerSetReturning(Map<String, FunctionBody> bodies) {
        FunctionBody query = (a, c) -> {
            List<Object> rows = new ArrayList<>();
            for (Object item : query(a[0], a[1], vars(a), silent(a))) {
                rows.add(new Jsonb(item));
            }
            return rows;
        };
        bodies.put("jsonb_path_query", query);
        bodies.put("jsonb_path_query_tz", query);
    }

    /** The vars argument; its default '{}' where the caller left it out (set-returning calls get no defaults filled in). */
    private static Object vars(Object[] a) {
        return a.length > 2 ? a[2] : EMPTY_VARS;
    }

    private static boolean silent(Object[] a) {
        return a.length > 3 && (Boolean) a[3];
    }

    private static final Jsonb EMPTY_VARS = Jsonb.parse("{}");

    private static Object varsRoot(Object vars) {
        return vars == null ? null : JsonFunctions.root(vars);
    }

    private static Boolean exists(Object target, Object path, Object vars, boolean silent) {
        JsonPathExecutor.Result res = JsonPathExecutor.execute((JsonPath) path, JsonFunctions.root(target),
                varsRoot(vars), !silent, null);
        return res == JsonPathExecutor.Result.ERROR ? null : res == JsonPathExecutor.Result.OK;
    }

    /** jsonb_path_match: the path must yield one boolean (or null, which gives SQL NULL). */
    private static Boolean match(Object target, Object path, Object vars, boolean silent) {
        List<Object> found = new ArrayList<>();
        JsonPathExecutor.execute((JsonPath) path, JsonFunctions.root(target), varsRoot(vars), !silent, found);
        if (found.size() == 1) {
            Object v = found.get(0);
            if (v instanceof Boolean b) {
                return b;
            }
            if (v == Jsonb.NULL) {
                return null;
            }
        }
        if (!silent) {
            throw Ereport.error(SqlState.SINGLETON_SQL_JSON_ITEM_REQUIRED, "single boolean result is expected");
        }
        return null;
    }

    /** The items the path yields, datetime items as their ISO strings. */
    private static List<Object> query(Object target, Object path, Object vars, boolean silent) {
        List<Object> found = new ArrayList<>();
        JsonPathExecutor.execute((JsonPath) path, JsonFunctions.root(target), varsRoot(vars), !silent, found);
        found.replaceAll(v -> v instanceof JsonPathDatetime.Value d ? d.text() : v);
        return found;
    }
}
