package org.tusk.engine.nodes;

import java.util.List;

/** GroupingSet: (), ROLLUP(...), CUBE(...), GROUPING SETS(...), or a parenthesized list inside them. */
public record GroupingSet(GroupingSetKind kind, List<RawNode> content, int location) implements RawNode {}
