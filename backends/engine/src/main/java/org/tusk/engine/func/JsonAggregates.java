package org.tusk.engine.func;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.types.ArrayValue;
import org.tusk.engine.types.Jsonb;
import org.tusk.engine.types.JsonbText;
import org.tusk.engine.types.PgType;
import org.tusk.engine.types.RecordValue;
import org.tusk.engine.types.TypeContext;

/**
 * json_agg, jsonb_agg, json_object_agg and jsonb_object_agg, bound to their arguments' types
 * (as json_agg_transfn looks them up once per group). NULL values are kept (as JSON null);
 * an empty group gives SQL NULL. json_agg's text is PostgreSQL's: {@code [1, 2]}, with a
 * newline before each array or record element after the first; json_object_agg's is
 * {@code { "a" : 1, "b" : 2 }}.
 */
public final class JsonAggregates {
    private JsonAggregates() {}

    public static final java.util.Set<String> NAMES = java.util.Set.of("json_agg", "jsonb_agg", "json_object_agg",
            "jsonb_object_agg");

    /** The aggregate {@code name} over arguments of {@code types}, or null if it is not a json one. */
    public static org.tusk.engine.executor.AggregateFunction lookup(String name, List<PgType> types) {
        switch (name) {
            case "json_agg": return new Agg(name, PgType.JSON, types, false);
            case "jsonb_agg": return new Agg(name, PgType.JSONB, types, false);
            case "json_object_agg": return new Agg(name, PgType.JSON, types, true);
            case "jsonb_object_agg": return new Agg(name, PgType.JSONB, types, true);
            default: return null;
        }
    }

    private record Agg(String name, PgType resultType, List<PgType> types, boolean object)
            implements org.tusk.engine.executor.AggregateFunction {
        @Override public boolean strict() { return false; }
        @Override public Object initial() { return null; }

        @Override
        public Object transition(Object state, Object[] args) {
            return accumulate(state, args, TypeContext.DEFAULT);
        }

        /** Values print as the session shows them: a timestamptz in its TimeZone, as to_json does. */
        @Override
        public Object transition(Object state, Object[] args, EvalContext evalContext) {
            return accumulate(state, args, CastFunctions.typeContext(evalContext));
        }

        private Object accumulate(Object state, Object[] args, TypeContext ctx) {
            if (object && args[0] == null) {
                throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "field name must not be null");
            }
            if (resultType == PgType.JSONB) {
                if (object) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> map = state == null ? new TreeMap<>(Jsonb.KEY_ORDER) : (Map<String, Object>) state;
                    map.put(JsonBuilders.keyText(args[0], types.get(0), ctx), ToJson.tree(args[1], types.get(1), ctx));
                    return map;
                }
                @SuppressWarnings("unchecked")
                List<Object> list = state == null ? new ArrayList<>() : (List<Object>) state;
                list.add(ToJson.tree(args[0], types.get(0), ctx));
                return list;
            }
            StringBuilder sb;
            if (state == null) {
                sb = new StringBuilder(object ? "{ " : "[");
            } else {
                sb = (StringBuilder) state;
                sb.append(", ");
            }
            if (object) {
                JsonbText.escape(sb, JsonBuilders.keyText(args[0], types.get(0), ctx));
                sb.append(" : ");
                ToJson.text(sb, args[1], types.get(1), ctx);
            } else {
                if (state != null && (args[0] instanceof ArrayValue || args[0] instanceof RecordValue)) {
                    sb.append("\n ");
                }
                ToJson.text(sb, args[0], types.get(0), ctx);
            }
            return sb;
        }

        @Override
        public Object finish(Object state) {
            if (state == null) {
                return null;
            }
            if (state instanceof StringBuilder sb) {
                return sb + (object ? " }" : "]");
            }
            return new Jsonb(state);
        }
    }
}
