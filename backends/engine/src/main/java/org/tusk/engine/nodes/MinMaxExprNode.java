package org.tusk.engine.nodes;

import java.util.List;

/** MinMaxExpr (raw form): GREATEST(args) or LEAST(args). */
public record MinMaxExprNode(boolean greatest, List<RawNode> args, int location) implements RawNode {}
