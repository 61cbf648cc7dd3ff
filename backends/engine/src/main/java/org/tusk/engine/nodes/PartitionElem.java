package org.tusk.engine.nodes;

import java.util.List;

/** PartitionElem: a column or (expression) of PARTITION BY, with collation and opclass. */
public record PartitionElem(String name, RawNode expr, List<String> collation, List<String> opclass, int location)
        implements RawNode {}
