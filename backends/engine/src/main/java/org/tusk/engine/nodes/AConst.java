package org.tusk.engine.nodes;

/** A_Const: a literal. {@code val} holds the digits (sign included), string contents, "t"/"f", or the bits of B''/X'' (prefixed 'b' or 'x' as in PostgreSQL); null for NULL. */
public record AConst(ConstKind kind, String val, int location) implements RawNode {}
