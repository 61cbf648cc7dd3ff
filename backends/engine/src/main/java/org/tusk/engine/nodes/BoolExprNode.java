package org.tusk.engine.nodes;

import java.util.List;

/** AND/OR/NOT over boolean arguments. */
public record BoolExprNode(BoolOp op, List<RawNode> args, int location) implements RawNode {}
