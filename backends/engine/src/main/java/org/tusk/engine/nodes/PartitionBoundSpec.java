package org.tusk.engine.nodes;

import java.util.List;

/** PartitionBoundSpec: FOR VALUES IN (...) / FROM (...) TO (...) / WITH (MODULUS m, REMAINDER r), or DEFAULT. */
public record PartitionBoundSpec(char strategy, boolean isDefault, int modulus, int remainder,
        List<RawNode> listdatums, List<RawNode> lowerdatums, List<RawNode> upperdatums, int location)
        implements RawNode {}
