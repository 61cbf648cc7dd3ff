package org.tusk.engine.executor;

/** nodes.h's JoinType: which unmatched rows a join also returns, and SEMI/ANTI for EXISTS/IN/NOT EXISTS. */
public enum JoinType {
    INNER, LEFT, RIGHT, FULL, SEMI, ANTI;

    boolean emitsUnmatchedOuter() {
        return this == LEFT || this == FULL || this == ANTI;
    }

    boolean emitsUnmatchedInner() {
        return this == RIGHT || this == FULL;
    }
}
