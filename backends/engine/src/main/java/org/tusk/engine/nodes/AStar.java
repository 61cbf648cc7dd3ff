package org.tusk.engine.nodes;

/** A_Star: "*" in an indirection list (x.*, (row).*). */
public record AStar(int location) implements RawNode {}
