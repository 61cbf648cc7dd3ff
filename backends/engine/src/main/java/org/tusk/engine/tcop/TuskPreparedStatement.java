package org.tusk.engine.tcop;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.tusk.api.engine.Column;
import org.tusk.api.engine.Portal;
import org.tusk.api.engine.PreparedStatement;
import org.tusk.api.error.PgException;
import org.tusk.api.error.SqlState;
import java.util.Map;

import org.tusk.engine.analyze.Query;
import org.tusk.engine.executor.ConstantFolder;
import org.tusk.engine.executor.Executor;
import org.tusk.engine.executor.PlanState;
import org.tusk.engine.executor.ReusablePlan;
import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.nodes.SelectStmt;
import org.tusk.engine.planner.Explain;
import org.tusk.engine.planner.Planned;
import org.tusk.engine.relcache.RelationCache;
import org.tusk.lmgr.LockMode;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.parser.ParsedStatement;
import org.tusk.engine.types.BinaryFormat;
import org.tusk.engine.types.PgType;
import org.tusk.engine.types.TextFormat;

/**
 * A CachedPlanSource (plancache.c): the analyzed statement with its parameter and
 * result types and, for a SELECT, its plan cache.
 *
 * <p>Revalidation (RevalidateCachedQuery), at every Bind: the relations the analysis
 * opened are locked again in the modes it used (which reads the invalidation messages
 * of other backends' DDL and ANALYZE); when one of them was invalidated since, or
 * search_path is not what it was, the statement is analyzed again from its parse tree,
 * and must still produce the same columns (0A000 "cached plan must not change result
 * type"); the generic plan is dropped.
 *
 * <p>Plan choice (choose_custom_plan) at every execution: without parameters always the
 * generic plan; plan_cache_mode force_generic_plan / force_custom_plan; otherwise five
 * custom plans, then the generic plan while its cost is below the custom plans' average
 * cost including their planning (cached_plan_cost). A generic plan whose node tree can
 * run again ({@link ReusablePlan}) is built once and re-executed; a custom plan is built
 * for one execution. Tusk's planner estimates $n without looking at its value, so a
 * custom plan costs what the generic one does plus planning, and auto mode settles on
 * the generic plan after five executions, as PostgreSQL does for such statements.
 */
final class TuskPreparedStatement implements PreparedStatement {
    /** choose_custom_plan: custom plans for the first five executions before comparing costs. */
    static final int CUSTOM_PLANS_BEFORE_GENERIC = 5;

    private final TuskSession session;
    private final ParsedStatement parsed;
    private Query query;
    private final int[] parameterTypes;
    private final List<Column> columns;
    /** INSERT/UPDATE/DELETE/COPY, analyzed (DmlStatements); null for queries and utility commands. */
    private org.tusk.engine.commands.DmlCommand dml;
    /** Whether {@link #dml} is an INSERT/UPDATE/DELETE analyzed by TuskSession.analyzeDml (revalidated). */
    private boolean dmlRevalidated;

    TuskPreparedStatement(TuskSession session, ParsedStatement parsed, Query query, int[] parameterTypes,
            List<Column> columns) {
        this(session, parsed, query, parameterTypes, columns, null);
    }

    TuskPreparedStatement(TuskSession session, ParsedStatement parsed, Query query, int[] parameterTypes,
            List<Column> columns, org.tusk.engine.commands.DmlCommand dml) {
        this.dml = dml;
        this.session = session;
        this.parsed = parsed;
        this.query = query;
        this.parameterTypes = parameterTypes;
        this.columns = columns;
    }

    /**
     * What the analysis depended on: search_path, the relations it locked (OIDs and modes, in
     * arrays: they are locked again at every Bind) and the relcache's invalidation epoch.
     */
    private List<String> searchPath;
    private int[] lockedRelations = new int[0];
    private LockMode[] lockModes = new LockMode[0];
    private long analyzedAt;

    /** The generic plan (null until built): its tree if it can run again, its cost either way. */
    private ReusablePlan genericTree;
    private double genericCost = -1;
    private long genericPlans;
    private long customPlans;
    private double totalCustomCost;

    ParsedStatement parsed() { return parsed; }
    Query query() { return query; }
    long genericPlans() { return genericPlans; }
    long customPlans() { return customPlans; }

    /** Records what the SELECT's analysis depended on (TuskSession.analyzeSelect's result). */
    void analyzedWith(List<String> searchPath, Map<Integer, LockMode> relationLocks, long epoch) {
        this.searchPath = searchPath;
        this.analyzedAt = epoch;
        lockedRelations = new int[relationLocks.size()];
        lockModes = new LockMode[relationLocks.size()];
        int i = 0;
        for (Map.Entry<Integer, LockMode> e : relationLocks.entrySet()) {
            lockedRelations[i] = e.getKey();
            lockModes[i++] = e.getValue();
        }
    }

    /** Records what an INSERT/UPDATE/DELETE's analysis depended on (TuskSession.analyzeDml's result). */
    void dmlAnalyzedWith(List<String> searchPath, Map<Integer, LockMode> relationLocks, long epoch) {
        analyzedWith(searchPath, relationLocks, epoch);
        this.dmlRevalidated = true;
    }

    /**
     * RevalidateCachedQuery: locks the statement's relations; analyzes it again if one of them
     * changed or search_path did. Called in a transaction, before the statement is bound.
     */
    void revalidate() {
        if (dmlRevalidated) {
            revalidateDml();
            return;
        }
        if (query == null || searchPath == null) {
            return;
        }
        if (!lockRelationsAndCheckStale()) {
            return;
        }
        dropGenericPlan();
        TuskSession.AnalyzedSelect again = session.analyzeSelect((SelectStmt) parsed.stmt(), new org.tusk.engine.analyze.ParseState(parameterTypes));
        List<Column> now = TuskSession.columnsOf(again.query());
        if (!sameRowType(columns, now)) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "cached plan must not change result type");
        }
        query = again.query();
        analyzedWith(again.searchPath(), again.relationLocks(), again.epoch());
    }

    /**
     * RevalidateCachedQuery for INSERT/UPDATE/DELETE: after DDL on a relation it opened (an index
     * added or dropped, a column altered) or a search_path change, the statement is analyzed again,
     * so that its result relation's indexes and its plan are current; RETURNING must keep its columns.
     */
    private void revalidateDml() {
        if (!lockRelationsAndCheckStale()) {
            return;
        }
        TuskSession.AnalyzedDml again = session.analyzeDml(parsed.stmt(),
                new org.tusk.engine.analyze.ParseState(parameterTypes));
        if (!sameRowType(columns, again.command().resultColumns())) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "cached plan must not change result type");
        }
        dml = again.command();
        dmlAnalyzedWith(again.searchPath(), again.relationLocks(), again.epoch());
    }

    /**
     * AcquirePlannerLocks, then the staleness test: search_path changed, or one of the locked
     * relations was invalidated after the analysis. Locking reads the invalidation messages other
     * backends' DDL sent, so the test comes after it; when this backend has applied no invalidation
     * at all since the analysis (its epoch has not moved, the usual case), no relation can be stale.
     */
    private boolean lockRelationsAndCheckStale() {
        RelationCache relcache = session.relcache();
        boolean stale = !searchPath.equals(session.searchPath());
        if (relcache == null) {
            return stale;
        }
        for (int i = 0; i < lockedRelations.length; i++) {
            relcache.lock(lockedRelations[i], lockModes[i]);
        }
        if (stale || relcache.invalidationEpoch() == analyzedAt) {
            return stale;
        }
        for (int oid : lockedRelations) {
            if (relcache.invalidatedSince(oid, analyzedAt)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameRowType(List<Column> a, List<Column> b) {
        if (a == null || b == null || a.size() != b.size()) {
            return a == b;
        }
        for (int i = 0; i < a.size(); i++) {
            Column x = a.get(i);
            Column y = b.get(i);
            if (!x.name().equals(y.name()) || x.typeOid() != y.typeOid() || x.typmod() != y.typmod()) {
                return false;
            }
        }
        return true;
    }

    private void dropGenericPlan() {
        if (genericTree != null) {
            genericTree.discard();
        }
        genericTree = null;
        genericCost = -1;
    }

    /** DEALLOCATE / the protocol's Close: the cached tree is released. */
    void release() {
        dropGenericPlan();
    }

    /**
     * choose_custom_plan (PostgreSQL 15): the generic plan without parameters or with
     * force_generic_plan, a custom one with force_custom_plan or for the first five executions;
     * then the generic plan unless it is estimated dearer than the average custom plan.
     */
    private boolean chooseCustomPlan() {
        if (parameterTypes.length == 0) {
            return false;
        }
        String mode = session.planCacheMode();
        if ("force_generic_plan".equals(mode)) {
            return false;
        }
        if ("force_custom_plan".equals(mode)) {
            return true;
        }
        if (customPlans < CUSTOM_PLANS_BEFORE_GENERIC) {
            return true;
        }
        double avgCustomCost = totalCustomCost / customPlans;
        return genericCost >= 0 && genericCost >= avgCustomCost;
    }

    /** cached_plan_cost's planning overhead of a custom plan: 1000 cpu_operator_cost per relation, plus one. */
    private double planningCost() {
        return 1000 * 0.0025 * (query.rtable.size() + 1);
    }

    /**
     * GetCachedPlan + ExecutorStart for one execution with {@code params}: a custom plan, or
     * the generic plan (its cached tree when that can run again and is not running already).
     */
    PlanState startPlan(Object[] params) {
        boolean custom = chooseCustomPlan();
        if (!custom && genericCost < 0) {
            buildGenericPlan(params);
            custom = chooseCustomPlan();
        }
        if (custom) {
            customPlans++;
            Planned[] planned = new Planned[1];
            PlanState state = Executor.start(query, new EvalContext(session, params), planned);
            totalCustomCost += planned[0].explain().totalCost + planningCost();
            return state;
        }
        genericPlans++;
        if (genericTree != null && !genericTree.inUse()) {
            return genericTree.start(params);
        }
        return Executor.start(query, new EvalContext(session, params));
    }

    /**
     * Counts an execution of INSERT/UPDATE/DELETE as a custom or generic plan (their commands plan
     * every execution; their generic plan is taken as no dearer than the custom ones).
     */
    void countDmlExecution() {
        if (!chooseCustomPlan()) {
            genericCost = 0;
            genericPlans++;
        } else {
            customPlans++;
        }
    }

    private void buildGenericPlan(Object[] params) {
        genericTree = ReusablePlan.build(query, new EvalContext(session, params));
        if (genericTree != null) {
            genericCost = genericTree.explain().totalCost;
        } else {
            Planned[] planned = new Planned[1];
            Executor.start(query, new EvalContext(session, params), planned).close();
            genericCost = planned[0].explain().totalCost;
        }
    }

    /**
     * EXPLAIN EXECUTE (ExplainExecuteQuery): the plan GetCachedPlan chooses for these values,
     * counted as an execution is; a custom plan shows the values, the generic one $n.
     */
    List<String> explainPlan(Object[] values, Explain.Options options) {
        revalidate();
        boolean custom = chooseCustomPlan();
        if (!custom && genericCost < 0) {
            buildGenericPlan(values);
            custom = chooseCustomPlan();
        }
        EvalContext ctx = new EvalContext(session, values);
        Query explained = query;
        if (custom) {
            customPlans++;
            explained = ConstantFolder.bindParams(
                    session.analyzeSelect((SelectStmt) parsed.stmt(), new org.tusk.engine.analyze.ParseState(parameterTypes)).query(), ctx);
            Planned[] planned = new Planned[1];
            Executor.start(explained, new EvalContext(session, values), planned).close();
            totalCustomCost += planned[0].explain().totalCost + planningCost();
        } else {
            genericPlans++;
        }
        return Explain.explain(explained, options, ctx);
    }
    org.tusk.engine.commands.DmlCommand dml() { return dml; }

    @Override
    public int[] parameterTypes() {
        return parameterTypes.clone();
    }

    @Override
    public List<Column> resultColumns() {
        return columns;
    }

    @Override
    public Portal bind(List<byte[]> parameterValues, short[] parameterFormats, short[] resultFormats) {
        return session.guarded(() -> {
            session.beginBoundStatement();
            revalidate();
            int n = parameterValues == null ? 0 : parameterValues.size();
            if (n != parameterTypes.length) {
                throw Ereport.error(SqlState.PROTOCOL_VIOLATION, "bind message supplies " + n
                        + " parameters, but prepared statement \"\" requires " + parameterTypes.length);
            }
            short[] pf = parameterFormats == null ? NO_FORMATS : parameterFormats;
            if (pf.length > 1 && pf.length != n) {
                throw Ereport.error(SqlState.PROTOCOL_VIOLATION, "bind message has " + pf.length
                        + " parameter formats but " + n + " parameters");
            }
            Object[] values = new Object[n];
            for (int i = 0; i < n; i++) {
                byte[] raw = parameterValues.get(i);
                if (raw == null) {
                    continue;
                }
                int format = pf.length == 0 ? 0 : pf.length == 1 ? pf[0] : pf[i];
                PgType type = PgType.byOid(parameterTypes[i]);
                values[i] = decode(type, format, raw, i + 1);
            }
            return new TuskPortal(session, this, values, columns == null ? null : boundColumns(resultFormats));
        });
    }

    /**
     * The result columns with the formats a Bind asked for. A client binds a prepared statement with
     * the same formats every time, so the last list is kept (immutable) and handed out again.
     */
    private List<Column> boundColumns(short[] resultFormats) {
        short[] rf = resultFormats == null ? NO_FORMATS : resultFormats;
        if (lastBoundColumns != null && java.util.Arrays.equals(rf, lastResultFormats)) {
            return lastBoundColumns;
        }
        if (rf.length > 1 && rf.length != columns.size()) {
            throw Ereport.error(SqlState.PROTOCOL_VIOLATION, "bind message has " + rf.length
                    + " result formats but query has " + columns.size() + " columns");
        }
        List<Column> out = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            short f = rf.length == 0 ? 0 : rf.length == 1 ? rf[0] : rf[i];
            if (f != 0 && f != 1) {
                throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "unsupported format code: " + f);
            }
            out.add(columns.get(i).withFormat(f));
        }
        lastResultFormats = rf.clone();
        lastBoundColumns = List.copyOf(out);
        return lastBoundColumns;
    }

    private static final short[] NO_FORMATS = new short[0];
    /** The result formats of the last Bind and the columns it got ({@link #boundColumns}). */
    private short[] lastResultFormats;
    private List<Column> lastBoundColumns;

    private Object decode(PgType type, int format, byte[] raw, int number) {
        if (format == 0) {
            return TextFormat.input(type, -1, new String(raw, StandardCharsets.UTF_8), session.typeContext());
        }
        if (format != 1) {
            throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "unsupported format code: " + format);
        }
        try {
            return BinaryFormat.receive(type, -1, raw, session.typeContext());
        } catch (PgException e) {
            if (e.sqlState().equals(SqlState.INVALID_BINARY_REPRESENTATION)) {
                throw Ereport.error(SqlState.INVALID_BINARY_REPRESENTATION,
                        "incorrect binary data format in bind parameter " + number);
            }
            throw e;
        }
    }
}
