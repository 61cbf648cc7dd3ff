package org.tusk.engine.nodes;

/** A_Indices: [idx] or a slice [lidx:uidx] (either bound may be null in a slice). */
public record AIndices(boolean isSlice, RawNode lidx, RawNode uidx, int location) implements RawNode {}
