package org.tusk.engine.nodes;

/** JoinType of a JoinExpr (CROSS JOIN and NATURAL are INNER with flags). */
public enum JoinType {
    INNER, LEFT, FULL, RIGHT
}
