package org.tusk.engine.nodes;

import java.util.List;

/** ExplainStmt: EXPLAIN [ANALYZE] [VERBOSE] query or EXPLAIN (options) query; options are DefElems (analyze, verbose, costs, buffers, timing, format, ...). */
public record ExplainStmt(RawStmt query, List<DefElem> options) implements RawStmt {

    @Override
    public String commandName() {
        return "EXPLAIN";
    }
}
