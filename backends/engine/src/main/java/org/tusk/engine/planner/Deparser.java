package org.tusk.engine.planner;

import java.util.ArrayList;
import java.util.List;

import org.tusk.engine.analyze.Query;
import org.tusk.engine.analyze.SortKey;
import org.tusk.engine.expr.*;
import org.tusk.engine.types.PgType;

/**
 * ruleutils.c's deparse for EXPLAIN: expressions as PostgreSQL prints them in
 * "Filter:", "Hash Cond:", "Sort Key:" lines (columns qualified by their range
 * table entry when the level has more than one, operators parenthesized,
 * constants with a cast when their type is not implied).
 */
public final class Deparser {
    private Deparser() {}

    static String list(List<Expr> exprs, Query q) {
        List<String> out = new ArrayList<>();
        for (Expr e : exprs) {
            out.add(expr(e, q));
        }
        return String.join(", ", out);
    }

    /**
     * A Sort node's key: a computed key refers to its input's target list, and
     * ruleutils parenthesizes such a reference (get_variable's "force
     * parentheses"), so anything but a plain column prints in an extra pair.
     */
    static String sortExpr(Expr e, Query q) {
        String s = expr(e, q);
        return e instanceof VarExpr ? s : "(" + s + ")";
    }

    static String sortKey(SortKey k, Query q) {
        return withDirection(sortExpr(k.expr(), q), k);
    }

    /** A sort key's expression text followed by its DESC / NULLS FIRST|LAST where not the default. */
    private static String withDirection(String s, SortKey k) {
        if (k.descending()) {
            s += " DESC";
            if (!k.nullsFirst()) {
                s += " NULLS LAST";
            }
        } else if (k.nullsFirst()) {
            s += " NULLS FIRST";
        }
        return s;
    }

    /** A Group Key list under EXPLAIN VERBOSE: columns always qualified. */
    static String listQualified(List<Expr> exprs) {
        List<String> out = new ArrayList<>();
        for (Expr e : exprs) {
            out.add(deparse(e, true, true));
        }
        return String.join(", ", out);
    }

    /** A Sort Key under EXPLAIN VERBOSE: columns always qualified (show_sort_group_keys with es->verbose). */
    static String sortKeyQualified(SortKey k, Query q) {
        String s = deparse(k.expr(), true, true);
        if (!(k.expr() instanceof VarExpr)) {
            s = "(" + s + ")";
        }
        return withDirection(s, k);
    }

    /** Set while deparsing a stored definition (an index's expressions): constants' casts stay as written. */
    private static final ThreadLocal<Boolean> AS_WRITTEN = new ThreadLocal<>();

    /** An index expression or predicate as pg_index keeps it: unqualified, not constant-folded. */
    public static String unqualifiedAsWritten(Expr e) {
        AS_WRITTEN.set(Boolean.TRUE);
        try {
            return deparse(e, false, true);
        } finally {
            AS_WRITTEN.remove();
        }
    }

    /** Columns prefixed by their relation's name or alias, as EXPLAIN VERBOSE shows every qualification. */
    static String qualified(Expr e) {
        return deparse(e, true, true);
    }

    /** For a scan's own filter: columns unqualified, as there is only one relation. */
    public static String unqualified(Expr e) {
        return deparse(e, false, true);
    }

    static String expr(Expr e, Query q) {
        boolean qualify = SubPlans.flattenedRangeTables()
                || q.rtable.stream().filter(r -> r.kind != org.tusk.engine.analyze.RangeTblEntry.Kind.JOIN).count() > 1;
        return deparse(e, qualify, true);
    }

    private static String deparse(Expr e, boolean qualify, boolean top) {
        if (e instanceof VarExpr v) {
            return qualify && v.relationName() != null ? v.relationName() + "." + v.columnName() : v.columnName();
        }
        if (e instanceof ConstExpr c) {
            if (c.value() == null) {
                return "NULL::" + c.type().displayName();
            }
            if (c.type() == PgType.INT4 && !c.value().toString().startsWith("-")) {
                return c.value().toString();
            }
            if (c.type() == PgType.NUMERIC && c.typmod() < 0) {
                // get_const_expr: a numeric that looks like a float constant (digits with '.' or an exponent)
                // goes unlabeled; an integral one is quoted and cast, so it does not read back as int4
                String text = org.tusk.engine.types.TextFormat.output(c.type(), c.value(),
                        org.tusk.engine.types.TypeContext.DEFAULT);
                if (!text.isEmpty() && Character.isDigit(text.charAt(0)) && text.matches("[0-9.eE+-]*[.eE][0-9.eE+-]*")) {
                    return text;
                }
            }
            if (c.type() == PgType.BOOL) {
                return c.value().toString();
            }
            String text;
            try {
                text = org.tusk.engine.types.TextFormat.output(c.type(), c.value(),
                        org.tusk.engine.types.TypeContext.DEFAULT);
            } catch (RuntimeException ex) {
                text = c.value().toString();
            }
            return "'" + text.replace("'", "''") + "'::" + (c.type() == PgType.RECORD ? c.type().displayName(c.typmod())
                    : c.type().displayName());
        }
        if (e instanceof ParamExpr p) {
            return "$" + (p.index() + 1);
        }
        if (e instanceof ExecParamExpr p) {
            // inside a described subplan, a parameter set from the outer row prints as what it reads (ruleutils)
            Expr outer = SubPlans.outerValue(p.slot());
            return outer != null ? deparse(outer, true, top) : "$" + p.slot();
        }
        if (e instanceof SlotExpr s) {
            List<String> args = new ArrayList<>();
            for (Expr a : s.args()) {
                args.add(deparse(a, qualify, true));
            }
            return s.name() + "(" + (args.isEmpty() && s.kind() == SlotExpr.Kind.AGGREGATE ? "*" : String.join(", ", args))
                    + ")" + (s.kind() == SlotExpr.Kind.WINDOW ? " OVER (?)" : "");
        }
        if (e instanceof FuncExpr f && f.name().equals("subscript") && f.args().size() == 2) {
            // a fixed-length type's subscript (point[0]); ruleutils parenthesizes all but a plain column
            Expr base = f.args().get(0);
            String b = deparse(base, qualify, true);
            return (base instanceof VarExpr ? b : "(" + b + ")") + "[" + deparse(f.args().get(1), qualify, true) + "]";
        }
        if (e instanceof FuncExpr f && f.args().size() == 1 && f.type() != null && f.volatility() == 'i'
                && AS_WRITTEN.get() == null
                && f.name().equals(f.type().typname()) && f.args().get(0) instanceof ConstExpr c
                && c.value() != null && c.type() != f.type()) {
            // a cast of a constant the planner would have folded (eval_const_expressions)
            try {
                Object v = f.body().apply(new Object[] {c.value()}, null);
                if (v != null) {
                    return deparse(new ConstExpr(f.type(), f.typmod(), v), qualify, top);
                }
            } catch (RuntimeException ignored) {
                // shown unfolded
            }
        }
        if (e instanceof FuncExpr f && f.args().size() == 1 && f.type() != null
                && (f.name().equals(f.type().typname()) && f.args().get(0).type() != f.type()
                        || f.body() instanceof org.tusk.engine.func.CastBody cast
                                && cast.identity().kind() == org.tusk.engine.func.CastBody.Kind.LENGTH)) {
            // a cast function (get_coercion_expr): (arg)::type, a length coercion (x::numeric(10,2)) too
            return "(" + deparse(f.args().get(0), qualify, true) + ")::" + f.type().displayName(f.typmod());
        }
        if (SqlValueFunctions.isKeyword(e)) {
            return ((FuncExpr) e).name();
        }
        if (e instanceof FuncExpr f) {
            if (f.args().size() == 2 && !Character.isLetter(f.name().charAt(0))) {
                String s = deparse(f.args().get(0), qualify, false) + " " + f.name() + " " + deparse(f.args().get(1), qualify, false);
                return "(" + s + ")";
            }
            return f.name() + "(" + list(f.args(), qualify) + ")";
        }
        if (e instanceof ScalarArrayOpExpr sa) {
            return "(" + deparse(sa.left(), qualify, false) + " " + sa.name() + " " + (sa.useOr() ? "ANY" : "ALL") + " ("
                    + deparse(sa.right(), qualify, true) + "))";
        }
        if (e instanceof ArrayExpr a) {
            return "ARRAY[" + list(a.elements(), qualify) + "]";
        }
        if (e instanceof BoolExpr b) {
            if (b.op() == org.tusk.engine.nodes.BoolOp.NOT) {
                return "(NOT " + deparse(b.args().get(0), qualify, false) + ")";
            }
            List<String> parts = new ArrayList<>();
            for (Expr a : b.args()) {
                parts.add(deparse(a, qualify, false));
            }
            return "(" + String.join(" " + b.op().name() + " ", parts) + ")";
        }
        if (e instanceof org.tusk.engine.expr.RowConstructExpr r) {
            // ruleutils: a whole-row Var is (t.*)::type; ROW(...) gets ::type when written as a cast
            if (r.wholeRowOf() != null) {
                return "(" + r.wholeRowOf() + ".*)::" + r.rowType().typeName();
            }
            List<String> args = new ArrayList<>();
            for (Expr a : r.args()) {
                args.add(deparse(a, qualify, false));
            }
            return "ROW(" + String.join(", ", args) + ")" + (r.explicitCast() ? "::" + r.rowType().typeName() : "");
        }
        if (e instanceof org.tusk.engine.expr.CollateExpr c) {
            return "(" + deparse(c.arg(), qualify, false) + " COLLATE "
                    + org.tusk.engine.func.sysinfo.Identifiers.quote(c.collation()) + ")";
        }
        if (e instanceof NullTestExpr n) {
            return "(" + deparse(n.arg(), qualify, false) + (n.isNot() ? " IS NOT NULL)" : " IS NULL)");
        }
        if (e instanceof BoolTestExpr b) {
            return "(" + deparse(b.arg(), qualify, false) + " IS " + b.kind().name().substring(3).replace('_', ' ') + ")";
        }
        if (e instanceof SubLinkExpr s) {
            String described = SubPlans.printed(s);
            if (described != null) {
                return described;
            }
            return (s.correlated() ? "(SubPlan " : "(InitPlan ") + "1)";
        }
        if (e instanceof MultiAssignSubPlan m) {
            String described = SubPlans.printed(m);
            return described != null ? described : "(SubPlan 1)";
        }
        return e.getClass().getSimpleName();
    }

    private static String list(List<Expr> args, boolean qualify) {
        List<String> out = new ArrayList<>();
        for (Expr a : args) {
            out.add(deparse(a, qualify, true));
        }
        return String.join(", ", out);
    }
}
