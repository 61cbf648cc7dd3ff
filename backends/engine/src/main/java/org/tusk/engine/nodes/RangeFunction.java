package org.tusk.engine.nodes;

import java.util.List;

/** RangeFunction: a function call in FROM, with LATERAL, WITH ORDINALITY, ROWS FROM (...), alias and column definition list. */
public record RangeFunction(boolean lateral, boolean ordinality, boolean isRowsfrom,
        List<RangeFunctionItem> functions, Alias alias, List<ColumnDef> coldeflist, int location) implements RawNode {}
