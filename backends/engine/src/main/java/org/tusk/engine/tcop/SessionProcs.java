package org.tusk.engine.tcop;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tusk.engine.catalog.CatalogAccess;
import org.tusk.engine.catalog.CatalogAccess.CatalogTuple;
import org.tusk.engine.catalog.SystemCatalogs;
import org.tusk.engine.catalog.SystemCatalogs.Catalog;
import org.tusk.engine.commands.ProcCatalog;
import org.tusk.engine.expr.FunctionBody;
import org.tusk.engine.func.FunctionRegistry;
import org.tusk.engine.func.ProcEntry;
import org.tusk.engine.func.UserProcs;
import org.tusk.engine.types.PgType;

/**
 * The session's view of user-defined functions (a syscache over pg_proc rows
 * with OIDs at or above FirstNormalObjectId), installed as the thread's
 * {@link UserProcs.Provider}. The cache is loaded by one pg_proc scan and
 * dropped on CATCACHE invalidations of pg_proc (our own DDL at once, other
 * backends' at their commit, ours again at abort).
 *
 * <p>fmgr for these rows: LANGUAGE internal binds the built-in symbol named
 * by prosrc, LANGUAGE c the few regress.so symbols Tusk provides
 * ({@link RegressLibrary}), LANGUAGE sql a {@link SqlFunctionBody}.
 */
final class SessionProcs implements UserProcs.Provider {
    private final TuskSession session;
    /** proname -> rows, and by OID; null when not loaded. */
    private Map<String, List<ProcCatalog.ProcRow>> byName;
    private Map<Integer, ProcCatalog.ProcRow> byOid;
    /** Compiled PL/pgSQL functions by OID, dropped with the syscache (plpgsql_HashTable). */
    private final Map<Integer, org.tusk.engine.pl.PlFunction> plCache = new HashMap<>();

    SessionProcs(TuskSession session) {
        this.session = session;
        if (session.relcache() != null) {
            session.relcache().addCatcacheListener(catalog -> {
                if (catalog == 0 || catalog == SystemCatalogs.PG_PROC) {
                    byName = null;
                    byOid = null;
                    plCache.clear();
                }
                if (catalog == 0 || catalog == SystemCatalogs.PG_PROC || catalog == PG_OPERATOR) {
                    userOperators = null;
                }
            });
        }
    }

    private static final int PG_OPERATOR = 2617;
    /** The user-defined pg_operator rows (CREATE OPERATOR) by name, with their namespaces; null when not loaded. */
    private Map<String, List<Map.Entry<Integer, org.tusk.engine.func.OperatorEntry>>> userOperators;

    @Override
    public List<org.tusk.engine.func.OperatorEntry> operators(String name, boolean prefix) {
        if (session.storage() == null) {
            return List.of();
        }
        CatalogAccess access = session.catalogAccess();
        access.transaction().catalogSnapshot(access.level());
        if (userOperators == null) {
            userOperators = loadOperators(access);
        }
        List<Map.Entry<Integer, org.tusk.engine.func.OperatorEntry>> rows = userOperators.get(name);
        if (rows == null) {
            return List.of();
        }
        // OpernameGetCandidates: an operator in an earlier schema hides one with the same arguments later
        List<org.tusk.engine.func.OperatorEntry> out = new ArrayList<>();
        for (String s : session.searchPath()) {
            Integer ns = session.relcache().namespaceOid(s);
            for (Map.Entry<Integer, org.tusk.engine.func.OperatorEntry> r : rows) {
                org.tusk.engine.func.OperatorEntry o = r.getValue();
                if (ns != null && r.getKey().intValue() == ns && o.isPrefix() == prefix && out.stream().noneMatch(
                        e -> e.left() == o.left() && e.right() == o.right())) {
                    out.add(o);
                }
            }
        }
        return out;
    }

    private Map<String, List<Map.Entry<Integer, org.tusk.engine.func.OperatorEntry>>> loadOperators(
            CatalogAccess access) {
        Map<String, List<Map.Entry<Integer, org.tusk.engine.func.OperatorEntry>>> out = new HashMap<>();
        Catalog op = SystemCatalogs.require(PG_OPERATOR);
        int oidCol = op.columnIndex("oid");
        for (CatalogTuple t : access.scan(PG_OPERATOR,
                r -> ((Number) r[oidCol]).longValue() >= UserProcs.FIRST_NORMAL_OBJECT_ID)) {
            long code = ((Number) t.get(op, "oprcode")).longValue();
            long left = ((Number) t.get(op, "oprleft")).longValue();
            PgType leftType = left == 0 ? null : PgType.byOid((int) left);
            PgType right = PgType.byOid(((Number) t.get(op, "oprright")).intValue());
            PgType result = PgType.byOid(((Number) t.get(op, "oprresult")).intValue());
            ProcEntry proc = code == 0 ? null : procByOid((int) code);
            if (proc == null || right == null || result == null || left != 0 && leftType == null) {
                continue; // a shell, or types Tusk's resolution cannot name
            }
            String name = (String) t.get(op, "oprname");
            org.tusk.engine.func.OperatorEntry e = new org.tusk.engine.func.OperatorEntry(
                    ((Number) t.get(op, "oid")).intValue(), name, leftType, right, result,
                    ((Number) t.get(op, "oprcom")).intValue(), ((Number) t.get(op, "oprnegate")).intValue(), proc);
            out.computeIfAbsent(name, k -> new ArrayList<>()).add(Map.entry(
                    ((Number) t.get(op, "oprnamespace")).intValue(), e));
        }
        return out;
    }

    private void load() {
        if (byName != null) {
            return;
        }
        Map<String, List<ProcCatalog.ProcRow>> names = new HashMap<>();
        Map<Integer, ProcCatalog.ProcRow> oids = new HashMap<>();
        CatalogAccess access = session.catalogAccess();
        if (access != null) {
            for (ProcCatalog.ProcRow r : ProcCatalog.userProcs(access)) {
                names.computeIfAbsent(r.entry().name(), k -> new ArrayList<>()).add(r);
                oids.put(r.entry().oid(), r);
            }
        }
        byName = names;
        byOid = oids;
    }

    @Override
    public List<ProcEntry> procs(String schema, String name) {
        if (session.storage() == null) {
            return List.of();
        }
        // starts the transaction if needed, which reads the invalidation messages (CREATE FUNCTION elsewhere)
        CatalogAccess access = session.catalogAccess();
        access.transaction().catalogSnapshot(access.level());
        load();
        List<ProcCatalog.ProcRow> rows = byName.get(name);
        if (rows == null) {
            return List.of();
        }
        List<Integer> visible = new ArrayList<>();
        if (schema != null) {
            Integer ns = session.relcache().namespaceOid(schema);
            if (ns == null) {
                return List.of();
            }
            visible.add(ns);
        } else {
            for (String s : session.searchPath()) {
                Integer ns = session.relcache().namespaceOid(s);
                if (ns != null) {
                    visible.add(ns);
                }
            }
        }
        // FuncnameGetCandidates: a function in an earlier schema hides one with the same arguments later
        // (by the declared pg_proc.proargtypes: parameters of two enums have one representation, anyenum)
        List<ProcEntry> out = new ArrayList<>();
        List<List<Object>> outArgs = new ArrayList<>();
        int argCol = SystemCatalogs.require(SystemCatalogs.PG_PROC).columnIndex("proargtypes");
        for (Integer ns : visible) {
            for (ProcCatalog.ProcRow r : rows) {
                List<Object> declared = java.util.Arrays.asList((Object[]) r.tuple().values()[argCol]);
                if (r.namespace() == ns && !outArgs.contains(declared)) {
                    out.add(r.entry());
                    outArgs.add(declared);
                }
            }
        }
        return out;
    }

    /** pg_proc OID of the built-in suppress_redundant_updates_trigger(). */
    static final int SUPPRESS_REDUNDANT_UPDATES_TRIGGER = 1291;

    /**
     * suppress_redundant_updates_trigger (utils/adt/trigfuncs.c): a BEFORE UPDATE ROW trigger
     * that skips the update (returns NULL) when the new row equals the old one.
     */
    private static Object[] suppressRedundantUpdates(org.tusk.engine.pl.TriggerData data) {
        if (!"UPDATE".equals(data.op())) {
            throw org.tusk.engine.error.Ereport.error("39P01",
                    "suppress_redundant_updates_trigger: must be called on update");
        }
        if (!"BEFORE".equals(data.when())) {
            throw org.tusk.engine.error.Ereport.error("39P01",
                    "suppress_redundant_updates_trigger: must be called before update");
        }
        if (!"ROW".equals(data.level())) {
            throw org.tusk.engine.error.Ereport.error("39P01",
                    "suppress_redundant_updates_trigger: must be called for each row");
        }
        return java.util.Arrays.deepEquals(data.oldRow(), data.newRow()) ? null : data.newRow();
    }

    /** regprocin/regprocout over the built-in pg_proc and this session's user-defined rows. */
    org.tusk.engine.types.RegprocIo.Resolver regprocResolver() {
        return new org.tusk.engine.types.RegprocIo.Resolver() {
            @Override
            public long procOid(String text) {
                List<String> names = org.tusk.engine.commands.sequence.SequenceFunctions.splitQualifiedName(text);
                String name = names.get(names.size() - 1);
                String schema = names.size() > 1 ? names.get(names.size() - 2) : null;
                List<ProcEntry> found = new ArrayList<>();
                if (schema == null || schema.equals("pg_catalog")) {
                    found.addAll(org.tusk.engine.func.BuiltinCatalog.get().procs(name));
                }
                found.addAll(procs(schema, name));
                if (found.isEmpty()) {
                    throw org.tusk.engine.error.Ereport.error(org.tusk.api.error.SqlState.UNDEFINED_FUNCTION,
                            "function \"" + text + "\" does not exist");
                }
                if (found.size() > 1) {
                    throw org.tusk.engine.error.Ereport.error(org.tusk.api.error.SqlState.AMBIGUOUS_FUNCTION,
                            "more than one function named \"" + text + "\"");
                }
                return Integer.toUnsignedLong(found.get(0).oid());
            }

            @Override
            public String procName(long oid) {
                if (oid < org.tusk.engine.func.UserProcs.FIRST_NORMAL_OBJECT_ID) {
                    ProcEntry p = org.tusk.engine.func.BuiltinCatalog.get().proc((int) oid);
                    return p == null ? null : p.name();
                }
                if (session.storage() == null) {
                    return null;
                }
                ProcCatalog.ProcRow r = row((int) oid);
                return r == null ? null : r.entry().name();
            }
        };
    }

    @Override
    public int[] declaredTypes(ProcEntry proc) {
        if (session.storage() == null) {
            return null;
        }
        ProcCatalog.ProcRow r = row(proc.oid());
        if (r == null) {
            return null;
        }
        SystemCatalogs.Catalog c = SystemCatalogs.require(SystemCatalogs.PG_PROC);
        Object[] args = (Object[]) r.tuple().values()[c.columnIndex("proargtypes")];
        int[] out = new int[args.length + 1];
        for (int i = 0; i < args.length; i++) {
            out[i] = ((Number) args[i]).intValue();
        }
        out[args.length] = ((Number) r.tuple().values()[c.columnIndex("prorettype")]).intValue();
        return out;
    }

    /** The pg_proc row behind a user-defined entry, or null. */
    ProcCatalog.ProcRow row(int oid) {
        load();
        return byOid.get(oid);
    }

    /** The language validator CREATE FUNCTION runs (fmgr_sql_validator, fmgr_c_validator) for new row {@code oid}. */
    void validate(long oid, int bodyOffset) {
        ProcCatalog.ProcRow row = row((int) oid);
        if (row == null) {
            return;     // types Tusk cannot represent: nothing to check against
        }
        ProcEntry e = row.entry();
        switch (e.language()) {
            case ProcCatalog.LANG_C:
                if (!RegressLibrary.isRegress(row.probin())) {
                    throw org.tusk.engine.error.Ereport.error("58P01", "could not access file \"" + row.probin()
                            + "\": No such file or directory");
                }
                if (!RegressLibrary.exists(row.probin(), e.prosrc())) {
                    throw org.tusk.engine.error.Ereport.error("42883", "could not find function \"" + e.prosrc()
                            + "\" in file \"" + row.probin() + "\"");
                }
                break;
            case ProcCatalog.LANG_SQL:
                boolean polymorphic = e.resultType().isPolymorphic();
                for (PgType t : e.argTypes()) {
                    polymorphic |= t.isPolymorphic();
                }
                if (!polymorphic && !e.returnsSet() && e.resultType() != PgType.RECORD) {
                    try {
                        new SqlFunctionBody(session, row, e.argTypes(), e.resultType()).validate();
                    } catch (org.tusk.api.error.PgException err) {
                        // function_parse_error_transpose: a position in the body becomes one in CREATE FUNCTION
                        if (err.position() > 0 && bodyOffset >= 0) {
                            throw err.withPosition(err.position() + bodyOffset);
                        }
                        throw err.position() > 0 ? err.withPosition(0) : err;
                    }
                }
                break;
            case ProcCatalog.LANG_PLPGSQL:
                try {
                    plCompile(row);
                } catch (org.tusk.api.error.PgException err) {
                    if (err.position() > 0 && bodyOffset >= 0) {
                        throw err.withPosition(err.position() + bodyOffset);
                    }
                    throw err.position() > 0 ? err.withPosition(0) : err;
                }
                break;
            default:
                break;
        }
    }

    /** "f(integer, text)": how PL/pgSQL's CONTEXT lines name a function (format_procedure). */
    static String signature(ProcEntry e) {
        StringBuilder sb = new StringBuilder(e.name()).append('(');
        for (int i = 0; i < e.argTypes().size(); i++) {
            sb.append(i > 0 ? "," : "").append(e.argTypes().get(i).displayName());
        }
        return sb.append(')').toString();
    }

    private org.tusk.engine.pl.PlFunction plCompile(ProcCatalog.ProcRow row) {
        ProcEntry e = row.entry();
        org.tusk.engine.pl.PlFunction f = plCache.get(e.oid());
        if (f == null) {
            List<String> names = row.argNames() == null ? List.of() : row.argNames();
            f = org.tusk.engine.pl.PlFunction.compile(e.prosrc(), signature(e), names, e.argTypes(), e.resultType(),
                    e.returnsSet(), e.kind() == 'p');
            org.tusk.engine.catalog.SystemCatalogs.Catalog c = org.tusk.engine.catalog.SystemCatalogs.require(
                    org.tusk.engine.catalog.SystemCatalogs.PG_PROC);
            Object[] r = row.tuple().values();
            Object[] all = (Object[]) r[c.columnIndex("proallargtypes")];
            Object[] modes = (Object[]) r[c.columnIndex("proargmodes")];
            Object[] argNames = (Object[]) r[c.columnIndex("proargnames")];
            if (all != null && modes != null && argNames != null) {
                List<String> outNames = new ArrayList<>();
                List<PgType> outTypes = new ArrayList<>();
                for (int i = 0; i < all.length; i++) {
                    String m = String.valueOf(modes[i]);
                    PgType t = PgType.byOid(((Number) all[i]).intValue());
                    if ((m.equals("o") || m.equals("b") || m.equals("t")) && t != null) {
                        outNames.add(String.valueOf(argNames[i]));
                        outTypes.add(t);
                    }
                }
                f.withOutParameters(outNames, outTypes);
            }
            plCache.put(e.oid(), f);
        }
        return f;
    }

    @Override
    public UserProcs.AggregateDef aggregate(ProcEntry proc) {
        if (proc.kind() != 'a') {
            return null;
        }
        Catalog agg = SystemCatalogs.require(SystemCatalogs.PG_AGGREGATE);
        int fnCol = agg.columnIndex("aggfnoid");
        List<CatalogTuple> rows = session.catalogAccess().scan(SystemCatalogs.PG_AGGREGATE,
                r -> ((Number) r[fnCol]).longValue() == proc.oid());
        if (rows.isEmpty()) {
            return null;
        }
        CatalogTuple t = rows.get(0);
        ProcEntry trans = procByOid(((Number) t.get(agg, "aggtransfn")).intValue());
        long finalOid = ((Number) t.get(agg, "aggfinalfn")).longValue();
        ProcEntry fin = finalOid == 0 ? null : procByOid((int) finalOid);
        PgType transType = ProcCatalog.signatureType(((Number) t.get(agg, "aggtranstype")).intValue());
        if (trans == null || transType == null || finalOid != 0 && fin == null) {
            return null;
        }
        String init = (String) t.get(agg, "agginitval");
        Object initVal = init == null ? null
                : org.tusk.engine.types.TextFormat.input(transType, -1, init, session.typeContext());
        return new UserProcs.AggregateDef(proc.name(), FunctionRegistry.require(trans, -1), trans.strict(),
                fin == null ? null : FunctionRegistry.require(fin, -1), fin != null && fin.strict(), transType, initVal,
                proc.resultType());
    }

    private ProcEntry procByOid(int oid) {
        ProcEntry builtin = org.tusk.engine.func.BuiltinCatalog.get().proc(oid);
        if (builtin != null) {
            return builtin;
        }
        return proc(oid);
    }

    @Override
    public ProcEntry proc(int oid) {
        ProcCatalog.ProcRow row = row(oid);
        return row == null ? null : row.entry();
    }

    @Override
    public org.tusk.engine.func.UserProcs.SetFunction setFunction(ProcEntry proc) {
        return setFunction(proc, proc.argTypes(), proc.resultType());
    }

    @Override
    public org.tusk.engine.func.UserProcs.SetFunction setFunction(ProcEntry proc, List<PgType> argTypes,
            PgType resultType) {
        ProcCatalog.ProcRow row = row(proc.oid());
        if (row == null || !proc.returnsSet()) {
            return null;
        }
        // the result columns: OUT / INOUT / TABLE parameters, else the declared SETOF type
        org.tusk.engine.catalog.SystemCatalogs.Catalog c = org.tusk.engine.catalog.SystemCatalogs.require(
                org.tusk.engine.catalog.SystemCatalogs.PG_PROC);
        Object[] r = row.tuple().values();
        Object[] all = (Object[]) r[c.columnIndex("proallargtypes")];
        Object[] modes = (Object[]) r[c.columnIndex("proargmodes")];
        Object[] names = (Object[]) r[c.columnIndex("proargnames")];
        List<String> colNames = new ArrayList<>();
        List<PgType> colTypes = new ArrayList<>();
        if (all != null && modes != null) {
            for (int i = 0; i < all.length; i++) {
                String m = String.valueOf(modes[i]);
                if (m.equals("o") || m.equals("b") || m.equals("t")) {
                    PgType t = PgType.byOid(((Number) all[i]).intValue());
                    if (t == null) {
                        return null;
                    }
                    colTypes.add(t);
                    colNames.add(names == null ? "column" + (colNames.size() + 1) : String.valueOf(names[i]));
                }
            }
        }
        if (colTypes.isEmpty() && proc.resultType() == PgType.RECORD) {
            // RETURNS SETOF a composite type (a table's row type, CREATE TYPE ... AS): its attributes
            int rettype = ((Number) r[c.columnIndex("prorettype")]).intValue();
            org.tusk.engine.types.RowType shape = rettype == PgType.RECORD.oid() ? null
                    : org.tusk.engine.types.UserTypes.rowType(rettype);
            if (shape != null) {
                for (org.tusk.engine.types.RowType.Field f : shape.fields()) {
                    colNames.add(f.name());
                    colTypes.add(f.type());
                }
            }
        }
        if (colTypes.isEmpty()) {
            if (resultType == PgType.RECORD || resultType.isPolymorphic()) {
                return null;            // SETOF record needs a column definition list
            }
            colTypes.add(resultType);    // SETOF anyelement: the type the call resolved it to
            colNames.add(proc.name());
        }
        List<String> columnNames = List.copyOf(colNames);
        List<PgType> columnTypes = List.copyOf(colTypes);
        java.util.function.BiFunction<Object[], org.tusk.engine.expr.EvalContext, List<Object[]>> rows;
        switch (proc.language()) {
            case ProcCatalog.LANG_PLPGSQL: {
                org.tusk.engine.pl.PlFunction f = plCompile(row);
                PlSessionSpi spi = new PlSessionSpi(session, row.entry().volatility() != 'v');
                rows = (args, ctx) -> {
                    try {
                        return f.callSet(spi, args);
                    } catch (org.tusk.api.error.PgException err) {
                        throw err.position() > 0 ? err.withPosition(0) : err;
                    }
                };
                break;
            }
            case ProcCatalog.LANG_SQL: {
                SqlFunctionBody body = new SqlFunctionBody(session, row, argTypes, resultType);
                rows = (args, ctx) -> body.rows(args, ctx, columnTypes);
                break;
            }
            default:
                return null;
        }
        return new org.tusk.engine.func.UserProcs.SetFunction() {
            @Override
            public List<String> columnNames() {
                return columnNames;
            }

            @Override
            public List<PgType> columnTypes() {
                return columnTypes;
            }

            @Override
            public java.util.Iterator<Object[]> rows(Object[] args, org.tusk.engine.expr.EvalContext ctx) {
                return rows.apply(args, ctx).iterator();
            }
        };
    }

    /** ExecCallTriggerFunc: runs trigger function {@code oid} (PL/pgSQL) with {@code data}. */
    Object[] callTrigger(int oid, org.tusk.engine.pl.TriggerData data) {
        if (oid == SUPPRESS_REDUNDANT_UPDATES_TRIGGER) {
            return suppressRedundantUpdates(data);
        }
        ProcCatalog.ProcRow row = row(oid);
        if (row == null) {
            throw org.tusk.engine.error.Ereport.error(org.tusk.api.error.SqlState.UNDEFINED_FUNCTION,
                    "cache lookup failed for function " + oid);
        }
        if (row.entry().language() != ProcCatalog.LANG_PLPGSQL) {
            throw org.tusk.engine.error.Ereport.error(org.tusk.api.error.SqlState.FEATURE_NOT_SUPPORTED,
                    "trigger functions in language " + row.entry().language() + " are not supported yet");
        }
        org.tusk.engine.pl.PlFunction f = plCompile(row);
        return f.callTrigger(new PlSessionSpi(session, row.entry().volatility() != 'v'), data);
    }

    @Override
    public FunctionBody body(ProcEntry proc) {
        return body(proc, proc.argTypes(), proc.resultType());
    }

    /** The body for a call whose polymorphic argument and result types resolved to these. */
    FunctionBody body(ProcEntry proc, List<PgType> argTypes, PgType resultType) {
        ProcCatalog.ProcRow row = row(proc.oid());
        if (row == null) {
            return null;
        }
        switch (proc.language()) {
            case ProcCatalog.LANG_INTERNAL:
                return FunctionRegistry.internal(proc.prosrc());
            case ProcCatalog.LANG_C:
                return RegressLibrary.symbol(row.probin(), proc.prosrc());
            case ProcCatalog.LANG_SQL:
                return new SqlFunctionBody(session, row, argTypes, resultType);
            case ProcCatalog.LANG_PLPGSQL: {
                return new PlFunctionBody(proc.oid(), plCompile(row),
                        new PlSessionSpi(session, row.entry().volatility() != 'v'));
            }
            default:
                return null;
        }
    }
}
