package org.tusk.engine.rewrite;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.tusk.engine.analyze.ParseState;
import org.tusk.engine.analyze.Query;
import org.tusk.engine.analyze.RangeTblEntry;
import org.tusk.engine.analyze.SelectAnalyzer;
import org.tusk.engine.analyze.TargetEntry;
import org.tusk.engine.catalog.SystemRelations;
import org.tusk.engine.catalog.ViewRelation;
import org.tusk.engine.expr.VarExpr;
import org.tusk.engine.nodes.ColumnRef;
import org.tusk.engine.nodes.RangeVar;
import org.tusk.engine.nodes.RawNode;
import org.tusk.engine.nodes.ResTarget;
import org.tusk.engine.nodes.SelectStmt;
import org.tusk.engine.nodes.SetOperation;
import org.tusk.engine.parser.Parser;
import org.tusk.engine.relcache.AttributeDesc;
import org.tusk.engine.relcache.RelationDesc;
import org.tusk.engine.types.TypeContext;

/**
 * A view as the target of INSERT, UPDATE or DELETE (rewriteHandler.c's
 * view_query_is_auto_updatable and view_cols_are_auto_updatable): whether it
 * is automatically updatable and why not, its base relation, what each of its
 * columns is over that relation (a raw expression qualified by the base's
 * reference name; updatable when it is a plain column), its WHERE and its
 * check option.
 */
public final class UpdatableView {

    /** One column of the view: its expression over the base relation, and the base column when it is a plain one. */
    public record ViewColumn(String name, RawNode expr, String baseColumn) {
        public boolean updatable() {
            return baseColumn != null;
        }
    }

    /** The check option from pg_class.reloptions. */
    public enum CheckOption { NONE, LOCAL, CASCADED }

    public final RelationDesc view;
    /** Why the view is not automatically updatable (the DETAIL), or null when it is. */
    public final String notUpdatableDetail;
    /** The base relation as the view's FROM names it (alias kept), or null when not updatable. */
    public final RangeVar base;
    /** The name the base is referenced by (its alias or relation name). */
    public final String baseRefname;
    public final Map<String, ViewColumn> columns = new LinkedHashMap<>();
    /** The view's WHERE, its column references qualified by {@link #baseRefname}; null when none. */
    public final RawNode qual;
    public final CheckOption checkOption;
    /** The base relation's column names (those the view does not show are not visible through it). */
    public final Set<String> baseColumns = new HashSet<>();

    private UpdatableView(RelationDesc view, String detail, RangeVar base, String baseRefname, RawNode qual) {
        this.view = view;
        this.notUpdatableDetail = detail;
        this.base = base;
        this.baseRefname = baseRefname;
        this.qual = qual;
        CheckOption co = CheckOption.NONE;
        for (String o : view.options() == null ? List.<String>of() : view.options()) {
            if (o.equals("check_option=local")) {
                co = CheckOption.LOCAL;
            } else if (o.equals("check_option=cascaded")) {
                co = CheckOption.CASCADED;
            }
        }
        this.checkOption = co;
    }

    /** Whether some column of the view is a plain column of its base relation. */
    public boolean hasUpdatableColumn() {
        for (ViewColumn c : columns.values()) {
            if (c.updatable()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Analyzes the view {@code view} (its {@code _RETURN} rule's SELECT).
     *
     * @param columnsOf column names of a relation named in FROM (for sub-SELECTs of the view's WHERE)
     * @param baseKind  the relkind of the relation a RangeVar names
     */
    public static UpdatableView of(RelationDesc view, SystemRelations relations, TypeContext types,
            org.tusk.engine.catalog.CatalogAccess access, Function<RangeVar, Set<String>> columnsOf,
            Function<RangeVar, Character> baseKind) {
        String text = ViewRelation.definition(access, view.oid());
        SelectStmt select = (SelectStmt) Parser.parse(text).get(0).stmt();
        String detail = rawDetail(select);
        if (detail != null) {
            return new UpdatableView(view, detail, null, null, null);
        }
        Query query = new SelectAnalyzer(relations, types).analyze(select, new ParseState(new int[0]));
        if (!query.aggregates.isEmpty()) {
            detail = "Views that return aggregate functions are not automatically updatable.";
        } else if (!query.windows.isEmpty()) {
            detail = "Views that return window functions are not automatically updatable.";
        } else if (!query.srfs.isEmpty()) {
            detail = "Views that return set-returning functions are not automatically updatable.";
        } else if (select.fromClause() == null || select.fromClause().size() != 1
                || !(select.fromClause().get(0) instanceof RangeVar) || query.rtable.size() != 1) {
            detail = "Views that do not select from a single table or view are not automatically updatable.";
        }
        if (detail == null) {
            char kind = baseKind.apply((RangeVar) select.fromClause().get(0));
            if (kind != 'r' && kind != 'p' && kind != 'v' && kind != 'f') {
                detail = "Views that do not select from a single table or view are not automatically updatable.";
            }
        }
        if (detail != null) {
            return new UpdatableView(view, detail, null, null, null);
        }
        RangeVar base = (RangeVar) select.fromClause().get(0);
        String refname = base.alias() != null ? base.alias().aliasname() : base.relname();
        RangeTblEntry rte = query.rtable.get(0);
        Set<String> baseColumns = new HashSet<>();
        for (RangeTblEntry.Column c : rte.columns) {
            baseColumns.add(c.name());
        }
        ColumnSubstitution qualify = new ColumnSubstitution(refname, (ref, qualified, col) ->
                !qualified && baseColumns.contains(col) ? new ColumnRef(List.of(refname, col), false, ref.location())
                        : null, columnsOf);
        UpdatableView out = new UpdatableView(view, null, base, refname,
                select.whereClause() == null ? null : qualify.apply(select.whereClause()));
        out.baseColumns.addAll(baseColumns);
        List<ResTarget> raw = expandStars(select.targetList(), rte.columns.size());
        List<TargetEntry> targets = query.targets();
        List<AttributeDesc> viewColumns = view.liveAttributes();
        for (int i = 0; i < viewColumns.size() && i < targets.size(); i++) {
            String name = viewColumns.get(i).name();
            TargetEntry t = targets.get(i);
            if (t.expr() instanceof VarExpr v && v.attno() - rte.offset >= 0
                    && v.attno() - rte.offset < rte.columns.size()) {
                String col = rte.columns.get(v.attno() - rte.offset).name();
                out.columns.put(name, new ViewColumn(name, new ColumnRef(List.of(refname, col), false, -1), col));
            } else {
                ResTarget r = i < raw.size() ? raw.get(i) : null;
                RawNode expr = r == null ? null : qualify.apply(r.val());
                out.columns.put(name, new ViewColumn(name, expr, null));
            }
        }
        return out;
    }

    /** The target list with each * standing for {@code width} plain columns (null entries). */
    private static List<ResTarget> expandStars(List<ResTarget> list, int width) {
        List<ResTarget> out = new ArrayList<>();
        for (ResTarget t : list) {
            if (t.val() instanceof ColumnRef c && c.star()) {
                for (int i = 0; i < width; i++) {
                    out.add(null);
                }
            } else {
                out.add(t);
            }
        }
        return out;
    }

    /** The checks view_query_is_auto_updatable makes on the query's shape, in its order. */
    private static String rawDetail(SelectStmt s) {
        if (s.distinctClause() != null) {
            return "Views containing DISTINCT are not automatically updatable.";
        }
        if (s.groupClause() != null && !s.groupClause().isEmpty()) {
            return "Views containing GROUP BY are not automatically updatable.";
        }
        if (s.havingClause() != null) {
            return "Views containing HAVING are not automatically updatable.";
        }
        if (s.op() != null && s.op() != SetOperation.NONE) {
            return "Views containing UNION, INTERSECT, or EXCEPT are not automatically updatable.";
        }
        if (s.withClause() != null) {
            return "Views containing WITH are not automatically updatable.";
        }
        if (s.limitOffset() != null || s.limitCount() != null) {
            return "Views containing LIMIT or OFFSET are not automatically updatable.";
        }
        if (s.valuesLists() != null) {
            return "Views that do not select from a single table or view are not automatically updatable.";
        }
        return null;
    }
}
