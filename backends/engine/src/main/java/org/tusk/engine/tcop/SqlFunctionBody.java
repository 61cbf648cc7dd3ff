package org.tusk.engine.tcop;

import java.util.ArrayList;
import java.util.List;

import org.tusk.api.error.PgException;
import org.tusk.api.error.Severity;
import org.tusk.api.error.SqlState;
import org.tusk.engine.analyze.ParseState;
import org.tusk.engine.analyze.Query;
import org.tusk.engine.analyze.SelectAnalyzer;
import org.tusk.engine.commands.ProcCatalog;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.executor.Executor;
import org.tusk.engine.executor.PlanState;
import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.expr.FunctionBody;
import org.tusk.engine.func.CastCatalog;
import org.tusk.engine.func.CastContext;
import org.tusk.engine.func.Coercion;
import org.tusk.engine.func.CoercionPath;
import org.tusk.engine.nodes.DeclareCursorStmt;
import org.tusk.engine.nodes.SelectStmt;
import org.tusk.engine.parser.ParsedStatement;
import org.tusk.engine.parser.Parser;
import org.tusk.engine.types.PgType;

/**
 * A LANGUAGE sql function (functions.c): the body's statements are parsed and
 * analyzed with the arguments as parameters {@code $1..$n} (and by name), once
 * per call site, and run in order on every call with the argument values as
 * the parameters; the function's value is the first row's single column of the
 * last statement, NULL when it returns no row (void functions return NULL).
 * check_sql_fn_retval's rules: the last statement must return one column whose
 * type is assignment-coercible to the declared result (42P13 otherwise).
 *
 * <p>Snapshots as fmgr_sql takes them: a STABLE or IMMUTABLE function reads with the
 * calling query's active snapshot; a VOLATILE one pushes a fresh snapshot for the call
 * and increments the command counter before each statement, so it sees what the
 * calling query (and its own earlier statements) changed so far.
 *
 * <p>Not yet: INSERT/UPDATE/DELETE statements in the body, set-returning and
 * composite-returning functions, inlining.
 */
final class SqlFunctionBody implements FunctionBody {
    private final TuskSession session;
    private final ProcCatalog.ProcRow row;
    private final List<PgType> argTypes;
    private final PgType resultType;
    /** The body's statements analyzed; null where the statement is a utility command (then in {@link #utilities}). */
    private List<Query> queries;
    private List<DeclareCursorStmt> utilities;
    private FunctionBody resultCoercion;

    SqlFunctionBody(TuskSession session, ProcCatalog.ProcRow row, List<PgType> argTypes, PgType resultType) {
        this.session = session;
        this.row = row;
        this.argTypes = argTypes;
        this.resultType = resultType;
    }

    /** The body's source text: prosrc, or the RETURN / BEGIN ATOMIC text kept in prosqlbody. */
    private String source() {
        return row.sqlBody() != null ? row.sqlBody() : row.entry().prosrc();
    }

    /** fmgr_sql_validator's checks (parse analysis and the result type), run by CREATE FUNCTION. */
    void validate() {
        analyze();
    }

    private void analyze() {
        if (queries != null) {
            return;
        }
        String name = row.entry().name();
        List<ParsedStatement> parsed;
        try {
            parsed = Parser.parse(source());
        } catch (PgException e) {
            throw withContext(e, name);
        }
        List<Query> out = new ArrayList<>();
        List<DeclareCursorStmt> utility = new ArrayList<>();
        SelectAnalyzer analyzer = new SelectAnalyzer(session.relations(), session.typeContext());
        for (ParsedStatement p : parsed) {
            SelectStmt select;
            DeclareCursorStmt declare = null;
            if (p.stmt() instanceof SelectStmt s) {
                select = s;
            } else if (p.stmt() instanceof DeclareCursorStmt d && d.query() instanceof SelectStmt s) {
                // transformDeclareCursorStmt: the cursor's query is analyzed with the function's parameters
                select = s;
                declare = d;
            } else {
                throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, p.stmt().commandName()
                        + " in SQL functions is not supported yet");
            }
            try {
                Query q = analyzer.analyze(select, parameters());
                out.add(declare == null ? q : null);
                utility.add(declare);
            } catch (PgException e) {
                throw withContext(e, name);
            }
        }
        if (resultType != PgType.VOID && !row.entry().returnsSet()) {
            if (out.isEmpty()) {
                throw returnTypeMismatch("Function's final statement must be SELECT or INSERT/UPDATE/DELETE RETURNING.");
            }
            Query last = out.get(out.size() - 1);
            if (last == null) {
                throw returnTypeMismatch("Function's final statement must be SELECT or INSERT/UPDATE/DELETE RETURNING.");
            }
            if (last.targets().size() != 1) {
                throw returnTypeMismatch("Final statement must return exactly one column.");
            }
            PgType actual = last.targets().get(0).expr().type();
            if (actual == PgType.UNKNOWN) {
                actual = PgType.TEXT;
            }
            if (actual != resultType) {
                CoercionPath path = CastCatalog.find(actual, resultType, CastContext.ASSIGNMENT);
                if (path == null || path.kind() == CoercionPath.Kind.NONE) {
                    throw returnTypeMismatch("Actual return type is " + actual.displayName() + ".");
                }
                resultCoercion = Coercion.body(actual, resultType, path);
            }
        }
        utilities = utility;
        queries = out;
    }

    /** The body's parameters $1..$n, typed as the arguments and also known by their names. */
    private ParseState parameters() {
        int[] paramOids = new int[argTypes.size()];
        for (int i = 0; i < paramOids.length; i++) {
            paramOids[i] = argTypes.get(i).oid();
        }
        ParseState pstate = new ParseState(paramOids);
        pstate.setParamNames(row.entry().name(), row.argNames());
        return pstate;
    }

    /**
     * A utility statement of the body: DECLARE opens a cursor on the session whose query has the
     * argument values bound, so it outlives the call (as PostgreSQL's portal does).
     */
    private void runUtility(int i, EvalContext eval) {
        session.cursors().declare(utilities.get(i), source(), session.relations(), parameters(),
                eval.params().clone(), false);
    }

    private PgException returnTypeMismatch(String detail) {
        return new PgException(Severity.ERROR, "42P13",
                "return type mismatch in function declared to return " + resultType.displayName(), detail, null, 0,
                null);
    }

    private static PgException withContext(PgException e, String name) {
        return e;
    }

    /**
     * Two analyses of a call of this function are one expression (GROUP BY f(x) matches the target f(x)):
     * equalfuncs.c compares a FuncExpr's funcid, here with the argument and result types a polymorphic call
     * resolved to.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof SqlFunctionBody other && other.row.entry().oid() == row.entry().oid()
                && other.argTypes.equals(argTypes) && other.resultType == resultType;
    }

    @Override
    public int hashCode() {
        return Integer.hashCode(row.entry().oid()) * 31 + argTypes.hashCode();
    }

    @Override
    public Object apply(Object[] args, EvalContext ctx) {
        analyze();
        EvalContext eval = new EvalContext(ctx == null ? session : ctx.session(), args.clone());
        Object result = null;
        try {
            result = run(eval);
        } catch (PgException e) {
            // a position inside the body means nothing in the caller's query
            throw e.position() > 0 ? e.withPosition(0) : e;
        }
        if (result != null && resultCoercion != null) {
            result = resultCoercion.apply(new Object[] {result}, eval);
        }
        return result;
    }

    /**
     * A RETURNS SETOF / TABLE function's rows: every row of the last statement, each column cast to
     * {@code columnTypes} when its type differs (assignment casts, as check_sql_fn_retval allows).
     */
    List<Object[]> rows(Object[] args, EvalContext ctx, List<PgType> columnTypes) {
        analyze();
        EvalContext eval = new EvalContext(ctx == null ? session : ctx.session(), args.clone());
        List<Object[]> out = new ArrayList<>();
        int snapshotDepth = readOnly() ? -1 : session.pushActiveSnapshot(null);
        try {
            for (int i = 0; i < queries.size(); i++) {
                startStatement();
                Query q = queries.get(i);
                if (q == null) {
                    runUtility(i, eval);
                    continue;
                }
                boolean last = i == queries.size() - 1;
                FunctionBody[] casts = new FunctionBody[columnTypes.size()];
                if (last) {
                    if (q.targets().size() != columnTypes.size()) {
                        throw new PgException(Severity.ERROR, "42P13", "return type mismatch in function declared to"
                                + " return " + (columnTypes.size() == 1 ? columnTypes.get(0).displayName() : "record"),
                                "Final statement returns " + (q.targets().size() < columnTypes.size() ? "too few"
                                        : "too many") + " columns.", null, 0, null);
                    }
                    for (int c = 0; c < casts.length; c++) {
                        PgType actual = q.targets().get(c).expr().type();
                        actual = actual == PgType.UNKNOWN ? PgType.TEXT : actual;
                        if (actual != columnTypes.get(c)) {
                            CoercionPath path = CastCatalog.find(actual, columnTypes.get(c), CastContext.ASSIGNMENT);
                            if (path != null && path.kind() != CoercionPath.Kind.NONE) {
                                casts[c] = Coercion.body(actual, columnTypes.get(c), path);
                            }
                        }
                    }
                }
                PlanState plan = Executor.start(q, eval);
                try {
                    for (Object[] r = plan.next(); r != null; r = plan.next()) {
                        eval.checkForInterrupts();
                        if (last) {
                            Object[] row = java.util.Arrays.copyOf(r, casts.length);
                            for (int c = 0; c < casts.length; c++) {
                                if (casts[c] != null && row[c] != null) {
                                    row[c] = casts[c].apply(new Object[] {row[c]}, eval);
                                }
                            }
                            out.add(row);
                        }
                    }
                } finally {
                    plan.close();
                }
            }
        } catch (PgException e) {
            throw e.position() > 0 ? e.withPosition(0) : e;
        } finally {
            session.popActiveSnapshots(snapshotDepth);
        }
        return out;
    }

    /** fcache->readonly_func: anything but VOLATILE reads with the caller's snapshot. */
    private boolean readOnly() {
        return row.entry().volatility() != 'v';
    }

    /** Before each statement of a volatile function: CommandCounterIncrement (the pushed snapshot follows). */
    private void startStatement() {
        if (!readOnly()) {
            session.storageCommandCounterIncrement();
        }
    }

    private Object run(EvalContext eval) {
        Object result = null;
        int snapshotDepth = readOnly() ? -1 : session.pushActiveSnapshot(null);
        try {
            for (int i = 0; i < queries.size(); i++) {
                startStatement();
                if (queries.get(i) == null) {
                    runUtility(i, eval);
                    continue;
                }
                PlanState plan = Executor.start(queries.get(i), eval);
                try {
                    boolean last = i == queries.size() - 1;
                    if (last) {
                        Object[] first = plan.next();
                        result = first == null || resultType == PgType.VOID ? null : first[0];
                    } else {
                        while (plan.next() != null) {
                            eval.checkForInterrupts();
                        }
                    }
                } finally {
                    plan.close();
                }
            }
        } finally {
            session.popActiveSnapshots(snapshotDepth);
        }
        return result;
    }
}
