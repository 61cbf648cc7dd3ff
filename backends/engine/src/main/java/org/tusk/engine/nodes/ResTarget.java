package org.tusk.engine.nodes;

/** A select-list item: expression with optional alias. */
public record ResTarget(String name, RawNode val, int location) implements RawNode {}
