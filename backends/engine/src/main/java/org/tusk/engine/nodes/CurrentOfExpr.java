package org.tusk.engine.nodes;

/** CurrentOfExpr (raw form): WHERE CURRENT OF cursor. */
public record CurrentOfExpr(String cursorName, int location) implements RawNode {}
