package org.tusk.engine.rewrite;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.tusk.api.error.SqlState;
import org.tusk.engine.catalog.CatalogAccess;
import org.tusk.engine.catalog.SystemCatalogs;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.nodes.Alias;
import org.tusk.engine.nodes.BoolExprNode;
import org.tusk.engine.nodes.BoolOp;
import org.tusk.engine.nodes.BooleanTest;
import org.tusk.engine.nodes.BooleanTestKind;
import org.tusk.engine.nodes.ColumnRef;
import org.tusk.engine.nodes.DeleteStmt;
import org.tusk.engine.nodes.InsertStmt;
import org.tusk.engine.nodes.LimitOption;
import org.tusk.engine.nodes.RangeSubselect;
import org.tusk.engine.nodes.RangeVar;
import org.tusk.engine.nodes.RawNode;
import org.tusk.engine.nodes.RawStmt;
import org.tusk.engine.nodes.ResTarget;
import org.tusk.engine.nodes.SelectStmt;
import org.tusk.engine.nodes.SetOperation;
import org.tusk.engine.nodes.SetToDefault;
import org.tusk.engine.nodes.TypeCast;
import org.tusk.engine.nodes.TypeName;
import org.tusk.engine.nodes.UpdateStmt;
import org.tusk.engine.parser.ParsedStatement;
import org.tusk.engine.parser.Parser;
import org.tusk.engine.relcache.AttributeDesc;
import org.tusk.engine.relcache.RelationDesc;
import org.tusk.engine.storage.StorageSession;
import org.tusk.engine.tcop.SearchPathProvider;
import org.tusk.engine.types.PgType;
import org.tusk.lmgr.LockMode;

/**
 * The rule system for INSERT, UPDATE and DELETE (rewriteHandler.c's
 * RewriteQuery/fireRules): the rules of the target relation for the command's
 * event, in name order, each action turned into a statement of its own that
 * reads NEW and OLD from a derived table of the original command's rows, and
 * the original command kept, kept with the conditional INSTEAD rules' quals
 * inverted, or dropped by an unconditional INSTEAD rule.
 *
 * <p>Tusk's rewriter works on raw parse trees. The rows the command affects
 * become {@code (SELECT <old columns> "o:c"..., <new columns> "n:c"... FROM
 * ...) AS "rule*src"}: for INSERT the VALUES or SELECT with the defaults of
 * the columns not given; for UPDATE the target joined with FROM under WHERE,
 * new values from SET; for DELETE the target's rows. {@code new.c} and
 * {@code old.c} in an action (and {@code new.*}/{@code old.*} in lists) are
 * replaced by that table's columns, and the table is added to the action's
 * FROM/USING (an INSERT ... VALUES action becomes INSERT ... SELECT), so the
 * action runs once per affected row, as PostgreSQL's join with the original
 * query's range table does.
 */
public final class RuleRewriter {

    /** A rule of pg_rewrite as the rewriter uses it. */
    public record Rule(String name, boolean instead, RawNode qual, List<RawStmt> actions) {}

    /**
     * The statements to run in order. {@code tagFrom}: the index whose tag is the command's
     * (-1: {@code emptyTag}); {@code returningFrom}: the index whose RETURNING rows are the
     * command's (-1: none); {@code originalIndex}: the original command's (-1: dropped), which
     * is not rewritten by the same rules again.
     */
    public record Fired(List<RawStmt> statements, int tagFrom, String emptyTag, int returningFrom, int originalIndex) {}

    private static final String SRC = "rule*src";
    private static final String INPUT = "rule*in";

    private final StorageSession session;

    public RuleRewriter(StorageSession session) {
        this.session = session;
    }

    private static RangeVar target(RawStmt stmt) {
        return stmt instanceof InsertStmt i ? i.relation() : stmt instanceof UpdateStmt u ? u.relation()
                : stmt instanceof DeleteStmt d ? d.relation() : null;
    }

    private static List<ResTarget> returningOf(RawStmt stmt) {
        return stmt instanceof InsertStmt i ? i.returningList() : stmt instanceof UpdateStmt u ? u.returningList()
                : stmt instanceof DeleteStmt d ? d.returningList() : null;
    }

    /** The relation {@code stmt} changes, or null when it has no storage to look at. */
    public RelationDesc targetRelation(RawStmt stmt) {
        RangeVar rv = target(stmt);
        if (rv == null || session.storage() == null) {
            return null;
        }
        List<String> path = session instanceof SearchPathProvider p ? p.searchPath() : List.of("public");
        return session.relcache().open(rv.schemaname(), rv.relname(), path, LockMode.ROW_EXCLUSIVE, rv.location() + 1);
    }

    /** The relation's rules for {@code event} ('2' UPDATE, '3' INSERT, '4' DELETE), by name. */
    public List<Rule> rules(RelationDesc rel, char event) {
        CatalogAccess access = session.relcache().catalogAccess();
        SystemCatalogs.Catalog rw = SystemCatalogs.require(SystemCatalogs.PG_REWRITE);
        int evClass = rw.columnIndex("ev_class");
        int evType = rw.columnIndex("ev_type");
        long oid = rel.oid();
        String type = String.valueOf(event);
        List<Rule> out = new ArrayList<>();
        for (CatalogAccess.CatalogTuple t : access.scan(SystemCatalogs.PG_REWRITE,
                r -> r[evClass] instanceof Long l && l == oid && type.equals(String.valueOf(r[evType])))) {
            if ("D".equals(String.valueOf(t.get(rw, "ev_enabled")))) {
                continue;
            }
            String qualText = (String) t.get(rw, "ev_qual");
            RawNode qual = qualText == null || qualText.equals("<>") || qualText.isBlank() ? null
                    : ((SelectStmt) Parser.parse("SELECT " + qualText).get(0).stmt()).targetList().get(0).val();
            String actionText = (String) t.get(rw, "ev_action");
            List<RawStmt> actions = new ArrayList<>();
            if (actionText != null && !actionText.isBlank()) {
                for (ParsedStatement p : Parser.parse(actionText)) {
                    actions.add(p.stmt());
                }
            }
            out.add(new Rule((String) t.get(rw, "rulename"), Boolean.TRUE.equals(t.get(rw, "is_instead")), qual, actions));
        }
        out.sort(Comparator.comparing(Rule::name));
        return out;
    }

    /** The statements {@code stmt} becomes through the rules of {@code rel}; null when no rule fires. */
    public Fired fire(RawStmt stmt, RelationDesc rel) {
        char event = stmt instanceof InsertStmt ? '3' : stmt instanceof UpdateStmt ? '2' : '4';
        List<Rule> rules = rules(rel, event);
        if (rules.isEmpty()) {
            return null;
        }
        RangeVar rv = target(stmt);
        RawNode where = stmt instanceof UpdateStmt u ? u.whereClause() : stmt instanceof DeleteStmt d ? d.whereClause() : null;
        if (where instanceof org.tusk.engine.nodes.CurrentOfExpr) {
            if (rel.kind() == 'v') {
                throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "WHERE CURRENT OF on a view is not implemented");
            }
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "WHERE CURRENT OF on a relation with rules is not supported yet");
        }
        String refname = rv.alias() != null ? rv.alias().aliasname() : rv.relname();
        List<AttributeDesc> cols = rel.liveAttributes();
        SelectStmt source = sourceRows(stmt, rel, cols);
        List<ResTarget> originalReturning = returningOf(stmt);
        boolean wantsReturning = originalReturning != null && !originalReturning.isEmpty();

        List<RawStmt> actions = new ArrayList<>();
        List<Boolean> fromUnconditionalInstead = new ArrayList<>();
        boolean keepOriginal = true;
        List<RawNode> invertedQuals = new ArrayList<>();
        for (Rule rule : rules) {
            if (rule.instead() && rule.qual() == null) {
                keepOriginal = false;
            } else if (rule.instead()) {
                invertedQuals.add(rule.qual());
            }
            for (RawStmt action : rule.actions()) {
                actions.add(action(action, rule.qual(), source, cols));
                fromUnconditionalInstead.add(rule.instead() && rule.qual() == null);
            }
        }
        List<RawStmt> out = new ArrayList<>();
        int originalIndex = -1;
        RawStmt original = keepOriginal ? withInvertedQuals(stmt, invertedQuals, source, cols, refname) : null;
        if (original != null && stmt instanceof InsertStmt) {
            originalIndex = out.size();
            out.add(original);
        }
        int firstAction = out.size();
        out.addAll(actions);
        if (original != null && !(stmt instanceof InsertStmt)) {
            originalIndex = out.size();
            out.add(original);
        }
        // RETURNING: the original's, or computed from an unconditional INSTEAD action's
        int returningFrom = -1;
        if (wantsReturning) {
            if (originalIndex >= 0) {
                returningFrom = originalIndex;
            } else {
                for (int i = 0; i < actions.size(); i++) {
                    List<ResTarget> r = returningOf(actions.get(i));
                    if (fromUnconditionalInstead.get(i) && r != null && !r.isEmpty()) {
                        returningFrom = firstAction + i;
                        break;
                    }
                }
                if (returningFrom < 0) {
                    String verb = stmt instanceof InsertStmt ? "INSERT" : stmt instanceof UpdateStmt ? "UPDATE" : "DELETE";
                    throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot perform " + verb
                            + " RETURNING on relation \"" + rel.name() + "\"")
                            .withHint("You need an unconditional ON " + verb + " DO INSTEAD rule with a RETURNING clause.");
                }
            }
        }
        for (int i = firstAction; i < firstAction + actions.size(); i++) {
            RawStmt a = out.get(i);
            out.set(i, withReturning(a, i == returningFrom
                    ? originalReturningOver(originalReturning, a, cols, refname) : null));
        }
        // the tag: the original's, else the last action of the same command
        int tagFrom = originalIndex;
        if (tagFrom < 0) {
            for (int i = 0; i < actions.size(); i++) {
                if (actions.get(i).getClass() == stmt.getClass()) {
                    tagFrom = firstAction + i;
                }
            }
        }
        String emptyTag = stmt instanceof InsertStmt ? "INSERT 0 0" : stmt instanceof UpdateStmt ? "UPDATE 0" : "DELETE 0";
        return new Fired(out, tagFrom, emptyTag, returningFrom, originalIndex);
    }

    // ---- the rows the command affects ----

    private static TypeName typeName(AttributeDesc a) {
        PgType t = PgType.byOid(a.typeOid());
        String text = t == null ? "text" : t.displayName(a.typmod());
        SelectStmt s = (SelectStmt) Parser.parse("SELECT NULL::" + text).get(0).stmt();
        return ((TypeCast) s.targetList().get(0).val()).typeName();
    }

    private static RawNode defaultOf(RelationDesc rel, AttributeDesc a) {
        String text = rel.defaults().get(a.attnum());
        return ((SelectStmt) Parser.parse("SELECT " + (text == null ? "NULL" : text)).get(0).stmt())
                .targetList().get(0).val();
    }

    private static RawNode cast(RawNode e, AttributeDesc a) {
        return new TypeCast(e, typeName(a), -1);
    }

    static SelectStmt select(List<ResTarget> targets, List<RawNode> from, RawNode where) {
        return new SelectStmt(null, null, targets, from == null ? List.of() : from, where, List.of(), false, null,
                List.of(), null, List.of(), null, null, LimitOption.DEFAULT, List.of(), null, SetOperation.NONE, false,
                null, null, -1);
    }

    /** The derived table of affected rows: "o:c" (UPDATE, DELETE) and "n:c" (INSERT, UPDATE) per column. */
    private SelectStmt sourceRows(RawStmt stmt, RelationDesc rel, List<AttributeDesc> cols) {
        List<ResTarget> targets = new ArrayList<>();
        if (stmt instanceof InsertStmt ins) {
            List<String> listed = new ArrayList<>();
            if (ins.cols() != null && !ins.cols().isEmpty()) {
                for (ResTarget t : ins.cols()) {
                    if (t.indirection() != null && !t.indirection().isEmpty()) {
                        throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED,
                                "subscripted INSERT targets on a relation with rules are not supported yet");
                    }
                    listed.add(t.name());
                }
            } else {
                int width = ViewTargetRewriter.sourceWidth(ins.selectStmt(), cols.size());
                for (int i = 0; i < width && i < cols.size(); i++) {
                    listed.add(cols.get(i).name());
                }
            }
            SelectStmt input = ins.selectStmt();
            if (input != null && input.valuesLists() != null) {
                List<List<RawNode>> rows = new ArrayList<>();
                for (List<RawNode> row : input.valuesLists()) {
                    List<RawNode> r = new ArrayList<>();
                    for (int k = 0; k < row.size(); k++) {
                        RawNode v = row.get(k);
                        if (v instanceof SetToDefault && k < listed.size()) {
                            AttributeDesc a = rel.attribute(listed.get(k));
                            v = a == null ? v : cast(defaultOf(rel, a), a);
                        }
                        r.add(v);
                    }
                    rows.add(r);
                }
                input = new SelectStmt(input.distinctClause(), input.intoClause(), input.targetList(),
                        input.fromClause(), input.whereClause(), input.groupClause(), input.groupDistinct(),
                        input.havingClause(), input.windowClause(), rows, input.sortClause(), input.limitOffset(),
                        input.limitCount(), input.limitOption(), input.lockingClause(), input.withClause(), input.op(),
                        input.all(), input.larg(), input.rarg(), input.location());
            }
            for (AttributeDesc a : cols) {
                RawNode v = listed.contains(a.name()) && input != null
                        ? new ColumnRef(List.of(INPUT, a.name()), false, -1) : defaultOf(rel, a);
                targets.add(new ResTarget("n:" + a.name(), null, cast(v, a), -1));
            }
            List<RawNode> from = input == null ? List.of()
                    : List.of(new RangeSubselect(false, input, new Alias(INPUT, listed), -1));
            return select(targets, from, null);
        }
        RangeVar rv = target(stmt);
        String refname = rv.alias() != null ? rv.alias().aliasname() : rv.relname();
        List<RawNode> from = new ArrayList<>();
        from.add(rv);
        RawNode where;
        for (AttributeDesc a : cols) {
            targets.add(new ResTarget("o:" + a.name(), null, new ColumnRef(List.of(refname, a.name()), false, -1), -1));
        }
        if (stmt instanceof UpdateStmt upd) {
            if (upd.fromClause() != null) {
                from.addAll(upd.fromClause());
            }
            where = upd.whereClause();
            for (AttributeDesc a : cols) {
                RawNode v = new ColumnRef(List.of(refname, a.name()), false, -1);
                for (ResTarget t : upd.targetList()) {
                    if (t.name().equals(a.name())) {
                        if ((t.indirection() != null && !t.indirection().isEmpty())
                                || t.val() instanceof org.tusk.engine.nodes.MultiAssignRef) {
                            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED,
                                    "this kind of UPDATE SET on a relation with rules is not supported yet");
                        }
                        v = cast(t.val() instanceof SetToDefault ? defaultOf(rel, a) : t.val(), a);
                    }
                }
                targets.add(new ResTarget("n:" + a.name(), null, v, -1));
            }
        } else {
            DeleteStmt del = (DeleteStmt) stmt;
            if (del.usingClause() != null) {
                from.addAll(del.usingClause());
            }
            where = del.whereClause();
        }
        return select(targets, from, where);
    }

    // ---- actions ----

    /** new.c / old.c (and new.* / old.*) as columns of the derived table. */
    private static <T> T overSource(T node, List<AttributeDesc> cols) {
        node = new ColumnSubstitution("new", (ref, qualified, col) -> qualified ? column("n:", col, "new", cols, ref)
                : null, rv -> java.util.Set.of()).withStars(c -> stars("n:", cols)).apply(node);
        return new ColumnSubstitution("old", (ref, qualified, col) -> qualified ? column("o:", col, "old", cols, ref)
                : null, rv -> java.util.Set.of()).withStars(c -> stars("o:", cols)).apply(node);
    }

    private static RawNode column(String prefix, String col, String which, List<AttributeDesc> cols, ColumnRef ref) {
        for (AttributeDesc a : cols) {
            if (a.name().equals(col)) {
                return new ColumnRef(List.of(SRC, prefix + col), false, ref.location());
            }
        }
        throw Ereport.error(SqlState.UNDEFINED_COLUMN, "column " + which + "." + col + " does not exist", ref.location());
    }

    private static List<ColumnSubstitution.ResTargetOrNode> stars(String prefix, List<AttributeDesc> cols) {
        List<ColumnSubstitution.ResTargetOrNode> out = new ArrayList<>();
        for (AttributeDesc a : cols) {
            out.add(new ColumnSubstitution.ResTargetOrNode(a.name(),
                    new ColumnRef(List.of(SRC, prefix + a.name()), false, -1)));
        }
        return out;
    }

    private static RangeSubselect sourceItem(SelectStmt source) {
        return new RangeSubselect(false, source, new Alias(SRC, null), -1);
    }

    private static RawNode and(RawNode a, RawNode b) {
        return a == null ? b : b == null ? a : new BoolExprNode(BoolOp.AND, List.of(a, b), -1);
    }

    private static List<RawNode> plus(List<RawNode> list, RawNode item) {
        List<RawNode> out = new ArrayList<>(list == null ? List.of() : list);
        out.add(item);
        return out;
    }

    /** One rule action as a statement over the derived table of affected rows. */
    private RawStmt action(RawStmt action, RawNode ruleQual, SelectStmt source, List<AttributeDesc> cols) {
        RawStmt a = overSource(action, cols);
        RawNode qual = ruleQual == null ? null : overSource(ruleQual, cols);
        RangeSubselect src = sourceItem(source);
        if (a instanceof InsertStmt ins) {
            SelectStmt s = ins.selectStmt();
            SelectStmt reading;
            if (s == null) {
                return ins;                                 // DEFAULT VALUES: nothing to read
            } else if (s.valuesLists() != null) {
                if (s.valuesLists().size() != 1) {
                    throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED,
                            "multi-row VALUES in a rule action is not supported yet");
                }
                List<ResTarget> targets = new ArrayList<>();
                for (RawNode v : s.valuesLists().get(0)) {
                    targets.add(new ResTarget(null, null, v, -1));
                }
                reading = select(targets, List.of(src), qual);
            } else if (s.op() == null || s.op() == SetOperation.NONE) {
                reading = new SelectStmt(s.distinctClause(), s.intoClause(), s.targetList(), plus(s.fromClause(), src),
                        and(s.whereClause(), qual), s.groupClause(), s.groupDistinct(), s.havingClause(),
                        s.windowClause(), null, s.sortClause(), s.limitOffset(), s.limitCount(), s.limitOption(),
                        s.lockingClause(), s.withClause(), s.op(), s.all(), s.larg(), s.rarg(), s.location());
            } else {
                throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "set operations in a rule action are not supported yet");
            }
            return new InsertStmt(ins.relation(), ins.cols(), reading, ins.onConflictClause(), ins.returningList(),
                    ins.withClause(), ins.override(), ins.location());
        }
        if (a instanceof UpdateStmt upd) {
            return new UpdateStmt(upd.relation(), upd.targetList(), and(upd.whereClause(), qual),
                    plus(upd.fromClause(), src), upd.returningList(), upd.withClause(), upd.location());
        }
        if (a instanceof DeleteStmt del) {
            return new DeleteStmt(del.relation(), plus(del.usingClause(), src), and(del.whereClause(), qual),
                    del.returningList(), del.withClause(), del.location());
        }
        throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "rule actions other than INSERT, UPDATE and DELETE are not supported yet");
    }

    /** The original command restricted to the rows no conditional INSTEAD rule took (qual IS NOT TRUE). */
    private RawStmt withInvertedQuals(RawStmt stmt, List<RawNode> quals, SelectStmt source, List<AttributeDesc> cols,
            String refname) {
        if (quals.isEmpty()) {
            return stmt;
        }
        if (stmt instanceof InsertStmt ins) {
            RawNode where = null;
            for (RawNode q : quals) {
                where = and(where, new BooleanTest(overSource(q, cols), BooleanTestKind.IS_NOT_TRUE, -1));
            }
            List<ResTarget> targets = new ArrayList<>();
            List<ResTarget> names = new ArrayList<>();
            for (AttributeDesc a : cols) {
                targets.add(new ResTarget(null, null, new ColumnRef(List.of(SRC, "n:" + a.name()), false, -1), -1));
                names.add(new ResTarget(a.name(), null, null, -1));
            }
            return new InsertStmt(ins.relation(), names, select(targets, List.of(sourceItem(source)), where),
                    ins.onConflictClause(), ins.returningList(), ins.withClause(), ins.override(), ins.location());
        }
        // UPDATE/DELETE: old.c is the target's column, new.c the value SET gives it
        java.util.Map<String, RawNode> newValues = new java.util.HashMap<>();
        for (ResTarget t : source.targetList()) {
            if (t.name().startsWith("n:")) {
                newValues.put(t.name().substring(2), t.val());
            }
        }
        RawNode where = null;
        for (RawNode q : quals) {
            RawNode x = new ColumnSubstitution("old", (ref, qualified, col) -> qualified
                    ? new ColumnRef(List.of(refname, col), false, ref.location()) : null, rv -> java.util.Set.of())
                    .apply(q);
            x = new ColumnSubstitution("new", (ref, qualified, col) -> qualified ? newValues.get(col) : null,
                    rv -> java.util.Set.of()).apply(x);
            where = and(where, new BooleanTest(x, BooleanTestKind.IS_NOT_TRUE, -1));
        }
        if (stmt instanceof UpdateStmt upd) {
            return new UpdateStmt(upd.relation(), upd.targetList(), and(upd.whereClause(), where), upd.fromClause(),
                    upd.returningList(), upd.withClause(), upd.location());
        }
        DeleteStmt del = (DeleteStmt) stmt;
        return new DeleteStmt(del.relation(), del.usingClause(), and(del.whereClause(), where), del.returningList(),
                del.withClause(), del.location());
    }

    // ---- RETURNING ----

    /** The target and the plain relations in FROM/USING of an action, in order. */
    private static List<RangeVar> relationsOf(RawStmt action) {
        List<RangeVar> out = new ArrayList<>();
        out.add(target(action));
        List<RawNode> from = action instanceof UpdateStmt u ? u.fromClause() : action instanceof DeleteStmt d
                ? d.usingClause() : null;
        for (RawNode item : from == null ? List.<RawNode>of() : from) {
            if (item instanceof RangeVar rv) {
                out.add(rv);
            }
        }
        return out;
    }

    private RelationDesc open(RangeVar rv) {
        List<String> path = session instanceof SearchPathProvider p ? p.searchPath() : List.of("public");
        return session.relcache().open(rv.schemaname(), rv.relname(), path, LockMode.ACCESS_SHARE, rv.location() + 1);
    }

    private static RawStmt withReturning(RawStmt a, List<ResTarget> ret) {
        if (a instanceof InsertStmt i) {
            return new InsertStmt(i.relation(), i.cols(), i.selectStmt(), i.onConflictClause(), ret, i.withClause(),
                    i.override(), i.location());
        }
        if (a instanceof UpdateStmt u) {
            return new UpdateStmt(u.relation(), u.targetList(), u.whereClause(), u.fromClause(), ret, u.withClause(),
                    u.location());
        }
        DeleteStmt d = (DeleteStmt) a;
        return new DeleteStmt(d.relation(), d.usingClause(), d.whereClause(), ret, d.withClause(), d.location());
    }

    /**
     * The original RETURNING computed from an INSTEAD action's: the action's RETURNING
     * entries are the rule relation's columns in order (checkRuleResultList made sure of that).
     */
    private List<ResTarget> originalReturningOver(List<ResTarget> original, RawStmt action,
            List<AttributeDesc> cols, String refname) {
        List<ResTarget> actionReturning = returningOf(action);
        List<RawNode> values = new ArrayList<>();
        for (ResTarget t : actionReturning) {
            if (t.val() instanceof ColumnRef c && c.star()) {
                // an action's RETURNING * or x.*: the columns of the relations it names
                for (RangeVar rv : relationsOf(action)) {
                    String ref = rv.alias() != null ? rv.alias().aliasname() : rv.relname();
                    if (!c.fields().isEmpty() && !c.fields().get(0).equals(ref)) {
                        continue;
                    }
                    for (AttributeDesc a : open(rv).liveAttributes()) {
                        values.add(new ColumnRef(List.of(ref, a.name()), false, -1));
                    }
                }
            } else {
                values.add(t.val());
            }
        }
        java.util.Map<String, RawNode> byName = new java.util.HashMap<>();
        List<ColumnSubstitution.ResTargetOrNode> star = new ArrayList<>();
        for (int i = 0; i < cols.size() && i < values.size(); i++) {
            byName.put(cols.get(i).name(), values.get(i));
            star.add(new ColumnSubstitution.ResTargetOrNode(cols.get(i).name(), values.get(i)));
        }
        ColumnSubstitution s = new ColumnSubstitution(refname, (ref, qualified, col) -> byName.get(col),
                rv -> java.util.Set.of()).withStars(c -> star);
        List<ResTarget> out = new ArrayList<>();
        for (ResTarget t : original) {
            if (t.val() instanceof ColumnRef c && c.star() && c.fields().isEmpty()) {
                for (ColumnSubstitution.ResTargetOrNode col : star) {
                    out.add(new ResTarget(col.name(), null, col.node(), t.location()));
                }
                continue;
            }
            String name = t.name() != null ? t.name() : org.tusk.engine.analyze.ColumnNames.figure(t.val());
            List<ResTarget> one = s.apply(List.of(new ResTarget(name, t.indirection(), t.val(), t.location())));
            out.addAll(one);
        }
        return out;
    }
}
