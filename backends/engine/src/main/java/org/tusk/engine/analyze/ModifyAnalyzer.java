package org.tusk.engine.analyze;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.tusk.api.engine.Column;
import org.tusk.api.engine.RowReceiver;
import org.tusk.api.error.SqlState;
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
import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.expr.Expr;
import org.tusk.engine.expr.VarExpr;
import org.tusk.engine.func.CastContext;
import org.tusk.engine.nodes.ColumnRef;
import org.tusk.engine.nodes.DeleteStmt;
import org.tusk.engine.nodes.IndexElem;
import org.tusk.engine.nodes.InsertStmt;
import org.tusk.engine.nodes.OnConflictAction;
import org.tusk.engine.nodes.RangeVar;
import org.tusk.engine.nodes.RawNode;
import org.tusk.engine.nodes.RawStmt;
import org.tusk.engine.nodes.ResTarget;
import org.tusk.engine.nodes.SelectStmt;
import org.tusk.engine.nodes.SetToDefault;
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
 * UPDATE and DELETE read their rows from a query level the planner plans:
 * the target first (live columns, then the version's TupleId as a hidden
 * "ctid" slot), then the FROM/USING items, WHERE as its qual; SET (a, b) =
 * ROW(...) or a sub-SELECT (one scalar subquery per column). Foreign keys are
 * enforced at the end of the statement ({@link ForeignKeyTriggers}).
 *
 * <p>Not yet: WITH, subscripted targets, SET (a, b) = (v.*).
 */
public final class ModifyAnalyzer {

    private final StorageSession session;
    private final org.tusk.engine.catalog.SystemRelations relations;
    private final TypeContext typeContext;
    /** WITH CHECK OPTION of the views the statement was rewritten through (outermost first). */
    private List<org.tusk.engine.rewrite.ViewTargetRewriter.ViewCheck> viewChecks = List.of();
    /** The result relation the last {@link #openTarget(RangeVar, int)} with privileges opened. */
    private RelationDesc target;

    public ModifyAnalyzer(StorageSession session, org.tusk.engine.catalog.SystemRelations relations,
            TypeContext typeContext) {
        this.session = session;
        this.relations = relations;
        this.typeContext = typeContext;
    }

    /** Whether {@code stmt} is one this analyzer handles. */
    public static boolean handles(RawStmt stmt) {
        return stmt instanceof InsertStmt || stmt instanceof UpdateStmt || stmt instanceof DeleteStmt
                || stmt instanceof org.tusk.engine.nodes.MergeStmt;
    }

    public DmlCommand analyze(RawStmt stmt, ParseState pstate) {
        pstate.noteSystemColumns(stmt);
        if (stmt instanceof org.tusk.engine.nodes.MergeStmt merge) {
            // (transformMergeStmt refuses views and tables with rules: neither rewrite applies)
            return new MergeAnalyzer(this, session, relations, typeContext).analyze(merge, pstate);
        }
        if (session.storage() != null && !rulesApplied) {
            // RewriteQuery: the target's rules for the command's event
            org.tusk.engine.rewrite.RuleRewriter rules = new org.tusk.engine.rewrite.RuleRewriter(session);
            RelationDesc rel = rules.targetRelation(stmt);
            if (rel != null) {
                var fired = rules.fire(stmt, rel);
                if (fired != null) {
                    return ruleProduct(fired, rel, pstate);
                }
            }
        }
        if (session.storage() != null) {
            // rewriteTargetView: a statement on an updatable view becomes one on its base table
            var rewritten = new org.tusk.engine.rewrite.ViewTargetRewriter(session, relations, typeContext).rewrite(stmt);
            stmt = rewritten.stmt();
            viewChecks = rewritten.checks();
            RangeVar target = stmt instanceof InsertStmt i ? i.relation() : stmt instanceof UpdateStmt u ? u.relation()
                    : ((DeleteStmt) stmt).relation();
            viewCheckRefname = aliasOf(target) != null ? aliasOf(target) : target.relname();
        }
        if (stmt instanceof InsertStmt insert) {
            return insert(insert, pstate);
        }
        if (stmt instanceof UpdateStmt update) {
            return update(update, pstate);
        }
        return delete((DeleteStmt) stmt, pstate);
    }

    /** Relations whose rules produced the statement being analyzed (infinite recursion check). */
    private Set<Integer> firing = Set.of();
    /** The statement is the original command its target's rules already produced. */
    private boolean rulesApplied;

    /**
     * The statements rules turned one command into, run in order with a CommandCounterIncrement
     * between them: the tag and RETURNING rows come from the ones RewriteQuery says.
     */
    private DmlCommand ruleProduct(org.tusk.engine.rewrite.RuleRewriter.Fired fired, RelationDesc rel,
            ParseState pstate) {
        if (firing.contains(rel.oid())) {
            throw Ereport.error("42P17", "infinite recursion detected in rules for relation \"" + rel.name() + "\"");
        }
        Set<Integer> chain = new HashSet<>(firing);
        chain.add(rel.oid());
        List<DmlCommand> parts = new ArrayList<>();
        for (RawStmt s : fired.statements()) {
            ModifyAnalyzer sub = new ModifyAnalyzer(session, relations, typeContext);
            sub.firing = chain;
            sub.rulesApplied = parts.size() == fired.originalIndex();
            parts.add(sub.analyze(s, pstate.sibling()));
        }
        return new DmlCommand() {
            @Override
            public List<Column> resultColumns() {
                return fired.returningFrom() < 0 ? null : parts.get(fired.returningFrom()).resultColumns();
            }

            @Override
            public Result execute(EvalContext ctx, RowReceiver receiver) {
                String tag = fired.emptyTag();
                List<Object[]> rows = new ArrayList<>();
                for (int i = 0; i < parts.size(); i++) {
                    if (i > 0) {
                        session.storage().commandCounterIncrement();
                    }
                    Result r = parts.get(i).execute(ctx, receiver);
                    if (i == fired.tagFrom()) {
                        tag = r.tag();
                    }
                    if (i == fired.returningFrom() && r.rows() != null) {
                        rows = r.rows();
                    }
                }
                return new Result(tag, rows);
            }
        };
    }

    // --- target ------------------------------------------------------------------------

    /** Opens {@code rv} as the target of a data change (RowExclusiveLock), checking it is a plain table. */
    public RelationDesc openTarget(RangeVar rv) {
        return openTarget(rv, 0);
    }

    /** {@link #openTarget(RangeVar)} checking the privileges in {@code requiredPerms} (AclMode bits) first. */
    public RelationDesc openTarget(RangeVar rv, int requiredPerms) {
        return openTarget(rv, requiredPerms, 0);
    }

    /**
     * {@link #openTarget(RangeVar, int)} that also accepts a view with an enabled INSTEAD OF ROW trigger for
     * {@code insteadEvent} (a TriggerDesc event bit; 0 for none): the rows then go to that trigger.
     */
    private RelationDesc openTarget(RangeVar rv, int requiredPerms, int insteadEvent) {
        if (session.storage() == null) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "data modification needs storage");
        }
        List<String> path = session instanceof SearchPathProvider p ? p.searchPath() : List.of("public");
        RelationDesc desc = session.relcache().open(rv.schemaname(), rv.relname(), path, LockMode.ROW_EXCLUSIVE,
                rv.location() + 1);
        boolean insteadOf = desc.kind() == 'v' && insteadEvent != 0
                && desc.triggers().stream().anyMatch(t -> t.matches(insteadEvent, "INSTEAD OF", true));
        if (desc.kind() != 'r' && desc.kind() != 'p' && !insteadOf) {
            throw Ereport.error(SqlState.WRONG_OBJECT_TYPE, "cannot change "
                    + (desc.kind() == 'S' ? "sequence" : desc.kind() == 'v' ? "view"
                            : desc.kind() == 'm' ? "materialized view" : "relation") + " \""
                    + desc.name() + "\"");
        }
        if (desc.isSystemCatalog()) {
            throw Ereport.error(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied: \"" + desc.name()
                    + "\" is a system catalog");
        }
        if (requiredPerms != 0) {
            org.tusk.engine.acl.AccessChecks.checkRelation(session, desc, requiredPerms);
            target = desc;
        }
        return desc;
    }

    /** The statement's result relation (INSERT/UPDATE/DELETE target), or null before analysis opened one. */
    public RelationDesc target() {
        return target;
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
        return addTableRte(pstate, desc, refname, false);
    }

    /**
     * {@code routedTableoid}: the rows are an INSERT's into a partitioned table, whose RETURNING reads the
     * partition each row went to from a hidden slot after the columns (ModifyTableNode fills it).
     */
    private RangeTblEntry addTableRte(ParseState pstate, RelationDesc desc, String refname, boolean routedTableoid) {
        StorageBaseRelation rel = new StorageBaseRelation(desc, session);
        RangeTblEntry rte = new RangeTblEntry(RangeTblEntry.Kind.RELATION, refname);
        rte.relation = rel;
        for (org.tusk.engine.catalog.RelationColumn c : rel.columns()) {
            rte.columns.add(new RangeTblEntry.Column(c.name(), c.type(), c.typmod(), null));
        }
        if (routedTableoid) {
            rte.tableoidColumn = rte.columns.size();
            rte.columns.add(new RangeTblEntry.Column("tableoid", PgType.OID, -1, null));
        }
        SelectAnalyzer.withVars(rte, pstate);
        pstate.addRte(rte);
        pstate.namespace.add(new ParseState.NsItem(rte, true, true));
        return rte;
    }

    /**
     * Whether a partition's tuples have its parent's physical layout (convert_tuples_by_name
     * finds no conversion needed): the same columns, dropped ones included, by position and type.
     */
    private static boolean sameLayout(RelationDesc parent, RelationDesc child) {
        List<AttributeDesc> a = parent.attributes();
        List<AttributeDesc> b = child.attributes();
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i).dropped() || b.get(i).dropped() || !a.get(i).name().equals(b.get(i).name())
                    || a.get(i).typeOid() != b.get(i).typeOid()) {
                return false;
            }
        }
        return true;
    }

    /**
     * An INSERT's RETURNING scope: the written row, then (ModifyTableNode's project fills them)
     * tableoid of a partitioned target or the new tuple's ctid, then the new tuple's xmin, cmin,
     * xmax, cmax, all hidden from *.
     */
    private RangeTblEntry addInsertReturningRte(ParseState pstate, RelationDesc desc, String refname) {
        StorageBaseRelation rel = new StorageBaseRelation(desc, session);
        RangeTblEntry rte = new RangeTblEntry(RangeTblEntry.Kind.RELATION, refname);
        rte.relation = rel;
        for (org.tusk.engine.catalog.RelationColumn c : rel.columns()) {
            rte.columns.add(new RangeTblEntry.Column(c.name(), c.type(), c.typmod(), null));
        }
        if (desc.kind() == 'p') {
            rte.tableoidColumn = rte.columns.size();
            rte.columns.add(new RangeTblEntry.Column("tableoid", PgType.OID, -1, null));
        } else {
            rte.ctidColumn = rte.columns.size();
            rte.columns.add(new RangeTblEntry.Column("ctid", PgType.TID, -1, null));
        }
        rte.addHeaderColumns();
        SelectAnalyzer.withVars(rte, pstate);
        pstate.addRte(rte);
        pstate.namespace.add(new ParseState.NsItem(rte, true, true));
        return rte;
    }

    int columnIndex(List<AttributeDesc> live, String name, RelationDesc desc, int location) {
        for (int i = 0; i < live.size(); i++) {
            if (live.get(i).name().equals(name)) {
                return i;
            }
        }
        throw Ereport.error(SqlState.UNDEFINED_COLUMN, "column \"" + name + "\" of relation \"" + desc.name()
                + "\" does not exist", location);
    }

    /** The column's typmod as expressions carry it (a composite's registered shape). */
    static int typmodOf(AttributeDesc a) {
        return org.tusk.engine.types.UserTypes.columnTypmod(a.typeOid(), a.typmod());
    }

    static PgType typeOf(AttributeDesc a) {
        PgType t = org.tusk.engine.types.UserTypes.columnType(a.typeOid());
        return t == null ? PgType.TEXT : t;
    }

    /** transformAssignedExpr: coerce to the column's type in assignment context, 42804 if impossible. */
    Expr assign(ExprAnalyzer analyzer, Expr value, AttributeDesc column, int location) {
        PgType type = typeOf(column);
        Expr e = analyzer.coerce(value, type, typmodOf(column), CastContext.ASSIGNMENT);
        if (e == null) {
            // a row value reports at its own position (exprLocation of the whole-row reference)
            int at = value.type() == PgType.RECORD && analyzer.pstate().locationOf(value) >= 0
                    ? analyzer.pstate().locationOf(value) : location + 1;
            throw Ereport.error(SqlState.DATATYPE_MISMATCH, "column \"" + column.name() + "\" is of type "
                    + type.displayName(typmodOf(column)) + " but expression is of type "
                    + value.type().displayName(value.typmod()), at)
                    .withHint("You will need to rewrite or cast the expression.");
        }
        org.tusk.engine.types.UserTypes.UserType user = org.tusk.engine.types.UserTypes.byOid(column.typeOid());
        if (user != null && (user.isDomain() || user.typtype() == 'e')) {
            // coerce_to_domain: the base type's typmod, then the domain's constraints, on every assignment
            if (user.typmod() >= 0) {
                Expr sized = analyzer.coerce(e, type, user.typmod(), CastContext.ASSIGNMENT);
                e = sized != null ? sized : e;
            }
            e = UserTypeCoercion.wrap(analyzer, e, user);
        }
        return e;
    }

    /** The column's default expression (pg_attrdef), or null for NULL. */
    Expr defaultFor(RelationDesc desc, AttributeDesc column, ParseState outer) {
        String text = desc.defaults().get(column.attnum());
        if (text == null) {
            // build_column_default: a column of a domain type takes the domain's default; without one a
            // NOT NULL domain still rejects the NULL the column would get
            boolean domainNotNull = false;
            for (org.tusk.engine.types.UserTypes.UserType d = org.tusk.engine.types.UserTypes.byOid(column.typeOid());
                    d != null && d.isDomain() && text == null; d = org.tusk.engine.types.UserTypes.byOid(d.baseOid())) {
                text = d.defaultText();
                domainNotNull |= d.notNull();
            }
            if (text == null) {
                if (!domainNotNull) {
                    return null;
                }
                ExprAnalyzer analyzer = new ExprAnalyzer(new ParseState(new int[0]), typeContext);
                return assign(analyzer, new org.tusk.engine.expr.ConstExpr(typeOf(column), -1, null), column, 0);
            }
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

    ResultRelation resultRelation(RelationDesc desc, ParseState pstate) {
        ResultRelation r = resultRelation(desc, pstate, true);
        if (viewChecks.isEmpty()) {
            return r;
        }
        // ExecWithCheckOptions(WCO_VIEW_CHECK): the views' quals over the new row, after the table's own checks
        List<org.tusk.engine.executor.modify.CheckConstraint> checks = new ArrayList<>(r.checks());
        for (var check : viewChecks) {
            ParseState checkState = new ParseState(new int[0]);
            addTableRte(checkState, desc, viewCheckRefname);
            ExprAnalyzer analyzer = new SelectAnalyzer(relations, typeContext).exprsFor(checkState);  // quals may have sub-SELECTs
            Expr e = analyzer.coerceToBoolean(analyzer.transform(check.qual()), "CHECK", -1);
            checks.add(org.tusk.engine.executor.modify.CheckConstraint.viewCheck(check.viewName(), e));
        }
        return new ResultRelation(r.relation(), r.columns(), r.indexes(), checks);
    }

    /** A policy expression's SQL text as a raw expression. */
    private static RawNode policyExpr(String text) {
        SelectStmt select = (SelectStmt) Parser.parse("SELECT " + text).get(0).stmt();
        return select.targetList().get(0).val();
    }

    /**
     * The target's row-level security WITH CHECK options for {@code cmd} (and the SELECT policies' USING
     * when the statement reads the rows it writes), compiled over the target's columns as the table names
     * them; empty when no policy applies.
     */
    private List<org.tusk.engine.executor.modify.PolicyCheck> policyChecks(org.tusk.engine.rewrite.RowSecurity rls,
            RelationDesc desc, char cmd, boolean select) {
        if (rls == null) {
            return List.of();
        }
        List<org.tusk.engine.rewrite.RowSecurity.Check> checks = new ArrayList<>(rls.withCheckOptions(cmd, false));
        if (select) {
            checks.addAll(rls.withCheckOptions(org.tusk.engine.rewrite.RowSecurity.SELECT, true));
        }
        List<org.tusk.engine.executor.modify.PolicyCheck> out = new ArrayList<>();
        for (var c : checks) {
            ParseState checkState = new ParseState(new int[0]);
            addTableRte(checkState, desc, desc.name());
            ExprAnalyzer analyzer = new SelectAnalyzer(relations, typeContext).exprsFor(checkState);
            Expr e = analyzer.coerceToBoolean(analyzer.transform(policyExpr(c.qual())), "POLICY", -1);
            out.add(new org.tusk.engine.executor.modify.PolicyCheck(c.policyName(), c.relationName(), e));
        }
        return out;
    }

    /**
     * The target's row-level security quals for {@code cmd} (then the SELECT policies' when the statement
     * reads the target's columns), resolved against the target alone, ANDed; null when none apply.
     */
    private Expr securityQuals(org.tusk.engine.rewrite.RowSecurity rls, ModifyScope scope, char cmd, boolean select) {
        if (rls == null) {
            return null;
        }
        List<String> texts = new ArrayList<>(rls.securityQuals(cmd));
        if (select) {
            texts.addAll(rls.securityQuals(org.tusk.engine.rewrite.RowSecurity.SELECT));
        }
        ParseState ps = scope.pstate();
        List<ParseState.NsItem> saved = new ArrayList<>(ps.namespace);
        ps.namespace.clear();
        ps.namespace.add(new ParseState.NsItem(scope.target(), true, true));
        List<Expr> quals = new ArrayList<>();
        try {
            for (String text : texts) {
                quals.add(scope.analyzer().coerceToBoolean(scope.analyzer().transform(policyExpr(text)), "POLICY", -1));
            }
        } finally {
            ps.namespace.clear();
            ps.namespace.addAll(saved);
        }
        return org.tusk.engine.expr.BoolExpr.andOf(quals);
    }

    /** The name the target is referenced by in the view checks' quals. */
    private String viewCheckRefname;
    /** UPDATE/DELETE: the target's row-level security quals (null: none). */
    private Expr rowSecurityQual;
    /** UPDATE: the target's row-level security checks on new rows. */
    private List<org.tusk.engine.executor.modify.PolicyCheck> rowSecurityChecks = List.of();

    private ResultRelation resultRelation(RelationDesc desc, ParseState pstate, boolean partitionCheck) {
        ResultRelation r = plainResultRelation(desc, pstate);
        String bound = partitionCheck ? partitionConstraint(desc.oid()) : null;
        if (bound == null) {
            return r;
        }
        List<org.tusk.engine.executor.modify.CheckConstraint> checks = new ArrayList<>(r.checks());
        checks.add(new org.tusk.engine.executor.modify.CheckConstraint(null, compileOver(desc, bound, true)));
        return new ResultRelation(r.relation(), r.columns(), r.indexes(), checks);
    }

    // --- partitions ------------------------------------------------------------------------

    /** {@code text} analyzed over the columns of {@code desc} (a boolean when {@code bool}). */
    private Expr compileOver(RelationDesc desc, String text, boolean bool) {
        SelectStmt select = (SelectStmt) Parser.parse("SELECT " + text).get(0).stmt();
        ExprAnalyzer analyzer = scope(new ParseState(new int[0]), desc, null);
        analyzer.compilingStoredConstraint();
        Expr e = analyzer.transform(select.targetList().get(0).val());
        if (bool && text.contains("satisfies_hash_partition")) {
            useSupportHashes(e, desc);
        }
        return bool ? analyzer.coerceToBoolean(e, "CHECK", -1) : e;
    }

    /**
     * A hash bound over a key with a user-defined hash operator class: the key value passed to
     * satisfies_hash_partition is replaced by the opclass's support function 2 called with the
     * partition seed (its result is combined as it is, `HashFunctions.SupportHash`).
     */
    private void useSupportHashes(Expr e, RelationDesc over) {
        for (Expr child : e.children()) {
            useSupportHashes(child, over);
        }
        if (!(e instanceof org.tusk.engine.expr.FuncExpr f) || !"satisfies_hash_partition".equals(f.name())
                || f.args().size() < 4) {
            return;
        }
        Object parent = f.args().get(0).eval(new EvalContext(null, new Object[0]));
        if (!(parent instanceof Number n)) {
            return;
        }
        var access = session.relcache().catalogAccess();
        var pt = org.tusk.engine.catalog.SystemCatalogs.require(org.tusk.engine.catalog.PartitionCatalog.PG_PARTITIONED_TABLE);
        int relCol = pt.columnIndex("partrelid");
        long parentOid = n.longValue();
        var rows = access.scan(org.tusk.engine.catalog.PartitionCatalog.PG_PARTITIONED_TABLE,
                r -> ((Long) r[relCol]) == parentOid);
        if (rows.isEmpty() || !(rows.get(0).get(pt, "partclass") instanceof Object[] classes)) {
            return;
        }
        RelationDesc parentDesc = session.relcache().byOid((int) parentOid);
        var key = parentDesc == null ? null : partitionKey(parentDesc);
        for (int i = 0; i < classes.length && 3 + i < f.args().size() && key != null; i++) {
            long opclass = ((Number) classes[i]).longValue();
            String support = opclass == 0 ? null : supportFunction(access, opclass);
            if (support == null) {
                continue;
            }
            Expr hash = compileOver(over, support + "(" + key.exprs().get(i) + ", "
                    + org.tusk.engine.func.HashFunctions.HASH_PARTITION_SEED + "::int8)", false);
            f.args().set(3 + i, new org.tusk.engine.expr.FuncExpr("support_hash",
                    (a, c) -> new org.tusk.engine.func.HashFunctions.SupportHash(((Number) a[0]).longValue()),
                    new ArrayList<>(List.of(hash)), hash.type(), -1, true, 'i'));
        }
    }

    /** The qualified name of hash opclass {@code opclass}'s support function 2 for its input type, or null. */
    private static String supportFunction(org.tusk.engine.catalog.CatalogAccess access, long opclass) {
        var opc = org.tusk.engine.catalog.SystemCatalogs.require(2616);
        var oc = access.scan(2616, r -> r[opc.columnIndex("oid")] instanceof Long l && l == opclass);
        if (oc.isEmpty()) {
            return null;
        }
        long family = (Long) oc.get(0).get(opc, "opcfamily");
        long intype = (Long) oc.get(0).get(opc, "opcintype");
        var amproc = org.tusk.engine.catalog.SystemCatalogs.require(2603);
        var procs = access.scan(2603, r -> r[amproc.columnIndex("amprocfamily")] instanceof Long l && l == family
                && ((Number) r[amproc.columnIndex("amprocnum")]).intValue() == 2
                && r[amproc.columnIndex("amproclefttype")] instanceof Long t && t == intype);
        if (procs.isEmpty()) {
            return null;
        }
        long proc = ((Number) procs.get(0).get(amproc, "amproc")).longValue();
        var pp = org.tusk.engine.catalog.SystemCatalogs.require(1255);
        var p = access.scan(1255, r -> r[pp.columnIndex("oid")] instanceof Long l && l == proc);
        if (p.isEmpty()) {
            return null;
        }
        long ns = (Long) p.get(0).get(pp, "pronamespace");
        var pn = org.tusk.engine.catalog.SystemCatalogs.require(2615);
        var nsRows = access.scan(2615, r -> r[pn.columnIndex("oid")] instanceof Long l && l == ns);
        String nsName = nsRows.isEmpty() ? "public" : (String) nsRows.get(0).get(pn, "nspname");
        return "\"" + nsName.replace("\"", "\"\"") + "\".\"" + ((String) p.get(0).get(pp, "proname")).replace("\"", "\"\"")
                + "\"";
    }

    private org.tusk.engine.catalog.PartitionCatalog.PartitionKey partitionKey(RelationDesc parent) {
        List<String> names = new ArrayList<>();
        for (AttributeDesc a : parent.attributes()) {
            names.add(a.name());
        }
        return org.tusk.engine.catalog.PartitionCatalog.key(session.relcache().catalogAccess(), parent.oid(), names);
    }

    /** The constraint {@code child}'s bound puts on rows of {@code parent} (null: none we can evaluate). */
    private String levelConstraint(RelationDesc parent, int child, String boundText) {
        var access = session.relcache().catalogAccess();
        var key = partitionKey(parent);
        if (key == null) {
            return null;
        }
        var bound = org.tusk.engine.catalog.PartitionCatalog.parse(boundText);
        if (!bound.isDefault()) {
            return org.tusk.engine.catalog.PartitionCatalog.constraint(key, bound, parent.oid());
        }
        List<String> others = new ArrayList<>();
        for (int sibling : org.tusk.engine.catalog.PgInherits.children(access, parent.oid())) {
            String text = sibling == child ? null : org.tusk.engine.catalog.PartitionCatalog.boundText(access, sibling);
            if (text != null) {
                var b = org.tusk.engine.catalog.PartitionCatalog.parse(text);
                String c = b.isDefault() ? null : org.tusk.engine.catalog.PartitionCatalog.constraint(key, b, parent.oid());
                if (c != null) {
                    others.add(c);
                }
            }
        }
        return org.tusk.engine.catalog.PartitionCatalog.defaultConstraint(others);
    }

    /** A partition's whole constraint (its bound's and every ancestor's), or null for a non-partition. */
    private String partitionConstraint(int relOid) {
        var access = session.relcache().catalogAccess();
        String bound = org.tusk.engine.catalog.PartitionCatalog.boundText(access, relOid);
        if (bound == null) {
            return null;
        }
        List<Integer> parents = org.tusk.engine.catalog.PgInherits.parents(access, relOid);
        if (parents.isEmpty()) {
            return null;
        }
        RelationDesc parent = session.relcache().byOid(parents.get(0));
        String own = levelConstraint(parent, relOid, bound);
        String up = partitionConstraint(parent.oid());
        if (own == null) {
            return up;
        }
        return up == null ? own : "(" + own + " AND " + up + ")";
    }

    /**
     * Plan-time partition pruning for equality restrictions: the OIDs of the leaf partitions under
     * {@code desc} that may hold a row whose columns named in {@code fixed} have those values. A level's
     * partition is kept when its bound accepts such a row, or when its bound reads a column that is not
     * fixed (nothing is known then); a partitioned partition's own partitions are pruned the same way.
     */
    public java.util.Set<Long> leavesFor(RelationDesc desc, java.util.Map<String, Object> fixed, EvalContext ctx) {
        java.util.Set<Long> out = new java.util.LinkedHashSet<>();
        var access = session.relcache().catalogAccess();
        List<AttributeDesc> mine = desc.liveAttributes();
        for (int child : org.tusk.engine.catalog.PgInherits.children(access, desc.oid())) {
            String bound = org.tusk.engine.catalog.PartitionCatalog.boundText(access, child);
            if (bound == null) {
                continue;
            }
            boolean keep = true;
            String text = levelConstraint(desc, child, bound);
            if (text != null) {
                try {
                    Expr accepts = compileOver(desc, text, true);
                    java.util.BitSet read = new java.util.BitSet();
                    columnsRead(accepts, read);
                    Object[] row = new Object[mine.size()];
                    boolean allFixed = true;
                    for (int i = read.nextSetBit(0); i >= 0; i = read.nextSetBit(i + 1)) {
                        if (i >= mine.size() || !fixed.containsKey(mine.get(i).name())) {
                            allFixed = false;
                            break;
                        }
                    }
                    if (allFixed) {
                        for (int i = 0; i < row.length; i++) {
                            row[i] = fixed.get(mine.get(i).name());
                        }
                        Object[] saved = ctx.row();
                        ctx.setRow(row);
                        try {
                            keep = Boolean.TRUE.equals(accepts.eval(ctx));
                        } finally {
                            ctx.setRow(saved);
                        }
                    }
                } catch (RuntimeException e) {
                    keep = true;        // a bound we cannot evaluate here prunes nothing
                }
            }
            if (!keep) {
                continue;
            }
            RelationDesc cd = session.relcache().byOid(child);
            if (cd != null && cd.kind() == 'p') {
                out.addAll(leavesFor(cd, fixed, ctx));
            } else {
                out.add(Integer.toUnsignedLong(child));
            }
        }
        return out;
    }

    private static void columnsRead(Expr e, java.util.BitSet out) {
        if (e instanceof VarExpr v) {
            out.set(Math.max(0, v.attno()));
            return;
        }
        for (Expr c : e.children()) {
            columnsRead(c, out);
        }
    }

    /** Tuple routing for an INSERT or COPY into {@code desc}; null when it is not partitioned. */
    public org.tusk.engine.executor.modify.PartitionRouter router(RelationDesc desc, EvalContext ctx) {
        return router(desc, ctx, row -> row);
    }

    /** {@code toRoot}: a row of {@code desc} in the routing target's column order. */
    private org.tusk.engine.executor.modify.PartitionRouter router(RelationDesc desc, EvalContext ctx,
            java.util.function.UnaryOperator<Object[]> toRoot) {
        if (desc.kind() != 'p') {
            return null;
        }
        var access = session.relcache().catalogAccess();
        var key = partitionKey(desc);
        if (key == null) {
            return null;
        }
        List<Expr> keys = new ArrayList<>();
        for (String k : key.exprs()) {
            keys.add(compileOver(desc, k, false));
        }
        List<AttributeDesc> mine = desc.liveAttributes();
        List<org.tusk.engine.executor.modify.PartitionRouter.Partition> parts = new ArrayList<>();
        org.tusk.engine.executor.modify.PartitionRouter.Partition def = null;
        for (int child : org.tusk.engine.catalog.PgInherits.children(access, desc.oid())) {
            RelationDesc cd = session.relcache().open(child, LockMode.ROW_EXCLUSIVE);
            String bound = org.tusk.engine.catalog.PartitionCatalog.boundText(access, child);
            if (bound == null) {
                continue;
            }
            String text = levelConstraint(desc, child, bound);
            Expr accepts = text == null ? null : compileOver(desc, text, true);
            List<AttributeDesc> theirs = cd.liveAttributes();
            int[] map = new int[theirs.size()];
            for (int j = 0; j < map.length; j++) {
                map[j] = -1;
                for (int i = 0; i < mine.size(); i++) {
                    if (mine.get(i).name().equals(theirs.get(j).name())) {
                        map[j] = i;
                    }
                }
            }
            int width = mine.size();
            java.util.function.UnaryOperator<Object[]> childToRoot = childRow -> {
                Object[] parentRow = new Object[width];
                for (int j = 0; j < map.length; j++) {
                    if (map[j] >= 0 && j < childRow.length) {
                        parentRow[map[j]] = childRow[j];
                    }
                }
                return toRoot.apply(parentRow);
            };
            var sub = cd.kind() == 'p' ? router(cd, ctx, childToRoot) : null;
            TableModifier leaf = null;
            if (cd.kind() != 'p') {
                // the leaf's own row triggers fire for routed rows; after a BEFORE ROW trigger the
                // row is checked against the partition constraint again (ExecInsert)
                var leafTriggers = triggers(cd, TriggerDesc.INSERT, ctx);
                boolean recheck = leafTriggers != null && leafTriggers.has(TriggerDesc.INSERT, "BEFORE", true);
                leaf = new TableModifier(resultRelation(cd, null, recheck), session.transactionContext(),
                        session.snapshot(), ctx).asRoutedLeaf(leafTriggers, childToRoot)
                        .convertedFromRoot(!sameLayout(desc, cd));
            }
            var p = new org.tusk.engine.executor.modify.PartitionRouter.Partition(Integer.toUnsignedLong(child), cd.name(), accepts, map, sub, leaf);
            if (org.tusk.engine.catalog.PartitionCatalog.parse(bound).isDefault()) {
                def = p;
            } else {
                parts.add(p);
            }
        }
        if (def != null) {
            parts.add(def);
        }
        // the key's attnums for the DETAIL's privilege test; null when the key has an expression
        int[] keyAttnums = new int[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            if (keys.get(i) instanceof VarExpr v && v.attno() < mine.size()) {
                keyAttnums[i] = mine.get(v.attno()).attnum();
            } else {
                keyAttnums = null;
                break;
            }
        }
        int[] attnums = keyAttnums;
        long relOid = Integer.toUnsignedLong(desc.oid());
        return new org.tusk.engine.executor.modify.PartitionRouter(desc.name(), keys, key.shown(), parts,
                () -> org.tusk.engine.acl.AccessChecks.maySelectColumns(session, relOid, attnums));
    }

    private ResultRelation plainResultRelation(RelationDesc desc, ParseState pstate) {
        return ResultRelations.open(desc, session, text -> {
            List<ParsedStatement> parsed = Parser.parse("SELECT " + text);
            SelectStmt select = (SelectStmt) parsed.get(0).stmt();
            ParseState checkState = new ParseState(new int[0]);
            ExprAnalyzer analyzer = scope(checkState, desc, null);
            return analyzer.coerceToBoolean(analyzer.transform(select.targetList().get(0).val()), "CHECK", -1);
        }, (text, predicate) -> IndexExpressions.compile(session, typeContext, desc, text, predicate));
    }

    // --- triggers ---------------------------------------------------------------------------

    /** The statement's trigger manager for {@code event} on {@code desc}, or null when no trigger fires. */
    public org.tusk.engine.executor.modify.TriggerManager triggers(RelationDesc desc, int event, EvalContext ctx) {
        return org.tusk.engine.executor.modify.TriggerManager.forEvent(desc, event,
                session instanceof org.tusk.engine.executor.modify.TriggerFunctions f ? f : null, ctx,
                text -> whenCondition(desc, text));
    }

    /**
     * AfterTriggerEndQuery for one statement: the foreign key checks and actions (RI triggers,
     * whose names sort before user ones), then the queued AFTER ROW events and the AFTER
     * STATEMENT triggers, in that order.
     */
    private static void endOfStatement(ForeignKeyTriggers fkeys, org.tusk.engine.executor.modify.TriggerManager triggers,
            int event, EvalContext ctx) {
        if (fkeys != null) {
            fkeys.fire(ctx);
        }
        if (triggers != null) {
            triggers.afterStatement(event);
            triggers.fireAfter();
        }
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

    /** The name the target is referenced by in RETURNING (its alias), null for its own name. */
    private String returningTargetRefname;

    private Returning returning(List<ResTarget> list, ExprAnalyzer analyzer, RelationDesc desc) {
        return returning(list, analyzer, desc, null);
    }

    /** RETURNING over a query level: an unqualified * also lists the FROM/USING items' columns. */
    private Returning returning(List<ResTarget> list, ExprAnalyzer analyzer, RelationDesc desc, Query level) {
        String targetRefname = returningTargetRefname != null ? returningTargetRefname : desc.name();
        if (list == null || list.isEmpty()) {
            return new Returning(null, null);
        }
        List<Expr> exprs = new ArrayList<>();
        List<Column> columns = new ArrayList<>();
        List<AttributeDesc> live = desc.liveAttributes();
        for (ResTarget t : list) {
            if (t.val() instanceof ColumnRef c && c.star() && c.fields().size() == 1
                    && !c.fields().get(0).equals(targetRefname)) {
                // x.* of a FROM/USING item: its columns only
                RangeTblEntry found = null;
                for (RangeTblEntry rte : level == null ? List.<RangeTblEntry>of() : level.rtable) {
                    if (rte.kind != RangeTblEntry.Kind.JOIN && rte.offset != 0 && c.fields().get(0).equals(rte.refname)) {
                        found = rte;
                    }
                }
                if (found == null) {
                    if (c.fields().get(0).equals(desc.name())) {
                        throw Ereport.error(SqlState.UNDEFINED_TABLE, "invalid reference to FROM-clause entry for table \""
                                + desc.name() + "\"", c.location()).withHint("Perhaps you meant to reference the table alias \""
                                + targetRefname + "\".");
                    }
                    throw Ereport.error(SqlState.UNDEFINED_TABLE, "missing FROM-clause entry for table \""
                            + c.fields().get(0) + "\"", c.location());
                }
                for (int i = 0; i < found.columns.size(); i++) {
                    RangeTblEntry.Column col = found.columns.get(i);
                    exprs.add(new VarExpr(found.offset + i, col.type(), col.typmod(), found.refname, col.name()));
                    columns.add(column(col.name(), col.type(), col.typmod(), 0, (short) 0));
                }
                continue;
            }
            if (t.val() instanceof ColumnRef c && c.star()) {
                for (int i = 0; i < live.size(); i++) {
                    AttributeDesc a = live.get(i);
                    exprs.add(new VarExpr(i, typeOf(a), typmodOf(a), desc.name(), a.name()));
                    columns.add(column(a.name(), typeOf(a), typmodOf(a), desc.oid(), (short) a.attnum()));
                }
                if (level != null && c.fields().isEmpty()) {
                    for (RangeTblEntry rte : level.rtable) {
                        if (rte.kind == RangeTblEntry.Kind.JOIN || rte.offset == 0) {
                            continue;                       // the target (slot 0) is already listed
                        }
                        for (int i = 0; i < rte.columns.size(); i++) {
                            RangeTblEntry.Column col = rte.columns.get(i);
                            exprs.add(new VarExpr(rte.offset + i, col.type(), col.typmod(), rte.refname, col.name()));
                            columns.add(column(col.name(), col.type(), col.typmod(), 0, (short) 0));
                        }
                    }
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
            if (e instanceof VarExpr v && v.attno() < live.size()) {
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

    /**
     * rewriteTargetListIU for an identity column given a value: GENERATED ALWAYS refuses it unless
     * OVERRIDING SYSTEM VALUE (428C9); OVERRIDING USER VALUE ignores it (true: use the default).
     */
    static boolean identityOverridden(AttributeDesc a, org.tusk.engine.nodes.OverridingKind override) {
        if (a.identity() == '\0') {
            return false;
        }
        if (a.identityAlways() && override != org.tusk.engine.nodes.OverridingKind.SYSTEM_VALUE) {
            throw Ereport.error("428C9", "cannot insert a non-DEFAULT value into column \"" + a.name() + "\"")
                    .withDetail("Column \"" + a.name() + "\" is an identity column defined as GENERATED ALWAYS.")
                    .withHint("Use OVERRIDING SYSTEM VALUE to override.");
        }
        return override == org.tusk.engine.nodes.OverridingKind.USER_VALUE;
    }

    /**
     * transformWithClause for a data-modifying statement: its WITH queries join {@code pstate}'s, and
     * may themselves be INSERT/UPDATE/DELETE (analyzed by a ModifyAnalyzer of their own).
     */
    void withQueries(org.tusk.engine.nodes.WithClause with, ParseState pstate) {
        if (!pstate.modifyingCtesAllowed()) {
            allowModifyingCtes(pstate);                             // (the session's hook also checks read-only)
        }
        SelectAnalyzer selects = new SelectAnalyzer(relations, typeContext);
        new CteAnalyzer(selects, selects.exprsFor(pstate)).transformWith(with, pstate);
    }

    /** Lets WITH queries of the statement analyzed in {@code pstate} be INSERT/UPDATE/DELETE. */
    public void allowModifyingCtes(ParseState pstate) {
        pstate.allowModifyingCtes((stmt, level) -> new ModifyAnalyzer(session, relations, typeContext).analyze(stmt, level));
    }

    /** Whether RETURNING's expressions read a column of the result relation (a Var of the target). */
    private static boolean readsRow(Expr[] exprs) {
        java.util.ArrayDeque<Expr> todo = new java.util.ArrayDeque<>();
        for (Expr e : exprs) {
            if (e != null) {
                todo.add(e);
            }
        }
        while (!todo.isEmpty()) {
            Expr e = todo.pop();
            if (e instanceof VarExpr) {
                return true;
            }
            for (Expr c : e.children()) {
                if (c != null) {
                    todo.add(c);
                }
            }
        }
        return false;
    }

    private DmlCommand insert(InsertStmt stmt, ParseState pstate) {
        // (targets is reassigned when VALUES is shorter than an implicit column list)
        if (stmt.withClause() != null) {
            // WITH ... INSERT: the WITH queries are visible to the source, ON CONFLICT and RETURNING
            withQueries(stmt.withClause(), pstate);
        }
        // ON CONFLICT DO UPDATE also needs UPDATE; RETURNING reads the row (SELECT)
        // (RETURNING needs SELECT only when it reads the row: checked once it is analyzed)
        RelationDesc desc = openTarget(stmt.relation(), org.tusk.engine.acl.AclMode.INSERT
                | (stmt.onConflictClause() != null && stmt.onConflictClause().action() == OnConflictAction.UPDATE
                        ? org.tusk.engine.acl.AclMode.UPDATE : 0),
                TriggerDesc.INSERT);
        boolean view = desc.kind() == 'v';
        List<org.tusk.engine.executor.modify.PolicyCheck> checks = view ? List.of()
                : policyChecks(org.tusk.engine.rewrite.RowSecurity.forRelation(session, desc), desc,
                        org.tusk.engine.rewrite.RowSecurity.INSERT,
                        stmt.returningList() != null && !stmt.returningList().isEmpty());
        if (view && stmt.onConflictClause() != null) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "ON CONFLICT on a view is not supported yet");
        }
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
                int idx = columnIndex(live, col.name(), desc, col.location());
                if (col.indirection() != null && !col.indirection().isEmpty()) {
                    // col[i]: assigned into a NULL of the column's type (several may name one column)
                    targets.add(idx);
                    continue;
                }
                if (!seen.add(idx)) {
                    throw Ereport.error(SqlState.DUPLICATE_COLUMN, "column \"" + col.name()
                            + "\" specified more than once", col.location());
                }
                targets.add(idx);
            }
        }
        Expr[] defaults = new Expr[natts];
        for (int i = 0; i < natts; i++) {
            defaults[i] = defaultFor(desc, live.get(i), pstate);
        }
        // VALUES expressions may hold sub-SELECTs (VALUES ((select 2), ...)): they plan themselves when first evaluated
        ExprAnalyzer plain = new SelectAnalyzer(relations, typeContext).exprsFor(pstate);
        SelectStmt select = stmt.selectStmt();
        List<Expr[]> valuesRows = null;
        Query sourceQuery = null;
        Expr[] sourceMapping = null;
        int srfsBefore = -1;
        if (select == null) {
            valuesRows = new ArrayList<>();
            valuesRows.add(defaults.clone());                                // DEFAULT VALUES
        } else if (isPlainValues(select)) {
            srfsBefore = pstate.query != null ? pstate.query.srfs.size() : 0;
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
                            location(exprs.get(targets.size())) - 1);
                }
                if (exprs.size() < targets.size()) {
                    throw Ereport.error(SqlState.SYNTAX_ERROR, "INSERT has more target columns than expressions",
                            stmt.cols() != null && !stmt.cols().isEmpty()
                                    ? stmt.cols().get(exprs.size()).location() : -1);
                }
                Expr[] row = defaults.clone();
                boolean[] subscripted = new boolean[natts];
                for (int k = 0; k < exprs.size(); k++) {
                    RawNode node = exprs.get(k);
                    int col = targets.get(k);
                    ResTarget target = stmt.cols() == null || stmt.cols().isEmpty() ? null : stmt.cols().get(k);
                    if (target != null && target.indirection() != null && !target.indirection().isEmpty()
                            && node instanceof SetToDefault) {
                        // transformAssignedExpr: DEFAULT for part of a column is not allowed
                        throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, target.indirection().get(0)
                                instanceof org.tusk.engine.nodes.IndirectionField ? "cannot set a subfield to DEFAULT"
                                : "cannot set an array element to DEFAULT", target.location());
                    }
                    if (target != null && target.indirection() != null && !target.indirection().isEmpty()
                            && !(node instanceof SetToDefault)) {
                        Expr base = subscripted[col] ? row[col]
                                : new org.tusk.engine.expr.ConstExpr(typeOf(live.get(col)), typmodOf(live.get(col)), null);
                        Expr updated = plain.assignmentIndirection(base, target.name(), target.indirection(),
                                plain.transform(node), target.location());
                        row[col] = assign(plain, updated, live.get(col), target.location());
                        subscripted[col] = true;
                        continue;
                    }
                    if (!(node instanceof SetToDefault) && identityOverridden(live.get(col), stmt.override())) {
                        continue;                                   // OVERRIDING USER VALUE: the sequence's value
                    }
                    row[col] = node instanceof SetToDefault ? defaults[col]
                            : assign(plain, plain.transform(node), live.get(col), location(node) - 1);
                }
                valuesRows.add(row);
            }
            if (pstate.query != null && pstate.query.srfs.size() > srfsBefore) {
                // a set-returning call in VALUES: one row is a target list (as transformInsertStmt), more is an error
                pstate.query.srfs.subList(srfsBefore, pstate.query.srfs.size()).clear();
                if (select.valuesLists().size() != 1
                        || select.valuesLists().get(0).stream().anyMatch(n -> n instanceof SetToDefault)) {
                    throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED,
                            "set-returning functions are not allowed in VALUES", location(select.valuesLists().get(0).get(0)) - 1);
                }
                valuesRows = null;
                select = valuesAsTargetList(select);
            }
        }
        if (valuesRows == null) {
            ParseState sourceState = new ParseState(new int[0]);
            sourceState.ctes.addAll(pstate.ctes);                  // (its data-modifying ones run with the source)
            sourceQuery = new SelectAnalyzer(relations, typeContext).analyze(select, sourceState);
            if ((stmt.cols() == null || stmt.cols().isEmpty()) && sourceQuery.targets().size() < targets.size()) {
                targets = new ArrayList<>(targets.subList(0, sourceQuery.targets().size()));   // the leading columns
            }
            if (sourceQuery.targets().size() > targets.size()) {
                throw Ereport.error(SqlState.SYNTAX_ERROR, "INSERT has more expressions than target columns", 0);
            }
            if (sourceQuery.targets().size() < targets.size()) {
                throw Ereport.error(SqlState.SYNTAX_ERROR, "INSERT has more target columns than expressions", 0);
            }
            sourceMapping = defaults.clone();
            boolean[] partial = new boolean[natts];
            for (int k = 0; k < targets.size(); k++) {
                if (identityOverridden(live.get(targets.get(k)), stmt.override())) {
                    continue;
                }
                TargetEntry t = sourceQuery.targets().get(k);
                // an untyped literal of the SELECT stays unknown until assigned (its text goes through the
                // column type's input function), as transformInsertStmt leaves it
                boolean unknown = sourceQuery.unresolvedTargets.containsKey(k) && t.expr().type() == PgType.TEXT;
                Expr var = new VarExpr(k, unknown ? PgType.UNKNOWN : t.expr().type(), t.expr().typmod(), null, t.name());
                ResTarget col = stmt.cols() == null || stmt.cols().isEmpty() ? null : stmt.cols().get(k);
                int c = targets.get(k);
                if (col != null && col.indirection() != null && !col.indirection().isEmpty()) {
                    // INSERT INTO t (f.a, arr[1]) SELECT ...: assigned into the column's value so far (NULL first)
                    Expr base = partial[c] ? sourceMapping[c]
                            : new org.tusk.engine.expr.ConstExpr(typeOf(live.get(c)), typmodOf(live.get(c)), null);
                    Expr updated = plain.assignmentIndirection(base, col.name(), col.indirection(), var, col.location());
                    sourceMapping[c] = assign(plain, updated, live.get(c), col.location());
                    partial[c] = true;
                    continue;
                }
                sourceMapping[c] = assign(plain, var, live.get(c), -1);
            }
        }
        if (valuesRows != null && pstate.ctes.stream().anyMatch(c -> c.modifying != null)) {
            // only a source query runs the data-modifying WITH queries (ModifyingCtes); refuse rather than skip them
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED,
                    "data-modifying WITH queries on INSERT ... VALUES are not supported yet");
        }
        // ON CONFLICT
        OnConflictSpec conflict = null;
        if (stmt.onConflictClause() != null && stmt.onConflictClause().action() != OnConflictAction.NONE) {
            conflict = onConflict(stmt, desc, live, pstate);
        }
        ParseState returningState = pstate.sibling();
        returningState.ctes.addAll(pstate.ctes);
        RangeTblEntry returningRte = addInsertReturningRte(returningState, desc,
                aliasOf(stmt.relation()) != null ? aliasOf(stmt.relation()) : desc.name());
        ExprAnalyzer returningScope = new SelectAnalyzer(relations, typeContext).exprsFor(returningState);
        returningTargetRefname = aliasOf(stmt.relation());
        Returning ret = returning(stmt.returningList(), returningScope, desc);
        int firstHeaderSlot = returningRte.offset + returningRte.systemColumn;
        boolean readsTupleHeader = ret.exprs() != null && java.util.Arrays.stream(ret.exprs()).anyMatch(e ->
                ExprWalker.find(e, x -> x instanceof VarExpr v && v.attno() >= firstHeaderSlot
                        && v.attno() < firstHeaderSlot + 4) != null);
        if (ret.exprs() != null && readsRow(ret.exprs())) {
            // markVarForSelectPriv: RETURNING that names a column of the row needs SELECT (RETURNING 1 does not)
            org.tusk.engine.acl.AccessChecks.checkRelation(session, desc, org.tusk.engine.acl.AclMode.SELECT);
        }
        ResultRelation result = view ? null : resultRelation(desc, pstate);
        List<Expr[]> rows = valuesRows;
        Expr[] defaultExprs = defaults;
        Query query = sourceQuery;
        Expr[] mapping = sourceMapping;
        OnConflictSpec spec = conflict;
        return usingTarget(desc, new DmlCommand() {
            @Override
            public List<Column> resultColumns() {
                return ret.columns();
            }

            @Override
            public Result execute(EvalContext ctx, RowReceiver receiver) {
                // sub-SELECTs in VALUES, ON CONFLICT's SET and RETURNING plan under the statement's EState, which
                // a VALUES source (no plan of its own) does not start
                org.tusk.engine.executor.EState own = org.tusk.engine.executor.Executor.attachEState(ctx);
                try {
                    return run(ctx, receiver);
                } finally {
                    if (own != null) {
                        ctx.attach(org.tusk.engine.executor.EState.class, null);
                        own.close();
                    }
                }
            }

            private Result run(EvalContext ctx, RowReceiver receiver) {
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
                        // the given values first, then the defaults: a value the planner would have folded
                        // (a literal out of range) fails before a default's nextval() consumes a number
                        for (int pass = 0; pass < 2; pass++) {
                            for (int i = 0; i < exprs.length; i++) {
                                boolean isDefault = exprs[i] == defaultExprs[i];
                                if (exprs[i] != null && isDefault == (pass == 1)) {
                                    row[i] = exprs[i].eval(ctx);
                                }
                            }
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
                if (view) {
                    return insteadOfInsert(desc, source, ret.exprs(), ctx);
                }
                long relOid = Integer.toUnsignedLong(desc.oid());
                TableModifier modifier = new TableModifier(result, session.transactionContext(), session.snapshot(),
                        ctx).routeThrough(router(desc, ctx)).describeRowsIf(
                                () -> org.tusk.engine.acl.AccessChecks.maySelectColumns(session, relOid, null))
                        .withPolicyChecks(checks);
                OnConflict onConflict = spec == null ? null : spec.bind(result, leafArbiters(desc, spec.arbiterNames()));
                ForeignKeyTriggers fkeys = ForeignKeyTriggers.forTable(session, relations, typeContext, desc);
                org.tusk.engine.executor.modify.TriggerManager triggers = triggers(desc, TriggerDesc.INSERT, ctx);
                if (triggers != null) {
                    triggers.beforeStatement(TriggerDesc.INSERT);
                }
                ModifyTableNode node = ModifyTableNode.insert(modifier, source, ctx, onConflict, ret.exprs())
                        .withEvents(fkeys).withTriggers(triggers).readingTupleHeader(readsTupleHeader);
                List<Object[]> out = drain(node);
                if (modifier.router() != null) {
                    modifier.router().fireAfter();
                }
                endOfStatement(fkeys, triggers, TriggerDesc.INSERT, ctx);
                return new Result("INSERT 0 " + node.processed(), out);
            }
        });
    }

    /**
     * INSERT into a view through its INSTEAD OF INSERT ROW triggers (ExecIRInsertTriggers): each row goes to
     * the triggers instead of storage; a row a trigger returns NULL for is not counted. RETURNING reads the
     * row the triggers returned. Statement-level triggers on the view fire around it.
     */
    private DmlCommand.Result insteadOfInsert(RelationDesc view, PlanState source, Expr[] returning, EvalContext ctx) {
        org.tusk.engine.executor.modify.TriggerManager triggers = triggers(view, TriggerDesc.INSERT, ctx);
        triggers.beforeStatement(TriggerDesc.INSERT);
        List<Object[]> out = new ArrayList<>();
        long processed = 0;
        for (Object[] row = source.next(); row != null; row = source.next()) {
            ctx.checkForInterrupts();
            Object[] written = triggers.insteadRow(TriggerDesc.INSERT, null, row);
            if (written == null) {
                continue;
            }
            processed++;
            if (returning != null) {
                ctx.setRow(written);
                Object[] r = new Object[returning.length];
                for (int i = 0; i < returning.length; i++) {
                    r[i] = returning[i].eval(ctx);
                }
                out.add(r);
            }
        }
        endOfStatement(null, triggers, TriggerDesc.INSERT, ctx);
        return new DmlCommand.Result("INSERT 0 " + processed, out);
    }

    /** {@code VALUES (e1, e2, ...)} as {@code SELECT e1, e2, ...}: how a single VALUES row calling an SRF runs. */
    private static SelectStmt valuesAsTargetList(SelectStmt s) {
        List<ResTarget> targets = new ArrayList<>();
        for (RawNode n : s.valuesLists().get(0)) {
            targets.add(new ResTarget(null, List.of(), n, Math.max(0, location(n) - 1)));
        }
        return new SelectStmt(List.of(), null, targets, List.of(), null, List.of(), false, null, List.of(), null,
                List.of(), null, null, org.tusk.engine.nodes.LimitOption.DEFAULT, List.of(), null, org.tusk.engine.nodes.SetOperation.NONE,
                false, null, null, s.location());
    }

    private static boolean isPlainValues(SelectStmt s) {
        return s.valuesLists() != null && !s.valuesLists().isEmpty() && (s.op() == null || s.op() == org.tusk.engine.nodes.SetOperation.NONE)
                && (s.sortClause() == null || s.sortClause().isEmpty()) && s.limitCount() == null
                && s.limitOffset() == null && s.withClause() == null;
    }

    static int location(RawNode node) {
        try {
            java.lang.reflect.Method m = node.getClass().getMethod("location");
            Object v = m.invoke(node);
            return v instanceof Integer i && i >= 0 ? i + 1 : 0;
        } catch (ReflectiveOperationException e) {
            return 0;
        }
    }

    static List<Object[]> drain(PlanState node) {
        List<Object[]> out = new ArrayList<>();
        for (Object[] row = node.next(); row != null; row = node.next()) {
            out.add(row);
        }
        return out;
    }

    /** ON CONFLICT as analyzed: arbiter index names, and for DO UPDATE the SET list over (existing ++ excluded). */
    private record OnConflictSpec(Set<String> arbiterNames, boolean doUpdate, Expr[] set, Expr where) {
        OnConflict bind(ResultRelation result,
                java.util.function.BiFunction<Long, TableModifier, List<ResultIndex>> leafArbiters) {
            List<ResultIndex> arbiters = new ArrayList<>();
            for (ResultIndex index : result.indexes()) {
                if (index.unique() && (arbiterNames == null || arbiterNames.contains(index.name()))) {
                    arbiters.add(index);
                }
            }
            return new OnConflict(doUpdate, arbiters, set, where, leafArbiters);
        }
    }

    /**
     * ExecInitPartitionInfo's arbiter mapping for a partitioned {@code desc}: a leaf's arbiters are
     * its unique indexes that descend (pg_inherits, through every level) from one of the target's
     * arbiter indexes, or all its unique indexes when no arbiter was inferred. Null for a plain table.
     */
    private java.util.function.BiFunction<Long, TableModifier, List<ResultIndex>> leafArbiters(RelationDesc desc,
            Set<String> arbiterNames) {
        if (desc.kind() != 'p') {
            return null;
        }
        Set<Integer> wanted = new HashSet<>();
        for (var index : desc.indexes()) {
            if (arbiterNames != null && arbiterNames.contains(index.name())) {
                wanted.add(index.oid());
            }
        }
        var access = session.relcache().catalogAccess();
        java.util.Map<Long, List<ResultIndex>> cache = new java.util.HashMap<>();
        return (relid, leaf) -> cache.computeIfAbsent(relid, r -> {
            RelationDesc leafDesc = session.relcache().open(r.intValue(), LockMode.ROW_EXCLUSIVE);
            Set<String> names = new HashSet<>();
            for (var index : leafDesc.indexes()) {
                if (!index.unique()) {
                    continue;
                }
                if (arbiterNames == null) {
                    names.add(index.name());
                    continue;
                }
                List<Integer> level = List.of(index.oid());
                while (!level.isEmpty() && !names.contains(index.name())) {
                    List<Integer> up = new ArrayList<>();
                    for (int i : level) {
                        if (wanted.contains(i)) {
                            names.add(index.name());
                        }
                        up.addAll(org.tusk.engine.catalog.PgInherits.parents(access, i));
                    }
                    level = up;
                }
            }
            List<ResultIndex> out = new ArrayList<>();
            for (ResultIndex index : leaf.table().indexes()) {
                if (names.contains(index.name())) {
                    out.add(index);
                }
            }
            return out;
        });
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
        updateState.ctes.addAll(pstate.ctes);                      // WITH ... INSERT ... DO UPDATE SET (a) = (SELECT ...)
        addTableRte(updateState, desc, alias);
        addTableRte(updateState, desc, "excluded");
        // sub-SELECTs in SET and WHERE see the existing row and EXCLUDED as outer references
        ExprAnalyzer analyzer = new SelectAnalyzer(relations, typeContext).exprsFor(updateState);
        Expr[] set = new Expr[live.size()];
        for (int i = 0; i < live.size(); i++) {
            AttributeDesc a = live.get(i);
            set[i] = new VarExpr(i, typeOf(a), typmodOf(a), alias, a.name());
        }
        java.util.Map<RawNode, Expr[]> multiSources = new java.util.IdentityHashMap<>();
        Set<Integer> assigned = new HashSet<>();
        for (ResTarget t : clause.targetList()) {
            int idx = columnIndex(live, t.name(), desc, t.location());
            RawNode value = t.val();
            if (!assigned.add(idx) && (t.indirection() == null || t.indirection().isEmpty())) {
                throw Ereport.error(SqlState.SYNTAX_ERROR, "multiple assignments to same column \"" + t.name() + "\"");
            }
            if (value instanceof org.tusk.engine.nodes.MultiAssignRef m) {
                // SET (a, b) = (SELECT ...) / ROW(...): one value per column from the same source
                Expr[] columns = multiSources.get(m.source());
                if (columns == null) {
                    columns = multiAssignSource(m, analyzer, desc, live, clause.targetList());
                    multiSources.put(m.source(), columns);
                }
                Expr e = columns[m.colno() - 1];
                set[idx] = e == null ? defaultOrNull(desc, live.get(idx), pstate)
                        : assign(analyzer, e, live.get(idx), t.location());
                continue;
            }
            if (t.indirection() != null && !t.indirection().isEmpty() && !(value instanceof SetToDefault)) {
                // f1[1] = excluded.f1[1]: as in UPDATE, chained onto the column's value so far
                Expr updated = analyzer.assignmentIndirection(set[idx], t.name(), t.indirection(),
                        analyzer.transform(value), t.location());
                set[idx] = assign(analyzer, updated, live.get(idx), t.location());
                continue;
            }
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
        returningTargetRefname = aliasOf(stmt.relation());
        if (stmt.withClause() != null) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "WITH in UPDATE is not supported yet");
        }
        // reading columns in WHERE or RETURNING needs SELECT too (table-level here)
        RelationDesc desc = openTarget(stmt.relation(), org.tusk.engine.acl.AclMode.UPDATE
                | (stmt.whereClause() != null || stmt.returningList() != null && !stmt.returningList().isEmpty()
                        ? org.tusk.engine.acl.AclMode.SELECT : 0));
        List<AttributeDesc> live = desc.liveAttributes();
        ModifyScope scope = modifyScope(pstate, desc, stmt.relation(), stmt.fromClause(),
                SystemColumnRefs.mentioned(stmt.returningList()));
        ExprAnalyzer analyzer = scope.analyzer();
        org.tusk.engine.rewrite.RowSecurity rls = org.tusk.engine.rewrite.RowSecurity.forRelation(session, desc);
        boolean reads = stmt.whereClause() != null || stmt.returningList() != null && !stmt.returningList().isEmpty();
        rowSecurityQual = securityQuals(rls, scope, org.tusk.engine.rewrite.RowSecurity.UPDATE, reads);
        rowSecurityChecks = policyChecks(rls, desc, org.tusk.engine.rewrite.RowSecurity.UPDATE, reads);
        String refname = aliasOf(stmt.relation()) != null ? aliasOf(stmt.relation()) : desc.name();
        Set<Integer> assigned = new HashSet<>();
        Expr[] set = setList(stmt.targetList(), analyzer, desc, refname, pstate, assigned);
        return rowsCommand(desc, scope, stmt.whereClause(), stmt.returningList(), pstate, set, assigned);
    }

    /**
     * An UPDATE's SET list (also a MERGE's UPDATE action): one expression per live column over the scope
     * {@code analyzer} resolves in, the target's own column where unassigned; {@code assigned} receives
     * the live indexes of the columns SET names.
     */
    Expr[] setList(List<ResTarget> targets, ExprAnalyzer analyzer, RelationDesc desc, String refname,
            ParseState pstate, Set<Integer> assigned) {
        // transformUpdateTargetList's EXPR_KIND_UPDATE_SOURCE
        pstate.noAggregatesIn = "UPDATE";
        pstate.noWindowFunctionsIn = "UPDATE";
        try {
            return setListIn(targets, analyzer, desc, refname, pstate, assigned);
        } finally {
            pstate.noAggregatesIn = null;
            pstate.noWindowFunctionsIn = null;
        }
    }

    private Expr[] setListIn(List<ResTarget> targets, ExprAnalyzer analyzer, RelationDesc desc, String refname,
            ParseState pstate, Set<Integer> assigned) {
        List<AttributeDesc> live = desc.liveAttributes();
        Expr[] set = new Expr[live.size()];
        for (int i = 0; i < live.size(); i++) {
            AttributeDesc a = live.get(i);
            set[i] = new VarExpr(i, typeOf(a), typmodOf(a), refname, a.name());
        }
        java.util.Map<RawNode, Expr[]> multiSources = new java.util.IdentityHashMap<>();
        for (ResTarget t : targets) {
            if (t.indirection() != null && !t.indirection().isEmpty() && !(t.val() instanceof SetToDefault)
                    && !(t.val() instanceof org.tusk.engine.nodes.MultiAssignRef)) {
                // col[i] = v: the column's value so far (several subscripted assignments to one column chain)
                int idx = columnIndex(live, t.name(), desc, t.location());
                Expr updated = analyzer.assignmentIndirection(set[idx], t.name(), t.indirection(),
                        analyzer.transform(t.val()), t.location());
                set[idx] = assign(analyzer, updated, live.get(idx), t.location());
                assigned.add(idx);
                continue;
            }
            if (t.indirection() != null && !t.indirection().isEmpty()) {
                throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED,
                        "subscripted or field UPDATE targets are not supported yet", t.location() + 1);
            }
            int idx = columnIndex(live, t.name(), desc, t.location());
            if (!assigned.add(idx)) {
                // the rewriter's process_matched_tle finds this, with no cursor position
                throw Ereport.error(SqlState.SYNTAX_ERROR, "multiple assignments to same column \"" + t.name()
                        + "\"");
            }
            RawNode value = t.val();
            if (value instanceof org.tusk.engine.nodes.MultiAssignRef m) {
                Expr[] columns = multiSources.get(m.source());
                if (columns == null) {
                    columns = multiAssignSource(m, analyzer, desc, live, targets);
                    multiSources.put(m.source(), columns);
                }
                Expr e = columns[m.colno() - 1];
                set[idx] = e == null ? defaultOrNull(desc, live.get(idx), pstate)
                        : assign(analyzer, e, live.get(idx), t.location());
                continue;
            }
            if (!(value instanceof SetToDefault) && live.get(idx).identityAlways()) {
                throw Ereport.error("428C9", "column \"" + t.name() + "\" can only be updated to DEFAULT")
                        .withDetail("Column \"" + t.name() + "\" is an identity column defined as GENERATED ALWAYS.");
            }
            set[idx] = value instanceof SetToDefault ? defaultOrNull(desc, live.get(idx), pstate)
                    : assign(analyzer, analyzer.transform(value), live.get(idx), t.location());
        }
        return set;
    }

    /** A column's default, or a typed NULL when it has none (SET col = DEFAULT). */
    private Expr defaultOrNull(RelationDesc desc, AttributeDesc column, ParseState pstate) {
        Expr d = defaultFor(desc, column, pstate);
        return d != null ? d : new org.tusk.engine.expr.ConstExpr(typeOf(column), typmodOf(column), null);
    }

    /**
     * The per-column expressions of {@code SET (a, b) = source}: a row constructor's members (null for
     * DEFAULT), or for a sub-SELECT one scalar subquery per column (transformMultiAssignRef's MULTIEXPR,
     * evaluated once per column here).
     */
    private Expr[] multiAssignSource(org.tusk.engine.nodes.MultiAssignRef m, ExprAnalyzer analyzer,
            RelationDesc desc, List<AttributeDesc> live, List<ResTarget> targets) {
        RawNode source = m.source();
        int n = m.ncolumns();
        Expr[] out = new Expr[n];
        if (source instanceof org.tusk.engine.nodes.RowExpr row) {
            // ROW(v.*) stands for v's columns (transformExpressionList)
            List<RawNode> args = new ArrayList<>();
            List<Expr> expanded = new ArrayList<>();
            for (RawNode arg : row.args()) {
                if (arg instanceof ColumnRef c && c.star() && !c.fields().isEmpty()) {
                    for (Expr e : RowExprs.starColumns(analyzer, c.fields().get(c.fields().size() - 1), c.location())
                            .args()) {
                        args.add(null);
                        expanded.add(e);
                    }
                } else {
                    args.add(arg);
                    expanded.add(null);
                }
            }
            if (args.size() != n) {
                throw Ereport.error(SqlState.SYNTAX_ERROR, "number of columns does not match number of values",
                        row.location() + 1);
            }
            for (int i = 0; i < n; i++) {
                RawNode arg = args.get(i);
                out[i] = arg == null ? expanded.get(i) : arg instanceof SetToDefault ? null : analyzer.transform(arg);
            }
            return out;
        }
        if (source instanceof org.tusk.engine.nodes.SubLink link
                && link.subLinkType() == org.tusk.engine.nodes.SubLinkType.EXPR) {
            SelectStmt sub = link.subselect();
            if (sub.op() == org.tusk.engine.nodes.SetOperation.NONE && sub.valuesLists() == null
                    && sub.targetList().stream().noneMatch(t -> t.val() instanceof ColumnRef c && c.star())) {
                if (sub.targetList().size() != n) {
                    throw Ereport.error(SqlState.SYNTAX_ERROR, "number of columns does not match number of values",
                            link.location() + 1);
                }
                for (int i = 0; i < n; i++) {
                    SelectStmt one = new SelectStmt(sub.distinctClause(), sub.intoClause(),
                            List.of(sub.targetList().get(i)), sub.fromClause(), sub.whereClause(), sub.groupClause(),
                            sub.groupDistinct(), sub.havingClause(), sub.windowClause(), sub.valuesLists(),
                            sub.sortClause(), sub.limitOffset(), sub.limitCount(), sub.limitOption(),
                            sub.lockingClause(), sub.withClause(), sub.op(), sub.all(), sub.larg(), sub.rarg(),
                            sub.location());
                    out[i] = analyzer.transform(new org.tusk.engine.nodes.SubLink(link.subLinkType(), null,
                            link.operName(), one, link.location()));
                }
                ExplainedTargets.groupMultiAssignment(out);
                return out;
            }
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED,
                    "this form of multiple-column UPDATE SET is not supported yet", link.location() + 1);
        }
        analyzer.transform(source);
        // transformMultiAssignRef reports at the source expression itself (inside any parentheses)
        throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "source for a multiple-column UPDATE item must be a"
                + " sub-SELECT or ROW() expression", m.location());
    }

    private DmlCommand delete(DeleteStmt stmt, ParseState pstate) {
        returningTargetRefname = aliasOf(stmt.relation());
        if (stmt.withClause() != null) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "WITH in DELETE is not supported yet");
        }
        RelationDesc desc = openTarget(stmt.relation(), org.tusk.engine.acl.AclMode.DELETE
                | (stmt.whereClause() != null || stmt.returningList() != null && !stmt.returningList().isEmpty()
                        ? org.tusk.engine.acl.AclMode.SELECT : 0));
        ModifyScope scope = modifyScope(pstate, desc, stmt.relation(), stmt.usingClause(),
                SystemColumnRefs.mentioned(stmt.returningList()));
        org.tusk.engine.rewrite.RowSecurity rls = org.tusk.engine.rewrite.RowSecurity.forRelation(session, desc);
        boolean reads = stmt.whereClause() != null || stmt.returningList() != null && !stmt.returningList().isEmpty();
        rowSecurityQual = securityQuals(rls, scope, org.tusk.engine.rewrite.RowSecurity.DELETE, reads);
        return rowsCommand(desc, scope, stmt.whereClause(), stmt.returningList(), pstate, null, null);
    }

    /**
     * The query level UPDATE/DELETE reads rows from: the target first (its live columns at slots 0..n-1,
     * the version's TupleId as a hidden "ctid" column at slot n), then the FROM/USING items, as
     * transformUpdateStmt/transformDeleteStmt build the range table.
     */
    record ModifyScope(ParseState pstate, ExprAnalyzer analyzer, SelectAnalyzer selects,
            RangeTblEntry target) {
    }

    /**
     * {@code returningHeader}: RETURNING names xmin, cmin, xmax or cmax; a plain target's scan then
     * carries the version's header after the ctid (ModifyTableNode puts the new values there).
     */
    ModifyScope modifyScope(ParseState pstate, RelationDesc desc, RangeVar target, List<RawNode> from,
            boolean returningHeader) {
        String alias = aliasOf(target);
        StorageBaseRelation rel = returningHeader && session.storage() != null
                ? new StorageBaseRelation(desc, session).withSystemColumns()
                : new StorageBaseRelation(desc, session).withCtid();
        RangeTblEntry rte = new RangeTblEntry(RangeTblEntry.Kind.RELATION, alias != null ? alias : desc.name());
        // without ONLY, the rows of every inheritor too (an Append whose rows end in ctid, tableoid)
        rte.relation = target.inh() ? rel.withInheritors() : rel;
        for (org.tusk.engine.catalog.RelationColumn c : rel.columns()) {
            rte.columns.add(new RangeTblEntry.Column(c.name(), c.type(), c.typmod(), null));
        }
        rte.ctidColumn = rte.columns.size();            // hidden: not part of the target's whole-row value
        rte.columns.add(new RangeTblEntry.Column("ctid", PgType.TID, -1, null));
        if (rel.emitsHeader()) {
            rte.addHeaderColumns();
        }
        if (rte.relation instanceof org.tusk.engine.executor.scan.InheritanceRelation) {
            rte.tableoidColumn = rte.columns.size();
            rte.columns.add(new RangeTblEntry.Column("tableoid", PgType.OID, -1, null));
        }
        SelectAnalyzer.withVars(rte, pstate);
        pstate.addRte(rte);
        pstate.namespace.add(new ParseState.NsItem(rte, true, true));
        SelectAnalyzer selects = new SelectAnalyzer(relations, typeContext);
        ExprAnalyzer analyzer = selects.exprsFor(pstate);
        if (from != null && !from.isEmpty()) {
            selects.addFromItems(from, pstate, analyzer);
        }
        return new ModifyScope(pstate, analyzer, selects, rte);
    }

    private DmlCommand rowsCommand(RelationDesc desc, ModifyScope scope, RawNode whereNode,
            List<ResTarget> returningList, ParseState pstate, Expr[] set, Set<Integer> assigned) {
        ExprAnalyzer analyzer = scope.analyzer();
        Query q = pstate.query;
        Expr where = null;
        if (whereNode instanceof org.tusk.engine.nodes.CurrentOfExpr co) {
            // WHERE CURRENT OF: the target's version the cursor stands on
            if (!(session instanceof org.tusk.engine.expr.CurrentOfCheck.CursorPositions cursors)) {
                throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "WHERE CURRENT OF is not supported here");
            }
            RangeTblEntry t = scope.target();
            // the target's rows end in ctid (then tableoid for an inheritance set)
            int ctid = t.tableoidColumn >= 0 ? t.tableoidColumn - 1 : t.columns.size() - 1;
            Expr tid = new VarExpr(t.offset + ctid, PgType.TID, -1, t.refname, "ctid");
            Expr tableoid = t.tableoidColumn < 0 ? null
                    : new VarExpr(t.offset + t.tableoidColumn, PgType.OID, -1, t.refname, "tableoid");
            where = new org.tusk.engine.expr.CurrentOfCheck(co.cursorName(), desc.oid(), desc.name(), tid, tableoid,
                    cursors);
        } else if (whereNode != null) {
            pstate.noAggregatesIn = "WHERE";
            pstate.noWindowFunctionsIn = "WHERE";
            pstate.noSrfIn = "WHERE";
            where = analyzer.coerceToBoolean(analyzer.transform(whereNode), "WHERE", location(whereNode) - 1);
            pstate.noAggregatesIn = null;
            pstate.noWindowFunctionsIn = null;
            pstate.noSrfIn = null;
        }
        if (rowSecurityQual != null) {
            // the security quals come first, as securityQuals are applied before the statement's own
            where = where == null ? rowSecurityQual
                    : org.tusk.engine.expr.BoolExpr.andOf(List.of(rowSecurityQual, where));
        }
        Returning ret = returning(returningList, analyzer, desc, q);
        // the level's rows as they are: every slot, so SET, WHERE and RETURNING index them unchanged
        q.jointree = new JoinTreeNode.FromList(q.jointree.items().isEmpty()
                ? new ArrayList<>(List.of(new JoinTreeNode.RangeRef(scope.target())))
                : prependTarget(q.jointree.items(), scope.target()), where);
        projectEverySlot(q);
        ResultRelation result = resultRelation(desc, pstate);
        int natts = desc.liveAttributes().size();
        Expr recheck = where;
        List<MemberTarget> members = memberTargets(scope.target(), pstate);
        List<org.tusk.engine.executor.modify.PolicyCheck> checks = rowSecurityChecks;
        org.tusk.engine.executor.modify.CachedModifySource cachedSource = cacheableSource(members, whereNode, set,
                recheck, ret.exprs()) ? new org.tusk.engine.executor.modify.CachedModifySource(q, desc.oid(),
                        session.relcache()) : null;
        return usingTarget(desc, new DmlCommand() {
            @Override
            public List<Column> resultColumns() {
                return ret.columns();
            }

            @Override
            public Explained explained() {
                String verb = set != null ? "Update on " : "Delete on ";
                RangeTblEntry target = scope.target();
                List<String> members = new ArrayList<>();
                if (target.relation instanceof org.tusk.engine.executor.scan.InheritanceRelation) {
                    // one result relation per member, named as the Append names its scans
                    int n = 0;
                    for (org.tusk.engine.planner.BaseRelation m : target.relation.appendMembers()) {
                        String alias = target.refname + "_" + (++n);
                        members.add(verb + m.name() + (alias.equals(m.name()) ? "" : " " + alias));
                    }
                }
                String alias = target.refname.equals(desc.name()) ? "" : " " + target.refname;
                return new Explained(verb + desc.name() + alias, members,
                        set != null && !members.isEmpty() && desc.kind() != 'p', q,
                        verb + desc.namespaceName() + "." + desc.name() + alias,
                        members.isEmpty() ? ExplainedTargets.of(set, assigned, target) : null);
            }

            @Override
            public Result execute(EvalContext ctx, RowReceiver receiver) {
                var snapshot = session.snapshot();
                var txn = session.transactionContext();
                int event = set != null ? TriggerDesc.UPDATE : TriggerDesc.DELETE;
                org.tusk.engine.executor.modify.TriggerManager triggers = triggers(desc, event, ctx);
                if (triggers != null) {
                    triggers.updating(assigned);
                    triggers.beforeStatement(event);
                }
                PlanState source = cachedSource != null ? cachedSource.start(ctx)
                        : org.tusk.engine.executor.Executor.start(q, ctx);
                try {
                    TableModifier modifier = new TableModifier(result, txn, snapshot, ctx).withPolicyChecks(checks);
                    ModifyTableNode node = set != null
                            ? ModifyTableNode.update(modifier, source, ctx, set, natts, recheck, ret.exprs())
                            : ModifyTableNode.delete(modifier, source, ctx, natts, recheck, ret.exprs());
                    ForeignKeyTriggers fkeys = ForeignKeyTriggers.forTable(session, relations, typeContext, desc);
                    node.withEvents(fkeys).withTriggers(triggers);
                    if (scope.target().systemColumn >= 0) {
                        int header = scope.target().offset + scope.target().systemColumn;
                        node.withHeaderSlots(header).readingTupleHeader(ret.exprs() != null
                                && java.util.Arrays.stream(ret.exprs()).anyMatch(e -> ExprWalker.find(e, x ->
                                        x instanceof VarExpr v && v.attno() >= header && v.attno() < header + 4) != null));
                    }
                    org.tusk.engine.executor.modify.InheritedTargets targets = null;
                    if (members != null) {
                        targets = inheritedTargets(desc, modifier, members, ctx);
                        node.throughInheritors(targets, scope.target().offset + scope.target().tableoidColumn);
                    }
                    List<Object[]> out = drain(node);
                    if (targets != null && set != null) {
                        targets.fireAfter();
                    }
                    endOfStatement(fkeys, triggers, event, ctx);
                    return new Result((set != null ? "UPDATE " : "DELETE ") + node.processed(), out);
                } finally {
                    source.close();
                }
            }
        });
    }

    /** The level's rows as they are: every slot of every entry, so that ModifyTableNode indexes them unchanged. */
    static void projectEverySlot(Query q) {
        for (RangeTblEntry rte : q.rtable) {
            if (rte.kind == RangeTblEntry.Kind.JOIN) {
                continue;
            }
            for (int i = 0; i < rte.columns.size(); i++) {
                RangeTblEntry.Column c = rte.columns.get(i);
                q.targetList.add(new TargetEntry(c.name(),
                        new VarExpr(rte.offset + i, c.type(), c.typmod(), rte.refname, c.name()), 0, (short) 0));
            }
        }
        q.finishLayout();
    }

    /**
     * {@code command} with its target relation marked as in use by a running statement while it executes,
     * so that DDL run from its triggers (CREATE TABLE .. PARTITION OF the target) is refused as
     * CheckTableNotInUse refuses it.
     */
    DmlCommand usingTarget(RelationDesc target, DmlCommand command) {
        return new DmlCommand() {
            @Override
            public List<Column> resultColumns() {
                return command.resultColumns();
            }

            @Override
            public Result execute(EvalContext ctx, RowReceiver receiver) {
                try (var use = session.relcache().useInStatement(target.oid())) {
                    return command.execute(ctx, receiver);
                }
            }

            @Override
            public Explained explained() {
                return command.explained();
            }

            @Override
            public List<String> explainAnalyze(EvalContext ctx, org.tusk.engine.planner.Explain.Options options) {
                try (var use = session.relcache().useInStatement(target.oid())) {
                    return command.explainAnalyze(ctx, options);
                }
            }
        };
    }

    /**
     * Whether the rows an UPDATE/DELETE changes may come from a kept plan ({@link
     * org.tusk.engine.executor.modify.CachedModifySource}): one table, no WHERE CURRENT OF, and no
     * sub-SELECT in SET, WHERE or RETURNING (a sub-SELECT evaluated in the statement's context needs the
     * executor state a one-off plan attaches there).
     */
    private static boolean cacheableSource(List<MemberTarget> members, RawNode whereNode, Expr[] set, Expr where,
            Expr[] returning) {
        if (members != null || whereNode instanceof org.tusk.engine.nodes.CurrentOfExpr
                || org.tusk.engine.executor.ReusablePlan.hasSubLink(where)) {
            return false;
        }
        for (Expr[] exprs : new Expr[][] {set, returning}) {
            if (exprs != null) {
                for (Expr e : exprs) {
                    if (org.tusk.engine.executor.ReusablePlan.hasSubLink(e)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** A member of an inheritance set being updated or deleted from: its result relation and column maps. */
    record MemberTarget(long oid, ResultRelation result, int[] fromParent, int[] toParent) {
    }

    /** The members of the target's Append as result relations, or null when the target is one table. */
    List<MemberTarget> memberTargets(RangeTblEntry target, ParseState pstate) {
        if (!(target.relation instanceof org.tusk.engine.executor.scan.InheritanceRelation set)) {
            return null;
        }
        List<AttributeDesc> parentCols = set.parent().desc().liveAttributes();
        List<MemberTarget> out = new ArrayList<>();
        for (int i = 0; i < set.members().size(); i++) {
            RelationDesc m = set.members().get(i).desc();
            List<AttributeDesc> cols = m.liveAttributes();
            int[] fromParent = new int[cols.size()];
            for (int j = 0; j < fromParent.length; j++) {
                fromParent[j] = -1;
                for (int k = 0; k < parentCols.size(); k++) {
                    if (parentCols.get(k).name().equals(cols.get(j).name())) {
                        fromParent[j] = k;
                    }
                }
            }
            out.add(new MemberTarget(m.oid(), resultRelation(m, pstate), fromParent, set.columnMap(i)));
        }
        return out;
    }

    org.tusk.engine.executor.modify.InheritedTargets inheritedTargets(RelationDesc desc, TableModifier root,
            List<MemberTarget> members, EvalContext ctx) {
        List<org.tusk.engine.executor.modify.InheritedTargets.Member> list = new ArrayList<>();
        for (MemberTarget m : members) {
            TableModifier mod = new TableModifier(m.result(), session.transactionContext(), session.snapshot(), ctx);
            RelationDesc md = session.relcache().byOid((int) m.oid());
            if (md != null && md.oid() != desc.oid()) {
                // the member's own row triggers fire for its rows (UPDATE; DELETE when a row moves away)
                mod.asRoutedLeaf(triggers(md, TriggerDesc.UPDATE | TriggerDesc.DELETE, ctx), null);
            }
            list.add(new org.tusk.engine.executor.modify.InheritedTargets.Member(m.oid(), mod, m.fromParent(),
                    m.toParent()));
        }
        boolean partitioned = desc.kind() == 'p';
        return new org.tusk.engine.executor.modify.InheritedTargets(list, partitioned ? root : null,
                partitioned ? router(desc, ctx) : null, ctx);
    }

    private static List<JoinTreeNode> prependTarget(List<JoinTreeNode> items, RangeTblEntry target) {
        List<JoinTreeNode> out = new ArrayList<>();
        out.add(new JoinTreeNode.RangeRef(target));
        out.addAll(items);
        return out;
    }
}
