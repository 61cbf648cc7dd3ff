package org.tusk.engine.func;

import java.math.BigDecimal;

import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.types.NumericSpecial;
import org.tusk.engine.types.PgLsn;

/**
 * pg_lsn.c's operators and functions: WAL locations compare as unsigned 64-bit
 * numbers, their difference is a numeric (so it can be negative and never
 * overflows), and a numeric can be added to or subtracted from one as long as
 * the result stays a location. pg_wal_lsn_diff is the difference under the name
 * monitoring queries use.
 */
final class PgLsnFunctions {
    private static final int NUMERIC_PL_PG_LSN = 5023;

    private PgLsnFunctions() {
    }

    static void register() {
        FunctionRegistry.bind("pg_lsn_eq", (a, c) -> cmp(a) == 0);
        FunctionRegistry.bind("pg_lsn_ne", (a, c) -> cmp(a) != 0);
        FunctionRegistry.bind("pg_lsn_lt", (a, c) -> cmp(a) < 0);
        FunctionRegistry.bind("pg_lsn_le", (a, c) -> cmp(a) <= 0);
        FunctionRegistry.bind("pg_lsn_gt", (a, c) -> cmp(a) > 0);
        FunctionRegistry.bind("pg_lsn_ge", (a, c) -> cmp(a) >= 0);
        FunctionRegistry.bind("pg_lsn_cmp", (a, c) -> Integer.signum(cmp(a)));
        FunctionRegistry.bind("pg_lsn_larger", (a, c) -> cmp(a) >= 0 ? a[0] : a[1]);
        FunctionRegistry.bind("pg_lsn_smaller", (a, c) -> cmp(a) <= 0 ? a[0] : a[1]);
        FunctionRegistry.bind("pg_lsn_mi", (a, c) -> difference((Long) a[0], (Long) a[1]));
        FunctionRegistry.bind("pg_wal_lsn_diff", (a, c) -> difference((Long) a[0], (Long) a[1]));
        FunctionRegistry.bind("pg_lsn_pli", (a, c) -> plus((Long) a[0], a[1], "add", "to"));
        // numeric + pg_lsn is a SQL function in pg_proc ('select $2 + $1'), found by its OID
        FunctionRegistry.bindOid(NUMERIC_PL_PG_LSN, (a, c) -> plus((Long) a[1], a[0], "add", "to"));
        FunctionRegistry.bind("pg_lsn_mii", (a, c) -> plus((Long) a[0], negate(a[1]), "subtract", "from"));
    }

    private static int cmp(Object[] a) {
        return Long.compareUnsigned((Long) a[0], (Long) a[1]);
    }

    private static BigDecimal unsigned(long lsn) {
        return new BigDecimal(Long.toUnsignedString(lsn));
    }

    /** pg_lsn_mi: a numeric, negative when the first location is the earlier one. */
    static BigDecimal difference(long x, long y) {
        return unsigned(x).subtract(unsigned(y));
    }

    private static Object negate(Object n) {
        return n instanceof BigDecimal d ? d.negate() : n;
    }

    /** pg_lsn_pli / pg_lsn_mii: NaN is refused by name; the sum converts as numeric_pg_lsn does (infinity, range). */
    private static long plus(long lsn, Object n, String verb, String preposition) {
        if (n == NumericSpecial.NAN) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot " + verb + " NaN " + preposition + " pg_lsn");
        }
        return PgLsn.fromNumeric(n instanceof BigDecimal d ? unsigned(lsn).add(d) : n);
    }
}
