package org.tusk.engine.nodes;

/** A field name in an indirection list (PostgreSQL uses a String node): (x).name. */
public record IndirectionField(String name, int location) implements RawNode {}
