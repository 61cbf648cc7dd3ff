package org.tusk.engine.nodes;

/** x IS [NOT] TRUE/FALSE/UNKNOWN. */
public record BooleanTestNode(RawNode arg, BooleanTestKind kind, int location) implements RawNode {}
