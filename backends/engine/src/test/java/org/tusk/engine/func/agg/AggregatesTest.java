package org.tusk.engine.func.agg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.engine.func.FunctionCatalog;
import org.tusk.engine.func.Resolution;
import org.tusk.engine.types.ArrayValue;
import org.tusk.engine.types.NumericSpecial;
import org.tusk.engine.types.PgType;
import org.tusk.engine.types.TextFormat;
import org.tusk.engine.types.TypeContext;

/**
 * Aggregates over small inputs; expected texts recorded from PostgreSQL 15
 * (e.g. {@code select stddev(x) from (values (1),(2),(null),(4)) t(x)}).
 */
class AggregatesTest {

    /** Resolves name(types) like the analyzer, aggregates the rows, prints the result as PostgreSQL would. */
    private static String run(String name, List<PgType> types, Object[]... rows) {
        Resolution r = FunctionCatalog.lookup(name, types);
        assertTrue(r.found(), name + types);
        assertEquals('a', r.proc().kind());
        AggregateFunction agg = Aggregates.forProc(r.proc(), r.resultType());
        assertNotNull(agg, name + types + " not implemented");
        Object v = Aggregates.aggregate(agg, Arrays.asList(rows), null);
        return v == null ? "NULL" : TextFormat.output(agg.resultType(), v, TypeContext.DEFAULT);
    }

    private static String run1(String name, PgType type, Object... values) {
        List<Object[]> rows = new ArrayList<>();
        for (Object v : values) {
            rows.add(new Object[] {v});
        }
        return run(name, List.of(type), rows.toArray(new Object[0][]));
    }

    private static BigDecimal n(String s) {
        return new BigDecimal(s);
    }

    @Test
    void integerAggregatesHavePostgresResultTypes() {
        Object[] xs = {1, 2, null, 4};
        assertEquals("4", run("count", List.of(), new Object[0], new Object[0], new Object[0], new Object[0]));
        assertEquals("3", run1("count", PgType.INT4, xs));
        assertEquals("7", run1("sum", PgType.INT4, xs));
        assertEquals(PgType.INT8, Aggregates.forProc(FunctionCatalog.lookup("sum", List.of(PgType.INT4)).proc(),
                PgType.INT8).resultType());
        assertEquals("2.3333333333333333", run1("avg", PgType.INT4, xs));
        assertEquals("1", run1("min", PgType.INT4, xs));
        assertEquals("4", run1("max", PgType.INT4, xs));
        assertEquals("1.5275252316519467", run1("stddev", PgType.INT4, xs));
        assertEquals("2.3333333333333333", run1("variance", PgType.INT4, xs));
        assertEquals("1.2472191289246471", run1("stddev_pop", PgType.INT4, xs));
        assertEquals("1.5555555555555556", run1("var_pop", PgType.INT4, xs));
        assertEquals("3.0956959368344517", run1("stddev", PgType.INT4, 1, 2, 4, 8));
        assertEquals("0 14 0", run1("bit_and", PgType.INT4, 12, 10, 6) + " " + run1("bit_or", PgType.INT4, 12, 10, 6)
                + " " + run1("bit_xor", PgType.INT4, 12, 10, 6));
    }

    @Test
    void int8SumIsNumeric() {
        assertEquals("10", run1("sum", PgType.INT8, 1L, 2L, 7L));
        assertEquals(PgType.NUMERIC, FunctionCatalog.lookup("sum", List.of(PgType.INT8)).resultType());
        assertEquals("3.3333333333333333", run1("avg", PgType.INT8, 1L, 2L, 7L));
        assertEquals("3.2145502536643183", run1("stddev_samp", PgType.INT8, 1L, 2L, 7L));
        assertEquals("10.3333333333333333", run1("var_samp", PgType.INT8, 1L, 2L, 7L));
    }

    @Test
    void numericScales() {
        Object[] xs = {n("1.50"), n("2.25"), n("3")};
        assertEquals("6.75", run1("sum", PgType.NUMERIC, xs));
        assertEquals("2.2500000000000000", run1("avg", PgType.NUMERIC, xs));
        assertEquals("0.75000000000000000000", run1("stddev", PgType.NUMERIC, xs));
        assertEquals("0.56250000000000000000", run1("variance", PgType.NUMERIC, xs));
        assertEquals("1.50", run1("min", PgType.NUMERIC, xs));
        assertEquals("3", run1("max", PgType.NUMERIC, xs));
        assertEquals("NaN", run1("sum", PgType.NUMERIC, n("1"), NumericSpecial.NAN, n("3")));
        assertEquals("NaN", run1("avg", PgType.NUMERIC, n("1"), NumericSpecial.NAN, n("3")));
        assertEquals("NaN", run1("variance", PgType.NUMERIC, n("1"), NumericSpecial.NAN, n("3")));
        assertEquals("0", run1("variance", PgType.NUMERIC, n("1"), n("1")));
        assertEquals("0", run1("stddev", PgType.NUMERIC, n("1"), n("1")));
    }

    @Test
    void floats() {
        assertEquals("6.75", run1("sum", PgType.FLOAT8, 1.5, 2.25, 3.0));
        assertEquals("2.25", run1("avg", PgType.FLOAT8, 1.5, 2.25, 3.0));
        assertEquals("0.75", run1("stddev", PgType.FLOAT8, 1.5, 2.25, 3.0));
        assertEquals("0.375", run1("var_pop", PgType.FLOAT8, 1.5, 2.25, 3.0));
        assertEquals("3.75", run1("sum", PgType.FLOAT4, 1.5f, 2.25f));
        assertEquals(PgType.FLOAT4, FunctionCatalog.lookup("sum", List.of(PgType.FLOAT4)).resultType());
        assertEquals("1.875", run1("avg", PgType.FLOAT4, 1.5f, 2.25f));
    }

    @Test
    void emptyInput() {
        assertEquals("NULL", run1("sum", PgType.INT4));
        assertEquals("0", run1("count", PgType.INT4));
        assertEquals("NULL", run1("avg", PgType.INT4));
        assertEquals("NULL", run1("max", PgType.INT4));
        assertEquals("NULL", run("string_agg", List.of(PgType.TEXT, PgType.TEXT)));
        assertEquals("NULL", run1("array_agg", PgType.INT4));
        assertEquals("NULL", run1("stddev", PgType.INT4, (Object) null));
    }

    @Test
    void boolStringAndArrayAggregates() {
        assertEquals("f", run1("bool_and", PgType.BOOL, true, null, false));
        assertEquals("t", run1("bool_or", PgType.BOOL, true, null, false));
        assertEquals("f", run1("every", PgType.BOOL, true, null, false));
        assertEquals("b-a-c", run("string_agg", List.of(PgType.TEXT, PgType.UNKNOWN), new Object[] {"b", "-"},
                new Object[] {null, "-"}, new Object[] {"a", "-"}, new Object[] {"c", "-"}));
        assertEquals("{b,NULL,a,c}", run1("array_agg", PgType.TEXT, "b", null, "a", "c"));
        assertEquals("a", run1("min", PgType.TEXT, "b", null, "a", "c"));
        assertEquals("c", run1("max", PgType.TEXT, "b", null, "a", "c"));
        assertEquals("{{1,2},{3,4}}", run1("array_agg", PgType.INT4_ARRAY, ArrayValue.of(PgType.INT4, 1, 2),
                ArrayValue.of(PgType.INT4, 3, 4)));
    }

    @Test
    void regressionFamily() {
        Object[][] rows = {{1.0, 2.0}, {2.0, 4.5}, {4.0, 7.0}};
        List<PgType> ff = List.of(PgType.FLOAT8, PgType.FLOAT8);
        assertEquals("0.9819805060619657", run("corr", ff, rows));
        assertEquals("2.5", run("covar_pop", ff, rows));
        assertEquals("3.75", run("covar_samp", ff, rows));
        assertEquals("0.6", run("regr_slope", ff, rows));
        assertEquals("-0.36666666666666653", run("regr_intercept", ff, rows));
        assertEquals("0.9642857142857144", run("regr_r2", ff, rows));
        assertEquals("3", run("regr_count", ff, rows));
        assertEquals("4.5", run("regr_avgx", ff, rows));
        assertEquals("12.5", run("regr_sxx", ff, rows));
    }

    @Test
    void combineMatchesSinglePass() {
        AggregateFunction avg = Aggregates.forProc(FunctionCatalog.lookup("avg", List.of(PgType.NUMERIC)).proc(),
                PgType.NUMERIC);
        assertTrue(avg.combinable());
        Object a = avg.advance(avg.initialState(), new Object[] {n("1.50")}, null);
        Object b = avg.advance(avg.advance(avg.initialState(), new Object[] {n("2.25")}, null), new Object[] {n("3")}, null);
        assertEquals("2.2500000000000000", avg.finalValue(avg.combine(a, b, null), null).toString());
        AggregateFunction arrayAgg = Aggregates.forProc(FunctionCatalog.lookup("array_agg", List.of(PgType.INT4)).proc(),
                PgType.INT4_ARRAY);
        assertFalse(arrayAgg.combinable());
    }
}
