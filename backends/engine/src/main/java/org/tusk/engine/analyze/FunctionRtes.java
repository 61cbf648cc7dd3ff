package org.tusk.engine.analyze;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.executor.FunctionScan;
import org.tusk.engine.executor.GenerateSeries;
import org.tusk.engine.executor.SetReturningFunction;
import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.expr.Expr;
import org.tusk.engine.func.CastContext;
import org.tusk.engine.nodes.FuncCall;
import org.tusk.engine.nodes.RangeFunction;
import org.tusk.engine.nodes.RangeFunctionItem;
import org.tusk.engine.types.ArrayValue;
import org.tusk.engine.types.PgType;

/**
 * Functions in FROM (transformRangeFunction): set-returning functions
 * (generate_series, unnest) and plain functions (one row), ROWS FROM, WITH
 * ORDINALITY and column aliases. Arguments are analyzed as a LATERAL level, so
 * references to earlier FROM items become params set per outer row.
 */
final class FunctionRtes {

    /** Set-returning built-ins whose single OUT parameter names their result column. */
    private FunctionRtes() {}

    static RangeTblEntry build(RangeFunction rf, ParseState ps, SelectAnalyzer analyzer) {
        ParseState level = ps.fromItemLevel(true);
        ExprAnalyzer ea = analyzer.exprsFor(level);
        level.noAggregatesIn = "functions in FROM";
        level.noWindowFunctionsIn = "functions in FROM";
        List<FunctionScan.Call> calls = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> outNames = new ArrayList<>();
        List<PgType> types = new ArrayList<>();
        // the typmods of the columns a column definition list gives (the others' are -1)
        java.util.Map<Integer, Integer> typmods = new java.util.HashMap<>();
        for (RangeFunctionItem item : expandMultiArgUnnest(rf)) {
            if (!(item.func() instanceof FuncCall f)) {
                throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "this function in FROM is not supported yet",
                        rf.location());
            }
            String name = f.lastName();
            List<org.tusk.engine.nodes.ColumnDef> coldefs = item.coldeflist() != null && !item.coldeflist().isEmpty()
                    ? item.coldeflist() : rf.coldeflist();
            boolean jsonRecord = JSON_RECORD_FUNCTIONS.contains(name) && f.args().size() == 1
                    && (f.funcname().size() == 1 || f.funcname().get(0).equals("pg_catalog"));
            if (jsonRecord && (coldefs == null || coldefs.isEmpty())) {
                throw Ereport.error(SqlState.SYNTAX_ERROR,
                        "a column definition list is required for functions returning \"record\"", f.location());
            }
            if (coldefs != null && !coldefs.isEmpty()) {
                if (!jsonRecord) {
                    throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "column definition lists are not supported yet",
                            rf.location());
                }
                JsonRecordSrf srf = jsonRecordSrf(ea, f, coldefs);
                PgType argType = name.startsWith("jsonb") ? PgType.JSONB : PgType.JSON;
                calls.add(new FunctionScan.Call(srf, List.of(ea.coerce(ea.transform(f.args().get(0)), argType, -1,
                        CastContext.IMPLICIT))));
                for (org.tusk.engine.func.JsonToRecord.Column c : srf.columns()) {
                    names.add(c.name());
                    outNames.add(c.name());
                    typmods.put(types.size(), c.typmod());
                    types.add(c.type());
                }
                continue;
            }
            String outName = name;
            List<Expr> args = new ArrayList<>();
            SetReturningFunction srf = resolve(ea, f, args);
            if (srf == null) {
                Expr call;
                ea.wantSetCall = true;
                ea.lastSetCall = null;
                try {
                    call = ea.transform(f);
                } finally {
                    ea.wantSetCall = false;
                }
                if (call instanceof org.tusk.engine.expr.FuncExpr fx && fx == ea.lastSetCall) {
                    // a set-returning built-in: its values are the rows
                    args = fx.args();
                    org.tusk.engine.types.RowType shape = fx.type() == PgType.RECORD
                            ? org.tusk.engine.types.RecordTypmods.lookup(fx.typmod()) : null;
                    srf = shape != null ? new RecordSrf(name, fx, shape) : new ProcSrf(name, fx);
                    // a function with one OUT parameter names its column after it (pg_proc.proargnames)
                    String out = org.tusk.engine.func.BuiltinCatalog.get().singleOutColumn(name);
                    outName = out != null ? out : name;
                } else {
                    // a plain function: one row holding its value, a row type's fields as columns
                    args = List.of(call);
                    org.tusk.engine.types.RowType shape = call.type() == PgType.RECORD
                            ? org.tusk.engine.types.RecordTypmods.lookup(call.typmod()) : null;
                    srf = shape != null ? new SingleRecordRow(name, shape) : new SingleRow(name, call.type());
                }
            }
            calls.add(new FunctionScan.Call(srf, args));
            if (srf instanceof PartitionTree t) {
                names.addAll(PartitionTree.COLUMNS);
                outNames.addAll(PartitionTree.COLUMNS);
                types.addAll(List.of(t.resultTypes()));
            } else if (srf instanceof UserSetFunction u && u.columnNames().size() > 1) {
                names.addAll(u.columnNames());
                outNames.addAll(u.columnNames());
                types.addAll(u.columnTypes());
            } else if (srf instanceof SingleRecordRow r) {
                for (int i = 0; i < r.shape().size(); i++) {
                    names.add(r.shape().field(i).name());
                    outNames.add(r.shape().field(i).name());
                }
                types.addAll(List.of(r.resultTypes()));
            } else if (srf instanceof RecordSrf r) {
                // records of a known shape (information_schema._pg_expandarray): one column per field
                for (int i = 0; i < r.shape().size(); i++) {
                    names.add(r.shape().field(i).name());
                    outNames.add(r.shape().field(i).name());
                }
                types.addAll(List.of(r.resultTypes()));
            } else if (srf instanceof LockStatusFunction) {
                for (org.tusk.engine.catalog.RelationColumn c : org.tusk.engine.catalog.PgLocks.COLUMNS) {
                    names.add(c.name());
                    outNames.add(c.name());
                }
                types.addAll(List.of(srf.resultTypes()));
            } else if (srf instanceof SequenceParametersFunction) {
                names.addAll(SequenceParametersFunction.COLUMNS);
                outNames.addAll(SequenceParametersFunction.COLUMNS);
                types.addAll(List.of(srf.resultTypes()));
            } else {
                names.add(name);
                outNames.add(outName);
                types.add(srf.resultTypes()[0]);
            }
        }
        // without an alias the RTE is named after the (first) function, whatever its columns are called
        String alias = rf.alias() != null ? rf.alias().aliasname() : calls.size() == 1 && types.size() > 1
                ? calls.get(0).function().name() : names.get(0);
        RangeTblEntry rte = new RangeTblEntry(RangeTblEntry.Kind.FUNCTION, alias);
        rte.functions = calls;
        rte.ordinality = rf.ordinality();
        List<String> colAliases = rf.alias() != null ? rf.alias().colnames() : null;
        for (int i = 0; i < types.size(); i++) {
            String name = colAliases != null && i < colAliases.size() ? colAliases.get(i)
                    : typmods.containsKey(i) ? outNames.get(i)      // named by the column definition list
                    : calls.size() == 1 && types.size() == 1 && rf.alias() != null ? rf.alias().aliasname()
                    : outNames.get(i);
            rte.columns.add(new RangeTblEntry.Column(name, types.get(i), typmods.getOrDefault(i, -1), null));
        }
        if (rf.ordinality()) {
            String name = colAliases != null && types.size() < colAliases.size() ? colAliases.get(types.size()) : "ordinality";
            rte.columns.add(new RangeTblEntry.Column(name, PgType.INT8, -1, null));
        }
        SelectAnalyzer.checkAliasCount(colAliases, rte.columns.size(), alias, rf.location());
        rte.params.addAll(level.outerParams);
        rte.lateral = true;
        return rte;
    }

    /**
     * transformRangeFunction's special case: {@code unnest(a, b, ...)} in FROM (not inside ROWS FROM, without a
     * column definition list) is {@code ROWS FROM (unnest(a), unnest(b), ...)}, the shorter arrays padded with NULLs.
     */
    private static List<RangeFunctionItem> expandMultiArgUnnest(RangeFunction rf) {
        if (rf.isRowsfrom() || rf.functions().size() != 1 || rf.coldeflist() != null && !rf.coldeflist().isEmpty()) {
            return rf.functions();
        }
        RangeFunctionItem only = rf.functions().get(0);
        if (!(only.func() instanceof FuncCall f) || f.args().size() < 2 || !f.lastName().equals("unnest")
                || f.funcname().size() > 2 || f.funcname().size() == 2 && !f.funcname().get(0).equals("pg_catalog")
                || f.over() != null || f.aggStar() || f.aggDistinct() || f.funcVariadic() || !f.aggOrder().isEmpty()
                || f.aggFilter() != null || (only.coldeflist() != null && !only.coldeflist().isEmpty())) {
            return rf.functions();
        }
        List<RangeFunctionItem> items = new ArrayList<>();
        for (org.tusk.engine.nodes.RawNode arg : f.args()) {
            if (arg instanceof org.tusk.engine.nodes.NamedArgExpr) {
                return rf.functions();
            }
            items.add(new RangeFunctionItem(FuncCall.of(f.funcname(), List.of(arg), f.funcformat(), f.location()),
                    null));
        }
        return items;
    }

    /** generate_series / unnest with the arguments analyzed into {@code args}, or null when not one of them. */
    private static SetReturningFunction resolve(ExprAnalyzer ea, FuncCall f, List<Expr> args) {
        String name = f.lastName();
        if (f.over() != null || f.aggStar() || f.aggDistinct() || !f.aggOrder().isEmpty() || f.aggFilter() != null) {
            return null;
        }
        if (name.equals("generate_series") && f.args().size() >= 2 && f.args().size() <= 3) {
            for (org.tusk.engine.nodes.RawNode a : f.args()) {
                args.add(ea.transform(a));
            }
            PgType t = seriesType(args);
            if (t != null) {
                for (int i = 0; i < args.size(); i++) {
                    args.set(i, ea.coerce(args.get(i), t, -1, CastContext.IMPLICIT));
                }
                return new GenerateSeries(t);
            }
            args.clear();
        } else if (name.equals("pg_partition_tree") && f.args().size() == 1) {
            args.add(ea.coerce(ea.transform(f.args().get(0)), PgType.REGCLASS, -1, CastContext.IMPLICIT));
            return new PartitionTree();
        } else if (name.equals("pg_sequence_parameters") && f.args().size() == 1) {
            args.add(ea.coerce(ea.transform(f.args().get(0)), PgType.OID, -1, CastContext.IMPLICIT));
            return new SequenceParametersFunction();
        } else if (name.equals("pg_lock_status") && f.args().isEmpty()) {
            return new LockStatusFunction();
        } else if (name.equals("pg_listening_channels") && f.args().isEmpty()) {
            return new ListeningChannels();
        } else if (name.equals("unnest") && f.args().size() == 1) {
            Expr a = ea.transform(f.args().get(0));
            if (a.type().isArray()) {
                args.add(a);
                return new Unnest(a.type().elementType());
            }
        }
        return userSetFunction(ea, f, args);
    }

    /** A user-defined RETURNS SETOF / TABLE function, its arguments analyzed and coerced into {@code args}. */
    private static SetReturningFunction userSetFunction(ExprAnalyzer ea, FuncCall f, List<Expr> args) {
        List<String> qname = f.funcname();
        String schema = qname.size() == 2 ? qname.get(0) : null;
        if (qname.size() > 2 || !org.tusk.engine.func.UserProcs.anySetReturning(schema, f.lastName())) {
            return null;
        }
        List<Expr> analyzed = new ArrayList<>();
        List<PgType> types = new ArrayList<>();
        for (org.tusk.engine.nodes.RawNode a : f.args()) {
            Expr e = ea.transform(a);
            analyzed.add(e);
            types.add(e.type());
        }
        org.tusk.engine.func.Resolution res = org.tusk.engine.func.FunctionCatalog.lookup(schema, f.lastName(), types);
        if (!res.found() || !res.proc().returnsSet()) {
            return null;
        }
        org.tusk.engine.func.UserProcs.SetFunction set = org.tusk.engine.func.UserProcs.setFunction(res);
        if (set == null) {
            return null;
        }
        for (int i = 0; i < analyzed.size(); i++) {
            Expr c = ea.coerce(analyzed.get(i), res.coerceTo().get(i), -1, CastContext.IMPLICIT);
            args.add(c == null ? analyzed.get(i) : c);
        }
        return new UserSetFunction(f.lastName(), set, res.proc().strict());
    }

    /** A user-defined set-returning function (SQL or PL/pgSQL) as FunctionScan and ProjectSet call it. */
    private record UserSetFunction(String name, org.tusk.engine.func.UserProcs.SetFunction set, boolean strict)
            implements SetReturningFunction {
        List<String> columnNames() {
            return set.columnNames();
        }

        List<PgType> columnTypes() {
            return set.columnTypes();
        }

        @Override
        public PgType[] resultTypes() {
            return set.columnTypes().toArray(new PgType[0]);
        }

        @Override
        public Iterator<Object[]> call(Object[] args, EvalContext ctx) {
            return set.rows(args, ctx);
        }
    }

    /**
     * A set-returning function in the target list (ProjectSet): the query level
     * runs it per row and the expression reads its current value from a slot.
     * Null when the call is not a supported SRF.
     */
    static Expr targetListSrf(ExprAnalyzer ea, FuncCall f) {
        ParseState ps = ea.pstate();
        List<Expr> args = new ArrayList<>();
        SetReturningFunction srf = resolve(ea, f, args);
        if (srf == null || srf.resultTypes().length != 1) {
            return null;
        }
        return slotFor(ea, f, srf, args);
    }

    private static Expr slotFor(ExprAnalyzer ea, FuncCall f, SetReturningFunction srf, List<Expr> args) {
        ParseState ps = ea.pstate();
        if (ps.noAggregatesIn != null || ps.noSrfIn != null) {
            String where = ps.noSrfIn != null ? ps.noSrfIn : ps.noAggregatesIn;
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "set-returning functions are not allowed in " + where,
                    f.location());
        }
        if (ps.inAggregateArgs) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "aggregate function calls cannot contain set-returning function calls",
                    f.location());
        }
        Query q = ps.query;
        int typmod = srf instanceof ProcSrf p ? p.call().typmod() : -1;
        org.tusk.engine.expr.SlotExpr slot = new org.tusk.engine.expr.SlotExpr(org.tusk.engine.expr.SlotExpr.Kind.SRF,
                q.srfs.size(), f.lastName(), srf.resultTypes()[0], typmod, args);
        q.srfs.add(new Query.SrfSpec(slot, new FunctionScan.Call(srf, args)));
        return slot;
    }

    /** A target-list call of a set-returning built-in analyzed to {@code call} (its body returns a list). */
    static Expr targetListSrf(ExprAnalyzer ea, FuncCall f, org.tusk.engine.expr.FuncExpr call) {
        return slotFor(ea, f, new ProcSrf(f.lastName(), call), call.args());
    }

    private static PgType seriesType(List<Expr> args) {
        PgType best = null;
        for (Expr a : args) {
            PgType t = a.type();
            if (t == PgType.UNKNOWN) {
                continue;
            }
            if (t == PgType.NUMERIC || t == PgType.FLOAT8 || t == PgType.FLOAT4) {
                best = PgType.NUMERIC;
            } else if (t == PgType.INT8 && best != PgType.NUMERIC) {
                best = PgType.INT8;
            } else if ((t == PgType.INT4 || t == PgType.INT2) && best == null) {
                best = PgType.INT4;
            } else if (!t.isInteger()) {
                return null;
            }
        }
        return best == null ? PgType.INT4 : best;
    }

    /** A set-returning built-in of {@link org.tusk.engine.func.SetReturningBodies}: one row per value its body lists. */
    private record ProcSrf(String name, org.tusk.engine.expr.FuncExpr call) implements SetReturningFunction {
        @Override public PgType[] resultTypes() { return new PgType[] {call.type()}; }
        @Override public boolean strict() { return call.strict(); }

        @Override
        public Iterator<Object[]> call(Object[] args, EvalContext ctx) {
            return listedRows(call, args, ctx, v -> new Object[] {v});
        }
    }

    /** Runs a listing body and makes a row of each value it lists. */
    private static Iterator<Object[]> listedRows(org.tusk.engine.expr.FuncExpr call, Object[] args, EvalContext ctx,
            java.util.function.Function<Object, Object[]> toRow) {
        List<?> values = (List<?>) call.body().apply(args, ctx);
        List<Object[]> rows = new ArrayList<>(values.size());
        for (Object v : values) {
            rows.add(toRow.apply(v));
        }
        return rows.iterator();
    }

    /** A set-returning built-in whose values are records of a registered shape: a row of their fields each. */
    private record RecordSrf(String name, org.tusk.engine.expr.FuncExpr call, org.tusk.engine.types.RowType shape)
            implements SetReturningFunction {
        @Override public PgType[] resultTypes() {
            PgType[] out = new PgType[shape.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = shape.field(i).type();
            }
            return out;
        }
        @Override public boolean strict() { return call.strict(); }

        @Override
        public Iterator<Object[]> call(Object[] args, EvalContext ctx) {
            return listedRows(call, args, ctx, v -> ((org.tusk.engine.types.RecordValue) v).fields().clone());
        }
    }

    /** The record-returning functions whose columns the column definition list gives. */
    private static final java.util.Set<String> JSON_RECORD_FUNCTIONS = java.util.Set.of("json_to_record",
            "json_to_recordset", "jsonb_to_record", "jsonb_to_recordset");

    private static JsonRecordSrf jsonRecordSrf(ExprAnalyzer ea, FuncCall f, List<org.tusk.engine.nodes.ColumnDef> coldefs) {
        List<org.tusk.engine.func.JsonToRecord.Column> columns = new ArrayList<>();
        for (org.tusk.engine.nodes.ColumnDef cd : coldefs) {
            PgType[] type = new PgType[1];
            int typmod = ea.resolveTypeName(cd.typeName(), type);
            columns.add(new org.tusk.engine.func.JsonToRecord.Column(cd.colname(), type[0], typmod));
        }
        return new JsonRecordSrf(f.lastName(), columns);
    }

    /** json(b)_to_record(set) with a column definition list: the rows {@link org.tusk.engine.func.JsonToRecord} makes. */
    private record JsonRecordSrf(String name, List<org.tusk.engine.func.JsonToRecord.Column> columns)
            implements SetReturningFunction {
        @Override public PgType[] resultTypes() {
            return columns.stream().map(org.tusk.engine.func.JsonToRecord.Column::type).toArray(PgType[]::new);
        }
        @Override public boolean strict() { return false; }

        @Override
        public Iterator<Object[]> call(Object[] args, EvalContext ctx) {
            return org.tusk.engine.func.JsonToRecord.rows(name, args[0], columns, ctx).iterator();
        }
    }

    /** A scalar function in FROM: its value as the only row. */
    private record SingleRow(String name, PgType type) implements SetReturningFunction {
        @Override public PgType[] resultTypes() { return new PgType[] {type}; }
        @Override public boolean strict() { return false; }

        @Override
        public Iterator<Object[]> call(Object[] args, EvalContext ctx) {
            return List.<Object[]>of(new Object[] {args[0]}).iterator();
        }
    }

    /** A function in FROM returning a row type (json_populate_record): its value's fields as the only row. */
    private record SingleRecordRow(String name, org.tusk.engine.types.RowType shape) implements SetReturningFunction {
        @Override public PgType[] resultTypes() {
            return shape.fields().stream().map(org.tusk.engine.types.RowType.Field::type).toArray(PgType[]::new);
        }
        @Override public boolean strict() { return false; }

        @Override
        public Iterator<Object[]> call(Object[] args, EvalContext ctx) {
            Object[] row = args[0] == null ? new Object[shape.size()]
                    : ((org.tusk.engine.types.RecordValue) args[0]).fields().clone();
            return List.<Object[]>of(row).iterator();
        }
    }

    /** pg_partition_tree(regclass): relid, parentrelid, isleaf, level of every relation of the tree. */
    private record PartitionTree() implements SetReturningFunction {
        static final List<String> COLUMNS = List.of("relid", "parentrelid", "isleaf", "level");

        @Override public String name() { return "pg_partition_tree"; }
        @Override public PgType[] resultTypes() {
            return new PgType[] {PgType.REGCLASS, PgType.REGCLASS, PgType.BOOL, PgType.INT4};
        }
        @Override public boolean strict() { return true; }

        @Override
        public Iterator<Object[]> call(Object[] args, EvalContext ctx) {
            return org.tusk.engine.func.sysinfo.SysInfoFunctions.partitionTree(args[0], ctx).iterator();
        }
    }

    /** pg_sequence_parameters(oid): one row of the sequence's parameters (its OUT parameters as columns). */
    private record SequenceParametersFunction() implements SetReturningFunction {
        static final List<String> COLUMNS = List.of("start_value", "minimum_value", "maximum_value", "increment",
                "cycle_option", "cache_size", "data_type");

        @Override public String name() { return "pg_sequence_parameters"; }
        @Override public PgType[] resultTypes() {
            return new PgType[] {PgType.INT8, PgType.INT8, PgType.INT8, PgType.INT8, PgType.BOOL, PgType.INT8, PgType.OID};
        }
        @Override public boolean strict() { return true; }

        @Override
        public Iterator<Object[]> call(Object[] args, EvalContext ctx) {
            return List.<Object[]>of(org.tusk.engine.commands.sequence.SequenceFunctions.sequenceParametersRow(ctx,
                    ((Number) args[0]).longValue())).iterator();
        }
    }

    /** pg_lock_status(): the lock manager's entries (its OUT parameters as columns), what the pg_locks view shows. */
    private record LockStatusFunction() implements SetReturningFunction {
        @Override public String name() { return "pg_lock_status"; }
        @Override public PgType[] resultTypes() {
            return org.tusk.engine.catalog.PgLocks.COLUMNS.stream().map(org.tusk.engine.catalog.RelationColumn::type)
                    .toArray(PgType[]::new);
        }
        @Override public boolean strict() { return false; }

        @Override
        public Iterator<Object[]> call(Object[] args, EvalContext ctx) {
            return new org.tusk.engine.catalog.PgLocks().scan(ctx.session()).iterator();
        }
    }

    /** pg_listening_channels(): the channels this session listens on. */
    private record ListeningChannels() implements SetReturningFunction {
        @Override public String name() { return "pg_listening_channels"; }
        @Override public PgType[] resultTypes() { return new PgType[] {PgType.TEXT}; }
        @Override public boolean strict() { return false; }

        @Override
        public Iterator<Object[]> call(Object[] args, EvalContext ctx) {
            List<Object[]> rows = new ArrayList<>();
            for (String channel : ctx.session().listeningChannels()) {
                rows.add(new Object[] {channel});
            }
            return rows.iterator();
        }
    }

    /** unnest(anyarray): the elements in storage order. */
    private record Unnest(PgType elementType) implements SetReturningFunction {
        @Override public String name() { return "unnest"; }
        @Override public PgType[] resultTypes() { return new PgType[] {elementType}; }
        @Override public boolean strict() { return true; }

        @Override
        public Iterator<Object[]> call(Object[] args, EvalContext ctx) {
            ArrayValue a = (ArrayValue) args[0];
            List<Object[]> rows = new ArrayList<>();
            for (int i = 0; i < a.size(); i++) {
                rows.add(new Object[] {a.element(i)});
            }
            return rows.iterator();
        }
    }
}
