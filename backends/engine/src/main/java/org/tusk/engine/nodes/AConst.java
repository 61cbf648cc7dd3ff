package org.tusk.engine.nodes;

/** A literal. {@code text} holds the digits, string contents, or "t"/"f". */
public record AConst(ConstKind kind, String text, int location) implements RawNode {}
