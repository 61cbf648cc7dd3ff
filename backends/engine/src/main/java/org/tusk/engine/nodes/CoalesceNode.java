package org.tusk.engine.nodes;

import java.util.List;

/** COALESCE(args), GREATEST(args) and LEAST(args): special syntax, not functions. */
public record CoalesceNode(String kind, List<RawNode> args, int location) implements RawNode {}
