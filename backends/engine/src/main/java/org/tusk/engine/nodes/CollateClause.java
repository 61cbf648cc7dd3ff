package org.tusk.engine.nodes;

import java.util.List;

/** CollateClause: x COLLATE name. */
public record CollateClause(RawNode arg, List<String> collname, int location) implements RawNode {}
