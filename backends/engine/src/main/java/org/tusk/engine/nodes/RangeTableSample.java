package org.tusk.engine.nodes;

import java.util.List;

/** RangeTableSample: relation TABLESAMPLE method (args) [REPEATABLE (seed)]. */
public record RangeTableSample(RawNode relation, List<String> method, List<RawNode> args, RawNode repeatable,
        int location) implements RawNode {}
