package org.tusk.engine.nodes;

/** ORDER BY item; {@code nullsFirst} null means the default for the direction. */
public record SortByNode(RawNode node, boolean descending, Boolean nullsFirst, int location) implements RawNode {}
