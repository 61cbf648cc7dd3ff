package org.tusk.engine.analyze;

import java.util.ArrayList;
import java.util.List;

import org.tusk.api.error.SqlState;
import org.tusk.engine.catalog.RelationColumn;
import org.tusk.engine.catalog.SystemRelations;
import org.tusk.engine.catalog.VirtualRelation;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.expr.BoolExpr;
import org.tusk.engine.expr.CoalesceExpr;
import org.tusk.engine.expr.ExecParamExpr;
import org.tusk.engine.expr.Expr;
import org.tusk.engine.expr.ParamExpr;
import org.tusk.engine.expr.SlotExpr;
import org.tusk.engine.expr.VarExpr;
import org.tusk.engine.nodes.*;
import org.tusk.engine.executor.scan.StorageBaseRelation;
import org.tusk.engine.planner.BaseRelation;
import org.tusk.engine.planner.VirtualBaseRelation;
import org.tusk.engine.types.PgType;
import org.tusk.engine.types.TypeContext;

/**
 * transformSelectStmt and friends (analyze.c, parse_clause.c, parse_cte.c):
 * WITH [RECURSIVE], FROM (relations, subqueries, functions, VALUES, joins with
 * ON/USING/NATURAL, LATERAL), target list with * expansion, WHERE, GROUP BY
 * with ROLLUP/CUBE/GROUPING SETS, HAVING, WINDOW, DISTINCT [ON], ORDER BY,
 * LIMIT/OFFSET/FETCH [WITH TIES], FOR UPDATE, set operations and VALUES,
 * with PostgreSQL's errors and positions.
 */
public final class SelectAnalyzer implements ExprAnalyzer.SubqueryAnalyzer {
    /** Finds the relation a FROM name means (search path rules are the lookup's business), or null. */
    @FunctionalInterface
    public interface RelationLookup {
        BaseRelation lookup(String schema, String name);
    }

    private final RelationLookup relations;
    private final TypeContext typeContext;

    public SelectAnalyzer(SystemRelations relations, TypeContext typeContext) {
        this((schema, name) -> {
            VirtualRelation vr = relations.lookup(schema, name);
            return vr == null ? null : vr instanceof BaseRelation br ? br : new VirtualBaseRelation(vr, 0);
        }, typeContext);
    }

    public SelectAnalyzer(RelationLookup relations, TypeContext typeContext) {
        this.relations = relations;
        this.typeContext = typeContext;
    }

    /** The top-level entry: analyzes a SELECT statement at the given (outermost) level. */
    public Query analyze(SelectStmt stmt, ParseState pstate) {
        pstate.noteSystemColumns(stmt);
        return analyze(stmt, pstate, true);
    }

    @Override
    public Query analyzeSubquery(SelectStmt stmt, ParseState level) {
        return analyze(stmt, level, false);
    }

    ExprAnalyzer exprsFor(ParseState ps) {
        return exprs(ps);
    }

    private ExprAnalyzer exprs(ParseState ps) {
        ExprAnalyzer ea = new ExprAnalyzer(ps, typeContext);
        ea.subqueries = this;
        return ea;
    }

    private Query analyze(SelectStmt stmt, ParseState ps, boolean top) {
        if (stmt.intoClause() != null) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "SELECT INTO is not supported yet", stmt.location());
        }
        ExprAnalyzer ea = exprs(ps);
        if (stmt.withClause() != null) {
            new CteAnalyzer(this, ea).transformWith(stmt.withClause(), ps);
        }
        Query q = ps.query;
        q.ctes.addAll(ps.ctes);
        if (stmt.op() != SetOperation.NONE) {
            RangeTblEntry rte = setOperation(stmt, ps, ea);
            ps.addRte(rte);
            ps.namespace.add(new ParseState.NsItem(rte, false, true));
            q.jointree.items().add(new JoinTreeNode.RangeRef(rte));
            for (RangeTblEntry.Column c : rte.columns) {
                q.targetList.add(new TargetEntry(c.name(), c.expr(), 0, (short) 0));
            }
        } else if (stmt.valuesLists() != null) {
            RangeTblEntry rte = values(stmt.valuesLists(), ea, null);
            ps.addRte(rte);
            ps.namespace.add(new ParseState.NsItem(rte, false, true));
            q.jointree.items().add(new JoinTreeNode.RangeRef(rte));
            for (RangeTblEntry.Column c : rte.columns) {
                q.targetList.add(new TargetEntry(c.name(), c.expr(), 0, (short) 0));
            }
        } else {
            ps.lockingClauses = stmt.lockingClause().isEmpty() ? null : stmt.lockingClause();
            fromClause(stmt.fromClause(), ps, ea);
            ps.lockingClauses = null;
            checkLockedRelations(stmt, ps);
            for (WindowDef w : stmt.windowClause()) {
                if (ps.windowDefs.put(w.name(), w) != null) {
                    throw Ereport.error("42P20", "window \"" + w.name() + "\" is already defined", w.location());
                }
            }
            targetList(stmt.targetList(), ps, ea);
            if (stmt.whereClause() != null) {
                ps.noAggregatesIn = "WHERE";
                ps.noWindowFunctionsIn = "WHERE";
                ps.noSrfIn = "WHERE";
                Expr where = ea.coerceToBoolean(ea.transform(stmt.whereClause()), "WHERE", stmt.whereClause().location());
                ps.noAggregatesIn = null;
                ps.noWindowFunctionsIn = null;
                ps.noSrfIn = null;
                q.jointree = new JoinTreeNode.FromList(q.jointree.items(), where);
                if (!ps.shared.keepSubLinks) {
                    SubLinkPullUp.apply(q, ps);
                }
            }
            new GroupingAnalyzer(ea, ps).groupBy(stmt.groupClause(), q.targetList, stmt.targetList());
            if (stmt.havingClause() != null) {
                ps.noWindowFunctionsIn = "HAVING";
                q.having = ea.coerceToBoolean(ea.transform(stmt.havingClause()), "HAVING", stmt.havingClause().location());
                ps.noWindowFunctionsIn = null;
            }
        }
        List<Expr> distinctOn = null;
        if (stmt.distinctClause() != null) {
            q.distinct = true;
            if (!stmt.distinctClause().isEmpty()) {
                distinctOn = new ArrayList<>();
                for (RawNode n : stmt.distinctClause()) {
                    Expr key = targetRef(n, q.targetList, ea, "DISTINCT ON", true);
                    SortGroupOperators.requireEquality(key.type(), ExprAnalyzer.locationOf(n));
                    distinctOn.add(key);
                }
                q.distinctOn = distinctOn;
            } else {
                for (int i = 0; i < q.targetList.size(); i++) {
                    int location = stmt.targetList().size() == q.targetList.size()
                            ? stmt.targetList().get(i).location() : -1;
                    SortGroupOperators.requireEquality(q.targetList.get(i).expr().type(), location);
                }
            }
        }
        for (SortBy sb : stmt.sortClause()) {
            Expr key = targetRef(sb.node(), q.targetList, ea, "ORDER BY", false);
            if (sb.sortbyDir() != SortByDir.USING) {
                SortGroupOperators.requireOrdering(key.type(), ExprAnalyzer.locationOf(sb.node()));
            }
            boolean desc = sb.sortbyDir() == SortByDir.DESC;
            if (sb.sortbyDir() == SortByDir.USING) {
                desc = usingOperatorIsDescending(sb, key, ea);
            }
            boolean nullsFirst = sb.sortbyNulls() == SortByNulls.DEFAULT ? desc : sb.sortbyNulls() == SortByNulls.FIRST;
            if (q.distinct && distinctOn == null && !inTargets(key, q.targetList)) {
                throw Ereport.error("42P10", "for SELECT DISTINCT, ORDER BY expressions must appear in select list",
                        ExprAnalyzer.locationOf(sb.node()));
            }
            q.sortKeys.add(new SortKey(key, desc, nullsFirst));
        }
        if (distinctOn != null) {
            // DISTINCT ON expressions must match the leftmost ORDER BY expressions
            for (int i = 0; i < Math.min(distinctOn.size(), q.sortKeys.size()); i++) {
                if (!distinctOn.contains(q.sortKeys.get(i).expr())) {
                    throw Ereport.error("42P10", "SELECT DISTINCT ON expressions must match initial ORDER BY expressions",
                            ExprAnalyzer.locationOf(stmt.distinctClause().get(Math.min(i, stmt.distinctClause().size() - 1))));
                }
            }
        }
        limit(stmt, ps, ea);
        if (!stmt.lockingClause().isEmpty()) {
            lockingChecks(stmt, q);
            q.forUpdate = true;
        }
        new GroupingAnalyzer(ea, ps).finish();
        q.finishLayout();
        return q;
    }

    /**
     * ORDER BY x USING op: op must be the "&lt;" (ascending) or "&gt;" (descending) member of
     * a btree operator family over x's type (get_ordering_op_properties); the sort then
     * uses the type's ordering in that direction.
     */
    private static boolean usingOperatorIsDescending(SortBy sb, Expr key, ExprAnalyzer ea) {
        String op = sb.useOp().get(sb.useOp().size() - 1);
        org.tusk.engine.func.Resolution res = org.tusk.engine.func.OperatorCatalog.lookup(op, key.type(), key.type());
        if (!res.found()) {
            ea.binaryOperator(op, key, key, sb.location());  // throws "operator does not exist"
        }
        int strategy = res.found() && res.candidate().operator() != null
                ? org.tusk.engine.func.OrderingOperators.btreeStrategy(res.candidate().operator().oid()) : 0;
        if (strategy != 1 && strategy != 5) {
            throw new org.tusk.api.error.PgException(org.tusk.api.error.Severity.ERROR, "42809",
                    "operator " + op + " is not a valid ordering operator", null,
                    "Ordering operators must be \"<\" or \">\" members of btree operator families.", sb.location() + 1, null);
        }
        return strategy == 5;
    }

    private static boolean inTargets(Expr e, List<TargetEntry> targets) {
        for (TargetEntry t : targets) {
            if (t.expr().equals(e)) {
                return true;
            }
        }
        return false;
    }

    private void limit(SelectStmt stmt, ParseState ps, ExprAnalyzer ea) {
        Query q = ps.query;
        ps.noAggregatesIn = "LIMIT";
        ps.noWindowFunctionsIn = "LIMIT";
        if (stmt.limitCount() != null) {
            q.limitCount = ea.coerceToSpecific(ea.transform(stmt.limitCount()), PgType.INT8, "LIMIT",
                    stmt.limitCount().location());
        }
        ps.noAggregatesIn = "OFFSET";
        ps.noWindowFunctionsIn = "OFFSET";
        if (stmt.limitOffset() != null) {
            q.limitOffset = ea.coerceToSpecific(ea.transform(stmt.limitOffset()), PgType.INT8, "OFFSET",
                    stmt.limitOffset().location());
        }
        ps.noAggregatesIn = null;
        ps.noWindowFunctionsIn = null;
        if (stmt.limitOption() == LimitOption.WITH_TIES) {
            if (stmt.sortClause().isEmpty()) {
                throw Ereport.error(SqlState.SYNTAX_ERROR, "WITH TIES cannot be specified without ORDER BY clause",
                        stmt.location());
            }
            q.withTies = true;
        }
    }

    private static void lockingChecks(SelectStmt stmt, Query q) {
        String what = null;
        if (q.distinct) {
            what = "DISTINCT clause";
        } else if (!stmt.groupClause().isEmpty()) {
            what = "GROUP BY clause";
        } else if (stmt.havingClause() != null) {
            what = "HAVING clause";
        } else if (!q.aggregates.isEmpty()) {
            what = "aggregate functions";
        } else if (!q.windows.isEmpty()) {
            what = "window functions";
        }
        if (what != null) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "FOR UPDATE is not allowed with " + what);
        }
    }

    // ---- target list ----

    private void targetList(List<ResTarget> list, ParseState ps, ExprAnalyzer ea) {
        Query q = ps.query;
        for (ResTarget rt : list) {
            if (rt.val() instanceof AIndirection ind && !ind.indirection().isEmpty()
                    && ind.indirection().get(ind.indirection().size() - 1) instanceof AStar) {
                // (x).*: every field of the composite value x
                List<RawNode> rest = ind.indirection().subList(0, ind.indirection().size() - 1);
                Expr base = ea.transform(rest.isEmpty() ? ind.arg() : new AIndirection(ind.arg(), rest, ind.location()));
                for (TargetEntry t : RowExprs.expandFields(base, ind.location())) {
                    q.targetList.add(t);
                    q.targetLocations.add(ind.location());
                }
                continue;
            }
            if (rt.val() instanceof ColumnRef c && c.star()) {
                expandStar(c, ps, q.targetList);
                while (q.targetLocations.size() < q.targetList.size()) {
                    q.targetLocations.add(c.location());
                }
                continue;
            }
            Expr raw = ea.transform(rt.val());
            Expr e = ea.resolveUnknownAsText(raw);
            if (raw != e) {
                q.unresolvedTargets.put(q.targetList.size(), raw);
            }
            q.targetLocations.add(rt.val().location());
            String name = rt.name() != null ? rt.name() : ColumnNames.figure(rt.val());
            int tableOid = 0;
            short attnum = 0;
            if (e instanceof VarExpr v) {
                for (RangeTblEntry rte : q.rtable) {
                    if (rte.kind == RangeTblEntry.Kind.RELATION && v.attno() >= rte.offset
                            && v.attno() < rte.offset + rte.width()) {
                        tableOid = (int) rte.relation.oid();
                        attnum = (short) (v.attno() - rte.offset + 1);
                    }
                }
            }
            q.targetList.add(new TargetEntry(name, e, tableOid, attnum));
        }
    }

    private void expandStar(ColumnRef c, ParseState ps, List<TargetEntry> targets) {
        List<ParseState.NsItem> items = new ArrayList<>();
        if (c.fields().isEmpty()) {
            for (ParseState.NsItem item : ps.namespace) {
                if (item.unqualifiedVisible()) {
                    items.add(item);
                }
            }
            if (items.isEmpty()) {
                throw Ereport.error(SqlState.SYNTAX_ERROR, "SELECT * with no tables specified is not valid", c.location());
            }
        } else {
            String qualifier = c.fields().get(c.fields().size() - 1);
            for (ParseState.NsItem item : ps.namespace) {
                if (item.qualifiedVisible() && qualifier.equals(item.rte().refname)) {
                    items.add(item);
                }
            }
            if (items.isEmpty()) {
                throw Ereport.error(SqlState.UNDEFINED_TABLE, "missing FROM-clause entry for table \"" + qualifier + "\"",
                        c.location());
            }
        }
        for (ParseState.NsItem item : items) {
            RangeTblEntry rte = item.rte();
            for (int i = 0; i < rte.columns.size(); i++) {
                if (rte.isHidden(i)) {
                    continue;                                   // the row mark's TupleId, an Append's tableoid
                }
                RangeTblEntry.Column col = rte.columns.get(i);
                boolean rel = rte.kind == RangeTblEntry.Kind.RELATION;
                targets.add(new TargetEntry(col.name(), ps.at(copy(col.expr()), c.location()),
                        rel ? (int) rte.relation.oid() : 0, rel ? (short) (i + 1) : 0));
            }
        }
    }

    private static Expr copy(Expr e) {
        return e instanceof VarExpr v ? new VarExpr(v.attno(), v.type(), v.typmod(), v.relationName(), v.columnName()) : e;
    }

    /**
     * findTargetlistEntrySQL92: ORDER BY / DISTINCT ON n is the n-th output column,
     * a bare name matching an output column name is that column, anything else an
     * expression over the FROM items.
     */
    private Expr targetRef(RawNode node, List<TargetEntry> targets, ExprAnalyzer ea, String clause, boolean distinctOn) {
        if (node instanceof AConst c && c.kind() == ConstKind.INTEGER) {
            int n = Integer.parseInt(c.val());
            if (n < 1 || n > targets.size()) {
                throw Ereport.error(SqlState.INVALID_COLUMN_REFERENCE, clause + " position " + n + " is not in select list",
                        c.location());
            }
            return targets.get(n - 1).expr();
        }
        if (node instanceof ColumnRef c && !c.star() && c.fields().size() == 1) {
            String name = c.fields().get(0);
            TargetEntry match = null;
            for (TargetEntry t : targets) {
                if (t.name().equals(name)) {
                    if (match != null && !sameExpr(match.expr(), t.expr())) {
                        throw Ereport.error(SqlState.AMBIGUOUS_COLUMN, clause + " \"" + name + "\" is ambiguous",
                                c.location());
                    }
                    match = t;
                }
            }
            if (match != null) {
                return match.expr();
            }
        }
        Expr e = ea.transform(node);
        if (e.type() == PgType.UNKNOWN) {
            e = ea.resolveUnknownAsText(e);
        }
        return e;
    }

    private static boolean sameExpr(Expr a, Expr b) {
        if (a instanceof VarExpr va && b instanceof VarExpr vb) {
            return va.attno() == vb.attno();
        }
        if (a instanceof ParamExpr pa && b instanceof ParamExpr pb) {
            return pa.index() == pb.index();
        }
        return a == b;
    }

    // ---- FROM ----

    /** Adds FROM items to a level the caller set up (UPDATE ... FROM, DELETE ... USING). */
    void addFromItems(List<RawNode> from, ParseState ps, ExprAnalyzer ea) {
        fromClause(from, ps, ea);
    }

    private void fromClause(List<RawNode> from, ParseState ps, ExprAnalyzer ea) {
        for (RawNode item : from) {
            FromResult r = fromItem(item, ps, ea);
            for (ParseState.NsItem ns : r.items) {
                checkNameConflict(ns, ps.namespace, item);
            }
            ps.namespace.addAll(r.items);
            ps.query.jointree.items().add(r.node);
        }
    }

    private static void checkNameConflict(ParseState.NsItem ns, List<ParseState.NsItem> existing, RawNode item) {
        if (!ns.qualifiedVisible() || ns.rte().refname == null) {
            return;
        }
        for (ParseState.NsItem e : existing) {
            if (e.qualifiedVisible() && ns.rte().refname.equals(e.rte().refname)) {
                throw Ereport.error("42712", "table name \"" + ns.rte().refname + "\" specified more than once",
                        item.location());
            }
        }
    }

    private record FromResult(JoinTreeNode node, List<ParseState.NsItem> items) {}

    private FromResult single(RangeTblEntry rte, ParseState ps) {
        ps.addRte(rte);
        return new FromResult(new JoinTreeNode.RangeRef(rte), List.of(new ParseState.NsItem(rte, true, true)));
    }

    private FromResult fromItem(RawNode node, ParseState ps, ExprAnalyzer ea) {
        if (node instanceof RangeVar rv) {
            return single(rangeVar(rv, ps), ps);
        }
        if (node instanceof RangeSubselect rs) {
            if (rs.alias() == null) {
                throw Ereport.error(SqlState.SYNTAX_ERROR, "subquery in FROM must have an alias", rs.location());
            }
            ParseState level = ps.fromItemLevel(rs.lateral());
            RangeTblEntry rte;
            if (rs.subquery().valuesLists() != null && rs.subquery().sortClause().isEmpty()
                    && rs.subquery().limitCount() == null && rs.subquery().withClause() == null) {
                rte = values(rs.subquery().valuesLists(), exprs(level), rs.alias());
            } else {
                Query sub = analyze(rs.subquery(), level);
                rte = new RangeTblEntry(RangeTblEntry.Kind.SUBQUERY, rs.alias().aliasname());
                rte.subquery = sub;
                List<String> names = rs.alias().colnames();
                for (int i = 0; i < sub.targets().size(); i++) {
                    TargetEntry t = sub.targets().get(i);
                    String name = names != null && i < names.size() ? names.get(i) : t.name();
                    rte.columns.add(new RangeTblEntry.Column(name, t.expr().type(), t.expr().typmod(), null));
                }
                checkAliasCount(names, rte.columns.size(), rs.alias().aliasname(), rs.location());
            }
            rte.params.addAll(level.outerParams);
            rte.lateral = rs.lateral();
            return single(withVars(rte, ps), ps);
        }
        if (node instanceof RangeFunction rf) {
            return single(withVars(FunctionRtes.build(rf, ps, this), ps), ps);
        }
        if (node instanceof JoinExpr j) {
            return join(j, ps, ea);
        }
        throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "this kind of FROM item is not supported yet",
                ExprAnalyzer.locationOf(node));
    }

    /** Too many column aliases: PostgreSQL reports this without a cursor position. */
    static void checkAliasCount(List<String> names, int columns, String alias, int location) {
        checkAliasCount(names, columns, "table", alias);
    }

    static void checkAliasCount(List<String> names, int columns, String kind, String alias) {
        if (names != null && names.size() > columns) {
            throw Ereport.error("42P10", kind + " \"" + alias + "\" has " + columns + " columns available but "
                    + names.size() + " columns specified");
        }
    }

    /** Gives a (non-join) entry's columns their Vars at the slots the entry is about to get. */
    static RangeTblEntry withVars(RangeTblEntry rte, ParseState ps) {
        int offset = ps.query.baseWidth;
        for (int i = 0; i < rte.columns.size(); i++) {
            RangeTblEntry.Column c = rte.columns.get(i);
            rte.columns.set(i, new RangeTblEntry.Column(c.name(), c.type(), c.typmod(),
                    new VarExpr(offset + i, c.type(), c.typmod(), rte.refname, c.name())));
        }
        return rte;
    }

    private RangeTblEntry rangeVar(RangeVar rv, ParseState ps) {
        String alias = rv.alias() != null ? rv.alias().aliasname() : rv.relname();
        List<String> colAliases = rv.alias() != null ? rv.alias().colnames() : null;
        if (rv.schemaname() == null) {
            CteDef cte = ps.findCte(rv.relname());
            if (cte != null && cte.modifying != null && cte.modifying.resultColumns() == null) {
                throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "WITH query \"" + cte.name
                        + "\" does not have a RETURNING clause", rv.location());
            }
            if (cte != null) {
                RangeTblEntry rte = new RangeTblEntry(cte.inRecursiveTerm ? RangeTblEntry.Kind.WORKTABLE
                        : RangeTblEntry.Kind.CTE, alias);
                rte.cte = cte;
                cte.references++;
                for (int i = 0; i < cte.columnNames.size(); i++) {
                    String name = colAliases != null && i < colAliases.size() ? colAliases.get(i) : cte.columnNames.get(i);
                    rte.columns.add(new RangeTblEntry.Column(name, cte.columnTypes.get(i), cte.columnTypmods.get(i), null));
                }
                checkAliasCount(colAliases, rte.columns.size(), alias, rv.location());
                return withVars(rte, ps);
            }
        }
        BaseRelation rel = rv.schemaname() == null
                ? org.tusk.engine.executor.modify.TransitionTables.lookup(rv.relname()) : null;
        if (rel == null) {
            rel = relations.lookup(rv.schemaname(), rv.relname());
        }
        if (rel == null) {
            String shown = rv.schemaname() == null ? rv.relname() : rv.schemaname() + "." + rv.relname();
            throw Ereport.error(SqlState.UNDEFINED_TABLE, "relation \"" + shown + "\" does not exist", rv.location());
        }
        if (rel instanceof ViewDefinition view) {
            return expandView(rel, view, alias, colAliases, rv, ps);
        }
        StorageBaseRelation stored = rel instanceof StorageBaseRelation sb ? sb : null;
        boolean cursorScan = ps.cursorCtids && ps.parent == null && ps.lockingClauses == null;
        boolean locked = lockingClausesApply(alias, ps);
        if (rv.inh()) {
            // a cursor's or a FOR UPDATE/SHARE's inheritance set: every member's scan emits its TupleId
            // (WHERE CURRENT OF, the row locks), and the rows their member's OID
            rel = (cursorScan || locked) && rel instanceof StorageBaseRelation sb ? sb.withCtid().withInheritors()
                    : rel.withInheritors();
        }
        RangeTblEntry rte = new RangeTblEntry(RangeTblEntry.Kind.RELATION, alias);
        rte.relation = rel;
        List<RelationColumn> cols = rel.columns();
        for (int i = 0; i < cols.size(); i++) {
            String name = colAliases != null && i < colAliases.size() ? colAliases.get(i) : cols.get(i).name();
            rte.columns.add(new RangeTblEntry.Column(name, cols.get(i).type(), cols.get(i).typmod(), null));
        }
        checkAliasCount(colAliases, cols.size(), alias, rv.location());
        if (ps.shared.systemColumns && rel instanceof StorageBaseRelation storage) {
            // ctid, xmin, cmin, xmax, cmax as hidden columns after the table's own (attnums -1..-5)
            rte.relation = storage.withSystemColumns();
            rte.ctidColumn = rte.columns.size();
            rte.columns.add(new RangeTblEntry.Column("ctid", PgType.TID, -1, null));
            rte.addHeaderColumns();
        }
        if (rel instanceof org.tusk.engine.executor.scan.InheritanceRelation && (cursorScan || locked)) {
            rte.ctidColumn = rte.columns.size();        // the members' rows end in ctid, tableoid
            rte.columns.add(new RangeTblEntry.Column("ctid", PgType.TID, -1, null));
        }
        if (rel instanceof org.tusk.engine.executor.scan.InheritanceRelation) {
            rte.tableoidColumn = rte.columns.size();    // its scan's last slot: the row's table
            rte.columns.add(new RangeTblEntry.Column("tableoid", PgType.OID, -1, null));
        }
        markForLocking(rte, rv, alias, ps);
        withVars(rte, ps);
        if (stored != null) {
            addSecurityQuals(rte, stored, ps);
        }
        return rte;
    }

    /**
     * get_row_security_policies for a relation read by a SELECT (or a FROM item of UPDATE/DELETE):
     * the SELECT policies' USING expressions, resolved against the relation alone, as its security quals.
     */
    private void addSecurityQuals(RangeTblEntry rte, StorageBaseRelation stored, ParseState ps) {
        org.tusk.engine.rewrite.RowSecurity rls = org.tusk.engine.rewrite.RowSecurity.forRelation(stored.session(),
                stored.desc());
        if (rls == null) {
            return;
        }
        List<ParseState.NsItem> saved = new ArrayList<>(ps.namespace);
        ps.namespace.clear();
        ps.namespace.add(new ParseState.NsItem(rte, true, true));
        try {
            ExprAnalyzer ea = exprs(ps);
            for (String text : rls.securityQuals(org.tusk.engine.rewrite.RowSecurity.SELECT)) {
                SelectStmt select = (SelectStmt) org.tusk.engine.parser.Parser.parse("SELECT " + text).get(0).stmt();
                rte.securityQuals.add(ea.coerceToBoolean(ea.transform(select.targetList().get(0).val()), "POLICY", -1));
            }
        } finally {
            ps.namespace.clear();
            ps.namespace.addAll(saved);
        }
    }

    /**
     * preprocess_rowmarks for one relation: when the level's FOR UPDATE/SHARE clauses name it
     * (or name nothing), its scan emits the version's TupleId in a hidden "ctid" column and the
     * strongest strength (with the wait policy of that clause) becomes its row mark.
     */
    private static void markForLocking(RangeTblEntry rte, RangeVar rv, String alias, ParseState ps) {
        StorageBaseRelation storage = rte.relation instanceof StorageBaseRelation sb ? sb : null;
        if (storage == null) {
            // an inheritance set is locked member by member when its scans emit TupleIds (see above)
            if (!(rte.relation instanceof org.tusk.engine.executor.scan.InheritanceRelation) || rte.ctidColumn < 0) {
                return;
            }
        }
        if (rte.ctidColumn >= 0) {
            // the scan carries the system columns (and so the TupleId) already
            if (ps.lockingClauses == null) {
                return;
            }
        } else if (ps.lockingClauses == null) {
            if (ps.cursorCtids && ps.parent == null) {
                // a cursor's top-level tables: WHERE CURRENT OF reads the current row's TupleId
                rte.relation = storage.withCtid();
                rte.ctidColumn = rte.columns.size();
                rte.columns.add(new RangeTblEntry.Column("ctid", PgType.TID, -1, null));
            }
            return;
        }
        for (LockingClause lc : ps.lockingClauses) {
            if (!applies(lc, alias)) {
                continue;
            }
            org.tusk.api.storage.RowLockMode mode = switch (lc.strength()) {
                case FOR_KEY_SHARE -> org.tusk.api.storage.RowLockMode.KEY_SHARE;
                case FOR_SHARE -> org.tusk.api.storage.RowLockMode.SHARE;
                case FOR_NO_KEY_UPDATE -> org.tusk.api.storage.RowLockMode.NO_KEY_UPDATE;
                default -> org.tusk.api.storage.RowLockMode.UPDATE;
            };
            if (rte.rowMark == null || mode.ordinal() > rte.rowMark.ordinal()) {
                rte.rowMark = mode;
            }
            // the strictest wait policy wins, as in PostgreSQL (NOWAIT over SKIP LOCKED over waiting)
            if (rte.rowMarkWait == null || lc.waitPolicy().ordinal() > rte.rowMarkWait.ordinal()) {
                rte.rowMarkWait = lc.waitPolicy();
            }
        }
        if (storage != null && rte.ctidColumn < 0 && (rte.rowMark != null || ps.cursorCtids && ps.parent == null)) {
            rte.relation = storage.withCtid();
            rte.ctidColumn = rte.columns.size();
            rte.columns.add(new RangeTblEntry.Column("ctid", PgType.TID, -1, null));
        }
    }

    /** Whether a FOR UPDATE/SHARE clause of this level locks the relation called {@code alias}. */
    private static boolean lockingClausesApply(String alias, ParseState ps) {
        if (ps.lockingClauses == null) {
            return false;
        }
        for (LockingClause lc : ps.lockingClauses) {
            if (applies(lc, alias)) {
                return true;
            }
        }
        return false;
    }

    /** A clause without OF locks every relation of its level; with OF, those it names. */
    private static boolean applies(LockingClause lc, String alias) {
        boolean applies = lc.lockedRels().isEmpty();
        for (RangeVar named : lc.lockedRels()) {
            if (named.schemaname() == null && named.relname().equals(alias)) {
                applies = true;
            }
        }
        return applies;
    }

    /** FOR UPDATE OF names a relation of this level's FROM, or it is 42P01. */
    private static void checkLockedRelations(SelectStmt stmt, ParseState ps) {
        for (LockingClause lc : stmt.lockingClause()) {
            for (RangeVar named : lc.lockedRels()) {
                boolean found = false;
                for (RangeTblEntry rte : ps.query.rtable) {
                    if (named.relname().equals(rte.refname)) {
                        found = true;
                    }
                }
                if (!found) {
                    throw Ereport.error(SqlState.UNDEFINED_TABLE, "relation \"" + named.relname()
                            + "\" in " + lockingName(lc) + " clause not found in FROM clause", named.location());
                }
            }
        }
    }

    private static String lockingName(LockingClause lc) {
        return switch (lc.strength()) {
            case FOR_KEY_SHARE -> "FOR KEY SHARE";
            case FOR_SHARE -> "FOR SHARE";
            case FOR_NO_KEY_UPDATE -> "FOR NO KEY UPDATE";
            default -> "FOR UPDATE";
        };
    }

    /** Views being expanded on this thread, innermost last: a view reached again is infinite recursion. */
    private static final ThreadLocal<java.util.ArrayDeque<Long>> EXPANDING = ThreadLocal.withInitial(java.util.ArrayDeque::new);

    /**
     * Whether the analyzer is inside a view's query on this thread: relations named there are
     * read with the view owner's rights in PostgreSQL, so the caller's SELECT check is skipped.
     */
    public static boolean insideView() {
        return !EXPANDING.get().isEmpty();
    }

    /**
     * A view in FROM becomes a subquery entry over its stored SELECT, analyzed on its own
     * level; the output columns take the view's column names (then the alias's).
     */
    private RangeTblEntry expandView(BaseRelation rel, ViewDefinition view, String alias, List<String> colAliases,
            RangeVar rv, ParseState ps) {
        java.util.ArrayDeque<Long> expanding = EXPANDING.get();
        if (expanding.contains(view.viewOid())) {
            throw Ereport.error("42P17", "infinite recursion detected in rules for relation \"" + rel.name() + "\"");
        }
        if (view.viewQuery() == null) {
            throw Ereport.error(SqlState.INTERNAL_ERROR, "could not find _RETURN rule for view \"" + rel.name() + "\"");
        }
        List<org.tusk.engine.parser.ParsedStatement> parsed = org.tusk.engine.parser.Parser.parse(view.viewQuery());
        if (parsed.size() != 1 || !(parsed.get(0).stmt() instanceof SelectStmt select)) {
            throw Ereport.error(SqlState.INTERNAL_ERROR, "view \"" + rel.name() + "\" has no valid definition");
        }
        Query sub;
        expanding.addLast(view.viewOid());
        try {
            sub = analyze(select, ps.viewLevel(), false);
        } finally {
            expanding.removeLast();
        }
        List<RelationColumn> cols = rel.columns();
        if (sub.targets().size() < cols.size()) {
            throw Ereport.error(SqlState.INTERNAL_ERROR, "view \"" + rel.name() + "\" returns fewer columns than it has");
        }
        RangeTblEntry rte = new RangeTblEntry(RangeTblEntry.Kind.SUBQUERY, alias);
        rte.subquery = sub;
        rte.view = rel;
        for (int i = 0; i < cols.size(); i++) {
            TargetEntry t = sub.targets().get(i);
            String name = colAliases != null && i < colAliases.size() ? colAliases.get(i) : cols.get(i).name();
            PgType type = t.expr().type() == PgType.UNKNOWN ? cols.get(i).type() : t.expr().type();
            rte.columns.add(new RangeTblEntry.Column(name, type, t.expr().typmod(), null));
        }
        checkAliasCount(colAliases, rte.columns.size(), alias, rv.location());
        return withVars(rte, ps);
    }

    /** A VALUES list as a range table entry: columns column1..n of each column's common type. */
    RangeTblEntry values(List<List<RawNode>> lists, ExprAnalyzer ea, Alias alias) {
        int width = -1;
        List<List<Expr>> rows = new ArrayList<>();
        for (List<RawNode> l : lists) {
            // transformExpressionList: t.* in a VALUES list stands for t's columns
            List<Expr> row = RowExprs.args(ea, l);
            if (width < 0) {
                width = row.size();
            }
            if (row.size() != width) {
                throw Ereport.error(SqlState.SYNTAX_ERROR, "VALUES lists must all be the same length",
                        ExprAnalyzer.locationOf(l.isEmpty() ? null : l.get(0)));
            }
            rows.add(row);
        }
        String refname = alias != null ? alias.aliasname() : "*VALUES*";
        RangeTblEntry rte = new RangeTblEntry(RangeTblEntry.Kind.VALUES, refname);
        for (int c = 0; c < width; c++) {
            List<Expr> column = new ArrayList<>();
            List<Integer> locations = new ArrayList<>();
            for (int r = 0; r < rows.size(); r++) {
                column.add(rows.get(r).get(c));
                locations.add(lists.get(r).size() == width ? ExprAnalyzer.locationOf(lists.get(r).get(c))
                        : ea.pstate().locationOf(rows.get(r).get(c)));
            }
            List<Expr> coerced = ea.commonType(column, locations, "VALUES");
            for (int r = 0; r < rows.size(); r++) {
                rows.get(r).set(c, coerced.get(r));
            }
            String name = alias != null && alias.colnames() != null && c < alias.colnames().size() ? alias.colnames().get(c)
                    : "column" + (c + 1);
            rte.columns.add(new RangeTblEntry.Column(name, coerced.get(0).type(), coerced.get(0).typmod(), null));
        }
        if (alias != null) {
            checkAliasCount(alias.colnames(), width, "table", refname);
        }
        rte.values = rows;
        return withVars(rte, ea.pstate());
    }

    // ---- joins ----

    private static org.tusk.engine.executor.JoinType joinType(JoinType t) {
        switch (t) {
            case LEFT: return org.tusk.engine.executor.JoinType.LEFT;
            case RIGHT: return org.tusk.engine.executor.JoinType.RIGHT;
            case FULL: return org.tusk.engine.executor.JoinType.FULL;
            default: return org.tusk.engine.executor.JoinType.INNER;
        }
    }

    private FromResult join(JoinExpr j, ParseState ps, ExprAnalyzer ea) {
        FromResult left = fromItem(j.larg(), ps, ea);
        int saved = ps.namespace.size();
        ps.namespace.addAll(left.items);
        FromResult right;
        try {
            right = fromItem(j.rarg(), ps, ea);
        } finally {
            while (ps.namespace.size() > saved) {
                ps.namespace.remove(ps.namespace.size() - 1);
            }
        }
        for (ParseState.NsItem ns : right.items) {
            checkNameConflict(ns, left.items, j);
        }
        org.tusk.engine.executor.JoinType type = joinType(j.jointype());
        List<RangeTblEntry.Column> leftCols = visibleColumns(left.items);
        List<RangeTblEntry.Column> rightCols = visibleColumns(right.items);
        String joinName = j.alias() != null ? j.alias().aliasname() : null;
        RangeTblEntry joinRte = new RangeTblEntry(RangeTblEntry.Kind.JOIN, joinName);
        Expr quals = null;
        List<String> using = j.usingClause();
        if (j.isNatural()) {
            using = new ArrayList<>();
            for (RangeTblEntry.Column l : leftCols) {
                for (RangeTblEntry.Column r : rightCols) {
                    if (l.name().equals(r.name()) && !using.contains(l.name())) {
                        using.add(l.name());
                    }
                }
            }
        }
        List<String> merged = new ArrayList<>();
        if (using != null && !using.isEmpty()) {
            List<Expr> conds = new ArrayList<>();
            for (String name : using) {
                if (merged.contains(name)) {
                    throw Ereport.error("42701", "column name \"" + name + "\" appears more than once in USING clause",
                            j.location());
                }
                RangeTblEntry.Column l = uniqueColumn(leftCols, name, "left", j.location());
                RangeTblEntry.Column r = uniqueColumn(rightCols, name, "right", j.location());
                Expr eq = ea.binaryOperator("=", l.expr(), r.expr(), j.location());
                conds.add(ea.coerceToBoolean(eq, "JOIN/USING", j.location()));
                Expr mergedExpr = type == org.tusk.engine.executor.JoinType.FULL
                        ? new CoalesceExpr(List.of(l.expr(), sameType(ea, r.expr(), l.expr().type())), l.type())
                        : type == org.tusk.engine.executor.JoinType.RIGHT ? r.expr() : l.expr();
                joinRte.columns.add(new RangeTblEntry.Column(name, mergedExpr.type(), mergedExpr.typmod(), mergedExpr));
                merged.add(name);
            }
            quals = conds.size() == 1 ? conds.get(0) : new BoolExpr(BoolOp.AND, conds);
            joinRte.usingColumns = merged;
        }
        for (RangeTblEntry.Column c : leftCols) {
            if (!merged.contains(c.name())) {
                joinRte.columns.add(c);
            }
        }
        for (RangeTblEntry.Column c : rightCols) {
            if (!merged.contains(c.name())) {
                joinRte.columns.add(c);
            }
        }
        if (j.quals() != null) {
            int before = ps.namespace.size();
            ps.namespace.addAll(left.items);
            ps.namespace.addAll(right.items);
            try {
                ps.noAggregatesIn = "JOIN conditions";
                ps.noWindowFunctionsIn = "JOIN conditions";
                quals = ea.coerceToBoolean(ea.transform(j.quals()), "JOIN/ON", j.quals().location());
            } finally {
                ps.noAggregatesIn = null;
                ps.noWindowFunctionsIn = null;
                while (ps.namespace.size() > before) {
                    ps.namespace.remove(ps.namespace.size() - 1);
                }
            }
        }
        if (j.alias() != null && j.alias().colnames() != null) {
            checkAliasCount(j.alias().colnames(), joinRte.columns.size(), "join expression", joinName);
            for (int i = 0; i < j.alias().colnames().size(); i++) {
                RangeTblEntry.Column c = joinRte.columns.get(i);
                joinRte.columns.set(i, new RangeTblEntry.Column(j.alias().colnames().get(i), c.type(), c.typmod(), c.expr()));
            }
        }
        ps.addRte(joinRte);
        List<ParseState.NsItem> items = new ArrayList<>();
        items.add(new ParseState.NsItem(joinRte, joinName != null, true));
        boolean hideInner = j.alias() != null;
        for (ParseState.NsItem ns : left.items) {
            items.add(new ParseState.NsItem(ns.rte(), ns.qualifiedVisible() && !hideInner, false));
        }
        for (ParseState.NsItem ns : right.items) {
            items.add(new ParseState.NsItem(ns.rte(), ns.qualifiedVisible() && !hideInner, false));
        }
        return new FromResult(new JoinTreeNode.Join(type, left.node, right.node, quals, joinRte), items);
    }

    private static Expr sameType(ExprAnalyzer ea, Expr e, PgType t) {
        if (e.type() == t) {
            return e;
        }
        Expr c = ea.coerce(e, t, -1, org.tusk.engine.func.CastContext.IMPLICIT);
        return c == null ? e : c;
    }

    private static List<RangeTblEntry.Column> visibleColumns(List<ParseState.NsItem> items) {
        List<RangeTblEntry.Column> out = new ArrayList<>();
        for (ParseState.NsItem ns : items) {
            if (ns.unqualifiedVisible()) {
                List<RangeTblEntry.Column> cols = ns.rte().columns;
                for (int i = 0; i < cols.size(); i++) {
                    if (!ns.rte().isHidden(i)) {
                        out.add(cols.get(i));
                    }
                }
            }
        }
        return out;
    }

    private static RangeTblEntry.Column uniqueColumn(List<RangeTblEntry.Column> cols, String name, String side,
            int location) {
        RangeTblEntry.Column found = null;
        for (RangeTblEntry.Column c : cols) {
            if (c.name().equals(name)) {
                if (found != null) {
                    throw Ereport.error(SqlState.AMBIGUOUS_COLUMN, "common column name \"" + name
                            + "\" appears more than once in " + side + " table", location);
                }
                found = c;
            }
        }
        if (found == null) {
            throw Ereport.error(SqlState.UNDEFINED_COLUMN, "column \"" + name + "\" specified in USING clause does not exist in "
                    + side + " table", location);
        }
        return found;
    }

    // ---- set operations ----

    private RangeTblEntry setOperation(SelectStmt stmt, ParseState ps, ExprAnalyzer ea) {
        SetOpTree tree = setOpTree(stmt, ps, true);
        List<Query> leaves = new ArrayList<>();
        collectLeaves(tree, leaves);
        int width = leaves.get(0).targets().size();
        String opName = stmt.op().name();
        for (Query leaf : leaves) {
            if (leaf.targets().size() != width) {
                int loc = leaf.targetLocations.isEmpty() ? stmt.location() : leaf.targetLocations.get(0);
                throw Ereport.error(SqlState.SYNTAX_ERROR, "each " + opName + " query must have the same number of columns",
                        loc);
            }
        }
        RangeTblEntry rte = new RangeTblEntry(RangeTblEntry.Kind.SETOP, null);
        rte.setOp = tree;
        for (int c = 0; c < width; c++) {
            List<Expr> column = new ArrayList<>();
            List<Integer> locations = new ArrayList<>();
            for (Query leaf : leaves) {
                Expr raw = leaf.unresolvedTargets.get(c);
                column.add(raw != null ? raw : leaf.targets().get(c).expr());
                locations.add(c < leaf.targetLocations.size() ? leaf.targetLocations.get(c) : -1);
            }
            List<Expr> coerced = ea.commonType(column, locations, opName);
            for (int i = 0; i < leaves.size(); i++) {
                TargetEntry t = leaves.get(i).targets().get(c);
                leaves.get(i).targetList.set(c, new TargetEntry(t.name(), coerced.get(i), t.tableOid(), t.attnum()));
            }
            Expr first = coerced.get(0);
            if (removesDuplicates(tree)) {
                SortGroupOperators.requireEquality(first.type(), locations.get(0));
            }
            rte.columns.add(new RangeTblEntry.Column(leaves.get(0).targets().get(c).name(), first.type(), first.typmod(),
                    null));
        }
        return withVars(rte, ps);
    }

    private SetOpTree setOpTree(SelectStmt stmt, ParseState ps, boolean top) {
        if (stmt.op() == SetOperation.NONE || (!top && (!stmt.sortClause().isEmpty() || stmt.limitCount() != null
                || stmt.withClause() != null))) {
            ParseState level = ps.fromItemLevel(false);
            return SetOpTree.leaf(analyze(stmt, level));
        }
        SetOpTree.Op op = SetOpTree.Op.valueOf(stmt.op().name());
        return new SetOpTree(op, stmt.all(), setOpTree(stmt.larg(), ps, false), setOpTree(stmt.rarg(), ps, false), null);
    }

    /** Whether some UNION, INTERSECT or EXCEPT of the tree lacks ALL, so needs to compare rows. */
    private static boolean removesDuplicates(SetOpTree t) {
        return !t.isLeaf() && (!t.all() || removesDuplicates(t.left()) || removesDuplicates(t.right()));
    }

    private static void collectLeaves(SetOpTree t, List<Query> out) {
        if (t.isLeaf()) {
            out.add(t.leaf());
        } else {
            collectLeaves(t.left(), out);
            collectLeaves(t.right(), out);
        }
    }

    /** Used by CTE analysis: the set-operation analysis of a stmt at a given level. */
    Query analyzeAt(SelectStmt stmt, ParseState level) {
        return analyze(stmt, level, false);
    }

    static boolean isOuterParam(Expr e) {
        return e instanceof ExecParamExpr;
    }

    static boolean isSlot(Expr e) {
        return e instanceof SlotExpr;
    }
}
