package org.tusk.engine.analyze;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.tusk.api.error.PgException;
import org.tusk.api.error.Severity;
import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.executor.AggCall;
import org.tusk.engine.executor.AggregateFunction;
import org.tusk.engine.executor.BuiltinAggregates;
import org.tusk.engine.executor.SortColumn;
import org.tusk.engine.executor.WindowCall;
import org.tusk.engine.executor.WindowFrame;
import org.tusk.engine.expr.Expr;
import org.tusk.engine.expr.SlotExpr;
import org.tusk.engine.func.CastContext;
import org.tusk.engine.func.FunctionCatalog;
import org.tusk.engine.func.Resolution;
import org.tusk.engine.nodes.FuncCall;
import org.tusk.engine.nodes.GroupingFunc;
import org.tusk.engine.nodes.RawNode;
import org.tusk.engine.nodes.SortBy;
import org.tusk.engine.nodes.WindowDef;
import org.tusk.engine.types.PgType;

/**
 * parse_agg.c's transformAggregateCall / transformWindowFuncCall / GROUPING():
 * checks where they may appear, resolves the aggregate's signature through
 * pg_proc, binds the implementation, and gives each call a {@link SlotExpr}
 * of its query level.
 */
final class AggregateAnalyzer {
    private static final Set<String> AGGREGATES = Set.of("count", "sum", "avg", "min", "max", "bool_and", "bool_or",
            "every", "string_agg");

    private final ExprAnalyzer ea;

    AggregateAnalyzer(ExprAnalyzer ea) {
        this.ea = ea;
    }

    /**
     * Whether {@code name} is an aggregate Tusk can run: the executor's own, or a pg_proc
     * aggregate (prokind 'a') that func.agg implements (array_agg, bit_and, stddev, ...).
     * Ordered-set and other unimplemented aggregates stay out, so they fail as before.
     */
    static boolean isAggregate(String name) {
        if (AGGREGATES.contains(name) || org.tusk.engine.func.UserProcs.anyAggregate(name)
                || org.tusk.engine.executor.OrderedSetAggregates.NAMES.contains(name)
                || org.tusk.engine.func.JsonAggregates.NAMES.contains(name)) {
            return true;
        }
        for (org.tusk.engine.func.ProcEntry p : org.tusk.engine.func.BuiltinCatalog.get().procs(name)) {
            if (org.tusk.engine.func.agg.Aggregates.implemented(p)) {
                return true;
            }
        }
        return false;
    }

    Expr aggregate(FuncCall f) {
        return aggregate(f, false);
    }

    /** {@code windowed}: an aggregate used as a window function, whose arguments may contain plain aggregates. */
    private Expr aggregate(FuncCall f, boolean windowed) {
        ParseState pstate = ea.pstate();
        String name = f.lastName();
        if (pstate.noAggregatesIn != null) {
            throw Ereport.error(SqlState.GROUPING_ERROR, "aggregate functions are not allowed in " + pstate.noAggregatesIn,
                    f.location());
        }
        if (pstate.inAggregateArgs) {
            throw Ereport.error(SqlState.GROUPING_ERROR, "aggregate function calls cannot be nested", f.location());
        }
        pstate.inAggregateArgs = !windowed;
        List<Expr> args = new ArrayList<>();
        Expr filter = null;
        List<Expr> orderExprs = new ArrayList<>();
        List<SortColumn> orderDirs = new ArrayList<>();
        try {
            for (RawNode a : f.args()) {
                args.add(ea.transform(a));
                if (f.aggDistinct()) {
                    SortGroupOperators.requireEquality(args.get(args.size() - 1).type(), ExprAnalyzer.locationOf(a));
                }
            }
            if (f.aggFilter() != null) {
                filter = ea.coerceToBoolean(ea.transform(f.aggFilter()), "FILTER", f.aggFilter().location());
            }
            for (SortBy sb : f.aggOrder()) {
                Expr key = ea.resolveUnknownAsText(ea.transform(sb.node()));
                if (sb.sortbyDir() != org.tusk.engine.nodes.SortByDir.USING) {
                    SortGroupOperators.requireOrdering(key.type(), ExprAnalyzer.locationOf(sb.node()));
                }
                orderExprs.add(key);
                boolean desc = sb.sortbyDir() == org.tusk.engine.nodes.SortByDir.DESC;
                boolean nullsFirst = sb.sortbyNulls() == org.tusk.engine.nodes.SortByNulls.DEFAULT ? desc
                        : sb.sortbyNulls() == org.tusk.engine.nodes.SortByNulls.FIRST;
                orderDirs.add(new SortColumn(orderDirs.size(), desc, nullsFirst));
            }
        } finally {
            pstate.inAggregateArgs = false;
        }
        if (org.tusk.engine.executor.OrderedSetAggregates.NAMES.contains(name)
                && !org.tusk.engine.func.UserProcs.anyAggregate(name)) {
            return orderedSet(f, name, args, filter, orderExprs, orderDirs);
        }
        if (f.aggStar() && !name.equals("count") && !org.tusk.engine.func.UserProcs.anyAggregate(name)) {
            throw Ereport.error("42809", name + "(*) specified, but " + name + " is not an aggregate function", f.location());
        }
        if (name.equals("count") && args.size() == 1) {
            args.set(0, ea.resolveUnknownAsText(args.get(0)));
        }
        List<PgType> types = new ArrayList<>();
        for (Expr a : args) {
            types.add(a.type());
        }
        Resolution res = FunctionCatalog.lookup(name, types);
        if (res.status() == Resolution.Status.AMBIGUOUS) {
            throw new PgException(Severity.ERROR, SqlState.AMBIGUOUS_FUNCTION, "function " + name + "("
                    + typeList(types) + ") is not unique", null,
                    "Could not choose a best candidate function. You might need to add explicit type casts.",
                    f.location() + 1, null);
        }
        if (!res.found()) {
            throw new PgException(Severity.ERROR, SqlState.UNDEFINED_FUNCTION, "function " + name + "(" + typeList(types)
                    + ") does not exist", null,
                    "No function matches the given name and argument types. You might need to add explicit type casts.",
                    f.location() + 1, null);
        }
        List<Expr> coerced = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            PgType target = res.coerceTo().get(i);
            Expr a = args.get(i);
            if (target.isPseudo()) {
                coerced.add(ea.resolveUnknownAsText(a));
            } else {
                coerced.add(ea.coerce(a, target, -1, CastContext.IMPLICIT));
            }
        }
        AggregateFunction fn = implementation(name, coerced, res, f.location());
        PgType resultType = res.resultType() != null && !res.resultType().isPseudo() ? res.resultType() : fn.resultType();
        Query q = pstate.query;
        SlotExpr slot = new SlotExpr(SlotExpr.Kind.AGGREGATE, q.aggregates.size(), name, resultType, coerced);
        q.aggregates.add(new Query.AggSpec(slot, new AggCall(fn, coerced, f.aggDistinct(), filter, orderExprs, orderDirs)));
        return slot;
    }

    /**
     * percentile_cont, percentile_disc and mode (orderedsetaggs.c): the direct arguments (the
     * fraction, coerced to double precision) and the WITHIN GROUP value become the aggregate's
     * arguments, its ordering the input order the Agg node sorts by. percentile_cont interpolates
     * double precision or interval values; an array of fractions gives an array of results.
     */
    private Expr orderedSet(FuncCall f, String name, List<Expr> direct, Expr filter, List<Expr> orderExprs,
            List<SortColumn> orderDirs) {
        boolean percentile = !name.equals("mode");
        // without WITHIN GROUP, or with other arguments, no pg_proc entry matches (func_get_detail)
        if (!f.aggWithinGroup() || orderExprs.size() != 1 || direct.size() != (percentile ? 1 : 0)
                || f.aggDistinct()) {
            List<PgType> types = new ArrayList<>(types(direct));
            types.addAll(types(orderExprs));
            throw new PgException(Severity.ERROR, SqlState.UNDEFINED_FUNCTION, "function " + name + "("
                    + typeList(types) + ") does not exist", null,
                    "No function matches the given name and argument types. You might need to add explicit type casts.",
                    f.location() + 1, null);
        }
        Expr value = orderExprs.get(0);
        List<Expr> args = new ArrayList<>();
        // the fraction: double precision, or an array of them (the _multi_final forms)
        boolean multi = percentile && direct.get(0).type().elementType() != null;
        if (percentile) {
            args.add(ea.coerce(direct.get(0), multi ? PgType.FLOAT8_ARRAY : PgType.FLOAT8, -1, CastContext.IMPLICIT));
        }
        AggregateFunction fn;
        if (name.equals("percentile_cont")) {
            if (value.type() != PgType.INTERVAL) {
                value = ea.coerce(value, PgType.FLOAT8, -1, CastContext.IMPLICIT);
                orderExprs = List.of(value);
            }
            fn = org.tusk.engine.executor.OrderedSetAggregates.percentileCont(value.type(), multi);
        } else if (name.equals("percentile_disc")) {
            fn = org.tusk.engine.executor.OrderedSetAggregates.percentileDisc(value.type(), multi);
        } else {
            fn = org.tusk.engine.executor.OrderedSetAggregates.mode(value.type());
        }
        args.add(value);
        Query q = ea.pstate().query;
        SlotExpr slot = new SlotExpr(SlotExpr.Kind.AGGREGATE, q.aggregates.size(), name, fn.resultType(), args);
        q.aggregates.add(new Query.AggSpec(slot, new AggCall(fn, args, false, filter, orderExprs, orderDirs)));
        return slot;
    }

    /** The executor's built-in aggregate, else the pg_aggregate row's implementation in func.agg. */
    private static AggregateFunction implementation(String name, List<Expr> args, Resolution res, int location) {
        if (res.proc() != null && res.proc().kind() == 'a') {
            org.tusk.engine.func.UserProcs.AggregateDef def = org.tusk.engine.func.UserProcs.aggregate(res.proc());
            if (def != null) {
                return new UserAggregate(def);
            }
        }
        AggregateFunction fn;
        if (args.isEmpty()) {
            fn = name.equals("count") ? BuiltinAggregates.countStar() : null;
        } else if ((fn = org.tusk.engine.func.JsonAggregates.lookup(name, types(args))) != null) {
            return fn;
        } else if (name.equals("string_agg")) {
            fn = args.get(0).type() == PgType.TEXT ? BuiltinAggregates.stringAgg() : null;
        } else {
            fn = BuiltinAggregates.lookup(name, args.get(0).type());
        }
        if (fn == null && res.proc() != null && res.proc().kind() == 'a') {
            org.tusk.engine.func.agg.AggregateFunction proc = org.tusk.engine.func.agg.Aggregates.forProc(res.proc(),
                    res.resultType() != null ? res.resultType() : res.proc().resultType());
            fn = proc == null ? null : new org.tusk.engine.executor.ProcAggregate(name, proc);
        }
        if (fn == null) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "aggregate function " + name + "(" + typeList(types(args))
                    + ") is not supported yet", location);
        }
        return fn;
    }

    private static List<PgType> types(List<Expr> args) {
        List<PgType> out = new ArrayList<>();
        for (Expr a : args) {
            out.add(a.type());
        }
        return out;
    }

    private static String typeList(List<PgType> types) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < types.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(types.get(i).displayName());
        }
        return sb.toString();
    }

    // ---- window functions ----

    Expr windowFunction(FuncCall f) {
        ParseState pstate = ea.pstate();
        String name = f.lastName();
        if (pstate.noWindowFunctionsIn != null) {
            throw Ereport.error("42P20", "window functions are not allowed in " + pstate.noWindowFunctionsIn, f.location());
        }
        if (pstate.inWindowArgs) {
            throw Ereport.error("42P20", "window function calls cannot be nested", f.location());
        }
        if (pstate.inAggregateArgs) {
            throw Ereport.error(SqlState.GROUPING_ERROR, "aggregate function calls cannot contain window function calls",
                    f.location());
        }
        WindowCall.Kind kind = WindowCall.kindOf(name);
        if (kind == null && !isAggregate(name)) {
            throw Ereport.error("42809", "OVER specified, but " + name + " is not a window function nor an aggregate function",
                    f.location());
        }
        WindowSpecBuilder.Spec specKey = WindowSpecBuilder.resolve(ea, f.over(), pstate);
        Query q = pstate.query;
        Query.WindowSpec spec = null;
        for (Query.WindowSpec s : q.windows) {
            if (s.partitionBy.equals(specKey.partitionBy()) && s.orderBy.equals(specKey.orderBy())
                    && s.frame.equals(specKey.frame())) {
                spec = s;
                break;
            }
        }
        if (spec == null) {
            spec = new Query.WindowSpec();
            spec.partitionBy.addAll(specKey.partitionBy());
            spec.orderBy.addAll(specKey.orderBy());
            spec.frame = specKey.frame();
            q.windows.add(spec);
        }
        int slotIndex = 0;
        for (Query.WindowSpec s : q.windows) {
            slotIndex += s.calls.size();
        }
        if (kind == null) {
            // an aggregate over the window: analyze it as one, then move it from the aggregates to the window
            pstate.inWindowArgs = true;
            Expr agg;
            try {
                agg = aggregate(new FuncCall(f.funcname(), f.args(), f.aggOrder(), f.aggFilter(), null, f.aggWithinGroup(),
                        f.aggStar(), f.aggDistinct(), f.funcVariadic(), f.funcformat(), f.location()), true);
            } finally {
                pstate.inWindowArgs = false;
            }
            Query.AggSpec a = q.aggregates.remove(q.aggregates.size() - 1);
            if (a.call().distinct()) {
                throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "DISTINCT is not implemented for window functions",
                        f.location());
            }
            SlotExpr slot = new SlotExpr(SlotExpr.Kind.WINDOW, slotIndex, name, agg.type(), a.call().args());
            spec.calls.add(new WindowCall(WindowCall.Kind.AGGREGATE, a.call().args(), a.call().function(),
                    a.call().filter()));
            spec.slots.add(slot);
            return slot;
        }
        List<Expr> args = new ArrayList<>();
        pstate.inWindowArgs = true;
        try {
            for (RawNode r : f.args()) {
                args.add(ea.transform(r));
            }
        } finally {
            pstate.inWindowArgs = false;
        }
        PgType type;
        switch (kind) {
            case ROW_NUMBER: case RANK: case DENSE_RANK:
                expectArgs(name, args, 0, 0, f.location());
                type = PgType.INT8;
                break;
            case PERCENT_RANK: case CUME_DIST:
                expectArgs(name, args, 0, 0, f.location());
                type = PgType.FLOAT8;
                break;
            case NTILE:
                expectArgs(name, args, 1, 1, f.location());
                args.set(0, ea.coerceToSpecific(args.get(0), PgType.INT4, "ntile", f.location()));
                type = PgType.INT4;
                break;
            case LAG: case LEAD:
                expectArgs(name, args, 1, 3, f.location());
                args.set(0, ea.resolveUnknownAsText(args.get(0)));
                type = args.get(0).type();
                if (args.size() > 1) {
                    args.set(1, ea.coerceToSpecific(args.get(1), PgType.INT4, name, f.location()));
                }
                if (args.size() > 2) {
                    Expr d = ea.coerce(args.get(2), type, -1, CastContext.IMPLICIT);
                    if (d == null) {
                        throw new PgException(Severity.ERROR, SqlState.UNDEFINED_FUNCTION, "function " + name + "("
                                + typeList(types(args)) + ") does not exist", null,
                                "No function matches the given name and argument types. You might need to add explicit type casts.",
                                f.location() + 1, null);
                    }
                    args.set(2, d);
                }
                break;
            case NTH_VALUE:
                expectArgs(name, args, 2, 2, f.location());
                args.set(0, ea.resolveUnknownAsText(args.get(0)));
                args.set(1, ea.coerceToSpecific(args.get(1), PgType.INT4, "nth_value", f.location()));
                type = args.get(0).type();
                break;
            default:
                expectArgs(name, args, 1, 1, f.location());
                args.set(0, ea.resolveUnknownAsText(args.get(0)));
                type = args.get(0).type();
                break;
        }
        SlotExpr slot = new SlotExpr(SlotExpr.Kind.WINDOW, slotIndex, name, type, args);
        spec.calls.add(new WindowCall(kind, args, null, null));
        spec.slots.add(slot);
        return slot;
    }

    private static void expectArgs(String name, List<Expr> args, int min, int max, int location) {
        if (args.size() < min || args.size() > max) {
            throw new PgException(Severity.ERROR, SqlState.UNDEFINED_FUNCTION, "function " + name + "("
                    + typeList(types(args)) + ") does not exist", null,
                    "No function matches the given name and argument types. You might need to add explicit type casts.",
                    location + 1, null);
        }
    }

    // ---- GROUPING() ----

    Expr grouping(GroupingFunc g) {
        ParseState pstate = ea.pstate();
        if (pstate.noAggregatesIn != null) {
            throw Ereport.error(SqlState.GROUPING_ERROR, "grouping operations are not allowed in " + pstate.noAggregatesIn,
                    g.location());
        }
        List<Expr> args = new ArrayList<>();
        for (RawNode r : g.args()) {
            args.add(ea.transform(r));
        }
        if (args.size() > 31) {
            throw Ereport.error("54011", "GROUPING must have fewer than 32 arguments", g.location());
        }
        GroupingExpr e = new GroupingExpr(args);
        pstate.groupingCalls.add(e);
        return pstate.at(e, g.location());
    }

    /** The WindowFrame for a WindowDef's frame options. */
    static WindowFrame frame(int o, Expr startOffset, Expr endOffset) {
        if ((o & WindowDef.FRAMEOPTION_NONDEFAULT) == 0) {
            return WindowFrame.DEFAULT;
        }
        WindowFrame.Mode mode = (o & WindowDef.FRAMEOPTION_ROWS) != 0 ? WindowFrame.Mode.ROWS
                : (o & WindowDef.FRAMEOPTION_GROUPS) != 0 ? WindowFrame.Mode.GROUPS : WindowFrame.Mode.RANGE;
        WindowFrame.Bound start = (o & WindowDef.FRAMEOPTION_START_UNBOUNDED_PRECEDING) != 0
                ? WindowFrame.Bound.UNBOUNDED_PRECEDING
                : (o & WindowDef.FRAMEOPTION_START_CURRENT_ROW) != 0 ? WindowFrame.Bound.CURRENT_ROW
                : (o & WindowDef.FRAMEOPTION_START_OFFSET_PRECEDING) != 0 ? WindowFrame.Bound.OFFSET_PRECEDING
                : (o & WindowDef.FRAMEOPTION_START_OFFSET_FOLLOWING) != 0 ? WindowFrame.Bound.OFFSET_FOLLOWING
                : WindowFrame.Bound.UNBOUNDED_FOLLOWING;
        WindowFrame.Bound end = (o & WindowDef.FRAMEOPTION_END_UNBOUNDED_FOLLOWING) != 0
                ? WindowFrame.Bound.UNBOUNDED_FOLLOWING
                : (o & WindowDef.FRAMEOPTION_END_CURRENT_ROW) != 0 ? WindowFrame.Bound.CURRENT_ROW
                : (o & WindowDef.FRAMEOPTION_END_OFFSET_PRECEDING) != 0 ? WindowFrame.Bound.OFFSET_PRECEDING
                : (o & WindowDef.FRAMEOPTION_END_OFFSET_FOLLOWING) != 0 ? WindowFrame.Bound.OFFSET_FOLLOWING
                : (o & WindowDef.FRAMEOPTION_BETWEEN) == 0 ? WindowFrame.Bound.CURRENT_ROW
                : WindowFrame.Bound.UNBOUNDED_PRECEDING;
        WindowFrame.Exclusion ex = (o & WindowDef.FRAMEOPTION_EXCLUDE_CURRENT_ROW) != 0 ? WindowFrame.Exclusion.CURRENT_ROW
                : (o & WindowDef.FRAMEOPTION_EXCLUDE_GROUP) != 0 ? WindowFrame.Exclusion.GROUP
                : (o & WindowDef.FRAMEOPTION_EXCLUDE_TIES) != 0 ? WindowFrame.Exclusion.TIES
                : WindowFrame.Exclusion.NO_OTHERS;
        return new WindowFrame(mode, start, startOffset, end, endOffset, ex);
    }
}
