package org.tusk.engine.rewrite;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.tusk.api.error.SqlState;
import org.tusk.engine.catalog.SystemRelations;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.nodes.BoolExprNode;
import org.tusk.engine.nodes.BoolOp;
import org.tusk.engine.nodes.ColumnRef;
import org.tusk.engine.nodes.DeleteStmt;
import org.tusk.engine.nodes.InsertStmt;
import org.tusk.engine.nodes.RangeFunction;
import org.tusk.engine.nodes.RangeSubselect;
import org.tusk.engine.nodes.RangeVar;
import org.tusk.engine.nodes.RawNode;
import org.tusk.engine.nodes.RawStmt;
import org.tusk.engine.nodes.ResTarget;
import org.tusk.engine.nodes.SelectStmt;
import org.tusk.engine.nodes.UpdateStmt;
import org.tusk.engine.relcache.AttributeDesc;
import org.tusk.engine.relcache.RelationDesc;
import org.tusk.engine.storage.StorageSession;
import org.tusk.engine.tcop.SearchPathProvider;
import org.tusk.engine.types.TypeContext;
import org.tusk.lmgr.LockMode;

/**
 * INSERT, UPDATE and DELETE on an automatically updatable view turned into
 * the same command on the view's base relation (rewriteHandler.c's
 * rewriteTargetView), repeated while the target is still a view: target
 * columns renamed to the base's, references to the view's columns in WHERE,
 * SET and RETURNING replaced by what they are over the base, the view's WHERE
 * added to UPDATE's and DELETE's, and WITH CHECK OPTION collected as
 * {@link ViewCheck}s the executor tests every new row against. A view that is
 * not updatable gets PostgreSQL's 55000 error with the reason.
 */
public final class ViewTargetRewriter {

    /** A view's check option: {@code qual} over the final target relation (named by the target's refname). */
    public record ViewCheck(String viewName, RawNode qual) {}

    /** The statement on a base relation and the check options its new rows must pass (outermost first). */
    public record Rewritten(RawStmt stmt, List<ViewCheck> checks) {}

    private final StorageSession session;
    private final SystemRelations relations;
    private final TypeContext types;

    public ViewTargetRewriter(StorageSession session, SystemRelations relations, TypeContext types) {
        this.session = session;
        this.relations = relations;
        this.types = types;
    }

    private List<String> searchPath() {
        return session instanceof SearchPathProvider p ? p.searchPath() : List.of("public");
    }

    private RelationDesc open(RangeVar rv, LockMode mode) {
        return session.relcache().open(rv.schemaname(), rv.relname(), searchPath(), mode, rv.location() + 1);
    }

    /** Column names of a relation a sub-SELECT reads; empty when it cannot be opened. */
    private Set<String> columnsOf(RangeVar rv) {
        Set<String> out = new HashSet<>();
        try {
            for (AttributeDesc a : open(rv, LockMode.ACCESS_SHARE).liveAttributes()) {
                out.add(a.name());
            }
        } catch (RuntimeException e) {
            // the analyzer reports a missing relation with the right position later
        }
        return out;
    }

    private static RangeVar target(RawStmt stmt) {
        if (stmt instanceof InsertStmt i) {
            return i.relation();
        }
        if (stmt instanceof UpdateStmt u) {
            return u.relation();
        }
        return stmt instanceof DeleteStmt d ? d.relation() : null;
    }

    /** {@code stmt} unchanged when its target is not a view, else rewritten down to a table. */
    public Rewritten rewrite(RawStmt stmt) {
        List<ViewCheck> checks = new ArrayList<>();
        boolean cascaded = false;
        for (int depth = 0; depth < 64; depth++) {
            RangeVar rv = target(stmt);
            if (rv == null || session.storage() == null) {
                break;
            }
            RelationDesc desc = open(rv, LockMode.ROW_EXCLUSIVE);
            if (desc.kind() != 'v' || hasInsteadOfTrigger(desc, stmt)) {
                // a view with an INSTEAD OF ROW trigger for the event is not rewritten: its rows go to the trigger
                break;
            }
            UpdatableView view = UpdatableView.of(desc, relations, types, session.relcache().catalogAccess(),
                    this::columnsOf, base -> open(base, LockMode.ROW_EXCLUSIVE).kind());
            check(stmt, view);
            String refname = rv.alias() != null ? rv.alias().aliasname() : rv.relname();
            // earlier checks are over this view's columns: carry them down to its base
            ColumnSubstitution down = substitution(view, refname, false);
            List<ViewCheck> carried = new ArrayList<>();
            boolean hasCheck = view.checkOption != UpdatableView.CheckOption.NONE || cascaded;
            cascaded |= view.checkOption == UpdatableView.CheckOption.CASCADED;
            if (hasCheck && view.qual != null && !(stmt instanceof DeleteStmt)) {
                carried.add(new ViewCheck(view.view.name(), view.qual));
            }
            for (ViewCheck c : checks) {
                carried.add(new ViewCheck(c.viewName(), down.apply(c.qual())));
            }
            checks = carried;
            stmt = rewriteOnce(stmt, view, refname);
        }
        return new Rewritten(stmt, checks);
    }

    /** Whether {@code view} has an enabled INSTEAD OF ROW trigger for {@code stmt}'s event (view_has_instead_trigger). */
    private static boolean hasInsteadOfTrigger(RelationDesc view, RawStmt stmt) {
        int event = stmt instanceof InsertStmt ? org.tusk.engine.relcache.TriggerDesc.INSERT
                : stmt instanceof UpdateStmt ? org.tusk.engine.relcache.TriggerDesc.UPDATE
                : org.tusk.engine.relcache.TriggerDesc.DELETE;
        return view.triggers().stream().anyMatch(t -> t.matches(event, "INSTEAD OF", true));
    }

    /** The 55000 error of a view that is not automatically updatable for this command. */
    private static void check(RawStmt stmt, UpdatableView view) {
        String detail = view.notUpdatableDetail;
        if (detail == null && !(stmt instanceof DeleteStmt) && !view.hasUpdatableColumn()) {
            detail = "Views that have no updatable columns are not automatically updatable.";
        }
        if (detail == null) {
            return;
        }
        String name = view.view.name();
        String verb = stmt instanceof InsertStmt ? "insert into" : stmt instanceof UpdateStmt ? "update" : "delete from";
        String hint = stmt instanceof InsertStmt
                ? "To enable inserting into the view, provide an INSTEAD OF INSERT trigger or an unconditional ON INSERT DO INSTEAD rule."
                : stmt instanceof UpdateStmt
                ? "To enable updating the view, provide an INSTEAD OF UPDATE trigger or an unconditional ON UPDATE DO INSTEAD rule."
                : "To enable deleting from the view, provide an INSTEAD OF DELETE trigger or an unconditional ON DELETE DO INSTEAD rule.";
        throw Ereport.error(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "cannot " + verb + " view \"" + name + "\"")
                .withDetail(detail).withHint(hint);
    }

    /**
     * Replaces references to the view's columns (as {@code refname.col} or {@code col}) by their
     * expressions over the base. A name of the base the view does not show is refused (42703).
     */
    private ColumnSubstitution substitution(UpdatableView view, String refname, boolean strict) {
        return new ColumnSubstitution(refname, (ref, qualified, col) -> {
            UpdatableView.ViewColumn c = view.columns.get(col);
            if (c != null && c.expr() != null) {
                return c.expr();
            }
            if (strict && qualified) {
                throw Ereport.error(SqlState.UNDEFINED_COLUMN, "column " + refname + "." + col + " does not exist",
                        ref.location());
            }
            if (strict && c == null && view.baseColumns.contains(col)) {
                // a column of the base the view does not show
                throw Ereport.error(SqlState.UNDEFINED_COLUMN, "column \"" + col + "\" does not exist", ref.location());
            }
            return null;
        }, this::columnsOf);
    }

    private RangeVar baseTarget(UpdatableView view, RangeVar original) {
        RangeVar b = view.base;
        return new RangeVar(b.catalogname(), b.schemaname(), b.relname(), true, b.relpersistence(), b.alias(),
                original.location());
    }

    /** Column names of FROM/USING items, which unqualified names in WHERE may mean. */
    private Set<String> fromColumns(List<RawNode> from) {
        Set<String> out = new HashSet<>();
        if (from == null) {
            return out;
        }
        for (RawNode item : from) {
            if (item instanceof RangeVar rv) {
                out.addAll(columnsOf(rv));
            } else if (item instanceof RangeSubselect s && s.alias() != null && s.alias().colnames() != null) {
                out.addAll(s.alias().colnames());
            } else if (item instanceof RangeSubselect s) {
                for (ResTarget t : s.subquery().targetList() == null ? List.<ResTarget>of() : s.subquery().targetList()) {
                    if (t.name() != null) {
                        out.add(t.name());
                    } else if (t.val() instanceof ColumnRef c && !c.star()) {
                        out.add(c.fields().get(c.fields().size() - 1));
                    }
                }
            } else if (item instanceof RangeFunction f && f.alias() != null && f.alias().colnames() != null) {
                out.addAll(f.alias().colnames());
            }
        }
        return out;
    }

    private RawStmt rewriteOnce(RawStmt stmt, UpdatableView view, String refname) {
        if (stmt instanceof UpdateStmt u && u.whereClause() instanceof org.tusk.engine.nodes.CurrentOfExpr
                || stmt instanceof DeleteStmt d && d.whereClause() instanceof org.tusk.engine.nodes.CurrentOfExpr) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "WHERE CURRENT OF on a view is not implemented");
        }
        ColumnSubstitution subst = substitution(view, refname, true);
        if (stmt instanceof InsertStmt ins) {
            if (ins.onConflictClause() != null) {
                throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "INSERT with ON CONFLICT on a view is not supported yet");
            }
            List<ResTarget> cols = new ArrayList<>();
            List<ResTarget> given = ins.cols();
            if (given == null || given.isEmpty()) {
                // no column list: the view's leading columns, as many as the source has
                int width = sourceWidth(ins.selectStmt(), view.columns.size());
                given = new ArrayList<>();
                for (UpdatableView.ViewColumn c : view.columns.values()) {
                    if (given.size() >= width) {
                        break;
                    }
                    given.add(new ResTarget(c.name(), null, null, -1));
                }
            }
            for (ResTarget t : given == null ? List.<ResTarget>of() : given) {
                cols.add(new ResTarget(baseColumn(view, t, "insert into"), t.indirection(), null, t.location()));
            }
            return new InsertStmt(baseTarget(view, ins.relation()), cols, ins.selectStmt(), null,
                    returning(ins.returningList(), view, subst, List.of(), refname), ins.withClause(), ins.override(),
                    ins.location());
        }
        if (stmt instanceof UpdateStmt upd) {
            Set<String> shadowed = fromColumns(upd.fromClause());
            List<ResTarget> set = new ArrayList<>();
            for (ResTarget t : upd.targetList()) {
                set.add(new ResTarget(baseColumn(view, t, "update"), t.indirection(), subst.apply(t.val(), shadowed),
                        t.location()));
            }
            return new UpdateStmt(baseTarget(view, upd.relation()), set,
                    and(subst.apply(upd.whereClause(), shadowed), view.qual), upd.fromClause(),
                    returning(upd.returningList(), view, subst, upd.fromClause(), refname), upd.withClause(), upd.location());
        }
        DeleteStmt del = (DeleteStmt) stmt;
        Set<String> shadowed = fromColumns(del.usingClause());
        return new DeleteStmt(baseTarget(view, del.relation()), del.usingClause(),
                and(subst.apply(del.whereClause(), shadowed), view.qual),
                returning(del.returningList(), view, subst, del.usingClause(), refname), del.withClause(), del.location());
    }

    /** How many columns an INSERT without a column list fills: the VALUES or SELECT width. */
    static int sourceWidth(SelectStmt select, int all) {
        if (select == null) {
            return 0;
        }
        if (select.valuesLists() != null && !select.valuesLists().isEmpty()) {
            return select.valuesLists().get(0).size();
        }
        if (select.targetList() != null && (select.op() == null
                || select.op() == org.tusk.engine.nodes.SetOperation.NONE)) {
            for (ResTarget t : select.targetList()) {
                if (t.val() instanceof ColumnRef c && c.star()) {
                    return all;
                }
            }
            return select.targetList().size();
        }
        return all;
    }

    private static String baseColumn(UpdatableView view, ResTarget t, String verb) {
        UpdatableView.ViewColumn c = view.columns.get(t.name());
        if (c == null) {
            throw Ereport.error(SqlState.UNDEFINED_COLUMN, "column \"" + t.name() + "\" of relation \""
                    + view.view.name() + "\" does not exist", t.location());
        }
        if (!c.updatable()) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot " + verb + " column \"" + t.name()
                    + "\" of view \"" + view.view.name() + "\"")
                    .withDetail("View columns that are not columns of their base relation are not updatable.");
        }
        return c.baseColumn();
    }

    private static RawNode and(RawNode a, RawNode b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return new BoolExprNode(BoolOp.AND, List.of(a, b), -1);
    }

    /** RETURNING over the view: * lists the view's columns, other items keep the label they had. */
    private List<ResTarget> returning(List<ResTarget> list, UpdatableView view, ColumnSubstitution subst,
            List<RawNode> from, String refname) {
        if (list == null || list.isEmpty()) {
            return list;
        }
        Set<String> shadowed = fromColumns(from);
        List<ResTarget> out = new ArrayList<>();
        for (ResTarget t : list) {
            if (t.val() instanceof ColumnRef c && c.star()
                    && (c.fields().isEmpty() || c.fields().size() == 1 && c.fields().get(0).equals(refname))) {
                for (UpdatableView.ViewColumn col : view.columns.values()) {
                    out.add(new ResTarget(col.name(), null, col.expr(), t.location()));
                }
                if (c.fields().isEmpty() && from != null) {
                    for (RawNode item : from) {
                        String ref = item instanceof RangeVar rv ? (rv.alias() != null ? rv.alias().aliasname() : rv.relname())
                                : item instanceof RangeSubselect s && s.alias() != null ? s.alias().aliasname()
                                : item instanceof RangeFunction f && f.alias() != null ? f.alias().aliasname() : null;
                        if (ref != null) {
                            out.add(new ResTarget(null, null, new ColumnRef(List.of(ref), true, t.location()),
                                    t.location()));
                        }
                    }
                }
                continue;
            }
            String name = t.name() != null ? t.name() : org.tusk.engine.analyze.ColumnNames.figure(t.val());
            out.add(new ResTarget(name, t.indirection(), subst.apply(t.val(), shadowed), t.location()));
        }
        return out;
    }

}
