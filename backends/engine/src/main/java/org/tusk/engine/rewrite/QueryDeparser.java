package org.tusk.engine.rewrite;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.tusk.engine.analyze.JoinTreeNode;
import org.tusk.engine.analyze.Query;
import org.tusk.engine.analyze.RangeTblEntry;
import org.tusk.engine.analyze.SortKey;
import org.tusk.engine.analyze.TargetEntry;
import org.tusk.engine.expr.ArrayExpr;
import org.tusk.engine.expr.BoolExpr;
import org.tusk.engine.expr.BoolTestExpr;
import org.tusk.engine.expr.CaseExpr;
import org.tusk.engine.expr.CoalesceExpr;
import org.tusk.engine.expr.ConstExpr;
import org.tusk.engine.expr.Expr;
import org.tusk.engine.expr.FuncExpr;
import org.tusk.engine.expr.MinMaxExpr;
import org.tusk.engine.expr.NullTestExpr;
import org.tusk.engine.expr.ScalarArrayOpExpr;
import org.tusk.engine.expr.SlotExpr;
import org.tusk.engine.expr.SqlValueFunctions;
import org.tusk.engine.expr.VarExpr;
import org.tusk.engine.func.sysinfo.Identifiers;
import org.tusk.engine.nodes.BoolOp;
import org.tusk.engine.types.PgType;

/**
 * ruleutils.c's get_query_def for an analyzed SELECT: the text pg_get_viewdef
 * prints for a view, in the pretty form (PRETTYFLAG_PAREN | PRETTYFLAG_INDENT,
 * wrap column 0) that psql's {@code \d+} shows: one keyword per line indented as
 * appendContextKeyword does, every output column after the first on a line of
 * its own, columns qualified by their range table entry's name, operators
 * parenthesized only where precedence needs it, implicit casts hidden and
 * written ones shown as {@code x::type}.
 *
 * <p>The engine keeps a view as SQL text and analyzes it again at every use, so
 * the text must parse back to the same query. Shapes this deparser does not
 * know (WITH RECURSIVE, window functions, ...) raise
 * {@link Unsupported}; the caller then keeps the statement's own text.
 */
public final class QueryDeparser {
    private static final int PRETTYINDENT_STD = 8;
    private static final int PRETTYINDENT_JOIN = 4;
    private static final int PRETTYINDENT_VAR = 4;

    /** A query shape the deparser cannot print faithfully. */
    public static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unsupported(String what) {
            super(what, null, false, false);
        }
    }

    private final Predicate<Expr> explicitCast;
    /**
     * PRETTYFLAG_PAREN: parentheses only where precedence needs them (pg_get_viewdef(view, true),
     * what psql's \d+ shows and what the engine stores); without it every operator, boolean,
     * test and join gets its own, as ruleutils.c prints pg_get_viewdef(view).
     */
    private final boolean pretty;
    private StringBuilder buf = new StringBuilder();
    private int indentLevel;
    /** The query level being printed (its aggregates' DISTINCT/FILTER/ORDER BY). */
    private Query level;
    /**
     * set_rtable_names: the name each range table entry is printed with, unique across the
     * levels printed so far (an inner "t1" under an outer "t1" becomes "t1_1").
     */
    private final java.util.Map<RangeTblEntry, String> rteNames = new java.util.IdentityHashMap<>();
    private final java.util.Map<String, int[]> usedNames = new java.util.HashMap<>();

    private QueryDeparser(Predicate<Expr> explicitCast, boolean pretty) {
        this.explicitCast = explicitCast;
        this.pretty = pretty;
    }

    /**
     * pg_get_viewdef(view, true) for a view whose analyzed query is {@code q} and
     * whose columns are named {@code columnNames} (the CREATE VIEW column list
     * applied): leading space, trailing ';'.
     */
    public static String viewDefinition(Query q, List<String> columnNames, Predicate<Expr> explicitCast) {
        return viewDefinition(q, columnNames, explicitCast, true);
    }

    /** pg_get_viewdef(view, pretty): as {@link #viewDefinition(Query, List, Predicate)}, parenthesized fully unless pretty. */
    public static String viewDefinition(Query q, List<String> columnNames, Predicate<Expr> explicitCast, boolean pretty) {
        QueryDeparser d = new QueryDeparser(explicitCast, pretty);
        d.selectQuery(q, columnNames);
        return d.buf.append(';').toString();
    }

    // ---- query level (get_select_query_def, get_basic_select_query)

    private void selectQuery(Query q, List<String> columnNames) {
        RangeTblEntry only = q.rtable.size() == 1 && q.jointree.items().size() == 1 ? q.rtable.get(0) : null;
        if (only != null && (only.kind == RangeTblEntry.Kind.SETOP || only.kind == RangeTblEntry.Kind.VALUES)) {
            if (!q.ctes.isEmpty() || q.jointree.quals() != null || !q.sortKeys.isEmpty() || q.limitCount != null
                    || q.limitOffset != null || q.distinct || q.hasAggregation() || !q.windows.isEmpty()
                    || !q.srfs.isEmpty() || q.targetList.size() != only.columns.size()) {
                throw new Unsupported("set operation or VALUES with more clauses");
            }
            for (int i = 0; i < q.targetList.size(); i++) {
                if (!(q.targetList.get(i).expr() instanceof VarExpr v) || v.attno() != only.offset + i) {
                    throw new Unsupported("set operation or VALUES projected");
                }
            }
            if (only.kind == RangeTblEntry.Kind.SETOP) {
                setOperation(only.setOp, columnNames);
            } else {
                valuesList(only, columnNames);
            }
            return;
        }
        for (org.tusk.engine.analyze.CteDef cte : q.ctes) {
            if (cte.recursive || cte.modifying != null || cte.query == null) {
                throw new Unsupported("WITH RECURSIVE or a data-modifying WITH");
            }
        }
        if (!q.windows.isEmpty() || !q.srfs.isEmpty() || q.forUpdate || q.groupingSets != null) {
            throw new Unsupported("windows, SRFs, FOR UPDATE or grouping sets");
        }
        for (RangeTblEntry rte : q.rtable) {
            if (rte.pulledUpSubLink || rte.kind == RangeTblEntry.Kind.SETOP) {
                throw new Unsupported(rte.kind.name());
            }
        }
        int saveIndent = indentLevel;
        Query saveLevel = level;
        level = q;
        // set_rtable_names: a level's names are unique against its ancestors' only, so sibling levels
        // (set operation leaves, sublinks side by side) may reuse a name; the level's names go with it
        java.util.Map<String, int[]> saveNames = new java.util.HashMap<>();
        usedNames.forEach((k, v) -> saveNames.put(k, v.clone()));
        assignNames(q);
        withClause(q);
        indentLevel += PRETTYINDENT_STD;
        buf.append(' ');
        buf.append("SELECT");
        if (q.distinctOn != null) {
            buf.append(" DISTINCT ON (");
            for (int i = 0; i < q.distinctOn.size(); i++) {
                buf.append(i == 0 ? "" : ", ");
                sortGroupExpr(q.distinctOn.get(i));
            }
            buf.append(')');
        } else if (q.distinct) {
            buf.append(" DISTINCT");
        }
        targetList(q.targetList, columnNames);
        fromClause(q.jointree);
        if (q.jointree.quals() != null) {
            contextKeyword(" WHERE ", -PRETTYINDENT_STD, PRETTYINDENT_STD, 1);
            expr(q.jointree.quals(), false);
        }
        if (!q.groupKeys.isEmpty()) {
            contextKeyword(" GROUP BY ", -PRETTYINDENT_STD, PRETTYINDENT_STD, 1);
            for (int i = 0; i < q.groupKeys.size(); i++) {
                buf.append(i == 0 ? "" : ", ");
                sortGroupExpr(q.groupKeys.get(i));
            }
        } else if (q.hasGroupBy) {
            throw new Unsupported("GROUP BY ()");
        }
        if (q.having != null) {
            contextKeyword(" HAVING ", -PRETTYINDENT_STD, PRETTYINDENT_STD, 0);
            expr(q.having, false);
        }
        if (!q.sortKeys.isEmpty()) {
            contextKeyword(" ORDER BY ", -PRETTYINDENT_STD, PRETTYINDENT_STD, 1);
            for (int i = 0; i < q.sortKeys.size(); i++) {
                SortKey k = q.sortKeys.get(i);
                buf.append(i == 0 ? "" : ", ");
                sortGroupExpr(k.expr());
                // the default ordering is ASC NULLS LAST / DESC NULLS FIRST
                if (k.descending()) {
                    buf.append(" DESC");
                }
                if (k.nullsFirst() != k.descending()) {
                    buf.append(k.nullsFirst() ? " NULLS FIRST" : " NULLS LAST");
                }
            }
        }
        if (q.limitOffset != null) {
            contextKeyword(" OFFSET ", -PRETTYINDENT_STD, PRETTYINDENT_STD, 0);
            expr(q.limitOffset, false);
        }
        if (q.limitCount != null) {
            if (q.withTies) {
                // parenthesized: FETCH FIRST takes only a c_expr
                contextKeyword(" FETCH FIRST ", -PRETTYINDENT_STD, PRETTYINDENT_STD, 0);
                buf.append('(');
                expr(q.limitCount, false);
                buf.append(") ROWS WITH TIES");
            } else {
                contextKeyword(" LIMIT ", -PRETTYINDENT_STD, PRETTYINDENT_STD, 0);
                if (q.limitCount instanceof ConstExpr c && c.value() == null) {
                    buf.append("ALL");
                } else {
                    expr(q.limitCount, false);
                }
            }
        }
        indentLevel = saveIndent;
        level = saveLevel;
        usedNames.clear();
        usedNames.putAll(saveNames);
    }

    /**
     * get_with_clause: {@code WITH name[(cols)] AS (query), ...} on lines of their own, the queries
     * indented one level, before the level's SELECT (whose names are already assigned, so a CTE's
     * query renames a clashing entry). Column names are shown when they rename the query's columns.
     * (MATERIALIZED is not recorded by the analyzer, so it is not shown.)
     */
    private void withClause(Query q) {
        if (q.ctes.isEmpty()) {
            return;
        }
        indentLevel += PRETTYINDENT_STD;
        buf.append(' ');
        String sep = "WITH ";
        for (org.tusk.engine.analyze.CteDef cte : q.ctes) {
            buf.append(sep).append(Identifiers.quote(cte.name));
            List<String> own = new ArrayList<>();
            for (TargetEntry t : cte.query.targets()) {
                own.add(t.name());
            }
            if (cte.columnNames != null && !cte.columnNames.equals(own)) {
                buf.append('(');
                for (int i = 0; i < cte.columnNames.size(); i++) {
                    buf.append(i == 0 ? "" : ", ").append(Identifiers.quote(cte.columnNames.get(i)));
                }
                buf.append(')');
            }
            buf.append(" AS (");
            contextKeyword("", 0, 0, 0);
            selectQuery(cte.query, null);
            contextKeyword("", 0, 0, 0);
            buf.append(')');
            sep = ", ";
        }
        indentLevel -= PRETTYINDENT_STD;
        contextKeyword("", 0, 0, 0);
    }

    private void assignNames(Query q) {
        for (RangeTblEntry rte : q.rtable) {
            String name = rte.refname;
            if (rte.kind == RangeTblEntry.Kind.JOIN || name == null) {
                continue;
            }
            int[] counter = usedNames.get(name);
            if (counter != null) {
                String modified;
                do {
                    counter[0]++;
                    modified = name + "_" + counter[0];
                } while (usedNames.containsKey(modified));
                usedNames.put(modified, new int[1]);
                name = modified;
            } else {
                usedNames.put(name, new int[1]);
            }
            rteNames.put(rte, name);
        }
    }

    /** The printed name of the entry owning row position {@code attno} of the current level, or null. */
    private String nameAt(int attno) {
        if (level == null) {
            return null;
        }
        for (RangeTblEntry rte : level.rtable) {
            if (rte.kind != RangeTblEntry.Kind.JOIN && attno >= rte.offset && attno < rte.offset + rte.width()) {
                return rteNames.get(rte);
            }
        }
        return null;
    }

    /** get_setop_query: leaves are whole SELECTs (every one shows the result's column names, as in 15). */
    private void setOperation(org.tusk.engine.analyze.SetOpTree op, List<String> columnNames) {
        if (op.isLeaf()) {
            Query leaf = op.leaf();
            boolean paren = !leaf.ctes.isEmpty() || !leaf.sortKeys.isEmpty() || leaf.limitCount != null
                    || leaf.limitOffset != null || leaf.forUpdate;
            if (paren) {
                buf.append('(');
            }
            selectQuery(leaf, columnNames);
            if (paren) {
                buf.append(')');
            }
            return;
        }
        boolean paren = !op.left().isLeaf() && (op.left().op() != op.op() || op.left().all() != op.all());
        int subindent = 0;
        if (paren) {
            buf.append('(');
            subindent = PRETTYINDENT_STD;
            contextKeyword("", subindent, 0, 0);
        }
        setOperation(op.left(), columnNames);
        if (paren) {
            contextKeyword(") ", -subindent, 0, 0);
        } else {
            contextKeyword("", -subindent, 0, 0);
        }
        buf.append(op.op().name()).append(' ');
        if (op.all()) {
            buf.append("ALL ");
        }
        paren = !op.right().isLeaf();
        subindent = 0;
        if (paren) {
            buf.append('(');
            subindent = PRETTYINDENT_STD;
        }
        contextKeyword("", subindent, 0, 0);
        setOperation(op.right(), columnNames);
        indentLevel -= subindent;
        if (paren) {
            contextKeyword(")", 0, 0, 0);
        }
    }

    /** get_values_def: a VALUES list on its own, rows' items separated by bare commas. */
    private void valuesList(RangeTblEntry values, List<String> columnNames) {
        for (int i = 0; i < values.columns.size(); i++) {
            if (columnNames != null && i < columnNames.size() && !columnNames.get(i).equals("column" + (i + 1))) {
                throw new Unsupported("renamed VALUES columns");
            }
        }
        buf.append(" VALUES ");
        for (int r = 0; r < values.values.size(); r++) {
            buf.append(r == 0 ? "(" : ", (");
            List<Expr> row = values.values.get(r);
            for (int c = 0; c < row.size(); c++) {
                buf.append(c == 0 ? "" : ",");
                expr(row.get(c), false);
            }
            buf.append(')');
        }
    }

    /** get_target_list: "AS name" unless the column is a Var of that name (or an expression named "?column?"). */
    private void targetList(List<TargetEntry> targets, List<String> columnNames) {
        String sep = " ";
        boolean lastWasMultiline = false;
        for (int i = 0; i < targets.size(); i++) {
            TargetEntry t = targets.get(i);
            buf.append(sep);
            sep = ", ";
            StringBuilder outer = buf;
            buf = new StringBuilder();
            String attname;
            if (t.expr() instanceof VarExpr v) {
                var(v);
                attname = v.columnName();
            } else {
                expr(t.expr(), true);
                attname = "?column?";
            }
            String colname = columnNames != null && i < columnNames.size() ? columnNames.get(i) : t.name();
            if (colname != null && !colname.equals(attname)) {
                buf.append(" AS ").append(Identifiers.quote(colname));
            }
            String field = buf.toString();
            buf = outer;
            if (field.startsWith("\n")) {
                stripTrailingSpaces();
            } else if (i > 0) {
                // wrap column 0: every field after the first starts a line of its own
                contextKeyword("", -PRETTYINDENT_STD, PRETTYINDENT_STD, PRETTYINDENT_VAR);
            }
            lastWasMultiline = field.indexOf('\n', field.startsWith("\n") ? 1 : 0) >= 0;
            buf.append(field);
        }
        if (targets.isEmpty()) {
            throw new Unsupported("empty target list");
        }
    }

    // ---- FROM (get_from_clause, get_from_clause_item)

    private void fromClause(JoinTreeNode.FromList from) {
        boolean first = true;
        for (JoinTreeNode item : from.items()) {
            if (first) {
                contextKeyword(" FROM ", -PRETTYINDENT_STD, PRETTYINDENT_STD, 2);
                first = false;
                fromItem(item);
            } else {
                buf.append(", ");
                StringBuilder outer = buf;
                buf = new StringBuilder();
                fromItem(item);
                String text = buf.toString();
                buf = outer;
                if (text.startsWith("\n")) {
                    stripTrailingSpaces();
                } else {
                    contextKeyword("", -PRETTYINDENT_STD, PRETTYINDENT_STD, PRETTYINDENT_VAR);
                }
                buf.append(text);
            }
        }
    }

    private void fromItem(JoinTreeNode node) {
        if (node instanceof JoinTreeNode.RangeRef r) {
            rangeEntry(r.rte());
        } else if (node instanceof JoinTreeNode.Join j) {
            if (j.joinRte() != null && j.joinRte().refname != null) {
                throw new Unsupported("join alias");
            }
            openParen(!pretty);
            fromItem(j.left());
            String keyword = switch (j.type()) {
                case INNER -> j.quals() == null ? " CROSS JOIN " : " JOIN ";
                case LEFT -> " LEFT JOIN ";
                case RIGHT -> " RIGHT JOIN ";
                case FULL -> " FULL JOIN ";
                default -> throw new Unsupported("join type " + j.type());
            };
            contextKeyword(keyword, -PRETTYINDENT_STD, PRETTYINDENT_STD, PRETTYINDENT_JOIN);
            boolean parenRight = pretty && !(j.right() instanceof JoinTreeNode.RangeRef);
            if (parenRight) {
                buf.append('(');
            }
            fromItem(j.right());
            if (parenRight) {
                buf.append(')');
            }
            if (j.joinRte() != null && j.joinRte().usingColumns != null) {
                buf.append(" USING (");
                for (int i = 0; i < j.joinRte().usingColumns.size(); i++) {
                    buf.append(i == 0 ? "" : ", ").append(Identifiers.quote(j.joinRte().usingColumns.get(i)));
                }
                buf.append(')');
            } else if (j.quals() != null) {
                buf.append(" ON ");
                openParen(!pretty);
                expr(j.quals(), false);
                closeParen(!pretty);
            } else if (j.type() != org.tusk.engine.executor.JoinType.INNER) {
                buf.append(" ON TRUE");
            }
            closeParen(!pretty);
        } else {
            throw new Unsupported("nested FROM list");
        }
    }

    private void rangeEntry(RangeTblEntry rte) {
        switch (rte.kind) {
            case RELATION -> {
                String name = rte.relation.name();
                buf.append(Identifiers.quote(name));
                aliasIfNeeded(rte, name, rte.relation.columns().stream().map(c -> c.name()).toList());
            }
            case SUBQUERY -> {
                if (rte.view != null) {
                    String name = rte.view.name();
                    buf.append(Identifiers.quote(name));
                    aliasIfNeeded(rte, name, rte.view.columns().stream().map(c -> c.name()).toList());
                    return;
                }
                buf.append('(');
                List<String> names = new ArrayList<>();
                for (RangeTblEntry.Column c : rte.columns) {
                    names.add(c.name());
                }
                selectQuery(rte.subquery, names);
                buf.append(')');
                if (rte.refname == null) {
                    throw new Unsupported("subquery without alias");
                }
                buf.append(' ').append(Identifiers.quote(rteNames.getOrDefault(rte, rte.refname)));
            }
            case CTE -> {
                // the CTE's name, then the reference's own name when it differs (FROM w w_1)
                buf.append(Identifiers.quote(rte.cte.name));
                for (int i = 0; i < rte.columns.size() && rte.cte.columnNames != null
                        && i < rte.cte.columnNames.size(); i++) {
                    if (!rte.cte.columnNames.get(i).equals(rte.columns.get(i).name())) {
                        throw new Unsupported("column aliases");
                    }
                }
                String printed = rteNames.getOrDefault(rte, rte.refname);
                if (printed != null && !printed.equals(rte.cte.name)) {
                    buf.append(' ').append(Identifiers.quote(printed));
                }
            }
            default -> throw new Unsupported("range table entry " + rte.kind);
        }
    }

    /** The entry's alias when it is referenced by another name than the relation's, or renames columns. */
    private void aliasIfNeeded(RangeTblEntry rte, String name, List<String> realColumns) {
        for (int i = 0; i < realColumns.size() && i < rte.columns.size(); i++) {
            if (!realColumns.get(i).equals(rte.columns.get(i).name())) {
                throw new Unsupported("column aliases");
            }
        }
        String printed = rteNames.getOrDefault(rte, rte.refname);
        if (printed != null && !printed.equals(name)) {
            buf.append(' ').append(Identifiers.quote(printed));
        }
    }

    // ---- expressions (get_rule_expr)

    /** get_rule_sortgroupclause: a constant or non-column expression is parenthesized in pretty mode. */
    private void sortGroupExpr(Expr e) {
        if (e instanceof VarExpr v) {
            var(v);
        } else if (e instanceof ConstExpr c) {
            // a bare integer here would be read as a column number
            constant(c, 1);
        } else {
            // function-like expressions need parentheses here; without PRETTY_PAREN the others print their own
            boolean selfParenthesized = !pretty && (e instanceof FuncExpr f ? isOperator(f) && !isCast(f)
                    : e instanceof BoolExpr || e instanceof NullTestExpr || e instanceof BoolTestExpr
                            || e instanceof ScalarArrayOpExpr);
            openParen(!selfParenthesized);
            expr(e, true);
            closeParen(!selfParenthesized);
        }
    }

    private void var(VarExpr v) {
        if (v.relationName() == null || v.columnName() == null) {
            throw new Unsupported("column without a relation");
        }
        String name = nameAt(v.attno());
        buf.append(Identifiers.quote(name != null ? name : v.relationName())).append('.')
                .append(Identifiers.quote(v.columnName()));
    }

    private void expr(Expr e, boolean showImplicit) {
        if (e instanceof VarExpr v) {
            var(v);
        } else if (e instanceof ConstExpr c) {
            constant(c, 0);
        } else if (e instanceof FuncExpr f) {
            funcExpr(f, showImplicit);
        } else if (e instanceof BoolExpr b) {
            openParen(!pretty);
            if (b.op() == BoolOp.NOT) {
                buf.append("NOT ");
                exprParen(b.args().get(0), false, e);
            } else {
                String op = b.op() == BoolOp.AND ? " AND " : " OR ";
                for (int i = 0; i < b.args().size(); i++) {
                    buf.append(i == 0 ? "" : op);
                    exprParen(b.args().get(i), false, e);
                }
            }
            closeParen(!pretty);
        } else if (e instanceof NullTestExpr n) {
            openParen(!pretty);
            exprParen(n.arg(), true, e);
            buf.append(n.isNot() ? " IS NOT NULL" : " IS NULL");
            closeParen(!pretty);
        } else if (e instanceof BoolTestExpr b) {
            openParen(!pretty);
            exprParen(b.arg(), false, e);
            buf.append(" IS ").append(b.kind().name().substring(3).replace('_', ' '));
            closeParen(!pretty);
        } else if (e instanceof ScalarArrayOpExpr sa) {
            openParen(!pretty);
            exprParen(sa.left(), true, e);
            buf.append(' ').append(sa.name()).append(' ').append(sa.useOr() ? "ANY" : "ALL").append(" (");
            exprParen(sa.right(), true, e);
            buf.append(')');
            closeParen(!pretty);
        } else if (e instanceof ArrayExpr a) {
            if (a.multidims()) {
                throw new Unsupported("multidimensional ARRAY");
            }
            buf.append("ARRAY[");
            list(a.elements());
            buf.append(']');
            if (a.elements().isEmpty()) {
                buf.append("::").append(a.type().displayName());
            }
        } else if (e instanceof CoalesceExpr c) {
            buf.append("COALESCE(");
            list(c.args());
            buf.append(')');
        } else if (e instanceof MinMaxExpr m) {
            buf.append(m.greatest() ? "GREATEST(" : "LEAST(");
            list(m.args());
            buf.append(')');
        } else if (e instanceof CaseExpr c) {
            caseExpr(c);
        } else if (e instanceof SlotExpr s && s.kind() == SlotExpr.Kind.AGGREGATE) {
            aggregate(s);
        } else if (e instanceof org.tusk.engine.planner.SubLinkExpr s) {
            sublink(s);
        } else if (e instanceof org.tusk.engine.expr.ExecParamExpr p && params.containsKey(p.slot())) {
            // an outer column inside a sublink: printed as that column of the enclosing level
            Object[] binding = params.get(p.slot());
            Query save = level;
            level = (Query) binding[1];
            expr((Expr) binding[0], showImplicit);
            level = save;
        } else {
            throw new Unsupported(e.getClass().getSimpleName());
        }
    }

    /** The executor params of the sublinks being printed: the outer expression each stands for, and its level. */
    private final java.util.Map<Integer, Object[]> params = new java.util.HashMap<>();

    /**
     * get_sublink_expr: {@code (EXISTS (query))}, {@code (x IN (query))} for {@code = ANY},
     * {@code (x op ANY|ALL (query))}, {@code (query)} for a scalar subquery, {@code ARRAY(query)}.
     */
    private void sublink(org.tusk.engine.planner.SubLinkExpr s) {
        org.tusk.engine.executor.SubPlanExpr.Kind kind = s.kind();
        buf.append(kind == org.tusk.engine.executor.SubPlanExpr.Kind.ARRAY ? "ARRAY(" : "(");
        String opname = null;
        if (s.testExpr() != null) {
            if (!(s.testExpr() instanceof FuncExpr f && isOperator(f) && !isCast(f) && f.args().size() == 2
                    && f.args().get(1) instanceof org.tusk.engine.expr.ExecParamExpr)) {
                throw new Unsupported("sublink comparing rows");
            }
            expr(f.args().get(0), true);
            opname = f.name();
        }
        boolean needParen = true;
        switch (kind) {
            case EXISTS -> buf.append("EXISTS ");
            case ANY -> buf.append("=".equals(opname) ? " IN " : " " + opname + " ANY ");
            case ALL -> buf.append(' ').append(opname).append(" ALL ");
            default -> needParen = false;
        }
        if (needParen) {
            buf.append('(');
        }
        for (org.tusk.engine.analyze.RangeTblEntry.ParamBinding b : s.params()) {
            params.put(b.slot(), new Object[] {b.value(), level});
        }
        try {
            selectQuery(s.subquery(), null);
        } finally {
            for (org.tusk.engine.analyze.RangeTblEntry.ParamBinding b : s.params()) {
                params.remove(b.slot());
            }
        }
        buf.append(needParen ? "))" : ")");
    }

    /** get_agg_expr: name([DISTINCT] args [ORDER BY keys]) [FILTER (WHERE cond)]. */
    private void aggregate(SlotExpr s) {
        org.tusk.engine.executor.AggCall call = null;
        for (Query.AggSpec a : level.aggregates) {
            if (a.slot() == s) {
                call = a.call();
            }
        }
        buf.append(s.name()).append('(');
        if (call != null && call.distinct()) {
            buf.append("DISTINCT ");
        }
        if (s.args().isEmpty()) {
            buf.append('*');
        } else {
            list(s.args());
        }
        if (call != null && call.orderBy() != null && !call.orderBy().isEmpty()) {
            if (call.orderDirections() == null || call.orderDirections().size() != call.orderBy().size()) {
                throw new Unsupported("aggregate ORDER BY directions");
            }
            buf.append(" ORDER BY ");
            for (int i = 0; i < call.orderBy().size(); i++) {
                buf.append(i == 0 ? "" : ", ");
                sortGroupExpr(call.orderBy().get(i));
                org.tusk.engine.executor.SortColumn dir = call.orderDirections().get(i);
                // the default ordering is ASC NULLS LAST / DESC NULLS FIRST
                if (dir.descending()) {
                    buf.append(" DESC");
                }
                if (dir.nullsFirst() != dir.descending()) {
                    buf.append(dir.nullsFirst() ? " NULLS FIRST" : " NULLS LAST");
                }
            }
        }
        buf.append(')');
        if (call != null && call.filter() != null) {
            buf.append(" FILTER (WHERE ");
            expr(call.filter(), false);
            buf.append(')');
        }
    }

    private void list(List<Expr> args) {
        for (int i = 0; i < args.size(); i++) {
            buf.append(i == 0 ? "" : ", ");
            expr(args.get(i), true);
        }
    }

    private void caseExpr(CaseExpr c) {
        // an analyzed simple CASE (CASE x WHEN ...) is indistinguishable from the searched form here
        contextKeyword("CASE", 0, PRETTYINDENT_VAR, 0);
        for (int i = 0; i < c.conditions().size(); i++) {
            contextKeyword("WHEN ", 0, 0, 0);
            expr(c.conditions().get(i), false);
            buf.append(" THEN ");
            expr(c.results().get(i), true);
        }
        if (c.defaultResult() != null) {
            contextKeyword("ELSE ", 0, 0, 0);
            expr(c.defaultResult(), true);
        }
        contextKeyword("END", -PRETTYINDENT_VAR, 0, 0);
    }

    private static boolean isOperator(FuncExpr f) {
        return !f.name().isEmpty() && !Character.isLetter(f.name().charAt(0)) && f.name().charAt(0) != '_'
                && (f.args().size() == 2 || f.args().size() == 1);
    }

    private static boolean isCast(FuncExpr f) {
        return f.args().size() == 1 && f.type() != null && f.name().equals(f.type().typname());
    }

    private void funcExpr(FuncExpr f, boolean showImplicit) {
        if (SqlValueFunctions.isKeyword(f)) {
            buf.append(f.name());
            return;
        }
        if (isCast(f)) {
            Expr arg = f.args().get(0);
            boolean shown = explicitCast.test(f) || showImplicit;
            // get_coercion_expr: never functional notation; (arg)::type unless pretty or a literal
            boolean paren = shown && !pretty && !(arg instanceof ConstExpr);
            openParen(paren);
            exprParen(arg, false, f);
            closeParen(paren);
            if (shown) {
                buf.append("::").append(f.type().displayName(f.typmod()));
            }
            return;
        }
        if (isOperator(f)) {
            openParen(!pretty);
            if (f.args().size() == 2) {
                exprParen(f.args().get(0), true, f);
                buf.append(' ').append(f.name()).append(' ');
                exprParen(f.args().get(1), true, f);
            } else {
                buf.append(f.name()).append(' ');
                exprParen(f.args().get(0), true, f);
            }
            closeParen(!pretty);
            return;
        }
        if (f.name().equals("subscript") || f.name().isEmpty()) {
            throw new Unsupported("function " + f.name());
        }
        buf.append(Identifiers.quote(f.name())).append('(');
        list(f.args());
        buf.append(')');
    }

    /** get_rule_expr_paren: parentheses around {@code e} unless isSimpleNode says its parent does not need them. */
    private void exprParen(Expr e, boolean showImplicit, Expr parent) {
        boolean paren = pretty && !isSimple(e, parent);
        if (paren) {
            buf.append('(');
        }
        expr(e, showImplicit);
        if (paren) {
            buf.append(')');
        }
    }

    /** The operator a FuncExpr shows as, or null for functions and casts. */
    private static String operatorName(Expr e) {
        return e instanceof FuncExpr f && isOperator(f) && !isCast(f) && f.args().size() == 2 ? f.name() : null;
    }

    private boolean isCastParent(Expr parent) {
        return parent instanceof FuncExpr f && isCast(f);
    }

    /** isSimpleNode with PRETTYFLAG_PAREN. */
    private boolean isSimple(Expr node, Expr parent) {
        if (node instanceof VarExpr || node instanceof SlotExpr || node instanceof ArrayExpr
                || node instanceof CoalesceExpr || node instanceof MinMaxExpr) {
            return true;
        }
        if (node instanceof ConstExpr c) {
            // a negative number is printed as '-n'::type, itself simple
            return true;
        }
        if (node instanceof CaseExpr) {
            return true;
        }
        if (node instanceof org.tusk.engine.planner.SubLinkExpr || node instanceof org.tusk.engine.expr.ExecParamExpr) {
            // a sublink prints its own parentheses; an outer column inside one is a Var of an upper level
            return true;
        }
        if (node instanceof FuncExpr f && !(isOperator(f) && !isCast(f))) {
            return true;        // function-like: name(...), or a cast
        }
        if (node instanceof FuncExpr f && isOperator(f)) {
            String op = operatorName(node);
            if (op != null && operatorName(parent) != null) {
                boolean loOp = op.equals("+") || op.equals("-");
                boolean hiOp = op.equals("*") || op.equals("/") || op.equals("%");
                if (!loOp && !hiOp) {
                    return false;
                }
                String parentOp = operatorName(parent);
                boolean loParent = parentOp.equals("+") || parentOp.equals("-");
                boolean hiParent = parentOp.equals("*") || parentOp.equals("/") || parentOp.equals("%");
                if (!loParent && !hiParent) {
                    return false;
                }
                if (hiOp && loParent) {
                    return true;
                }
                if (loOp && hiParent) {
                    return false;
                }
                return ((FuncExpr) parent).args().get(0) == node;
            }
            return parentKeepsApart(parent);
        }
        if (node instanceof NullTestExpr || node instanceof BoolTestExpr) {
            return parentKeepsApart(parent);
        }
        if (node instanceof BoolExpr b) {
            if (parent instanceof BoolExpr p) {
                if ((b.op() == BoolOp.NOT || b.op() == BoolOp.AND) && (p.op() == BoolOp.AND || p.op() == BoolOp.OR)) {
                    return true;
                }
                return b.op() == BoolOp.OR && p.op() == BoolOp.OR;
            }
            return parentKeepsApart(parent);
        }
        return false;
    }

    /** Parents whose own syntax separates an operand: function calls (not casts), CASE, COALESCE, ARRAY[...]. */
    private boolean parentKeepsApart(Expr parent) {
        if (parent instanceof FuncExpr f) {
            return !isCast(f) && !isOperator(f);
        }
        return parent instanceof BoolExpr || parent instanceof ArrayExpr || parent instanceof CoalesceExpr
                || parent instanceof MinMaxExpr || parent instanceof SlotExpr || parent instanceof CaseExpr;
    }

    /**
     * get_const_expr: integers and numeric literals bare, everything else quoted
     * with a ::type label unless the type is implied ({@code showType} 1: always label, 0: when needed).
     */
    private void constant(ConstExpr c, int showType) {
        PgType type = c.type();
        if (c.value() == null) {
            buf.append("NULL");
            if (type != PgType.UNKNOWN) {
                buf.append("::").append(type.displayName(c.typmod()));
            }
            return;
        }
        String text;
        if (type == PgType.UNKNOWN || type == PgType.TEXT && c.value() instanceof String) {
            text = (String) c.value();
        } else {
            text = org.tusk.engine.types.TextFormat.output(type, c.value(), org.tusk.engine.types.TypeContext.DEFAULT);
        }
        boolean needLabel;
        if (type == PgType.INT4) {
            if (!text.startsWith("-")) {
                buf.append(text);
                needLabel = false;
            } else {
                quoted(text);
                needLabel = true;
            }
        } else if (type == PgType.NUMERIC) {
            if (!text.isEmpty() && Character.isDigit(text.charAt(0)) && text.chars().anyMatch(ch -> ch == '.' || ch == 'e'
                    || ch == 'E')) {
                buf.append(text);
                needLabel = c.typmod() >= 0;
            } else {
                quoted(text);
                needLabel = true;
            }
        } else if (type == PgType.BOOL) {
            buf.append(Boolean.TRUE.equals(c.value()) ? "true" : "false");
            needLabel = false;
        } else {
            quoted(text);
            needLabel = type != PgType.UNKNOWN;
        }
        if (needLabel || showType > 0 && type != PgType.UNKNOWN) {
            buf.append("::").append(type.displayName(c.typmod()));
        }
    }

    /** simple_quote_literal (standard_conforming_strings on). */
    private void quoted(String text) {
        buf.append('\'').append(text.replace("'", "''")).append('\'');
    }

    // ---- layout

    private void openParen(boolean paren) {
        if (paren) {
            buf.append('(');
        }
    }

    private void closeParen(boolean paren) {
        if (paren) {
            buf.append(')');
        }
    }

    /** appendContextKeyword: a new line indented to the context's level, then the keyword. */
    private void contextKeyword(String keyword, int indentBefore, int indentAfter, int indentPlus) {
        indentLevel += indentBefore;
        stripTrailingSpaces();
        buf.append('\n');
        buf.append(" ".repeat(Math.max(indentLevel, 0) + indentPlus));
        buf.append(keyword);
        indentLevel += indentAfter;
        if (indentLevel < 0) {
            indentLevel = 0;
        }
    }

    private void stripTrailingSpaces() {
        int n = buf.length();
        while (n > 0 && buf.charAt(n - 1) == ' ') {
            n--;
        }
        buf.setLength(n);
    }
}
