package org.tusk.engine.nodes;

import java.util.List;

/** A_Indirection: arg followed by subscripts, field selections or .* ({@link AIndices}, {@link IndirectionField}, {@link AStar}). */
public record AIndirection(RawNode arg, List<RawNode> indirection, int location) implements RawNode {}
