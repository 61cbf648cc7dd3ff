package org.tusk.engine.nodes;

import java.util.List;

/** CoalesceExpr (raw form): COALESCE(args). */
public record CoalesceExprNode(List<RawNode> args, int location) implements RawNode {}
