package org.tusk.engine.analyze;

/**
 * A set operation tree (SetOperationStmt): leaves are analyzed queries whose
 * visible target lists have the tree's column types; inner nodes combine two
 * subtrees with UNION / INTERSECT / EXCEPT, ALL or not.
 */
public record SetOpTree(Op op, boolean all, SetOpTree left, SetOpTree right, Query leaf) {
    public enum Op { UNION, INTERSECT, EXCEPT }

    public static SetOpTree leaf(Query q) {
        return new SetOpTree(null, false, null, null, q);
    }

    public boolean isLeaf() {
        return leaf != null;
    }
}
