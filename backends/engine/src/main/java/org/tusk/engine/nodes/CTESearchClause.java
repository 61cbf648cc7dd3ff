package org.tusk.engine.nodes;

import java.util.List;

/** CTESearchClause: SEARCH {BREADTH|DEPTH} FIRST BY cols SET seqcol. */
public record CTESearchClause(List<String> searchColList, boolean searchBreadthFirst, String searchSeqColumn,
        int location) implements RawNode {}
