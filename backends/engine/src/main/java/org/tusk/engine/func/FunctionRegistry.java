package org.tusk.engine.func;

import java.util.HashMap;
import java.util.Map;

import org.tusk.engine.expr.FunctionBody;

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
        StringFunctions.register();
        MathFunctions.register();
        DegreeTrig.register();
        ArrayFunctions.register();
        RegexFunctions.register();
        ByteaFunctions.register();
        NumericMath.register();
        CastFunctions.register();
        TimeOfDayCasts.register();
        SystemFunctions.register();
        StatisticsFunctions.register();
        PrivilegeInquiryFunctions.register();
        org.tusk.engine.tcop.RelationUpdatability.register(FunctionRegistry::bind);
        // the catalog-reading system information functions (func/sysinfo)
        org.tusk.engine.func.sysinfo.SysInfoFunctions.register(FunctionRegistry::bind, FunctionRegistry::bindOid);
        TypeIoFunctions.register();
        HashFunctions.register();
        DateTimeFunctions.register();
        DateTimeParts.register();
        NumericToChar.register();
        GeoFunctions.register();
        ToDateTime.register();
        DateTimeToChar.register();
        // nextval/currval/setval/lastval (commands/sequence)
        org.tusk.engine.commands.sequence.SequenceFunctions.register(FunctionRegistry::bind);
        AggregateSupportFunctions.register();
        RecordFunctions.register();
        MoneyFunctions.register();
        PgLsnFunctions.register();
        JsonFunctions.register();
        JsonPathFunctions.register();
        TidFunctions.register();
        WalLocationFunctions.register();
        // last: bodies derived from pg_operator rows fill in only what nothing above bound
        OperatorFunctions.register();
    }

    private FunctionRegistry() {}

    /** Binds an internal function symbol. */
    static void bind(String prosrc, FunctionBody body) {
        BY_PROSRC.put(prosrc, body);
    }

    /** Binds an internal function symbol unless something already did. */
    static void bindIfAbsent(String prosrc, FunctionBody body) {
        BY_PROSRC.putIfAbsent(prosrc, body);
    }

    /** Binds a built-in whose facts carry no prosrc (SQL-language body). */
    static void bindOid(int oid, FunctionBody body) {
        BY_OID.put(oid, body);
    }

    /** The body of internal function symbol {@code prosrc} (LANGUAGE internal AS 'int4in'), or null. */
    public static FunctionBody internal(String prosrc) {
        return BY_PROSRC.get(prosrc);
    }

    private static String key(ProcEntry p) {
        return p.prosrc() == null || p.prosrc().isEmpty() || p.language() != 12 ? null : p.prosrc();
    }

    /** The Java body of {@code p}, or null if Tusk does not implement it yet. */
    public static FunctionBody body(ProcEntry p) {
        if (p == null) {
            return null;
        }
        if (UserProcs.isUserDefined(p)) {
            return UserProcs.body(p);
        }
        FunctionBody b = BY_OID.get(p.oid());
        if (b != null) {
            return b;
        }
        String k = key(p);
        return k == null ? null : BY_PROSRC.get(k);
    }

    /** The body, or a feature-not-supported error naming the function (at {@code location}, -1 for none). */
    public static FunctionBody require(ProcEntry p, int location) {
        FunctionBody b = body(p);
        if (b == null) {
            throw org.tusk.engine.error.Ereport.error(org.tusk.api.error.SqlState.FEATURE_NOT_SUPPORTED,
                    "function " + p.signature() + " is not implemented in Tusk yet", location);
        }
        return b;
    }

    /** Whether Tusk has a body for {@code p}. */
    public static boolean implemented(ProcEntry p) {
        return body(p) != null;
    }

}
