package org.tusk.engine.analyze;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.tusk.api.engine.Column;
import org.tusk.api.engine.RowReceiver;
import org.tusk.api.error.SqlState;
import org.tusk.api.storage.ScanBounds;
import org.tusk.engine.executor.scan.StorageBaseRelation;
import org.tusk.engine.commands.DmlCommand;
import org.tusk.engine.relcache.TriggerDesc;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.executor.PlanState;
import org.tusk.engine.executor.modify.ModifyTableNode;
import org.tusk.engine.executor.modify.OnConflict;
import org.tusk.engine.executor.modify.ResultIndex;
import org.tusk.engine.executor.modify.ResultRelation;
import org.tusk.engine.executor.modify.ResultRelations;
import org.tusk.engine.executor.modify.TableModifier;
import org.tusk.engine.executor.scan.IndexKeyEncoding;
import org.tusk.engine.executor.scan.IndexScanNode;
import org.tusk.engine.executor.scan.SeqScanNode;
import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.expr.Expr;
import org.tusk.engine.expr.VarExpr;
import org.tusk.engine.func.CastContext;
import org.tusk.engine.nodes.AConst;
import org.tusk.engine.nodes.AExpr;
import org.tusk.engine.nodes.AExprKind;
import org.tusk.engine.nodes.BoolExprNode;
import org.tusk.engine.nodes.BoolOp;
import org.tusk.engine.nodes.ColumnRef;
import org.tusk.engine.nodes.DeleteStmt;
import org.tusk.engine.nodes.IndexElem;
import org.tusk.engine.nodes.InsertStmt;
import org.tusk.engine.nodes.OnConflictAction;
import org.tusk.engine.nodes.ParamRef;
import org.tusk.engine.nodes.RangeVar;
import org.tusk.engine.nodes.RawNode;
import org.tusk.engine.nodes.RawStmt;
import org.tusk.engine.nodes.ResTarget;
import org.tusk.engine.nodes.SelectStmt;
import org.tusk.engine.nodes.SetToDefault;
import org.tusk.engine.nodes.TypeCast;
import org.tusk.engine.nodes.UpdateStmt;
import org.tusk.engine.parser.ParsedStatement;
import org.tusk.engine.parser.Parser;
import org.tusk.engine.relcache.AttributeDesc;
import org.tusk.engine.relcache.RelationDesc;
import org.tusk.engine.storage.StorageSession;
import org.tusk.engine.tcop.SearchPathProvider;
import org.tusk.engine.types.PgType;
import org.tusk.engine.types.TypeContext;
import org.tusk.lmgr.LockMode;

/**
 * Parse analysis and planning of INSERT, UPDATE and DELETE on one stored
 * table (analyze.c's transformInsertStmt/transformUpdateStmt/
 * transformDeleteStmt, with the planner's part cut to what a single table
 * needs): the target opened with RowExclusiveLock, target columns resolved
 * and coerced for assignment (42703, 42701, 42804), DEFAULT and column
 * defaults filled in, VALUES lists or a SELECT as the source, WHERE with an
 * index scan when a conjunct is {@code indexcol = constant/parameter}, ON
 * CONFLICT with inferred arbiters and EXCLUDED, RETURNING.
 *
 * <p>Not yet: UPDATE ... FROM / DELETE ... USING (joins come from the general
 * planner), WITH, multi-column SET (a, b) = ..., subscripted targets.
 */
public final class ModifyAnalyzer {

    private final StorageSession session;
    private final org.tusk.engine.catalog.SystemRelations relations;
    private final TypeContext typeContext;

    public ModifyAnalyzer(StorageSession session, org.tusk.engine.catalog.SystemRelations relations,
            TypeContext typeContext) {
        this.session = session;
        this.relations = relations;
        this.typeContext = typeContext;
    }

    /** Whether {@code stmt} is one this analyzer handles. */
    public static boolean handles(RawStmt stmt) {
        return stmt instanceof InsertStmt || stmt instanceof UpdateStmt || stmt instanceof DeleteStmt;
    }

    public DmlCommand analyze(RawStmt stmt, ParseState pstate) {
        if (stmt instanceof InsertStmt insert) {
            return insert(insert, pstate);
        }
        if (stmt instanceof UpdateStmt update) {
            return update(update, pstate);
        }
        return delete((DeleteStmt) stmt, pstate);
    }

    // --- target ------------------------------------------------------------------------

    /** Opens {@code rv} as the target of a data change (RowExclusiveLock), checking it is a plain table. */
    public RelationDesc openTarget(RangeVar rv) {
        return openTarget(rv, 0);
    }

    /** {@link #openTarget(RangeVar)} checking the privileges in {@code requiredPerms} (AclMode bits) first. */
    public RelationDesc openTarget(RangeVar rv, int requiredPerms) {
        if (session.storage() == null) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "data modification needs storage");
        }
        List<String> path = session instanceof SearchPathProvider p ? p.searchPath() : List.of("public");
        RelationDesc desc = session.relcache().open(rv.schemaname(), rv.relname(), path, LockMode.ROW_EXCLUSIVE,
                rv.location() + 1);
        if (desc.kind() != 'r') {
            throw Ereport.error(SqlState.WRONG_OBJECT_TYPE, "cannot change "
                    + (desc.kind() == 'S' ? "sequence" : desc.kind() == 'v' ? "view" : "relation") + " \""
                    + desc.name() + "\"");
        }
        if (desc.isSystemCatalog()) {
            throw Ereport.error(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied: \"" + desc.name()
                    + "\" is a system catalog");
        }
        if (requiredPerms != 0) {
            org.tusk.engine.acl.AccessChecks.checkRelation(session, desc, requiredPerms);
        }
        return desc;
    }

    private static String aliasOf(RangeVar rv) {
        return rv.alias() != null ? rv.alias().aliasname() : null;
    }

    /** The table as the expression analyzer's FROM relation (the target's range table entry, slots 0..n-1). */
    private ExprAnalyzer scope(ParseState pstate, RelationDesc desc, String alias) {
        addTableRte(pstate, desc, alias != null ? alias : desc.name());
        return new ExprAnalyzer(pstate, typeContext);
    }

    /** A RELATION range table entry for {@code desc} named {@code refname}, visible qualified and unqualified. */
    private RangeTblEntry addTableRte(ParseState pstate, RelationDesc desc, String refname) {
        StorageBaseRelation rel = new StorageBaseRelation(desc, session);
        RangeTblEntry rte = new RangeTblEntry(RangeTblEntry.Kind.RELATION, refname);
        rte.relation = rel;
        for (org.tusk.engine.catalog.RelationColumn c : rel.columns()) {
            rte.columns.add(new RangeTblEntry.Column(c.name(), c.type(), c.typmod(), null));
        }
        SelectAnalyzer.withVars(rte, pstate);
        pstate.addRte(rte);
        pstate.namespace.add(new ParseState.NsItem(rte, true, true));
        return rte;
    }

    private int columnIndex(List<AttributeDesc> live, String name, RelationDesc desc, int location) {
        for (int i = 0; i < live.size(); i++) {
            if (live.get(i).name().equals(name)) {
                return i;
            }
        }
        throw Ereport.error(SqlState.UNDEFINED_COLUMN, "column \"" + name + "\" of relation \"" + desc.name()
                + "\" does not exist", location + 1);
    }

    private static PgType typeOf(AttributeDesc a) {
        PgType t = PgType.byOid(a.typeOid());
        return t == null ? PgType.TEXT : t;
    }

    /** transformAssignedExpr: coerce to the column's type in assignment context, 42804 if impossible. */
    private Expr assign(ExprAnalyzer analyzer, Expr value, AttributeDesc column, int location) {
        PgType type = typeOf(column);
        Expr e = analyzer.coerce(value, type, column.typmod(), CastContext.ASSIGNMENT);
        if (e == null) {
            throw Ereport.error(SqlState.DATATYPE_MISMATCH, "column \"" + column.name() + "\" is of type "
                    + type.displayName(column.typmod()) + " but expression is of type " + value.type().displayName(),
                    location + 1).withHint("You will need to rewrite or cast the expression.");
        }
        return e;
    }

    /** The column's default expression (pg_attrdef), or null for NULL. */
    private Expr defaultFor(RelationDesc desc, AttributeDesc column, ParseState outer) {
        String text = desc.defaults().get(column.attnum());
        if (text == null) {
            return null;
        }
        List<ParsedStatement> parsed = Parser.parse("SELECT " + text);
        SelectStmt select = (SelectStmt) parsed.get(0).stmt();
        ParseState pstate = new ParseState(new int[0]);
        ExprAnalyzer analyzer = new ExprAnalyzer(pstate, typeContext);
        return assign(analyzer, analyzer.transform(select.targetList().get(0).val()), column, 0);
    }

    /** Every live column's default expression (null = NULL), for COPY FROM's unlisted columns. */
    public Expr[] columnDefaults(RelationDesc desc) {
        List<AttributeDesc> live = desc.liveAttributes();
        Expr[] out = new Expr[live.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = defaultFor(desc, live.get(i), null);
        }
        return out;
    }

    /** The executor's view of the target, CHECK constraints compiled. */
    public ResultRelation resultRelation(RelationDesc desc) {
        return resultRelation(desc, null);
    }

    /** Analyzes COPY (query) TO's query. */
    public Query analyzeQuery(SelectStmt select) {
        return new SelectAnalyzer(relations, typeContext).analyze(select, new ParseState(new int[0]));
    }

    private ResultRelation resultRelation(RelationDesc desc, ParseState pstate) {
        return ResultRelations.open(desc, session, text -> {
            List<ParsedStatement> parsed = Parser.parse("SELECT " + text);
            SelectStmt select = (SelectStmt) parsed.get(0).stmt();
            ParseState checkState = new ParseState(new int[0]);
            ExprAnalyzer analyzer = scope(checkState, desc, null);
            return analyzer.coerceToBoolean(analyzer.transform(select.targetList().get(0).val()), "CHECK", -1);
        }, desc.checkNames());
    }

    // --- triggers ---------------------------------------------------------------------------

    /** The statement's trigger manager for {@code event} on {@code desc}, or null when no trigger fires. */
    public org.tusk.engine.executor.modify.TriggerManager triggers(RelationDesc desc, int event, EvalContext ctx) {
        return org.tusk.engine.executor.modify.TriggerManager.forEvent(desc, event,
                session instanceof org.tusk.engine.executor.modify.TriggerFunctions f ? f : null, ctx,
                text -> whenCondition(desc, text));
    }

    /** A trigger's WHEN condition over OLD's columns (slots 0..n-1) then NEW's (n..2n-1). */
    private Expr whenCondition(RelationDesc desc, String text) {
        SelectStmt select = (SelectStmt) Parser.parse("SELECT " + text).get(0).stmt();
        ParseState state = new ParseState(new int[0]);
        addTableRte(state, desc, "old");
        addTableRte(state, desc, "new");
        ExprAnalyzer analyzer = new ExprAnalyzer(state, typeContext);
        return analyzer.coerceToBoolean(analyzer.transform(select.targetList().get(0).val()), "WHEN", -1);
    }

    // --- RETURNING ------------------------------------------------------------------------

    private record Returning(Expr[] exprs, List<Column> columns) {
    }

    private Returning returning(List<ResTarget> list, ExprAnalyzer analyzer, RelationDesc desc) {
        if (list == null || list.isEmpty()) {
            return new Returning(null, null);
        }
        List<Expr> exprs = new ArrayList<>();
        List<Column> columns = new ArrayList<>();
        List<AttributeDesc> live = desc.liveAttributes();
        for (ResTarget t : list) {
            if (t.val() instanceof ColumnRef c && c.star()) {
                for (int i = 0; i < live.size(); i++) {
                    AttributeDesc a = live.get(i);
                    exprs.add(new VarExpr(i, typeOf(a), a.typmod(), desc.name(), a.name()));
                    columns.add(column(a.name(), typeOf(a), a.typmod(), desc.oid(), (short) a.attnum()));
                }
                continue;
            }
            Expr e = analyzer.transform(t.val());
            if (e.type() == PgType.UNKNOWN) {
                e = analyzer.coerce(e, PgType.TEXT, -1, CastContext.IMPLICIT);
            }
            String name = t.name() != null ? t.name() : ColumnNames.figure(t.val());
            int tableOid = 0;
            short attnum = 0;
            if (e instanceof VarExpr v) {
                tableOid = desc.oid();
                attnum = (short) live.get(v.attno()).attnum();
            }
            exprs.add(e);
            columns.add(column(name, e.type(), e.typmod(), tableOid, attnum));
        }
        return new Returning(exprs.toArray(new Expr[0]), columns);
    }

    private static Column column(String name, PgType type, int typmod, int tableOid, short attnum) {
        return new Column(name, tableOid, attnum, type.oid(), type.typlen(), typmod, (short) 0);
    }

    // --- INSERT ---------------------------------------------------------------------------

    private DmlCommand insert(InsertStmt stmt, ParseState pstate) {
        // (targets is reassigned when VALUES is shorter than an implicit column list)
        if (stmt.withClause() != null) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "WITH in INSERT is not supported yet");
        }
        // ON CONFLICT DO UPDATE also needs UPDATE; RETURNING reads the row (SELECT)
        RelationDesc desc = openTarget(stmt.relation(), org.tusk.engine.acl.AclMode.INSERT
                | (stmt.onConflictClause() != null && stmt.onConflictClause().action() == OnConflictAction.UPDATE
                        ? org.tusk.engine.acl.AclMode.UPDATE : 0)
                | (stmt.returningList() != null && !stmt.returningList().isEmpty() ? org.tusk.engine.acl.AclMode.SELECT : 0));
        List<AttributeDesc> live = desc.liveAttributes();
        int natts = live.size();
        // target columns
        List<Integer> targets = new ArrayList<>();
        if (stmt.cols() == null || stmt.cols().isEmpty()) {
            for (int i = 0; i < natts; i++) {
                targets.add(i);
            }
        } else {
            Set<Integer> seen = new HashSet<>();
            for (ResTarget col : stmt.cols()) {
                if (col.indirection() != null && !col.indirection().isEmpty()) {
                    throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED,
                            "subscripted or field INSERT targets are not supported yet", col.location() + 1);
                }
                int idx = columnIndex(live, col.name(), desc, col.location());
                if (!seen.add(idx)) {
                    throw Ereport.error(SqlState.DUPLICATE_COLUMN, "column \"" + col.name()
                            + "\" specified more than once", col.location() + 1);
                }
                targets.add(idx);
            }
        }
        Expr[] defaults = new Expr[natts];
        for (int i = 0; i < natts; i++) {
            defaults[i] = defaultFor(desc, live.get(i), pstate);
        }
        ExprAnalyzer plain = new ExprAnalyzer(pstate, typeContext);
        SelectStmt select = stmt.selectStmt();
        List<Expr[]> valuesRows = null;
        Query sourceQuery = null;
        Expr[] sourceMapping = null;
        if (select == null) {
            valuesRows = new ArrayList<>();
            valuesRows.add(defaults.clone());                                // DEFAULT VALUES
        } else if (isPlainValues(select)) {
            valuesRows = new ArrayList<>();
            int width = select.valuesLists().get(0).size();
            for (List<RawNode> exprs : select.valuesLists()) {
                if (exprs.size() != width) {
                    throw Ereport.error(SqlState.SYNTAX_ERROR, "VALUES lists must all be the same length",
                            exprs.isEmpty() ? 0 : location(exprs.get(0)));
                }
            }
            if ((stmt.cols() == null || stmt.cols().isEmpty()) && width < targets.size()) {
                targets = new ArrayList<>(targets.subList(0, width));    // no column list: the leading columns
            }
            for (List<RawNode> exprs : select.valuesLists()) {
                if (exprs.size() > targets.size()) {
                    throw Ereport.error(SqlState.SYNTAX_ERROR, "INSERT has more expressions than target columns",
                            location(exprs.get(targets.size())));
                }
                if (exprs.size() < targets.size()) {
                    throw Ereport.error(SqlState.SYNTAX_ERROR, "INSERT has more target columns than expressions",
                            stmt.cols() != null && !stmt.cols().isEmpty()
                                    ? stmt.cols().get(exprs.size()).location() + 1 : 0);
                }
                Expr[] row = defaults.clone();
                for (int k = 0; k < exprs.size(); k++) {
                    RawNode node = exprs.get(k);
                    int col = targets.get(k);
                    row[col] = node instanceof SetToDefault ? defaults[col]
                            : assign(plain, plain.transform(node), live.get(col), location(node) - 1);
                }
                valuesRows.add(row);
            }
        } else {
            sourceQuery = new SelectAnalyzer(relations, typeContext).analyze(select, new ParseState(new int[0]));
            if (sourceQuery.targets().size() > targets.size()) {
                throw Ereport.error(SqlState.SYNTAX_ERROR, "INSERT has more expressions than target columns", 0);
            }
            if (sourceQuery.targets().size() < targets.size()) {
                throw Ereport.error(SqlState.SYNTAX_ERROR, "INSERT has more target columns than expressions", 0);
            }
            sourceMapping = defaults.clone();
            for (int k = 0; k < targets.size(); k++) {
                TargetEntry t = sourceQuery.targets().get(k);
                Expr var = new VarExpr(k, t.expr().type(), t.expr().typmod(), null, t.name());
                sourceMapping[targets.get(k)] = assign(plain, var, live.get(targets.get(k)), -1);
            }
        }
        // ON CONFLICT
        OnConflictSpec conflict = null;
        if (stmt.onConflictClause() != null && stmt.onConflictClause().action() != OnConflictAction.NONE) {
            conflict = onConflict(stmt, desc, live, pstate);
        }
        ExprAnalyzer returningScope = scope(new ParseState(new int[0]), desc, aliasOf(stmt.relation()));
        Returning ret = returning(stmt.returningList(), returningScope, desc);
        ResultRelation result = resultRelation(desc, pstate);
        List<Expr[]> rows = valuesRows;
        Query query = sourceQuery;
        Expr[] mapping = sourceMapping;
        OnConflictSpec spec = conflict;
        return new DmlCommand() {
            @Override
            public List<Column> resultColumns() {
                return ret.columns();
            }

            @Override
            public Result execute(EvalContext ctx, RowReceiver receiver) {
                PlanState source;
                if (rows != null) {
                    java.util.Iterator<Expr[]> it = rows.iterator();
                    source = () -> {
                        if (!it.hasNext()) {
                            return null;
                        }
                        Expr[] exprs = it.next();
                        ctx.setRow(null);
                        Object[] row = new Object[exprs.length];
                        for (int i = 0; i < exprs.length; i++) {
                            row[i] = exprs[i] == null ? null : exprs[i].eval(ctx);
                        }
                        return row;
                    };
                } else {
                    PlanState select = org.tusk.engine.executor.Executor.start(query, ctx);
                    source = () -> {
                        Object[] in = select.next();
                        if (in == null) {
                            return null;
                        }
                        ctx.setRow(in);
                        Object[] row = new Object[mapping.length];
                        for (int i = 0; i < mapping.length; i++) {
                            row[i] = mapping[i] == null ? null : mapping[i].eval(ctx);
                        }
                        return row;
                    };
                }
                TableModifier modifier = new TableModifier(result, session.transactionContext(), session.snapshot(),
                        ctx);
                OnConflict onConflict = spec == null ? null : spec.bind(result);
                org.tusk.engine.executor.modify.TriggerManager triggers = triggers(desc, TriggerDesc.INSERT, ctx);
                if (triggers != null) {
                    triggers.beforeStatement(TriggerDesc.INSERT);
                }
                ModifyTableNode node = ModifyTableNode.insert(modifier, source, ctx, onConflict, ret.exprs())
                        .withTriggers(triggers);
                List<Object[]> out = drain(node);
                if (triggers != null) {
                    triggers.afterStatement(TriggerDesc.INSERT);
                    triggers.fireAfter();
                }
                return new Result("INSERT 0 " + node.processed(), out);
            }
        };
    }

    private static boolean isPlainValues(SelectStmt s) {
        return s.valuesLists() != null && !s.valuesLists().isEmpty() && (s.op() == null || s.op() == org.tusk.engine.nodes.SetOperation.NONE)
                && (s.sortClause() == null || s.sortClause().isEmpty()) && s.limitCount() == null
                && s.limitOffset() == null && s.withClause() == null;
    }

    private static int location(RawNode node) {
        try {
            java.lang.reflect.Method m = node.getClass().getMethod("location");
            Object v = m.invoke(node);
            return v instanceof Integer i && i >= 0 ? i + 1 : 0;
        } catch (ReflectiveOperationException e) {
            return 0;
        }
    }

    private static List<Object[]> drain(PlanState node) {
        List<Object[]> out = new ArrayList<>();
        for (Object[] row = node.next(); row != null; row = node.next()) {
            out.add(row);
        }
        return out;
    }

    /** ON CONFLICT as analyzed: arbiter index names, and for DO UPDATE the SET list over (existing ++ excluded). */
    private record OnConflictSpec(Set<String> arbiterNames, boolean doUpdate, Expr[] set, Expr where) {
        OnConflict bind(ResultRelation result) {
            List<ResultIndex> arbiters = new ArrayList<>();
            for (ResultIndex index : result.indexes()) {
                if (index.unique() && (arbiterNames == null || arbiterNames.contains(index.name()))) {
                    arbiters.add(index);
                }
            }
            return new OnConflict(doUpdate, arbiters, set, where);
        }
    }

    private OnConflictSpec onConflict(InsertStmt stmt, RelationDesc desc, List<AttributeDesc> live,
            ParseState pstate) {
        var clause = stmt.onConflictClause();
        Set<String> arbiters = null;
        if (clause.infer() != null) {
            arbiters = new HashSet<>();
            if (clause.infer().conname() != null) {
                arbiters.add(clause.infer().conname());
            } else {
                Set<Integer> wanted = new HashSet<>();
                for (IndexElem e : clause.infer().indexElems()) {
                    if (e.name() == null) {
                        throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED,
                                "expressions in ON CONFLICT targets are not supported yet");
                    }
                    wanted.add(live.get(columnIndex(live, e.name(), desc, clause.infer().location())).attnum());
                }
                for (var index : desc.indexes()) {
                    Set<Integer> keys = new HashSet<>();
                    for (int k : index.keyAttnums()) {
                        keys.add(k);
                    }
                    if (index.unique() && keys.equals(wanted)) {
                        arbiters.add(index.name());
                    }
                }
            }
            if (arbiters.isEmpty()) {
                throw Ereport.error(SqlState.INVALID_COLUMN_REFERENCE,
                        "there is no unique or exclusion constraint matching the ON CONFLICT specification");
            }
        } else if (clause.action() == OnConflictAction.UPDATE) {
            throw Ereport.error(SqlState.SYNTAX_ERROR,
                    "ON CONFLICT DO UPDATE requires inference specification or constraint name",
                    clause.location() + 1).withHint("For example, ON CONFLICT (column_name).");
        }
        if (clause.action() == OnConflictAction.NOTHING) {
            return new OnConflictSpec(arbiters, false, null, null);
        }
        // DO UPDATE: the table's columns (slots 0..n-1), then EXCLUDED's (n..2n-1)
        String alias = aliasOf(stmt.relation()) != null ? aliasOf(stmt.relation()) : desc.name();
        ParseState updateState = new ParseState(new int[0]);
        addTableRte(updateState, desc, alias);
        addTableRte(updateState, desc, "excluded");
        ExprAnalyzer analyzer = new ExprAnalyzer(updateState, typeContext);
        Expr[] set = new Expr[live.size()];
        for (int i = 0; i < live.size(); i++) {
            AttributeDesc a = live.get(i);
            set[i] = new VarExpr(i, typeOf(a), a.typmod(), alias, a.name());
        }
        for (ResTarget t : clause.targetList()) {
            int idx = columnIndex(live, t.name(), desc, t.location());
            RawNode value = t.val();
            set[idx] = value instanceof SetToDefault ? defaultFor(desc, live.get(idx), pstate)
                    : assign(analyzer, analyzer.transform(value), live.get(idx), t.location());
        }
        Expr where = clause.whereClause() == null ? null
                : analyzer.coerceToBoolean(analyzer.transform(clause.whereClause()), "WHERE",
                        -1);
        return new OnConflictSpec(arbiters, true, set, where);
    }

    // --- UPDATE / DELETE ----------------------------------------------------------------------

    private DmlCommand update(UpdateStmt stmt, ParseState pstate) {
        if (stmt.fromClause() != null && !stmt.fromClause().isEmpty()) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "UPDATE ... FROM is not supported yet");
        }
        if (stmt.withClause() != null) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "WITH in UPDATE is not supported yet");
        }
        // reading columns in WHERE or RETURNING needs SELECT too (table-level here)
        RelationDesc desc = openTarget(stmt.relation(), org.tusk.engine.acl.AclMode.UPDATE
                | (stmt.whereClause() != null || stmt.returningList() != null && !stmt.returningList().isEmpty()
                        ? org.tusk.engine.acl.AclMode.SELECT : 0));
        List<AttributeDesc> live = desc.liveAttributes();
        ExprAnalyzer analyzer = scope(pstate, desc, aliasOf(stmt.relation()));
        Expr[] set = new Expr[live.size()];
        for (int i = 0; i < live.size(); i++) {
            AttributeDesc a = live.get(i);
            set[i] = new VarExpr(i, typeOf(a), a.typmod(), desc.name(), a.name());
        }
        Set<Integer> assigned = new HashSet<>();
        for (ResTarget t : stmt.targetList()) {
            if (t.indirection() != null && !t.indirection().isEmpty()) {
                throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED,
                        "subscripted or field UPDATE targets are not supported yet", t.location() + 1);
            }
            if (t.val() instanceof org.tusk.engine.nodes.MultiAssignRef) {
                throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "multiple-column UPDATE SET is not supported yet",
                        t.location() + 1);
            }
            int idx = columnIndex(live, t.name(), desc, t.location());
            if (!assigned.add(idx)) {
                throw Ereport.error(SqlState.DUPLICATE_COLUMN, "multiple assignments to same column \"" + t.name()
                        + "\"", t.location() + 1);
            }
            set[idx] = t.val() instanceof SetToDefault ? defaultFor(desc, live.get(idx), pstate)
                    : assign(analyzer, analyzer.transform(t.val()), live.get(idx), t.location());
        }
        return rowsCommand(stmt.relation(), desc, stmt.whereClause(), stmt.returningList(), analyzer, pstate, set,
                assigned);
    }

    private DmlCommand delete(DeleteStmt stmt, ParseState pstate) {
        if (stmt.usingClause() != null && !stmt.usingClause().isEmpty()) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "DELETE ... USING is not supported yet");
        }
        if (stmt.withClause() != null) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "WITH in DELETE is not supported yet");
        }
        RelationDesc desc = openTarget(stmt.relation(), org.tusk.engine.acl.AclMode.DELETE
                | (stmt.whereClause() != null || stmt.returningList() != null && !stmt.returningList().isEmpty()
                        ? org.tusk.engine.acl.AclMode.SELECT : 0));
        ExprAnalyzer analyzer = scope(pstate, desc, aliasOf(stmt.relation()));
        return rowsCommand(stmt.relation(), desc, stmt.whereClause(), stmt.returningList(), analyzer, pstate, null,
                null);
    }

    /** An equality on an indexed column found in WHERE: which index, and the key's expression. */
    private record IndexQual(org.tusk.engine.relcache.IndexDesc index, Expr key, PgType keyType) {
    }

    private DmlCommand rowsCommand(RangeVar rv, RelationDesc desc, RawNode whereNode, List<ResTarget> returningList,
            ExprAnalyzer analyzer, ParseState pstate, Expr[] set, Set<Integer> assigned) {
        Expr where = whereNode == null ? null
                : analyzer.coerceToBoolean(analyzer.transform(whereNode), "WHERE", location(whereNode) - 1);
        IndexQual qual = whereNode == null ? null : indexQual(whereNode, desc, analyzer);
        Returning ret = returning(returningList, analyzer, desc);
        ResultRelation result = resultRelation(desc, pstate);
        int natts = desc.liveAttributes().size();
        return new DmlCommand() {
            @Override
            public List<Column> resultColumns() {
                return ret.columns();
            }

            @Override
            public Result execute(EvalContext ctx, RowReceiver receiver) {
                var snapshot = session.snapshot();
                var txn = session.transactionContext();
                PlanState scan;
                if (qual != null) {
                    ResultIndex index = result.indexes().stream()
                            .filter(i -> i.name().equals(qual.index().name())).findFirst().orElseThrow();
                    scan = new IndexScanNode(result.relation(), index.am(), index.descriptor(), () -> {
                        Object key = qual.key().eval(ctx);
                        if (key == null) {
                            return null;
                        }
                        byte[] prefix = IndexKeyEncoding.encode(List.of(qual.keyType()), new Object[] {key});
                        return ScanBounds.range(prefix, true, IndexKeyEncoding.prefixUpperBound(prefix), true);
                    }, null, snapshot, txn, ctx, true);
                } else {
                    scan = new SeqScanNode(result.relation(), snapshot, txn, ctx, true);
                }
                PlanState source = where == null ? scan : () -> {
                    for (Object[] row = scan.next(); row != null; row = scan.next()) {
                        ctx.setRow(row);
                        if (Boolean.TRUE.equals(where.eval(ctx))) {
                            return row;
                        }
                    }
                    return null;
                };
                TableModifier modifier = new TableModifier(result, txn, snapshot, ctx);
                int event = set != null ? TriggerDesc.UPDATE : TriggerDesc.DELETE;
                org.tusk.engine.executor.modify.TriggerManager triggers = triggers(desc, event, ctx);
                if (triggers != null) {
                    triggers.updating(assigned);
                    triggers.beforeStatement(event);
                }
                ModifyTableNode node = (set != null
                        ? ModifyTableNode.update(modifier, source, ctx, set, natts, where, ret.exprs())
                        : ModifyTableNode.delete(modifier, source, ctx, natts, where, ret.exprs())).withTriggers(triggers);
                List<Object[]> out = drain(node);
                if (triggers != null) {
                    triggers.afterStatement(event);
                    triggers.fireAfter();
                }
                return new Result((set != null ? "UPDATE " : "DELETE ") + node.processed(), out);
            }
        };
    }

    /** A top-level AND conjunct {@code col = const/param} on the first column of a btree index. */
    private IndexQual indexQual(RawNode where, RelationDesc desc, ExprAnalyzer analyzer) {
        List<RawNode> conjuncts = new ArrayList<>();
        flattenAnd(where, conjuncts);
        List<AttributeDesc> live = desc.liveAttributes();
        for (RawNode c : conjuncts) {
            if (!(c instanceof AExpr a) || a.kind() != AExprKind.OP || a.name().size() != 1
                    || !a.name().get(0).equals("=")) {
                continue;
            }
            RawNode colSide = a.lexpr();
            RawNode valSide = a.rexpr();
            if (!(colSide instanceof ColumnRef)) {
                colSide = a.rexpr();
                valSide = a.lexpr();
            }
            if (!(colSide instanceof ColumnRef ref) || ref.star() || !isConstant(valSide)) {
                continue;
            }
            String name = ref.fields().get(ref.fields().size() - 1);
            AttributeDesc column = null;
            for (AttributeDesc at : live) {
                if (at.name().equals(name)) {
                    column = at;
                }
            }
            if (column == null || !IndexKeyEncoding.supports(typeOf(column))) {
                continue;
            }
            for (var index : desc.indexes()) {
                if (!"btree".equals(index.amName()) || index.keyAttnums()[0] != column.attnum()) {
                    continue;
                }
                Expr value = analyzer.transform(valSide);
                Expr key = analyzer.coerce(value, typeOf(column), -1, CastContext.IMPLICIT);
                if (key == null || (value.type() != typeOf(column) && value.type() != PgType.UNKNOWN
                        && !sameFamily(value.type(), typeOf(column)))) {
                    continue;                           // a cross-type comparison: leave it to the filter
                }
                return new IndexQual(index, key, typeOf(column));
            }
        }
        return null;
    }

    private static boolean sameFamily(PgType a, PgType b) {
        Set<PgType> ints = Set.of(PgType.INT2, PgType.INT4, PgType.INT8);
        Set<PgType> strings = Set.of(PgType.TEXT, PgType.VARCHAR, PgType.NAME);
        return ints.contains(a) && ints.contains(b) || strings.contains(a) && strings.contains(b);
    }

    private static void flattenAnd(RawNode node, List<RawNode> out) {
        if (node instanceof BoolExprNode b && b.boolop() == BoolOp.AND) {
            for (RawNode arg : b.args()) {
                flattenAnd(arg, out);
            }
        } else {
            out.add(node);
        }
    }

    private static boolean isConstant(RawNode node) {
        if (node instanceof AConst || node instanceof ParamRef) {
            return true;
        }
        return node instanceof TypeCast t && isConstant(t.arg());
    }
}
