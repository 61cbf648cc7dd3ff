package org.tusk.engine.func;

import java.util.ArrayList;
import java.util.List;

import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.types.ArrayValue;
import org.tusk.engine.types.PgType;
import org.tusk.engine.types.RecordTypmods;
import org.tusk.engine.types.RecordValue;
import org.tusk.engine.types.RowType;

/**
 * information_schema._pg_expandarray(anyarray, OUT x anyelement, OUT n int): one record per
 * element of the array's first dimension, the element and its 1-based position (PostgreSQL's
 * SQL body over generate_series(array_lower, array_upper)). pgjdbc's getPrimaryKeys and
 * getIndexInfo call it on pg_index.indkey and select {@code (...).n} and {@code (...).x}, so
 * the analyzer gives the call a registered record shape ({@link #typmod}) instead of running the
 * fact's SQL body.
 */
public final class ExpandArray {

    private final RowType shape;
    private final int typmod;

    public ExpandArray(PgType elementType) {
        this.shape = RowType.anonymous(List.of(RowType.Field.of("x", elementType, -1), RowType.Field.of("n", PgType.INT4, -1)));
        this.typmod = RecordTypmods.register(shape);
    }

    /** Whether {@code proc} is the facts' information_schema._pg_expandarray. */
    public static boolean is(ProcEntry proc) {
        return proc.name().equals("_pg_expandarray") && proc.returnsSet() && proc.nargs() == 1
                && BuiltinCatalog.get().informationSchemaProcs("_pg_expandarray").contains(proc);
    }

    /** The typmod of the records (x, n). */
    public int typmod() {
        return typmod;
    }

    /** The body: the list of records, none for a NULL or empty array. */
    public Object rows(Object[] args, EvalContext ctx) {
        List<Object> out = new ArrayList<>();
        if (args[0] instanceof ArrayValue a && !a.isEmpty()) {
            int n = a.length(0);
            int stride = a.size() / n;
            for (int i = 0; i < n; i++) {
                // $1[s] of a multidimensional array is NULL (too few subscripts), as in PostgreSQL
                Object x = a.ndims() == 1 ? a.element(i * stride) : null;
                out.add(new RecordValue(shape, new Object[] {x, i + 1}));
            }
        }
        return out;
    }
}
