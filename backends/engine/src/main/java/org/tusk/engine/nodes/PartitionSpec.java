package org.tusk.engine.nodes;

import java.util.List;

/** PartitionSpec: PARTITION BY {LIST|RANGE|HASH} (elems). */
public record PartitionSpec(String strategy, List<PartitionElem> partParams, int location) implements RawNode {}
