package org.tusk.engine.nodes;

import java.util.List;

/** BoolExpr (raw form): AND/OR/NOT; AND and OR chains are flattened like makeAndExpr does. */
public record BoolExprNode(BoolOp boolop, List<RawNode> args, int location) implements RawNode {}
