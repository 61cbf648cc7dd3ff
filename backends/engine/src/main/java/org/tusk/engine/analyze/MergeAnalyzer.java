package org.tusk.engine.analyze;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.tusk.api.engine.Column;
import org.tusk.api.engine.RowReceiver;
import org.tusk.api.error.SqlState;
import org.tusk.engine.acl.AclMode;
import org.tusk.engine.catalog.SystemRelations;
import org.tusk.engine.commands.DmlCommand;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.executor.PlanState;
import org.tusk.engine.executor.modify.MergeAction;
import org.tusk.engine.executor.modify.ModifyTableNode;
import org.tusk.engine.executor.modify.TableModifier;
import org.tusk.engine.executor.modify.TriggerManager;
import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.expr.Expr;
import org.tusk.engine.nodes.Alias;
import org.tusk.engine.nodes.MergeStmt;
import org.tusk.engine.nodes.MergeWhenClause;
import org.tusk.engine.nodes.RangeFunction;
import org.tusk.engine.nodes.RangeSubselect;
import org.tusk.engine.nodes.RangeVar;
import org.tusk.engine.nodes.RawNode;
import org.tusk.engine.nodes.ResTarget;
import org.tusk.engine.nodes.SetToDefault;
import org.tusk.engine.relcache.AttributeDesc;
import org.tusk.engine.relcache.RelationDesc;
import org.tusk.engine.relcache.TriggerDesc;
import org.tusk.engine.storage.StorageSession;
import org.tusk.engine.tcop.SearchPathProvider;
import org.tusk.engine.types.TypeContext;
import org.tusk.lmgr.LockMode;

/**
 * Parse analysis and planning of MERGE (parse_merge.c's transformMergeStmt): the target opened as
 * a result relation, one query level joining the source to it (source LEFT JOIN target when a
 * WHEN NOT MATCHED clause exists, an inner join otherwise: the target's columns, then its
 * version's ctid, which is NULL for a source row no target row joined, then the source's), and
 * each WHEN clause compiled over that row into a {@link MergeAction} that ModifyTableNode runs.
 * MATCHED clauses see target and source; NOT MATCHED clauses the source only.
 *
 * A partitioned or inheritance target is read with its members, as UPDATE's is.
 *
 * <p>Not yet: row-level security on the target, column-level SELECT privileges (the target needs
 * SELECT on the table, as Tusk's UPDATE with WHERE does).
 */
final class MergeAnalyzer {

    private final ModifyAnalyzer modify;
    private final StorageSession session;
    private final SystemRelations relations;
    private final TypeContext typeContext;

    MergeAnalyzer(ModifyAnalyzer modify, StorageSession session, SystemRelations relations,
            TypeContext typeContext) {
        this.modify = modify;
        this.session = session;
        this.relations = relations;
        this.typeContext = typeContext;
    }

    DmlCommand analyze(MergeStmt stmt, ParseState pstate) {
        checkReachable(stmt.whenClauses());
        if (stmt.withClause() != null) {
            modify.withQueries(stmt.withClause(), pstate);
        }
        checkTargetKind(stmt.relation());
        RelationDesc desc = modify.openTarget(stmt.relation(), requiredPermissions(stmt.whenClauses()));
        if (org.tusk.engine.rewrite.RowSecurity.forRelation(session, desc) != null) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED,
                    "MERGE on a table with row-level security is not supported yet");
        }
        String targetName = stmt.relation().alias() != null ? stmt.relation().alias().aliasname() : desc.name();
        if (targetName.equals(sourceName(stmt.sourceRelation()))) {
            throw Ereport.error("42712", "name \"" + targetName + "\" specified more than once")
                    .withDetail("The name is used both as MERGE target table and data source.");
        }
        ModifyAnalyzer.ModifyScope scope = modify.modifyScope(pstate, desc, stmt.relation(),
                List.of(stmt.sourceRelation()), false);
        RangeTblEntry target = scope.target();
        ExprAnalyzer analyzer = scope.analyzer();
        Expr joinCondition = restricted(pstate, "JOIN conditions",
                () -> analyzer.coerceToBoolean(analyzer.transform(stmt.joinCondition()), "JOIN/ON",
                        ModifyAnalyzer.location(stmt.joinCondition()) - 1));

        List<MergeAction> actions = new ArrayList<>();
        Set<Integer> assignedAnywhere = new HashSet<>();
        int events = 0;
        for (MergeWhenClause when : stmt.whenClauses()) {
            actions.add(action(when, scope, desc, pstate, assignedAnywhere));
            events |= event(when.command());
        }
        boolean notMatched = stmt.whenClauses().stream().anyMatch(w -> !w.matched());

        Query q = pstate.query;
        JoinTreeNode source = q.jointree.items().get(0);
        q.jointree = new JoinTreeNode.FromList(new ArrayList<>(List.of(new JoinTreeNode.Join(
                notMatched ? org.tusk.engine.executor.JoinType.LEFT : org.tusk.engine.executor.JoinType.INNER,
                source, new JoinTreeNode.RangeRef(target), joinCondition, null))), null);
        ModifyAnalyzer.projectEverySlot(q);
        var result = modify.resultRelation(desc, pstate);
        // a partitioned table or inheritance parent: the source rows say which member they joined (tableoid)
        List<ModifyAnalyzer.MemberTarget> members = modify.memberTargets(target, pstate);
        int ctidSlot = target.offset + target.ctidColumn;
        int statementEvents = events;
        return modify.usingTarget(desc, new DmlCommand() {
            @Override
            public List<Column> resultColumns() {
                return null;
            }

            @Override
            public Explained explained() {
                String alias = target.refname.equals(desc.name()) ? "" : " " + target.refname;
                return new Explained("Merge on " + desc.name() + alias, List.of(), false, q,
                        "Merge on " + desc.namespaceName() + "." + desc.name() + alias, null);
            }

            @Override
            public Result execute(EvalContext ctx, RowReceiver receiver) {
                PlanState rows = org.tusk.engine.executor.Executor.start(q, ctx);
                try {
                    return new Result("MERGE " + run(ctx, rows).processed(), new ArrayList<>());
                } finally {
                    rows.close();
                }
            }

            @Override
            public List<String> explainAnalyze(EvalContext ctx, org.tusk.engine.planner.Explain.Options options) {
                long start = System.nanoTime();
                long[] counts = new long[4];
                List<String> plan = org.tusk.engine.planner.Explain.explain(q, options, ctx,
                        rows -> System.arraycopy(run(ctx, rows).mergeCounts(), 0, counts, 0, 4));
                double ms = (System.nanoTime() - start) / 1e6;
                return explainedWithCounts(plan, counts, options, ms);
            }

            /** ExecMerge over {@code rows}, with the statement's triggers and foreign key checks around it. */
            private ModifyTableNode run(EvalContext ctx, PlanState rows) {
                TriggerManager triggers = modify.triggers(desc, statementEvents, ctx);
                if (triggers != null) {
                    triggers.updating(assignedAnywhere);
                    // fireBSTriggers for CMD_MERGE: INSERT, UPDATE, DELETE, each when an action names it
                    for (int event : new int[] {TriggerDesc.INSERT, TriggerDesc.UPDATE, TriggerDesc.DELETE}) {
                        if ((statementEvents & event) != 0) {
                            triggers.beforeStatement(event);
                        }
                    }
                }
                long relOid = Integer.toUnsignedLong(desc.oid());
                // inserts are routed to partitions as INSERT's are
                TableModifier modifier = new TableModifier(result, session.transactionContext(), session.snapshot(),
                        ctx).routeThrough(modify.router(desc, ctx)).describeRowsIf(
                                () -> org.tusk.engine.acl.AccessChecks.maySelectColumns(session, relOid, null));
                ModifyTableNode node = ModifyTableNode.merge(modifier, rows, ctx, ctidSlot, joinCondition, actions);
                ForeignKeyTriggers fkeys = ForeignKeyTriggers.forTable(session, relations, typeContext, desc);
                node.withEvents(fkeys).withTriggers(triggers);
                org.tusk.engine.executor.modify.InheritedTargets targets = null;
                if (members != null) {
                    // updates and deletes go to the member the row joined from (an update may move it)
                    targets = modify.inheritedTargets(desc,
                            new TableModifier(result, session.transactionContext(), session.snapshot(), ctx), members,
                            ctx);
                    node.throughInheritors(targets, target.offset + target.tableoidColumn);
                }
                node.runToCompletion();
                if (targets != null) {
                    targets.fireAfter();
                }
                if (modifier.router() != null) {
                    modifier.router().fireAfter();
                }
                if (fkeys != null) {
                    fkeys.fire(ctx);
                }
                if (triggers != null) {
                    // fireASTriggers for CMD_MERGE: DELETE, UPDATE, INSERT
                    for (int event : new int[] {TriggerDesc.DELETE, TriggerDesc.UPDATE, TriggerDesc.INSERT}) {
                        if ((statementEvents & event) != 0) {
                            triggers.afterStatement(event);
                        }
                    }
                    triggers.fireAfter();
                }
                return node;
            }

            /**
             * The ModifyTable node on top of the join's plan, with show_modifytable_info's line of what
             * became of the source rows (only the non-zero counts, none when no row came).
             */
            private List<String> explainedWithCounts(List<String> plan, long[] counts,
                    org.tusk.engine.planner.Explain.Options options, double ms) {
                int treeLines = plan.size() - (options.summary() ? 2 : 0);
                List<String> out = new ArrayList<>();
                String label = "Merge on " + desc.name()
                        + (target.refname.equals(desc.name()) ? "" : " " + target.refname);
                if (options.costs()) {
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("  \\(cost=([0-9.]+\\.\\.[0-9.]+) rows=")
                            .matcher(plan.get(0));
                    if (m.find()) {
                        label += "  (cost=" + m.group(1) + " rows=0 width=0)";
                    }
                }
                label += options.timing() ? String.format(java.util.Locale.ROOT,
                        " (actual time=%.3f..%.3f rows=0 loops=1)", ms, ms) : " (actual rows=0 loops=1)";
                out.add(label);
                if (counts[0] + counts[1] + counts[2] + counts[3] > 0) {
                    StringBuilder tuples = new StringBuilder("  Tuples:");
                    String[] names = {"inserted", "updated", "deleted", "skipped"};
                    for (int i = 0; i < 4; i++) {
                        if (counts[i] > 0) {
                            tuples.append(' ').append(names[i]).append('=').append(counts[i]);
                        }
                    }
                    out.add(tuples.toString());
                }
                for (int i = 0; i < treeLines; i++) {
                    out.add((i == 0 ? "  ->  " : "      ") + plan.get(i));
                }
                out.addAll(plan.subList(treeLines, plan.size()));
                return out;
            }
        });
    }

    /** transformMergeStmt: a WHEN clause after an unconditional one of its kind can never run. */
    private static void checkReachable(List<MergeWhenClause> whens) {
        boolean[] terminal = new boolean[2];
        for (MergeWhenClause when : whens) {
            int kind = when.matched() ? 0 : 1;
            if (terminal[kind]) {
                throw Ereport.error(SqlState.SYNTAX_ERROR,
                        "unreachable WHEN clause specified after unconditional WHEN clause");
            }
            terminal[kind] |= when.condition() == null;
        }
    }

    /** setTargetTable's check for MERGE: only a plain or partitioned table (views: no INSTEAD OF for MERGE). */
    private void checkTargetKind(RangeVar rv) {
        if (session.storage() == null) {
            return;                                   // openTarget refuses it
        }
        List<String> path = session instanceof SearchPathProvider p ? p.searchPath() : List.of("public");
        RelationDesc desc = session.relcache().open(rv.schemaname(), rv.relname(), path, LockMode.ROW_EXCLUSIVE,
                rv.location() + 1);
        if (desc.kind() == 'r' || desc.kind() == 'p') {
            var rules = new org.tusk.engine.rewrite.RuleRewriter(session);
            if (!rules.rules(desc, '2').isEmpty() || !rules.rules(desc, '3').isEmpty()
                    || !rules.rules(desc, '4').isEmpty()) {
                throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot execute MERGE on relation \""
                        + desc.name() + "\"").withDetail("MERGE is not supported for relations with rules.");
            }
            return;
        }
        String kind = switch (desc.kind()) {
            case 'v' -> "views";
            case 'm' -> "materialized views";
            case 'S' -> "sequences";
            case 'f' -> "foreign tables";
            case 'c' -> "composite types";
            default -> "this relation";
        };
        throw Ereport.error(SqlState.WRONG_OBJECT_TYPE, "cannot execute MERGE on relation \"" + desc.name() + "\"")
                .withDetail("This operation is not supported for " + kind + ".");
    }

    /**
     * The target's privileges (transformMergeStmt's targetPerms): each action's kind, and SELECT for
     * the columns the join condition, WHEN conditions and SET expressions read (table-level here).
     */
    private static int requiredPermissions(List<MergeWhenClause> whens) {
        int perms = AclMode.SELECT;
        for (MergeWhenClause when : whens) {
            perms |= switch (when.command()) {
                case UPDATE -> AclMode.UPDATE;
                case DELETE -> AclMode.DELETE;
                case INSERT -> AclMode.INSERT;
                case NOTHING -> 0;
            };
        }
        return perms;
    }

    private static int event(MergeWhenClause.Command command) {
        return switch (command) {
            case UPDATE -> TriggerDesc.UPDATE;
            case DELETE -> TriggerDesc.DELETE;
            case INSERT -> TriggerDesc.INSERT;
            case NOTHING -> 0;
        };
    }

    /** The name the source is referenced by (its alias, else a table's name), or null. */
    private static String sourceName(RawNode source) {
        Alias alias = source instanceof RangeVar rv ? rv.alias() : source instanceof RangeSubselect rs ? rs.alias()
                : source instanceof RangeFunction rf ? rf.alias() : null;
        if (alias != null) {
            return alias.aliasname();
        }
        return source instanceof RangeVar rv ? rv.relname() : null;
    }

    /** One WHEN clause over the joined row; MATCHED ones see target and source, NOT MATCHED ones the source. */
    private MergeAction action(MergeWhenClause when, ModifyAnalyzer.ModifyScope scope, RelationDesc desc,
            ParseState pstate, Set<Integer> assignedAnywhere) {
        ExprAnalyzer analyzer = scope.analyzer();
        List<ParseState.NsItem> saved = new ArrayList<>(pstate.namespace);
        if (!when.matched()) {
            pstate.namespace.removeIf(ns -> ns.rte() == scope.target());
        }
        try {
            Expr condition = when.condition() == null ? null : restricted(pstate, "MERGE WHEN conditions",
                    () -> analyzer.coerceToBoolean(analyzer.transform(when.condition()), "WHEN",
                            ModifyAnalyzer.location(when.condition()) - 1));
            MergeAction.Command command = MergeAction.Command.valueOf(when.command().name());
            Expr[] targets = switch (when.command()) {
                case UPDATE -> {
                    Set<Integer> assigned = new HashSet<>();
                    Expr[] set = modify.setList(when.targetList(), analyzer, desc, scope.target().refname, pstate,
                            assigned);
                    assignedAnywhere.addAll(assigned);
                    yield set;
                }
                case INSERT -> insertRow(when, analyzer, desc, pstate);
                default -> null;
            };
            return new MergeAction(when.matched(), command, condition, targets);
        } finally {
            pstate.namespace.clear();
            pstate.namespace.addAll(saved);
        }
    }

    /** Runs {@code body} with aggregates and window functions refused as in {@code clause}. */
    private static Expr restricted(ParseState pstate, String clause, java.util.function.Supplier<Expr> body) {
        pstate.noAggregatesIn = clause;
        pstate.noWindowFunctionsIn = clause;
        try {
            return body.get();
        } finally {
            pstate.noAggregatesIn = null;
            pstate.noWindowFunctionsIn = null;
        }
    }

    /**
     * INSERT [(cols)] VALUES (...) | DEFAULT VALUES of a NOT MATCHED clause: one expression per live
     * column, the column's default where no value is given (transformInsertStmt's single VALUES row).
     */
    private Expr[] insertRow(MergeWhenClause when, ExprAnalyzer analyzer, RelationDesc desc, ParseState pstate) {
        List<AttributeDesc> live = desc.liveAttributes();
        Expr[] row = new Expr[live.size()];
        for (int i = 0; i < row.length; i++) {
            row[i] = modify.defaultFor(desc, live.get(i), pstate);
        }
        if (when.values() == null) {
            return row;                                                       // DEFAULT VALUES
        }
        List<ResTarget> cols = when.targetList();
        List<Integer> targets = new ArrayList<>();
        if (cols.isEmpty()) {
            for (int i = 0; i < Math.min(live.size(), when.values().size()); i++) {
                targets.add(i);                                               // the leading columns
            }
        } else {
            Set<Integer> seen = new HashSet<>();
            for (ResTarget col : cols) {
                int idx = modify.columnIndex(live, col.name(), desc, col.location());
                if (col.indirection() != null && !col.indirection().isEmpty()) {
                    throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED,
                            "subscripted or field MERGE INSERT targets are not supported yet", col.location());
                }
                if (!seen.add(idx)) {
                    throw Ereport.error(SqlState.DUPLICATE_COLUMN, "column \"" + col.name()
                            + "\" specified more than once", col.location());
                }
                targets.add(idx);
            }
        }
        List<RawNode> values = when.values();
        if (values.size() > targets.size()) {
            throw Ereport.error(SqlState.SYNTAX_ERROR, "INSERT has more expressions than target columns",
                    ModifyAnalyzer.location(values.get(targets.size())) - 1);
        }
        if (values.size() < targets.size()) {
            throw Ereport.error(SqlState.SYNTAX_ERROR, "INSERT has more target columns than expressions",
                    cols.get(values.size()).location());
        }
        for (int k = 0; k < values.size(); k++) {
            RawNode node = values.get(k);
            int col = targets.get(k);
            if (node instanceof SetToDefault) {
                continue;                                                     // the default already there
            }
            if (ModifyAnalyzer.identityOverridden(live.get(col), when.override())) {
                continue;                                                     // OVERRIDING USER VALUE
            }
            // transformInsertStmt's EXPR_KIND_VALUES_SINGLE
            Expr value = restricted(pstate, "VALUES", () -> analyzer.transform(node));
            row[col] = modify.assign(analyzer, value, live.get(col), ModifyAnalyzer.location(node) - 1);
        }
        return row;
    }
}
