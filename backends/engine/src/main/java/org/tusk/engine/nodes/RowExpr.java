package org.tusk.engine.nodes;

import java.util.List;

/** RowExpr (raw form): ROW(args) ({@code explicit}) or (a, b). */
public record RowExpr(List<RawNode> args, boolean explicit, int location) implements RawNode {}
