package org.tusk.engine.func;

import java.util.List;

import org.tusk.engine.expr.FunctionBody;

/**
 * The session's user-defined pg_proc rows (CREATE FUNCTION), for function
 * resolution and fmgr. Resolution and {@link FunctionRegistry} are static
 * (the built-in catalog is a fact), so, as for regclass I/O, the session
 * installs its {@link Provider} for the thread it runs on at every entry.
 * Without one only the built-in functions exist.
 */
public final class UserProcs {

    /** What a session offers: its pg_proc rows of user functions, and their bodies. */
    public interface Provider {
        /** User-defined functions named {@code name} visible in the search path (any schema when qualified). */
        List<ProcEntry> procs(String schema, String name);

        /** fmgr_info for a user-defined function: its body (SQL, internal or C symbol), or null. */
        FunctionBody body(ProcEntry proc);

        /** A user-defined aggregate's pg_aggregate definition with its support functions' bodies, or null. */
        default AggregateDef aggregate(ProcEntry proc) {
            return null;
        }

        /**
         * User-defined operators named {@code name} visible in the search path (CREATE OPERATOR), binary or
         * prefix as {@code prefix} says; shell operators and operators over types outside PgType are left out.
         */
        default List<OperatorEntry> operators(String name, boolean prefix) {
            return List.of();
        }

        /**
         * The declared pg_proc.proargtypes and prorettype of a user function (the last element), where its
         * {@link ProcEntry} only has the representations (an enum parameter is anyenum there); null if unknown.
         */
        default int[] declaredTypes(ProcEntry proc) {
            return null;
        }

        /** The function with this OID (built-in or the session's pg_proc row), or null (pg_cast's castfunc). */
        default ProcEntry proc(int oid) {
            return null;
        }

        /** A RETURNS SETOF / TABLE function's rows (ExecMakeTableFunctionResult), or null when not supported. */
        default SetFunction setFunction(ProcEntry proc) {
            return null;
        }

        /** As {@link #setFunction(ProcEntry)} for a call whose polymorphic types resolved to these. */
        default SetFunction setFunction(ProcEntry proc, List<org.tusk.engine.types.PgType> argTypes,
                org.tusk.engine.types.PgType resultType) {
            return setFunction(proc);
        }
    }

    /**
     * A CREATE AGGREGATE definition as the executor runs it (advance_transition_function /
     * finalize_aggregate): {@code finalFn} null when there is none; {@code initVal} the initial state
     * (agginitval read as the state type) or null.
     */
    public record AggregateDef(String name, FunctionBody transFn, boolean transStrict, FunctionBody finalFn,
            boolean finalStrict, org.tusk.engine.types.PgType transType, Object initVal,
            org.tusk.engine.types.PgType resultType) {
    }

    /** The session's definition of user aggregate {@code proc}, or null. */
    public static AggregateDef aggregate(ProcEntry proc) {
        Provider provider = CURRENT.get();
        return provider == null || !isUserDefined(proc) ? null : provider.aggregate(proc);
    }

    /** Whether a user-defined aggregate named {@code name} is visible. */
    public static boolean anyAggregate(String name) {
        for (ProcEntry p : procs(null, name)) {
            if (p.kind() == 'a') {
                return true;
            }
        }
        return false;
    }

    /** A user-defined set-returning function: its result columns and, per call, its rows. */
    public interface SetFunction {
        /** The result columns' names (OUT / TABLE parameter names; empty names for a scalar SETOF). */
        List<String> columnNames();

        List<org.tusk.engine.types.PgType> columnTypes();

        java.util.Iterator<Object[]> rows(Object[] args, org.tusk.engine.expr.EvalContext ctx);
    }

    /** The session's set-returning body for user function {@code proc}, or null. */
    public static SetFunction setFunction(ProcEntry proc) {
        Provider provider = CURRENT.get();
        return provider == null || !isUserDefined(proc) ? null : provider.setFunction(proc);
    }

    /** A call's set-returning function, SETOF anyelement &amp; co. taken as the call's resolved types. */
    public static SetFunction setFunction(Resolution res) {
        Provider provider = CURRENT.get();
        return provider == null || !isUserDefined(res.proc()) ? null
                : provider.setFunction(res.proc(), res.coerceTo(), res.resultType());
    }

    /** Whether a user-defined set-returning function named {@code name} is visible (cheap pre-check). */
    public static boolean anySetReturning(String schema, String name) {
        for (ProcEntry p : procs(schema, name)) {
            if (p.returnsSet()) {
                return true;
            }
        }
        return false;
    }

    /** The first OID a user object gets (FirstNormalObjectId): rows below are built-in facts. */
    public static final int FIRST_NORMAL_OBJECT_ID = 16384;

    private static final ThreadLocal<Provider> CURRENT = new ThreadLocal<>();

    private UserProcs() {
    }

    public static void install(Provider provider) {
        CURRENT.set(provider);
    }

    public static Provider current() {
        return CURRENT.get();
    }

    static List<ProcEntry> procs(String schema, String name) {
        Provider p = CURRENT.get();
        return p == null ? List.of() : p.procs(schema, name);
    }

    static List<OperatorEntry> operators(String name, boolean prefix) {
        Provider p = CURRENT.get();
        return p == null ? List.of() : p.operators(name, prefix);
    }

    /** {@link Provider#declaredTypes} of a user function, or null (built-ins, no session). */
    public static int[] declaredTypes(ProcEntry proc) {
        Provider provider = CURRENT.get();
        return provider == null || !isUserDefined(proc) ? null : provider.declaredTypes(proc);
    }

    /** The visible user functions named {@code name} (schema null: the search path). */
    public static List<ProcEntry> userProcs(String schema, String name) {
        return procs(schema, name);
    }

    static boolean isUserDefined(ProcEntry p) {
        return Integer.compareUnsigned(p.oid(), FIRST_NORMAL_OBJECT_ID) >= 0;
    }

    /** The function with this OID, built-in or the session's (pg_cast's castfunc); null if there is none. */
    public static ProcEntry proc(int oid) {
        ProcEntry builtin = BuiltinCatalog.get().proc(oid);
        if (builtin != null) {
            return builtin;
        }
        Provider provider = CURRENT.get();
        return provider == null ? null : provider.proc(oid);
    }

    static FunctionBody body(ProcEntry p) {
        Provider provider = CURRENT.get();
        return provider == null ? null : provider.body(p);
    }
}
