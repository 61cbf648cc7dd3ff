package org.tusk.engine.nodes;

import java.util.List;

/** GroupingFunc: GROUPING(args). */
public record GroupingFunc(List<RawNode> args, int location) implements RawNode {}
