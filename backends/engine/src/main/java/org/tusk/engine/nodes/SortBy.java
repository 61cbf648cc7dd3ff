package org.tusk.engine.nodes;

import java.util.List;

/** SortBy: ORDER BY item; {@code useOp} for USING op. */
public record SortBy(RawNode node, SortByDir sortbyDir, SortByNulls sortbyNulls, List<String> useOp, int location)
        implements RawNode {}
