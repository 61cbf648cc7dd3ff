package org.tusk.engine.parser;

import org.tusk.engine.nodes.RawStmt;

/**
 * A raw statement with its own text and where it starts in the whole query
 * string (error positions are relative to the whole string, as in PostgreSQL).
 */
public record ParsedStatement(RawStmt stmt, String sourceText, String queryString, int location) {}
