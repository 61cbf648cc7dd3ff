package org.tusk.engine.func;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tusk.engine.expr.FunctionBody;
import org.tusk.engine.types.PgType;

/**
 * fmgr's builtin table: the Java body of each internal function, keyed by
 * pg_proc.prosrc (e.g. "int4pl", "textcat"), so every pg_proc row naming that
 * symbol shares it. SQL-language built-ins (round(numeric), lpad(text,int)...)
 * have no prosrc in the facts and are bound by OID.
 *
 * <p>A pg_proc row without a body resolves normally but fails when planned
 * ({@link #require}), with 0A000, so resolution always sees PostgreSQL's
 * full candidate set.
 */
public final class FunctionRegistry {
    private static final Map<String, FunctionBody> BY_PROSRC = new HashMap<>();
    private static final Map<Integer, FunctionBody> BY_OID = new HashMap<>();

    static {
        bindLegacyTables();
        StringFunctions.register();
        MathFunctions.register();
    }

    private FunctionRegistry() {}

    /** Binds an internal function symbol. */
    static void bind(String prosrc, FunctionBody body) {
        BY_PROSRC.put(prosrc, body);
    }

    /** Binds a built-in whose facts carry no prosrc (SQL-language body). */
    static void bindOid(int oid, FunctionBody body) {
        BY_OID.put(oid, body);
    }

    private static String key(ProcEntry p) {
        return p.prosrc() == null || p.prosrc().isEmpty() || p.language() != 12 ? null : p.prosrc();
    }

    /** The Java body of {@code p}, or null if Tusk does not implement it yet. */
    public static FunctionBody body(ProcEntry p) {
        if (p == null) {
            return null;
        }
        FunctionBody b = BY_OID.get(p.oid());
        if (b != null) {
            return b;
        }
        String k = key(p);
        return k == null ? null : BY_PROSRC.get(k);
    }

    /** The body, or a feature-not-supported error naming the function. */
    public static FunctionBody require(ProcEntry p) {
        FunctionBody b = body(p);
        if (b == null) {
            throw org.tusk.engine.error.Ereport.error(org.tusk.api.error.SqlState.FEATURE_NOT_SUPPORTED,
                    "function " + p.signature() + " is not implemented in Tusk yet");
        }
        return b;
    }

    /**
     * The hand-written Functions/Operators tables predate the catalog: bind each
     * of their entries to the pg_proc row with the same name and argument types.
     */
    private static void bindLegacyTables() {
        BuiltinCatalog cat = BuiltinCatalog.get();
        for (BuiltinFunction f : Functions.all()) {
            for (ProcEntry p : cat.procs(f.name())) {
                if (p.argTypes().equals(f.argTypes())) {
                    bindEntry(p, f.body());
                }
            }
        }
        for (boolean prefix : new boolean[] {false, true}) {
            for (BuiltinFunction f : Operators.all(prefix)) {
                List<OperatorEntry> ops = prefix ? cat.prefixOperators(f.name()) : cat.binaryOperators(f.name());
                for (OperatorEntry o : ops) {
                    List<PgType> sig = prefix ? List.of(o.right()) : List.of(o.left(), o.right());
                    if (sig.equals(f.argTypes()) && o.proc() != null) {
                        bindEntry(o.proc(), f.body());
                    }
                }
            }
        }
    }

    private static void bindEntry(ProcEntry p, FunctionBody body) {
        String k = key(p);
        if (k != null) {
            BY_PROSRC.putIfAbsent(k, body);
        } else {
            BY_OID.putIfAbsent(p.oid(), body);
        }
    }
}
