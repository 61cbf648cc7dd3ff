package org.tusk.engine.nodes;

/** MultiAssignRef: column {@code colno} of {@code ncolumns} in UPDATE SET (a, b) = source. */
public record MultiAssignRef(RawNode source, int colno, int ncolumns, int location) implements RawNode {}
