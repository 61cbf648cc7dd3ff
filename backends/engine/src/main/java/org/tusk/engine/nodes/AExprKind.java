package org.tusk.engine.nodes;

/** A_Expr_Kind: what an operator-like expression means. NOT LIKE / NOT IN are LIKE / IN with the negated operator name ("!~~", "<>"), as in gram.y. */
public enum AExprKind {
    OP, OP_ANY, OP_ALL, DISTINCT, NOT_DISTINCT, NULLIF, IN, LIKE, ILIKE, SIMILAR, BETWEEN, NOT_BETWEEN, BETWEEN_SYM, NOT_BETWEEN_SYM
}
