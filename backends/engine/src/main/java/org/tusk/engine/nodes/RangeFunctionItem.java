package org.tusk.engine.nodes;

import java.util.List;

/** One function of a RangeFunction with its own column definition list (ROWS FROM (f() AS (a int))). */
public record RangeFunctionItem(RawNode func, List<ColumnDef> coldeflist) {}
