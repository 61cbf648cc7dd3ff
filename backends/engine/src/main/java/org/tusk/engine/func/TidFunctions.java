package org.tusk.engine.func;

import org.tusk.api.storage.TupleId;
import org.tusk.engine.types.Tid;

/**
 * tid.c's comparisons: tuple identifiers order by block, then line pointer
 * offset, so {@code WHERE ctid = '(0,1)'}, {@code ctid < '(10,0)'}, ORDER BY
 * ctid and min/max over ctid work as on PostgreSQL.
 */
final class TidFunctions {

    private TidFunctions() {
    }

    static void register() {
        FunctionRegistry.bind("tideq", (a, c) -> cmp(a) == 0);
        FunctionRegistry.bind("tidne", (a, c) -> cmp(a) != 0);
        FunctionRegistry.bind("tidlt", (a, c) -> cmp(a) < 0);
        FunctionRegistry.bind("tidle", (a, c) -> cmp(a) <= 0);
        FunctionRegistry.bind("tidgt", (a, c) -> cmp(a) > 0);
        FunctionRegistry.bind("tidge", (a, c) -> cmp(a) >= 0);
        FunctionRegistry.bind("bttidcmp", (a, c) -> Integer.signum(cmp(a)));
        FunctionRegistry.bind("tidlarger", (a, c) -> cmp(a) >= 0 ? a[0] : a[1]);
        FunctionRegistry.bind("tidsmaller", (a, c) -> cmp(a) <= 0 ? a[0] : a[1]);
    }

    /** A ctid read from a tuple is the storage's TupleId, a typed-in one a Tid: both order the same way. */
    static int compare(Object x, Object y) {
        int byBlock = Long.compare(block(x), block(y));
        return byBlock != 0 ? byBlock : Integer.compare(offset(x), offset(y));
    }

    private static long block(Object tid) {
        return tid instanceof TupleId t ? Integer.toUnsignedLong(t.block()) : ((Tid) tid).block();
    }

    private static int offset(Object tid) {
        return tid instanceof TupleId t ? t.offset() : ((Tid) tid).offset();
    }

    private static int cmp(Object[] a) {
        return compare(a[0], a[1]);
    }
}
