package org.tusk.engine.nodes;

/** A_Expr_Kind: what an operator-like expression means. */
public enum AExprKind { OP, LIKE, ILIKE, NOT_LIKE, NOT_ILIKE, IN, NOT_IN, BETWEEN, NOT_BETWEEN, NULLIF, DISTINCT, NOT_DISTINCT }
