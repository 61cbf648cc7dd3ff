package org.tusk.engine.tcop;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.tusk.api.error.PgException;
import org.tusk.api.error.SqlState;
import org.tusk.engine.analyze.ParseState;
import org.tusk.engine.analyze.Query;
import org.tusk.engine.analyze.SelectAnalyzer;
import org.tusk.engine.analyze.TargetEntry;
import org.tusk.engine.commands.DmlCommand;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.executor.Executor;
import org.tusk.engine.executor.PlanState;
import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.func.CastCatalog;
import org.tusk.engine.func.CastContext;
import org.tusk.engine.func.Coercion;
import org.tusk.engine.func.CoercionPath;
import org.tusk.engine.nodes.SelectStmt;
import org.tusk.engine.parser.ParsedStatement;
import org.tusk.engine.parser.Parser;
import org.tusk.engine.pl.PlSpi;
import org.tusk.engine.types.PgType;
import org.tusk.engine.types.TextFormat;

/**
 * SPI for PL/pgSQL in a session: statements are parsed and analyzed as the
 * extended protocol does (SELECT through the analyzer and executor,
 * INSERT/UPDATE/DELETE through {@link DmlStatements}, anything else as a
 * utility command without parameters), subtransactions map to the storage
 * transaction's savepoint levels.
 */
final class PlSessionSpi implements PlSpi {
    private final TuskSession session;
    /** estate->readonly_func: the function is not VOLATILE (its statements read with the caller's snapshot). */
    private final boolean readOnly;

    /** The SPI of a VOLATILE function or DO block. */
    PlSessionSpi(TuskSession session) {
        this(session, false);
    }

    PlSessionSpi(TuskSession session, boolean readOnly) {
        this.session = session;
        this.readOnly = readOnly;
    }

    /**
     * _SPI_execute_plan's snapshot rule: in a volatile function each statement first increments
     * the command counter and reads with a fresh snapshot (so it sees the calling query's changes
     * so far); a stable or immutable one reads with the active snapshot.
     */
    private <T> T asStatement(java.util.function.Supplier<T> body) {
        if (readOnly) {
            return body.get();
        }
        int depth = session.pushActiveSnapshot(null);
        try {
            session.storageCommandCounterIncrement();
            return body.get();
        } finally {
            session.popActiveSnapshots(depth);
        }
    }

    @Override
    public Plan prepare(String sql, PgType[] paramTypes) {
        List<ParsedStatement> parsed = Parser.parse(sql);
        if (parsed.size() != 1) {
            throw Ereport.error(SqlState.SYNTAX_ERROR, parsed.isEmpty() ? "query is empty"
                    : "cannot insert multiple commands into a prepared statement");
        }
        ParsedStatement p = parsed.get(0);
        int[] oids = new int[paramTypes.length];
        for (int i = 0; i < oids.length; i++) {
            oids[i] = paramTypes[i] == null ? 0 : paramTypes[i].oid();
        }
        ParseState pstate = new ParseState(oids);
        DmlCommand dml = CreateTableAsCommand.prepare(session, session.relations(), p, pstate);
        if (dml == null) {
            dml = DmlStatements.prepare(session, session.relations(), p.stmt(), pstate);
        }
        if (dml != null) {
            return dmlPlan(dml, p.stmt().commandName());
        }
        if (p.stmt() instanceof SelectStmt select) {
            Query query = new SelectAnalyzer(session.relations(), session.typeContext()).analyze(select, pstate);
            List<ColumnInfo> cols = new ArrayList<>();
            for (TargetEntry t : query.targets()) {
                cols.add(new ColumnInfo(t.name(), t.expr().type()));
            }
            return new Plan() {
                @Override
                public List<ColumnInfo> columns() {
                    return cols;
                }

                @Override
                public Result execute(Object[] params, long maxRows) {
                    return asStatement(() -> select(params, maxRows));
                }

                private Result select(Object[] params, long maxRows) {
                    PlanState plan = Executor.start(query, new EvalContext(session, params));
                    List<Object[]> rows = new ArrayList<>();
                    int width = cols.size();
                    try {
                        Object[] row;
                        while ((maxRows <= 0 || rows.size() < maxRows) && (row = plan.next()) != null) {
                            rows.add(row.length == width ? row.clone() : Arrays.copyOf(row, width));
                        }
                    } finally {
                        plan.close();
                    }
                    return new Result(rows, "SELECT " + rows.size(), rows.size());
                }
            };
        }
        return new Plan() {
            @Override
            public List<ColumnInfo> columns() {
                return List.of();
            }

            @Override
            public Result execute(Object[] params, long maxRows) {
                return asStatement(() -> utility());
            }

            private Result utility() {
                if (p.stmt() instanceof org.tusk.engine.nodes.TransactionStmt) {
                    throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED,
                            "unsupported transaction command in PL/pgSQL");
                }
                checkReadOnly(p.stmt().commandName());
                UtilityResult r = session.utility().execute(p);
                session.storageCommandCounterIncrement();
                return new Result(r.rows(), r.tag(), 0);
            }
        };
    }

    /** _SPI_execute_plan: a read-only (non-volatile) function may only read. */
    private void checkReadOnly(String commandName) {
        if (readOnly) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, commandName + " is not allowed in a non-volatile function");
        }
    }

    private Plan dmlPlan(DmlCommand dml, String commandName) {
        List<ColumnInfo> cols = new ArrayList<>();
        if (dml.resultColumns() != null) {
            for (org.tusk.api.engine.Column c : dml.resultColumns()) {
                cols.add(new ColumnInfo(c.name(), org.tusk.engine.types.UserTypes.columnType(c.typeOid())));
            }
        }
        return new Plan() {
            @Override
            public List<ColumnInfo> columns() {
                return cols;
            }

            @Override
            public Result execute(Object[] params, long maxRows) {
                return asStatement(() -> dml(params));
            }

            private Result dml(Object[] params) {
                checkReadOnly(commandName);
                DmlCommand.Result r = dml.execute(new EvalContext(session, params), null);
                session.storageCommandCounterIncrement();
                String tag = r.tag();
                long processed = 0;
                int sp = tag.lastIndexOf(' ');
                if (sp >= 0) {
                    try {
                        processed = Long.parseLong(tag.substring(sp + 1));
                    } catch (NumberFormatException e) {
                        processed = 0;
                    }
                }
                List<Object[]> rows = r.rows() == null ? List.of() : r.rows();
                return new Result(rows, tag, processed);
            }
        };
    }

    @Override
    public PgType resolveType(String typeName) {
        Plan p = prepare("SELECT NULL::" + typeName, new PgType[0]);
        return p.columns().get(0).type();
    }

    @Override
    public Object cast(Object value, PgType from, PgType to) {
        if (value == null || from == to) {
            return value;
        }
        EvalContext ctx = new EvalContext(session, new Object[0]);
        if (from == PgType.UNKNOWN) {
            from = PgType.TEXT;
        }
        CoercionPath path = CastCatalog.find(from, to, CastContext.ASSIGNMENT);
        if (path != null && path.kind() != CoercionPath.Kind.NONE) {
            return Coercion.body(from, to, path).apply(new Object[] {value}, ctx);
        }
        // plpgsql falls back to I/O conversion
        String text = TextFormat.output(from, value, session.typeContext());
        return TextFormat.input(to, -1, text, session.typeContext());
    }

    @Override
    public String output(PgType type, Object value) {
        return TextFormat.output(type == PgType.UNKNOWN ? PgType.TEXT : type, value, session.typeContext());
    }

    @Override
    public void notice(PgException notice) {
        session.host().notice(notice);
    }

    @Override
    public void beginSubtransaction() {
        session.beginInternalSubtransaction();
    }

    @Override
    public void releaseSubtransaction() {
        session.releaseInternalSubtransaction();
    }

    @Override
    public void rollbackSubtransaction() {
        session.rollbackInternalSubtransaction();
    }

    @Override
    public void commandCounterIncrement() {
        session.storageCommandCounterIncrement();
    }

    @Override
    public void checkForInterrupts() {
        session.checkForInterrupts();
    }
}
