package org.tusk.engine.func;

import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.types.RecordValue;

/**
 * rowtypes.c's comparison functions over whole records (record_eq, record_lt,
 * btrecordcmp...): field by field with each field's btree order; unlike the
 * row-constructor comparison, a NULL field is a value here: two NULLs are
 * equal and NULL sorts after every non-NULL (so records can be sorted,
 * grouped and made DISTINCT).
 */
public final class RecordFunctions {
    private RecordFunctions() {
    }

    static void register() {
        FunctionRegistry.bind("record_eq", (a, ctx) -> compare(a[0], a[1]) == 0);
        FunctionRegistry.bind("record_ne", (a, ctx) -> compare(a[0], a[1]) != 0);
        FunctionRegistry.bind("record_lt", (a, ctx) -> compare(a[0], a[1]) < 0);
        FunctionRegistry.bind("record_le", (a, ctx) -> compare(a[0], a[1]) <= 0);
        FunctionRegistry.bind("record_gt", (a, ctx) -> compare(a[0], a[1]) > 0);
        FunctionRegistry.bind("record_ge", (a, ctx) -> compare(a[0], a[1]) >= 0);
        FunctionRegistry.bind("btrecordcmp", (a, ctx) -> Integer.signum(compare(a[0], a[1])));
    }

    /** record_cmp. */
    public static int compare(Object x, Object y) {
        RecordValue a = (RecordValue) x;
        RecordValue b = (RecordValue) y;
        Object[] fa = a.fields();
        Object[] fb = b.fields();
        int n = Math.min(fa.length, fb.length);
        for (int i = 0; i < n; i++) {
            Object p = fa[i];
            Object q = fb[i];
            if (p == null || q == null) {
                if (p == null && q == null) {
                    continue;
                }
                return p == null ? 1 : -1;
            }
            int c = Comparisons.compare(p, q);
            if (c != 0) {
                return c;
            }
        }
        if (fa.length != fb.length) {
            throw Ereport.error(SqlState.DATATYPE_MISMATCH, "cannot compare record types with different numbers of columns");
        }
        return 0;
    }
}
