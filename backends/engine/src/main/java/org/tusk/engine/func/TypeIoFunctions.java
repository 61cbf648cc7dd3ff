package org.tusk.engine.func;

import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.types.BinaryFormat;
import org.tusk.engine.types.PgType;
import org.tusk.engine.types.TypeContext;

/**
 * The types' send functions called as SQL functions (float4send(x) and the
 * like return the binary wire form as bytea), and the "any"-argument
 * utilities num_nulls/num_nonnulls.
 */
final class TypeIoFunctions {
    private TypeIoFunctions() {}

    static void register() {
        bindSend("boolsend", PgType.BOOL);
        bindSend("int2send", PgType.INT2);
        bindSend("int4send", PgType.INT4);
        bindSend("int8send", PgType.INT8);
        bindSend("cash_send", PgType.MONEY);
        bindSend("float4send", PgType.FLOAT4);
        bindSend("float8send", PgType.FLOAT8);
        bindSend("numeric_send", PgType.NUMERIC);
        bindSend("textsend", PgType.TEXT);
        bindSend("uuid_send", PgType.UUID);
        bindSend("date_send", PgType.DATE);
        bindSend("timestamp_send", PgType.TIMESTAMP);
        bindSend("timestamptz_send", PgType.TIMESTAMPTZ);
        // not strict: the arguments are counted, NULL or not
        FunctionRegistry.bind("pg_num_nulls", (a, c) -> count(a, true));
        FunctionRegistry.bind("pg_num_nonnulls", (a, c) -> count(a, false));
    }

    private static void bindSend(String prosrc, PgType type) {
        FunctionRegistry.bind(prosrc, (a, c) -> BinaryFormat.send(type, a[0], typeContext(c)));
    }

    static TypeContext typeContext(EvalContext c) {
        return c == null || c.session() == null ? TypeContext.DEFAULT : c.session().typeContext();
    }

    private static int count(Object[] a, boolean nulls) {
        int n = 0;
        for (Object v : a) {
            if ((v == null) == nulls) {
                n++;
            }
        }
        return n;
    }
}
