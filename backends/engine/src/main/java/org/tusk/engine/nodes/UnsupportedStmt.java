package org.tusk.engine.nodes;

/** A statement PostgreSQL has that this grammar does not model: its tokens were skipped up to the end of the statement; analysis raises 0A000. */
public record UnsupportedStmt(String commandName, int location) implements RawStmt {}
