package org.tusk.engine.analyze;

import java.util.ArrayList;
import java.util.List;

import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.executor.WindowFrame;
import org.tusk.engine.expr.Expr;
import org.tusk.engine.nodes.RawNode;
import org.tusk.engine.nodes.SortBy;
import org.tusk.engine.nodes.SortByDir;
import org.tusk.engine.nodes.SortByNulls;
import org.tusk.engine.nodes.WindowDef;
import org.tusk.engine.types.PgType;

/**
 * transformWindowDefinitions for one OVER clause: a named window (WINDOW w AS
 * (...)) or an inline definition that may copy a named one's PARTITION BY and
 * ORDER BY, with PostgreSQL's rules and errors for overriding them.
 */
final class WindowSpecBuilder {
    private WindowSpecBuilder() {}

    record Spec(List<Expr> partitionBy, List<SortKey> orderBy, WindowFrame frame) {}

    static Spec resolve(ExprAnalyzer ea, WindowDef over, ParseState pstate) {
        WindowDef def = over;
        if (over.name() != null && over.partitionClause().isEmpty() && over.orderClause().isEmpty()
                && over.refname() == null && (over.frameOptions() & WindowDef.FRAMEOPTION_NONDEFAULT) == 0) {
            def = named(pstate, over.name(), over.location());
        }
        List<RawNode> partition = def.partitionClause();
        List<SortBy> order = def.orderClause();
        int frameOptions = def.frameOptions();
        RawNode startOffset = def.startOffset();
        RawNode endOffset = def.endOffset();
        if (def.refname() != null) {
            WindowDef ref = named(pstate, def.refname(), def.location());
            if (!partition.isEmpty()) {
                throw Ereport.error("42P20", "cannot override PARTITION BY clause of window \"" + def.refname() + "\"",
                        def.location());
            }
            partition = ref.partitionClause();
            if (!ref.orderClause().isEmpty()) {
                if (!order.isEmpty()) {
                    throw Ereport.error("42P20", "cannot override ORDER BY clause of window \"" + def.refname() + "\"",
                            def.location());
                }
                order = ref.orderClause();
            }
            if ((ref.frameOptions() & WindowDef.FRAMEOPTION_NONDEFAULT) != 0) {
                throw Ereport.error("42P20", "cannot copy window \"" + def.refname() + "\" because it has a frame clause",
                        def.location());
            }
        }
        List<Expr> parts = new ArrayList<>();
        List<SortKey> keys = new ArrayList<>();
        String saved = pstate.noWindowFunctionsIn;
        pstate.noWindowFunctionsIn = "window definitions";
        try {
            for (RawNode p : partition) {
                Expr e = ea.resolveUnknownAsText(ea.transform(p));
                SortGroupOperators.requireEquality(e.type(), ExprAnalyzer.locationOf(p));
                parts.add(e);
            }
            for (SortBy sb : order) {
                Expr e = ea.resolveUnknownAsText(ea.transform(sb.node()));
                if (sb.sortbyDir() != SortByDir.USING) {
                    SortGroupOperators.requireOrdering(e.type(), ExprAnalyzer.locationOf(sb.node()));
                }
                boolean desc = sb.sortbyDir() == SortByDir.DESC;
                boolean nullsFirst = sb.sortbyNulls() == SortByNulls.DEFAULT ? desc : sb.sortbyNulls() == SortByNulls.FIRST;
                keys.add(new SortKey(e, desc, nullsFirst));
            }
            Expr start = offset(ea, startOffset, frameOptions, keys, def.location());
            Expr end = offset(ea, endOffset, frameOptions, keys, def.location());
            WindowFrame frame = AggregateAnalyzer.frame(frameOptions, start, end);
            if (frame.mode() == WindowFrame.Mode.RANGE && (start != null || end != null) && keys.size() != 1) {
                throw Ereport.error("42P20", "RANGE with offset PRECEDING/FOLLOWING requires exactly one ORDER BY column",
                        def.location());
            }
            if (frame.mode() == WindowFrame.Mode.GROUPS && keys.isEmpty()) {
                throw Ereport.error("42P20", "GROUPS mode requires an ORDER BY clause", def.location());
            }
            return new Spec(parts, keys, frame);
        } finally {
            pstate.noWindowFunctionsIn = saved;
        }
    }

    private static Expr offset(ExprAnalyzer ea, RawNode node, int options, List<SortKey> keys, int location) {
        if (node == null) {
            return null;
        }
        Expr e = ea.transform(node);
        if ((options & WindowDef.FRAMEOPTION_RANGE) != 0) {
            PgType target = keys.size() == 1 ? keys.get(0).expr().type() : PgType.INT8;
            return ea.coerceToSpecific(e, target, "RANGE", location);
        }
        return ea.coerceToSpecific(e, PgType.INT8, (options & WindowDef.FRAMEOPTION_ROWS) != 0 ? "ROWS" : "GROUPS",
                location);
    }

    private static WindowDef named(ParseState pstate, String name, int location) {
        WindowDef d = pstate.windowDefs.get(name);
        if (d == null) {
            throw Ereport.error(SqlState.UNDEFINED_OBJECT, "window \"" + name + "\" does not exist", location);
        }
        return d;
    }
}
