package org.tusk.engine.nodes;

/** NullTest: x IS [NOT] NULL (and ISNULL / NOTNULL). */
public record NullTest(RawNode arg, boolean isNot, int location) implements RawNode {}
