package org.tusk.engine.nodes;

/** SQLValueFunction: CURRENT_DATE, CURRENT_TIMESTAMP(p), CURRENT_USER, ...; {@code typmod} is the precision or -1. */
public record SQLValueFunction(SQLValueFunctionOp op, int typmod, int location) implements RawNode {}
