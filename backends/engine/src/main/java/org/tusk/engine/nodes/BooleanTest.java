package org.tusk.engine.nodes;

/** BooleanTest: x IS [NOT] TRUE/FALSE/UNKNOWN. */
public record BooleanTest(RawNode arg, BooleanTestKind booltesttype, int location) implements RawNode {}
