package org.tusk.engine.nodes;

/** A statement PostgreSQL has that this engine cannot run yet; analysis raises 0A000. */
public record UnsupportedStmt(String commandName, int location) implements RawStmt {}
