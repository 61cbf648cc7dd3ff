package org.tusk.engine.func;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.tusk.api.backend.BackendSignal;
import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.expr.FunctionBody;
import org.tusk.engine.guc.GucTable;
import org.tusk.engine.types.DateTimes;
import org.tusk.engine.types.PgType;

/** pg_proc for the built-in scalar functions. */
public final class Functions {
    private Functions() {}

    public static final String VERSION = "PostgreSQL " + GucTable.SERVER_VERSION
            + " on x86_64-pc-linux-gnu, compiled by javac 17, 64-bit";

    private static final Map<String, List<BuiltinFunction>> BY_NAME = new HashMap<>();

    static {
        PgType[] numerics = {PgType.INT2, PgType.INT4, PgType.INT8, PgType.NUMERIC, PgType.FLOAT4, PgType.FLOAT8};
        def("version", List.of(), PgType.TEXT, (a, c) -> VERSION);
        def("current_setting", List.of(PgType.TEXT), PgType.TEXT,
                (a, c) -> c.session().currentSetting((String) a[0], false));
        def("current_setting", List.of(PgType.TEXT, PgType.BOOL), PgType.TEXT,
                (a, c) -> c.session().currentSetting((String) a[0], (Boolean) a[1]));
        add(new BuiltinFunction("set_config", List.of(PgType.TEXT, PgType.TEXT, PgType.BOOL), PgType.TEXT, false,
                (a, c) -> {
                    if (a[0] == null || a[2] == null) {
                        throw Ereport.error(SqlState.NULL_VALUE_NOT_ALLOWED, "SET requires parameter name");
                    }
                    return c.session().setConfig((String) a[0], (String) a[1], (Boolean) a[2]);
                }));
        def("pg_backend_pid", List.of(), PgType.INT4, (a, c) -> c.session().host().backend().pid());
        def("pg_sleep", List.of(PgType.FLOAT8), PgType.VOID, Functions::pgSleep);
        def("now", List.of(), PgType.TIMESTAMPTZ, (a, c) -> c.session().transactionStartMicros());
        def("transaction_timestamp", List.of(), PgType.TIMESTAMPTZ, (a, c) -> c.session().transactionStartMicros());
        def("statement_timestamp", List.of(), PgType.TIMESTAMPTZ, (a, c) -> c.session().statementStartMicros());
        def("clock_timestamp", List.of(), PgType.TIMESTAMPTZ, (a, c) -> DateTimes.toPgMicros(Instant.now()));
        def("current_database", List.of(), PgType.NAME, (a, c) -> c.session().databaseName());
        def("current_schema", List.of(), PgType.NAME, (a, c) -> "public");
        def("current_user", List.of(), PgType.NAME, (a, c) -> c.session().currentUser());
        def("session_user", List.of(), PgType.NAME, (a, c) -> c.session().sessionUser());
        def("pg_is_in_recovery", List.of(), PgType.BOOL, (a, c) -> false);
        def("pg_cancel_backend", List.of(PgType.INT4), PgType.BOOL,
                (a, c) -> signal(c, (Integer) a[0], BackendSignal.CANCEL));
        def("pg_terminate_backend", List.of(PgType.INT4, PgType.INT8), PgType.BOOL, (a, c) -> {
            if ((Long) a[1] < 0) {
                throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "\"timeout\" must not be negative");
            }
            return signal(c, (Integer) a[0], BackendSignal.TERMINATE);
        });
        def("pg_terminate_backend", List.of(PgType.INT4), PgType.BOOL,
                (a, c) -> signal(c, (Integer) a[0], BackendSignal.TERMINATE));
        def("upper", List.of(PgType.TEXT), PgType.TEXT, (a, c) -> ((String) a[0]).toUpperCase(Locale.ROOT));
        def("lower", List.of(PgType.TEXT), PgType.TEXT, (a, c) -> ((String) a[0]).toLowerCase(Locale.ROOT));
        for (String n : new String[] {"length", "char_length", "character_length"}) {
            def(n, List.of(PgType.TEXT), PgType.INT4, (a, c) -> ((String) a[0]).codePointCount(0, ((String) a[0]).length()));
        }
        def("octet_length", List.of(PgType.TEXT), PgType.INT4,
                (a, c) -> ((String) a[0]).getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        def("repeat", List.of(PgType.TEXT, PgType.INT4), PgType.TEXT,
                (a, c) -> ((String) a[0]).repeat(Math.max(0, (Integer) a[1])));
        def("replace", List.of(PgType.TEXT, PgType.TEXT, PgType.TEXT), PgType.TEXT,
                (a, c) -> ((String) a[1]).isEmpty() ? a[0] : ((String) a[0]).replace((String) a[1], (String) a[2]));
        def("substr", List.of(PgType.TEXT, PgType.INT4), PgType.TEXT, (a, c) -> substr((String) a[0], (Integer) a[1], null));
        def("substr", List.of(PgType.TEXT, PgType.INT4, PgType.INT4), PgType.TEXT,
                (a, c) -> substr((String) a[0], (Integer) a[1], (Integer) a[2]));
        def("like_escape", List.of(PgType.TEXT, PgType.TEXT), PgType.TEXT, Functions::likeEscape);
        for (PgType t : numerics) {
            def("abs", List.of(t), t, (a, c) -> {
                if (a[0] instanceof BigDecimal) {
                    return ((BigDecimal) a[0]).abs();
                }
                boolean negative = ((Number) a[0]).doubleValue() < 0
                        || (a[0] instanceof Double && Double.doubleToRawLongBits((Double) a[0]) < 0);
                return negative ? Arithmetic.negate(t, a[0]) : a[0];
            });
        }
        def("round", List.of(PgType.NUMERIC), PgType.NUMERIC, (a, c) -> ((BigDecimal) a[0]).setScale(0, RoundingMode.HALF_UP));
        def("round", List.of(PgType.NUMERIC, PgType.INT4), PgType.NUMERIC, (a, c) -> {
            int scale = (Integer) a[1];
            BigDecimal r = ((BigDecimal) a[0]).setScale(scale, RoundingMode.HALF_UP);
            return scale < 0 ? r.setScale(0) : r;
        });
        def("round", List.of(PgType.FLOAT8), PgType.FLOAT8, (a, c) -> Math.rint((Double) a[0]));
        def("trunc", List.of(PgType.NUMERIC), PgType.NUMERIC, (a, c) -> ((BigDecimal) a[0]).setScale(0, RoundingMode.DOWN));
        def("trunc", List.of(PgType.FLOAT8), PgType.FLOAT8, (a, c) -> {
            double d = (Double) a[0];
            return d < 0 ? Math.ceil(d) : Math.floor(d);
        });
        def("floor", List.of(PgType.NUMERIC), PgType.NUMERIC, (a, c) -> ((BigDecimal) a[0]).setScale(0, RoundingMode.FLOOR));
        def("floor", List.of(PgType.FLOAT8), PgType.FLOAT8, (a, c) -> Math.floor((Double) a[0]));
        def("ceil", List.of(PgType.NUMERIC), PgType.NUMERIC, (a, c) -> ((BigDecimal) a[0]).setScale(0, RoundingMode.CEILING));
        def("ceil", List.of(PgType.FLOAT8), PgType.FLOAT8, (a, c) -> Math.ceil((Double) a[0]));
        def("sqrt", List.of(PgType.FLOAT8), PgType.FLOAT8, (a, c) -> {
            double d = (Double) a[0];
            if (d < 0) {
                throw Ereport.error("2201F", "cannot take square root of a negative number");
            }
            return Math.sqrt(d);
        });
        def("mod", List.of(PgType.INT2, PgType.INT2), PgType.INT2, (a, c) -> Arithmetic.binary("%", PgType.INT2, a[0], a[1]));
        def("mod", List.of(PgType.INT4, PgType.INT4), PgType.INT4, (a, c) -> Arithmetic.binary("%", PgType.INT4, a[0], a[1]));
        def("mod", List.of(PgType.INT8, PgType.INT8), PgType.INT8, (a, c) -> Arithmetic.binary("%", PgType.INT8, a[0], a[1]));
        def("mod", List.of(PgType.NUMERIC, PgType.NUMERIC), PgType.NUMERIC,
                (a, c) -> Arithmetic.binary("%", PgType.NUMERIC, a[0], a[1]));
    }

    private static void def(String name, List<PgType> args, PgType result, FunctionBody body) {
        add(new BuiltinFunction(name, args, result, true, body));
    }

    private static void add(BuiltinFunction f) {
        BY_NAME.computeIfAbsent(f.name(), k -> new ArrayList<>()).add(f);
    }

    /** Every hand-written entry (FunctionRegistry binds them to their pg_proc rows). */
    static java.util.List<BuiltinFunction> all() {
        List<BuiltinFunction> out = new ArrayList<>();
        BY_NAME.values().forEach(out::addAll);
        return out;
    }

    /** Candidates named {@code name} (pg_catalog only, so a schema-qualified name must say pg_catalog). */
    public static List<BuiltinFunction> lookup(String name) {
        return BY_NAME.getOrDefault(name, List.of());
    }

    private static Object pgSleep(Object[] a, EvalContext c) {
        double seconds = (Double) a[0];
        long endNanos = System.nanoTime() + (long) (seconds * 1e9);
        // Sleep in slices, as pg_sleep does, checking for interrupts on each wakeup.
        while (true) {
            c.checkForInterrupts();
            long remainingMs = (endNanos - System.nanoTime()) / 1_000_000L;
            if (remainingMs <= 0) {
                break;
            }
            c.session().host().backend().sleep(Math.min(remainingMs, 1000L));
        }
        return "";
    }

    private static Object signal(EvalContext c, int pid, BackendSignal signal) {
        boolean ok = c.session().host().backend().signalBackend(pid, signal);
        if (!ok) {
            c.session().host().notice(Ereport.warning(SqlState.WARNING, "PID " + pid + " is not a PostgreSQL backend process"));
        }
        return ok;
    }

    private static String substr(String s, int start, Integer count) {
        int[] cps = s.codePoints().toArray();
        long from = start;
        long to = count == null ? Long.MAX_VALUE : (long) start + count;
        if (count != null && count < 0) {
            throw Ereport.error("22011", "negative substring length not allowed");
        }
        from = Math.max(from, 1);
        to = Math.min(to, cps.length + 1L);
        if (from >= to) {
            return "";
        }
        return new String(cps, (int) from - 1, (int) (to - from));
    }

    private static Object likeEscape(Object[] a, EvalContext c) {
        String pattern = (String) a[0];
        String esc = (String) a[1];
        if (esc.codePointCount(0, esc.length()) > 1) {
            throw Ereport.error(SqlState.INVALID_ESCAPE_SEQUENCE, "invalid escape string")
                    .withHint("Escape string must be empty or one character.");
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char ch = pattern.charAt(i);
            if (esc.isEmpty()) {
                if (ch == '\\') {
                    sb.append("\\\\");
                } else {
                    sb.append(ch);
                }
            } else if (ch == esc.charAt(0)) {
                sb.append('\\');
                if (i + 1 < pattern.length()) {
                    sb.append(pattern.charAt(++i));
                }
            } else if (ch == '\\') {
                sb.append("\\\\");
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }
}
