package org.tusk.engine.func;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.engine.types.PgType;

/**
 * Function/operator resolution over the bootstrap catalog; the expected types
 * were recorded with pg_typeof() and error messages on PostgreSQL 15.
 */
class ResolutionTest {
    private static PgType op(PgType l, String name, PgType r) {
        Resolution res = OperatorCatalog.lookup(name, l, r);
        assertTrue(res.found(), name + " " + res.status());
        return res.resultType();
    }

    private static Resolution fn(String name, PgType... args) {
        return FunctionCatalog.lookup(name, List.of(args));
    }

    @Test
    void operatorsResolveAsPostgres() {
        assertEquals(PgType.NUMERIC, op(PgType.INT4, "+", PgType.NUMERIC));   // 1 + 1.5
        assertEquals(PgType.INT4, op(PgType.UNKNOWN, "+", PgType.INT4));      // '1' + 1
        assertEquals(PgType.INT8, op(PgType.INT2, "+", PgType.INT8));
        assertEquals(PgType.FLOAT8, op(PgType.FLOAT4, "*", PgType.INT4));     // 1.5::float4 * 2
        assertEquals(PgType.FLOAT8, op(PgType.INT4, "^", PgType.INT4));       // 2 ^ 3
        assertEquals(PgType.TEXT, op(PgType.INT4, "||", PgType.UNKNOWN));     // 1 || 'a'
        assertEquals(PgType.BOOL, op(PgType.NAME, "=", PgType.TEXT));
        assertEquals("int4pl", OperatorCatalog.lookup("+", PgType.INT4, PgType.INT4).proc().prosrc());
    }

    @Test
    void ambiguousUnknownsAreReported() {
        assertEquals(Resolution.Status.AMBIGUOUS, OperatorCatalog.lookup("+", PgType.UNKNOWN, PgType.UNKNOWN).status());
        assertEquals(Resolution.Status.AMBIGUOUS, OperatorCatalog.lookup("-", null, PgType.UNKNOWN).status());
        assertEquals(Resolution.Status.NOT_FOUND, OperatorCatalog.lookup("+", PgType.BOOL, PgType.BOOL).status());
    }

    @Test
    void functionsResolveAsPostgres() {
        assertEquals(PgType.NUMERIC, fn("round", PgType.NUMERIC).resultType());
        assertEquals(PgType.INT2, fn("abs", PgType.INT2).resultType());
        assertEquals(PgType.FLOAT8, fn("sqrt", PgType.INT4).resultType());
        assertEquals(PgType.FLOAT8, fn("abs", PgType.UNKNOWN).resultType());  // abs('1') picks float8 (preferred)
        Resolution app = fn("array_append", PgType.INT4_ARRAY, PgType.INT4);
        assertEquals(PgType.INT4_ARRAY, app.resultType());
        assertEquals(PgType.INT4_ARRAY, fn("array_cat", PgType.INT4_ARRAY, PgType.UNKNOWN).resultType());
        Resolution concat = fn("concat", PgType.INT4, PgType.TEXT, PgType.BOOL);
        assertEquals(List.of(PgType.INT4, PgType.TEXT, PgType.BOOL), concat.coerceTo());
        assertEquals(PgType.TEXT, fn("lpad", PgType.UNKNOWN, PgType.INT4).resultType());
        assertEquals(Resolution.Status.NOT_FOUND, fn("no_such_function", PgType.INT4).status());
    }

    @Test
    void castsFollowPgCast() {
        assertEquals(CoercionPath.Kind.FUNC, CastCatalog.find(PgType.INT4, PgType.INT8, CastContext.IMPLICIT).kind());
        assertEquals(CoercionPath.Kind.NONE, CastCatalog.find(PgType.INT8, PgType.INT4, CastContext.IMPLICIT).kind());
        assertEquals(CoercionPath.Kind.FUNC, CastCatalog.find(PgType.INT8, PgType.INT4, CastContext.ASSIGNMENT).kind());
        assertEquals(CoercionPath.Kind.RELABEL, CastCatalog.find(PgType.VARCHAR, PgType.TEXT, CastContext.IMPLICIT).kind());
        assertEquals(CoercionPath.Kind.IO, CastCatalog.find(PgType.DATE, PgType.TEXT, CastContext.ASSIGNMENT).kind());
        assertEquals(CoercionPath.Kind.NONE, CastCatalog.find(PgType.DATE, PgType.TEXT, CastContext.IMPLICIT).kind());
        assertEquals(CoercionPath.Kind.IO, CastCatalog.find(PgType.TEXT, PgType.DATE, CastContext.EXPLICIT).kind());
        assertEquals(CoercionPath.Kind.ARRAY, CastCatalog.find(PgType.INT4_ARRAY, PgType.INT8_ARRAY, CastContext.IMPLICIT).kind());
        assertEquals(PgType.NUMERIC, TypeResolution.commonType(List.of(PgType.INT4, PgType.NUMERIC, PgType.UNKNOWN)));
        assertEquals(PgType.TEXT, TypeResolution.commonType(List.of(PgType.UNKNOWN)));
        assertEquals(null, TypeResolution.commonType(List.of(PgType.INT4, PgType.TEXT)));
    }

    private static Object call(String name, Object... args) {
        PgType[] types = new PgType[args.length];
        for (int i = 0; i < args.length; i++) {
            types[i] = args[i] instanceof Integer ? PgType.INT4 : args[i] instanceof Long ? PgType.INT8 : PgType.TEXT;
        }
        Resolution r = fn(name, types);
        assertTrue(r.found(), name);
        return FunctionRegistry.require(r.proc(), -1).apply(args, null);
    }

    @Test
    void stringFunctionsMatchPostgres() {
        // recorded: select lpad('x', 3), rpad('ab', 5, 'xy'), btrim('  x  '), ... on PostgreSQL 15
        assertEquals("  x", call("lpad", "x", 3));
        assertEquals("abxyx", call("rpad", "ab", 5, "xy"));
        assertEquals("x", call("btrim", "  x  "));
        assertEquals("axx", call("ltrim", "xxaxx", "x"));
        assertEquals("abc", call("left", "abcde", -2));
        assertEquals("de", call("right", "abcde", 2));
        assertEquals("c", call("split_part", "a,b,c", ",", -1));
        assertEquals("Hello World-Foo", call("initcap", "hello wORLD-foo"));
        assertEquals("a2x5", call("translate", "12345", "143", "ax"));
        assertEquals("\"Foo\"", call("quote_ident", "Foo"));
        assertEquals("\"select\"", call("quote_ident", "select"));
        assertEquals("E'a\\\\b''c'", call("quote_literal", "a\\b'c"));
        assertEquals(2, call("strpos", "high", "ig"));
        assertEquals("900150983cd24fb0d6963f7d28e17f72", call("md5", "abc"));
        assertEquals("ff", call("to_hex", 255));
        assertEquals("a,b", call("concat_ws", ",", "a", null, "b"));
    }

    @Test
    void operatorAndFunctionBodiesAreBoundByProsrc() {
        assertNotNull(FunctionRegistry.body(fn("upper", PgType.TEXT).proc()));
        assertNotNull(FunctionRegistry.body(OperatorCatalog.lookup("<", PgType.INT4, PgType.INT8).proc()));
        assertEquals(3, FunctionRegistry.require(OperatorCatalog.lookup("+", PgType.INT4, PgType.INT4).proc(), -1)
                .apply(new Object[] {1, 2}, null));
    }
}
