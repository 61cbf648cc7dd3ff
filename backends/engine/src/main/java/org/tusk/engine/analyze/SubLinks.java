package org.tusk.engine.analyze;

import java.util.List;

import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.executor.SubPlanExpr;
import org.tusk.engine.expr.ExecParamExpr;
import org.tusk.engine.expr.Expr;
import org.tusk.engine.nodes.SelectStmt;
import org.tusk.engine.nodes.SubLink;
import org.tusk.engine.planner.SubLinkExpr;
import org.tusk.engine.types.PgType;

/**
 * transformSubLink: EXISTS, scalar, IN / op ANY / op ALL subqueries. The
 * subquery is analyzed as a level below the current one; its references to
 * this level's columns become its params. For ANY/ALL the comparison
 * {@code lhs op $n} is built here with $n an executor param receiving each
 * subquery row's column.
 */
final class SubLinks {
    private SubLinks() {}

    static Expr transform(ExprAnalyzer ea, SubLink l, ExprAnalyzer.SubqueryAnalyzer analyzer) {
        ParseState pstate = ea.pstate();
        ParseState child = pstate.child();
        Query sub = analyzer.analyzeSubquery(l.subselect(), child);
        List<TargetEntry> cols = sub.targets();
        switch (l.subLinkType()) {
            case EXISTS:
                return new SubLinkExpr(SubPlanExpr.Kind.EXISTS, sub, List.copyOf(child.outerParams), null, new int[0],
                        PgType.BOOL);
            case EXPR: {
                if (cols.size() != 1) {
                    throw Ereport.error(SqlState.SYNTAX_ERROR, cols.isEmpty() ? "subquery must return a column"
                            : "subquery must return only one column", l.location());
                }
                return new SubLinkExpr(SubPlanExpr.Kind.EXPR, sub, List.copyOf(child.outerParams), null, new int[0],
                        cols.get(0).expr().type());
            }
            case ARRAY: {
                // ARRAY(subquery): the column's values as an array, or arrays stacked one dimension deeper
                if (cols.size() != 1) {
                    throw Ereport.error(SqlState.SYNTAX_ERROR, cols.isEmpty() ? "subquery must return a column"
                            : "subquery must return only one column", l.location());
                }
                PgType column = cols.get(0).expr().type();
                if (column == PgType.UNKNOWN) {
                    column = PgType.TEXT;
                }
                // int2vector and oidvector count as scalars here
                boolean columnIsArray = column.isArray() && column != PgType.INT2VECTOR && column != PgType.OIDVECTOR;
                PgType arrayType = columnIsArray ? column : column.arrayType();
                if (arrayType == null) {
                    throw Ereport.error(SqlState.UNDEFINED_OBJECT, "could not find array type for data type "
                            + column.typname(), l.location());
                }
                return new SubLinkExpr(SubPlanExpr.Kind.ARRAY, sub, List.copyOf(child.outerParams), null, new int[0],
                        arrayType);
            }
            case ANY: case ALL: {
                if (l.testexpr() instanceof org.tusk.engine.nodes.RowExpr row) {
                    // (a, b) op ANY (SELECT x, y ...): the row comparison against the subquery's row as params
                    List<Expr> left = RowExprs.args(ea, row.args());
                    if (left.size() < cols.size()) {
                        throw Ereport.error(SqlState.SYNTAX_ERROR, "subquery has too many columns", l.location());
                    }
                    if (left.size() > cols.size()) {
                        throw Ereport.error(SqlState.SYNTAX_ERROR, "subquery has too few columns", l.location());
                    }
                    int[] slots = new int[cols.size()];
                    List<Expr> right = new java.util.ArrayList<>();
                    for (int i = 0; i < slots.length; i++) {
                        slots[i] = pstate.newExecParam();
                        Expr c = cols.get(i).expr();
                        right.add(new ExecParamExpr(slots[i], c.type(), c.typmod()));
                    }
                    String op = l.operName() == null || l.operName().isEmpty() ? "="
                            : l.operName().get(l.operName().size() - 1);
                    Expr test = RowExprs.compare(ea, op, left, right, l.location());
                    return new SubLinkExpr(l.subLinkType() == org.tusk.engine.nodes.SubLinkType.ANY ? SubPlanExpr.Kind.ANY
                            : SubPlanExpr.Kind.ALL, sub, List.copyOf(child.outerParams), test, slots, PgType.BOOL);
                }
                if (cols.size() != 1) {
                    throw Ereport.error(SqlState.SYNTAX_ERROR, cols.isEmpty() ? "subquery must return a column"
                            : "subquery has too many columns", l.location());
                }
                Expr lhs = ea.transform(l.testexpr());
                int slot = pstate.newExecParam();
                Expr rhs = new ExecParamExpr(slot, cols.get(0).expr().type(), cols.get(0).expr().typmod());
                String op = l.operName() == null || l.operName().isEmpty() ? "="
                        : l.operName().get(l.operName().size() - 1);
                Expr test = ea.coerceToBoolean(ea.binaryOperator(op, lhs, rhs, l.location()), "ANY/ALL", l.location());
                return new SubLinkExpr(l.subLinkType() == org.tusk.engine.nodes.SubLinkType.ANY ? SubPlanExpr.Kind.ANY
                        : SubPlanExpr.Kind.ALL, sub, List.copyOf(child.outerParams), test, new int[] {slot}, PgType.BOOL);
            }
            default:
                throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, l.subLinkType() + " subqueries are not supported yet",
                        l.location());
        }
    }
}
