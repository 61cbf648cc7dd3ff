package org.tusk.engine.func;

import org.tusk.engine.types.Money;

/**
 * cash.c's functions over the money type (a Long count of cents, see
 * {@link Money}): its casts from and to int4/int8/numeric, arithmetic and
 * btree support. The comparison operators (cash_eq, cash_lt...) are derived
 * by {@link OperatorFunctions} from ValueComparator like other Long types.
 */
final class MoneyFunctions {
    private MoneyFunctions() {}

    static void register() {
        FunctionRegistry.bind("cash_in", (a, c) -> Money.input(a[0].toString()));
        FunctionRegistry.bind("cash_out", (a, c) -> Money.output((Long) a[0]));
        FunctionRegistry.bind("int4_cash", (a, c) -> Money.fromInteger((Integer) a[0]));
        FunctionRegistry.bind("int8_cash", (a, c) -> Money.fromInteger((Long) a[0]));
        FunctionRegistry.bind("numeric_cash", (a, c) -> Money.fromNumeric(a[0]));
        FunctionRegistry.bind("cash_numeric", (a, c) -> Money.toNumeric((Long) a[0]));
        FunctionRegistry.bind("cash_cmp", (a, c) -> Long.compare((Long) a[0], (Long) a[1]));
        FunctionRegistry.bind("cashlarger", (a, c) -> Math.max((Long) a[0], (Long) a[1]));
        FunctionRegistry.bind("cashsmaller", (a, c) -> Math.min((Long) a[0], (Long) a[1]));
        FunctionRegistry.bind("cash_pl", (a, c) -> Money.add((Long) a[0], (Long) a[1]));
        FunctionRegistry.bind("cash_mi", (a, c) -> Money.subtract((Long) a[0], (Long) a[1]));
        FunctionRegistry.bind("cash_div_cash", (a, c) -> Money.ratio((Long) a[0], (Long) a[1]));
        for (String t : new String[] {"int2", "int4", "int8"}) {
            FunctionRegistry.bind("cash_mul_" + t, (a, c) -> Money.multiply((Long) a[0], ((Number) a[1]).longValue()));
            FunctionRegistry.bind(t + "_mul_cash", (a, c) -> Money.multiply((Long) a[1], ((Number) a[0]).longValue()));
            FunctionRegistry.bind("cash_div_" + t, (a, c) -> Money.divide((Long) a[0], ((Number) a[1]).longValue()));
        }
        for (String t : new String[] {"flt4", "flt8"}) {
            FunctionRegistry.bind("cash_mul_" + t, (a, c) -> Money.multiply((Long) a[0], ((Number) a[1]).doubleValue()));
            FunctionRegistry.bind(t + "_mul_cash", (a, c) -> Money.multiply((Long) a[1], ((Number) a[0]).doubleValue()));
            FunctionRegistry.bind("cash_div_" + t, (a, c) -> Money.divide((Long) a[0], ((Number) a[1]).doubleValue()));
        }
    }
}
