package org.tusk.engine.expr;

/**
 * Per-row evaluation state (ExprContext): the current scan row, the portal's
 * parameter values, the current group's aggregate results, and the session.
 */
public final class EvalContext {
    private final SessionServices session;
    private Object[] params;
    private Object[] row;
    private Object[] aggregates;
    private Object[] execParams = new Object[8];
    private final java.util.Map<Object, Object> attachments = new java.util.IdentityHashMap<>();

    public EvalContext(SessionServices session, Object[] params) {
        this.session = session;
        this.params = params;
    }

    public SessionServices session() { return session; }
    public Object param(int index) { return params[index]; }
    /** The bound parameter values $1..$n, not a copy (a cached plan re-executed rebinds them). */
    public Object[] params() { return params; }

    /**
     * Binds the parameter values of another execution of the same plan (a cached
     * generic plan re-executed with new Bind values); the row and PARAM_EXEC slots
     * are per-row state that the next rows overwrite.
     */
    public void rebindParams(Object[] params) {
        this.params = params;
        this.row = null;
        this.aggregates = null;
    }
    public Object[] row() { return row; }
    public void setRow(Object[] row) { this.row = row; }
    public Object[] aggregates() { return aggregates; }
    public void setAggregates(Object[] aggregates) { this.aggregates = aggregates; }

    /** PARAM_EXEC slot values: set by NestLoop for parameterized inner scans and by SubPlans. */
    public Object execParam(int slot) {
        return slot < execParams.length ? execParams[slot] : null;
    }

    public void setExecParam(int slot, Object value) {
        if (slot >= execParams.length) {
            execParams = java.util.Arrays.copyOf(execParams, Math.max(slot + 1, execParams.length * 2));
        }
        execParams[slot] = value;
    }

    /**
     * Per-execution state keyed by an object of the plan (a SubPlan's running plan,
     * a CTE's shared tuplestore, the EState under its class): analyzed queries
     * stay stateless and reusable, each execution builds its own state lazily.
     */
    public Object attachment(Object key) {
        return attachments.get(key);
    }

    public void attach(Object key, Object value) {
        attachments.put(key, value);
    }

    /** CHECK_FOR_INTERRUPTS(). */
    public void checkForInterrupts() {
        if (session != null) {
            session.checkForInterrupts();
        }
    }
}
