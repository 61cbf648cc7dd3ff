package org.tusk.engine.nodes;

/** BoolExprType: AND, OR, NOT. */
public enum BoolOp {
    AND, OR, NOT
}
