package org.tusk.engine.analyze;

import java.util.List;

import org.tusk.engine.executor.JoinType;
import org.tusk.engine.expr.Expr;

/**
 * The join tree (FromExpr / JoinExpr / RangeTblRef): a FROM list of items with
 * the WHERE qualification, a join of two items with its ON qualification, or a
 * reference to a range table entry.
 */
public sealed interface JoinTreeNode {
    record RangeRef(RangeTblEntry rte) implements JoinTreeNode {}

    record Join(JoinType type, JoinTreeNode left, JoinTreeNode right, Expr quals, RangeTblEntry joinRte)
            implements JoinTreeNode {}

    record FromList(List<JoinTreeNode> items, Expr quals) implements JoinTreeNode {}
}
