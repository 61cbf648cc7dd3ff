package org.tusk.engine.nodes;

/** x IS [NOT] NULL. */
public record NullTestNode(RawNode arg, boolean isNot, int location) implements RawNode {}
