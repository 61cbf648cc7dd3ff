package org.tusk.engine.analyze;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.expr.ExecParamExpr;
import org.tusk.engine.expr.Expr;
import org.tusk.engine.types.PgType;

/**
 * Analysis state of one query level (ParseState): the namespace of FROM items
 * visible to column references, the level's Query under construction, the
 * parent level for outer references, and — shared by all levels of a statement —
 * parameter types (fixed or being inferred), executor param slots and the
 * locations of expressions for error cursors.
 *
 * <p>A column found in an enclosing level becomes an executor param
 * ({@link ExecParamExpr}) of this level, recorded in {@link #outerParams} with
 * the enclosing level's expression; whoever runs this level (SubPlan, NestLoop
 * for LATERAL) sets the param from that expression first.
 */
public final class ParseState {
    /** What all levels of one statement share. */
    static final class Shared {
        final List<PgType> paramTypes = new ArrayList<>();
        final List<Boolean> paramFixed = new ArrayList<>();
        final Map<Expr, Integer> locations = new IdentityHashMap<>();
        /** The casts written as such (CAST(x AS t), x::t): ruleutils shows them, hides implicit ones. */
        final java.util.Set<Expr> explicitCasts = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        /** A SQL function body's parameter names (null entries for unnamed ones), and the function's name. */
        List<String> paramNames;
        String functionName;
        int nextExecParam;
        /** The statement names a system column (SystemColumnRefs): its tables' scans carry them. */
        boolean systemColumns;
        /** Analyzes a data-modifying WITH query; null where the caller has no storage session. */
        ModifyingAnalyzer modifying;
        /** Sublinks stay in their expressions (no pull_up_sublinks): the query is analyzed to be deparsed. */
        boolean keepSubLinks;
    }

    /** The statement is analyzed to be printed (a view's definition): WHERE's sublinks are not pulled up. */
    public void keepSubLinks() {
        shared.keepSubLinks = true;
    }

    /** Parse analysis of the INSERT/UPDATE/DELETE of a WITH query, at a level of its own with the statement's params. */
    @FunctionalInterface
    public interface ModifyingAnalyzer {
        org.tusk.engine.commands.DmlCommand analyze(org.tusk.engine.nodes.RawStmt stmt, ParseState level);
    }

    /** Whether the statement's WITH queries may be INSERT/UPDATE/DELETE (an analyzer for them is set). */
    public boolean modifyingCtesAllowed() {
        return shared.modifying != null;
    }

    /** Lets the statement's WITH queries be INSERT/UPDATE/DELETE, analyzed by {@code analyzer}. */
    public void allowModifyingCtes(ModifyingAnalyzer analyzer) {
        shared.modifying = analyzer;
    }

    /** A FROM item as seen by name lookup (ParseNamespaceItem). */
    record NsItem(RangeTblEntry rte, boolean qualifiedVisible, boolean unqualifiedVisible) {}

    final Shared shared;
    final ParseState parent;
    final Query query = new Query();
    final List<NsItem> namespace = new ArrayList<>();
    final List<RangeTblEntry.ParamBinding> outerParams;
    final List<CteDef> ctes = new ArrayList<>();
    /** A LATERAL view of the level to the left: its columns become params of the child level. */
    final boolean lateralView;
    /** Where aggregates are not allowed, the clause name for the error ("WHERE"), else null. */
    String noAggregatesIn;
    /** This level's FOR UPDATE/SHARE clauses while its FROM is being analyzed (row marks), else null. */
    List<org.tusk.engine.nodes.LockingClause> lockingClauses;
    boolean inAggregateArgs;
    String noWindowFunctionsIn;
    /** Where set-returning functions are not allowed (WHERE, JOIN conditions...), else null. */
    String noSrfIn;
    /** The level's WINDOW clause by name. */
    final Map<String, org.tusk.engine.nodes.WindowDef> windowDefs = new java.util.HashMap<>();
    /** GROUPING() calls of the level, bound to the GROUP BY keys at the end of analysis. */
    final List<GroupingExpr> groupingCalls = new ArrayList<>();
    boolean inWindowArgs;
    /** DECLARE CURSOR's level: its tables' scans emit the TupleId (WHERE CURRENT OF). */
    public boolean cursorCtids;

    public ParseState(int[] givenParamTypes) {
        this.shared = new Shared();
        this.parent = null;
        this.lateralView = false;
        this.outerParams = new ArrayList<>();
        if (givenParamTypes != null) {
            for (int oid : givenParamTypes) {
                if (oid == 0) {
                    shared.paramTypes.add(PgType.UNKNOWN);
                    shared.paramFixed.add(false);
                } else {
                    PgType t = PgType.byOid(oid);
                    if (t == null) {
                        throw Ereport.error(SqlState.UNDEFINED_OBJECT, "type with OID " + oid + " does not exist");
                    }
                    shared.paramTypes.add(t);
                    shared.paramFixed.add(true);
                }
            }
        }
    }

    private ParseState(ParseState parent, boolean lateralView, List<RangeTblEntry.ParamBinding> params,
            Shared shared) {
        this.shared = shared;
        this.parent = parent;
        this.lateralView = lateralView;
        this.outerParams = params;
    }

    /** Another top-level statement analyzed with this one's parameters (the statements a rule produces). */
    public ParseState sibling() {
        return new ParseState(null, false, new ArrayList<>(), shared);
    }

    /** A subquery level below this one (a SubLink's query: it sees this level's FROM items). */
    ParseState child() {
        return new ParseState(this, false, new ArrayList<>(), shared);
    }

    /**
     * The level a FROM item's subquery or function arguments are analyzed in:
     * with {@code lateral}, it sees the items already in this level's FROM (as
     * params set from each left row); without, only the enclosing levels.
     */
    ParseState fromItemLevel(boolean lateral) {
        ParseState view = new ParseState(parent, true, outerParams, shared);
        if (lateral) {
            view.namespace.addAll(namespace);
        }
        view.ctes.addAll(ctes);
        return new ParseState(view, false, new ArrayList<>(), shared);
    }

    /**
     * The level a view's stored SELECT is analyzed in: no enclosing levels (a view sees
     * only its own FROM), but the statement's shared state, so executor params stay unique.
     */
    ParseState viewLevel() {
        return new ParseState(null, false, new ArrayList<>(), shared);
    }

    /** The CTE of this name visible here (this level's WITH or an enclosing one), or null. */
    CteDef findCte(String name) {
        for (ParseState p = this; p != null; p = p.parent) {
            for (int i = p.ctes.size() - 1; i >= 0; i--) {
                if (p.ctes.get(i).name.equals(name)) {
                    return p.ctes.get(i);
                }
            }
        }
        return null;
    }

    /** Whether some level has a FROM item referenced by this name. */
    boolean hasRefname(String refname) {
        for (ParseState p = this; p != null; p = p.parent) {
            for (NsItem item : p.namespace) {
                if (item.qualifiedVisible() && refname.equals(item.rte().refname)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * colNameToVar / scanNSItemForColumn: the column {@code qualifier.name} (or
     * unqualified {@code name}) in this level or an enclosing one, as an
     * expression of this level; null when no level has it. Two matches in the
     * nearest level that has one raise 42702.
     */
    Expr lookupColumn(String qualifier, String name, int location) {
        Expr found = null;
        for (NsItem item : namespace) {
            if (qualifier != null ? !(item.qualifiedVisible() && qualifier.equals(item.rte().refname))
                    : !item.unqualifiedVisible()) {
                continue;
            }
            for (RangeTblEntry.Column c : item.rte().columns) {
                if (c.name().equals(name)) {
                    if (found != null) {
                        throw Ereport.error(SqlState.AMBIGUOUS_COLUMN, "column reference \"" + name + "\" is ambiguous",
                                location);
                    }
                    found = c.expr();
                }
            }
            if (name.equals("tableoid") && !item.rte().hasColumn(name)) {
                Expr system = tableoid(item.rte());
                if (system != null) {
                    if (found != null) {
                        throw Ereport.error(SqlState.AMBIGUOUS_COLUMN, "column reference \"" + name
                                + "\" is ambiguous", location);
                    }
                    found = system;
                }
            }
            if (qualifier != null && found == null) {
                throw Ereport.error(SqlState.UNDEFINED_COLUMN, "column " + qualifier + "." + name + " does not exist",
                        location);
            }
        }
        if (found != null) {
            return found;
        }
        if (parent == null) {
            return null;
        }
        Expr outer = parent.lookupColumn(qualifier, name, location);
        if (outer == null || outer instanceof ExecParamExpr) {
            return outer;
        }
        int slot = newExecParam();
        outerParams.add(new RangeTblEntry.ParamBinding(slot, outer));
        return new ExecParamExpr(slot, outer.type(), outer.typmod());
    }

    /**
     * The system column tableoid of a plain table's scan: the table's OID, the same
     * for every row, so a constant. An inheritance parent's Append (whose rows come
     * from several relations) has it as a hidden column of its entry instead
     * ({@link RangeTblEntry#tableoidColumn}), found by name before this is asked.
     */
    private static Expr tableoid(RangeTblEntry rte) {
        if (rte.kind == RangeTblEntry.Kind.RELATION
                && rte.relation instanceof org.tusk.engine.executor.scan.StorageBaseRelation rel) {
            return new org.tusk.engine.expr.ConstExpr(PgType.OID, -1, rel.oid());
        }
        return null;
    }

    /** An unqualified column of this level only (no outer levels, no errors), or null. */
    Expr lookupColumnHere(String name) {
        for (NsItem item : namespace) {
            if (item.unqualifiedVisible()) {
                for (RangeTblEntry.Column c : item.rte().columns) {
                    if (c.name().equals(name)) {
                        return c.expr();
                    }
                }
            }
        }
        return null;
    }

    /** Notes that the statement being analyzed at this level may read system columns of its tables. */
    void noteSystemColumns(Object rawStatement) {
        if (!shared.systemColumns && SystemColumnRefs.mentioned(rawStatement)) {
            shared.systemColumns = true;
        }
    }

    /** Adds a range table entry to this level's query, giving it its slots. */
    RangeTblEntry addRte(RangeTblEntry rte) {
        query.rtable.add(rte);
        if (rte.kind != RangeTblEntry.Kind.JOIN) {
            rte.offset = query.baseWidth;
            query.baseWidth += rte.columns.size();
        }
        return rte;
    }

    /** Analysis of a SQL function body: its parameters can be referenced by name as well as by $n. */
    public void setParamNames(String functionName, List<String> names) {
        shared.functionName = functionName;
        shared.paramNames = names;
    }

    /** The parameter {@code qualifier.name} or {@code name} of the SQL function being analyzed, or null. */
    Expr namedParam(String qualifier, String name) {
        if (shared.paramNames == null || qualifier != null && !qualifier.equals(shared.functionName)) {
            return null;
        }
        int i = shared.paramNames.indexOf(name);
        if (i < 0) {
            return null;
        }
        return new org.tusk.engine.expr.ParamExpr(i, paramType(i + 1));
    }

    PgType paramType(int number) {
        while (shared.paramTypes.size() < number) {
            shared.paramTypes.add(PgType.UNKNOWN);
            shared.paramFixed.add(false);
        }
        return shared.paramTypes.get(number - 1);
    }

    void setParamType(int number, PgType type) {
        paramType(number);
        shared.paramTypes.set(number - 1, type);
    }

    /** Parameter types after analysis; still-unknown ones become text, as variable_coerce_param does for output. */
    public int[] resolvedParamTypes() {
        int[] out = new int[shared.paramTypes.size()];
        for (int i = 0; i < out.length; i++) {
            PgType t = shared.paramTypes.get(i);
            out[i] = (t == PgType.UNKNOWN ? PgType.TEXT : t).oid();
        }
        return out;
    }

    int newExecParam() {
        return shared.nextExecParam++;
    }

    <E extends Expr> E at(E expr, int location) {
        shared.locations.put(expr, location);
        return expr;
    }

    /** Whether {@code expr} is a cast the statement wrote (COERCE_EXPLICIT_CAST), not one analysis added. */
    public boolean isExplicitCast(Expr expr) {
        return shared.explicitCasts.contains(expr);
    }

    void markExplicitCast(Expr expr) {
        shared.explicitCasts.add(expr);
    }

    int locationOf(Expr expr) {
        Integer l = shared.locations.get(expr);
        return l == null ? -1 : l;
    }
}
