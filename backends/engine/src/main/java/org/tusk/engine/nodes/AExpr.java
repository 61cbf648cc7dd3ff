package org.tusk.engine.nodes;

import java.util.List;

/**
 * An operator expression. For OP, {@code left} is null for a prefix operator.
 * For IN and BETWEEN, {@code list} holds the right-hand expressions.
 */
public record AExpr(AExprKind kind, String op, RawNode left, RawNode right, List<RawNode> list, int location)
        implements RawNode {}
