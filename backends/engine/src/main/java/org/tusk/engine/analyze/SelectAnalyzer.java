package org.tusk.engine.analyze;

import java.util.ArrayList;
import java.util.List;

import org.tusk.api.error.SqlState;
import org.tusk.engine.catalog.RelationColumn;
import org.tusk.engine.catalog.SystemRelations;
import org.tusk.engine.catalog.VirtualRelation;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.expr.Expr;
import org.tusk.engine.expr.ParamExpr;
import org.tusk.engine.expr.VarExpr;
import org.tusk.engine.nodes.*;
import org.tusk.engine.types.PgType;
import org.tusk.engine.types.TypeContext;

/** transformSelectStmt: FROM, target list, WHERE, aggregates, ORDER BY, LIMIT/OFFSET. */
public final class SelectAnalyzer {
    private final SystemRelations relations;
    private final TypeContext typeContext;

    public SelectAnalyzer(SystemRelations relations, TypeContext typeContext) {
        this.relations = relations;
        this.typeContext = typeContext;
    }

    public Query analyze(SelectStmt stmt, ParseState pstate) {
        ExprAnalyzer ea = new ExprAnalyzer(pstate, typeContext);
        rejectUnsupportedClauses(stmt);
        if (stmt.fromClause().size() > 1) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "joins are not supported yet",
                    stmt.fromClause().get(1).location());
        }
        VirtualRelation relation = null;
        if (!stmt.fromClause().isEmpty()) {
            if (!(stmt.fromClause().get(0) instanceof RangeVar rv) || rv.catalogname() != null) {
                throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "this kind of FROM item is not supported yet",
                        stmt.fromClause().get(0).location());
            }
            relation = relations.lookup(rv.schemaname(), rv.relname());
            if (relation == null) {
                String shown = rv.schemaname() == null ? rv.relname() : rv.schemaname() + "." + rv.relname();
                throw Ereport.error(SqlState.UNDEFINED_TABLE, "relation \"" + shown + "\" does not exist", rv.location());
            }
            if (rv.alias() != null && !rv.alias().colnames().isEmpty()) {
                throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "column aliases are not supported yet", rv.location());
            }
            pstate.setRelation(relation, rv.alias() == null ? null : rv.alias().aliasname());
        }

        List<TargetEntry> targets = new ArrayList<>();
        for (ResTarget rt : stmt.targetList()) {
            if (rt.val() instanceof ColumnRef c && c.star()) {
                expandStar(c, pstate, targets);
                continue;
            }
            Expr e = ea.resolveUnknownAsText(ea.transform(rt.val()));
            String name = rt.name() != null ? rt.name() : ColumnNames.figure(rt.val());
            int tableOid = 0;
            short attnum = 0;
            targets.add(new TargetEntry(name, e, tableOid, attnum));
        }

        Expr where = null;
        if (stmt.whereClause() != null) {
            pstate.noAggregatesIn = "WHERE";
            where = ea.coerceToBoolean(ea.transform(stmt.whereClause()), "WHERE", stmt.whereClause().location());
            pstate.noAggregatesIn = null;
        }

        List<SortKey> sortKeys = new ArrayList<>();
        for (SortBy sb : stmt.sortClause()) {
            if (sb.sortbyDir() == SortByDir.USING) {
                throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "ORDER BY USING is not supported yet", sb.location());
            }
            Expr key = sortKeyExpr(sb, targets, ea);
            boolean descending = sb.sortbyDir() == SortByDir.DESC;
            boolean nullsFirst = sb.sortbyNulls() == SortByNulls.DEFAULT ? descending : sb.sortbyNulls() == SortByNulls.FIRST;
            sortKeys.add(new SortKey(key, descending, nullsFirst));
        }

        Expr limit = null;
        Expr offset = null;
        pstate.noAggregatesIn = "LIMIT";
        if (stmt.limitCount() != null) {
            limit = ea.coerceToSpecific(ea.transform(stmt.limitCount()), PgType.INT8, "LIMIT", stmt.limitCount().location());
        }
        pstate.noAggregatesIn = "OFFSET";
        if (stmt.limitOffset() != null) {
            offset = ea.coerceToSpecific(ea.transform(stmt.limitOffset()), PgType.INT8, "OFFSET",
                    stmt.limitOffset().location());
        }
        pstate.noAggregatesIn = null;

        if (!pstate.aggregates().isEmpty()) {
            for (TargetEntry t : targets) {
                checkUngrouped(t.expr(), pstate);
            }
            for (SortKey k : sortKeys) {
                checkUngrouped(k.expr(), pstate);
            }
        }
        return new Query(targets, relation, where, List.copyOf(pstate.aggregates()), sortKeys, limit, offset);
    }

    /** Clauses the raw tree carries that this analyzer cannot run yet: 0A000 at the clause. */
    private static void rejectUnsupportedClauses(SelectStmt stmt) {
        String what = null;
        if (stmt.op() != SetOperation.NONE) {
            what = stmt.op().name() + " is";
        } else if (stmt.valuesLists() != null) {
            what = "VALUES is";
        } else if (stmt.distinctClause() != null) {
            what = "SELECT DISTINCT is";
        } else if (stmt.intoClause() != null) {
            what = "SELECT INTO is";
        } else if (!stmt.groupClause().isEmpty()) {
            what = "GROUP BY is";
        } else if (stmt.havingClause() != null) {
            what = "HAVING is";
        } else if (!stmt.windowClause().isEmpty()) {
            what = "WINDOW is";
        } else if (!stmt.lockingClause().isEmpty()) {
            what = "SELECT FOR UPDATE/SHARE is";
        } else if (stmt.withClause() != null) {
            what = "WITH is";
        } else if (stmt.limitOption() == LimitOption.WITH_TIES) {
            what = "FETCH FIRST ... WITH TIES is";
        }
        if (what != null) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, what + " not supported yet", stmt.location());
        }
    }

    private static void checkUngrouped(Expr e, ParseState pstate) {
        Expr var = ExprWalker.find(e, x -> x instanceof VarExpr);
        if (var instanceof VarExpr v) {
            throw Ereport.error(SqlState.GROUPING_ERROR, "column \"" + v.relationName() + "." + v.columnName()
                    + "\" must appear in the GROUP BY clause or be used in an aggregate function", pstate.locationOf(v));
        }
    }

    private void expandStar(ColumnRef c, ParseState pstate, List<TargetEntry> targets) {
        VirtualRelation rel = pstate.relation();
        if (rel == null) {
            throw Ereport.error(SqlState.SYNTAX_ERROR, "SELECT * with no tables specified is not valid", c.location());
        }
        if (!c.fields().isEmpty()) {
            String qualifier = c.fields().get(c.fields().size() - 1);
            String relName = pstate.relationAlias() != null ? pstate.relationAlias() : rel.name();
            if (!qualifier.equals(relName)) {
                throw Ereport.error(SqlState.UNDEFINED_TABLE, "missing FROM-clause entry for table \"" + qualifier + "\"",
                        c.location());
            }
        }
        List<RelationColumn> cols = rel.columns();
        for (int i = 0; i < cols.size(); i++) {
            RelationColumn col = cols.get(i);
            VarExpr v = pstate.at(new VarExpr(i, col.type(), col.typmod(), rel.name(), col.name()), c.location());
            targets.add(new TargetEntry(col.name(), v, 0, (short) 0));
        }
    }

    /** findTargetlistEntrySQL92: ORDER BY n, ORDER BY output-name, or an expression. */
    private Expr sortKeyExpr(SortBy sb, List<TargetEntry> targets, ExprAnalyzer ea) {
        RawNode node = sb.node();
        if (node instanceof AConst c && c.kind() == ConstKind.INTEGER) {
            int n = Integer.parseInt(c.val());
            if (n < 1 || n > targets.size()) {
                throw Ereport.error(SqlState.INVALID_COLUMN_REFERENCE, "ORDER BY position " + n + " is not in select list",
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
                        throw Ereport.error(SqlState.AMBIGUOUS_COLUMN, "ORDER BY \"" + name + "\" is ambiguous", c.location());
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
}
