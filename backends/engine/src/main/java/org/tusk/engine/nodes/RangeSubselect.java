package org.tusk.engine.nodes;

/** RangeSubselect: (subquery) [AS] alias in FROM. */
public record RangeSubselect(boolean lateral, SelectStmt subquery, Alias alias, int location) implements RawNode {}
