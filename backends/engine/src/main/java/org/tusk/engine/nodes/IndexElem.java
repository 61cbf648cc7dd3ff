package org.tusk.engine.nodes;

import java.util.List;

/** IndexElem: a column or (expression) of an index, with collation, opclass, ASC/DESC, NULLS FIRST/LAST. */
public record IndexElem(String name, RawNode expr, String indexcolname, List<String> collation,
        List<String> opclass, List<DefElem> opclassopts, SortByDir ordering, SortByNulls nullsOrdering) {}
