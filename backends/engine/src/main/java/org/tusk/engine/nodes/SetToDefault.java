package org.tusk.engine.nodes;

/** SetToDefault: DEFAULT in VALUES or UPDATE SET. */
public record SetToDefault(int location) implements RawNode {}
