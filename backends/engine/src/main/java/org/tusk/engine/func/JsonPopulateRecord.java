package org.tusk.engine.func;

import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.expr.FunctionBody;
import org.tusk.engine.types.RecordValue;
import org.tusk.engine.types.RowType;

/**
 * json(b)_populate_record(base, from_json) (jsonfuncs.c's populate_record): the row type of
 * {@code base} filled from the JSON object's members of the fields' names, each converted as
 * json(b)_to_record converts a column (nested objects into composite fields, arrays into array
 * fields); a field without a member keeps {@code base}'s value (NULL when base is NULL). A NULL
 * object gives {@code base} itself. A record (equal when it is the same call) so that two analyses
 * of one call are one expression.
 */
public record JsonPopulateRecord(String function, RowType shape) implements FunctionBody {

    /** Whether {@code prosrc} is json_populate_record or jsonb_populate_record. */
    public static boolean is(String prosrc) {
        return "json_populate_record".equals(prosrc) || "jsonb_populate_record".equals(prosrc);
    }

    /** The JSON type of the function's object argument. */
    public org.tusk.engine.types.PgType jsonType() {
        return function.startsWith("jsonb") ? org.tusk.engine.types.PgType.JSONB : org.tusk.engine.types.PgType.JSON;
    }

    @Override
    public Object apply(Object[] a, EvalContext ctx) {
        RecordValue base = (RecordValue) a[0];
        if (a[1] == null) {
            return base;
        }
        return new RecordValue(shape, JsonToRecord.populate(function, a[1], JsonToRecord.columnsOf(shape),
                base == null ? null : base.fields(), ctx));
    }
}
