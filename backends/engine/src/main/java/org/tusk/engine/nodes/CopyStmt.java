package org.tusk.engine.nodes;

import java.util.List;

/** CopyStmt: COPY rel [(cols)] FROM/TO STDIN/STDOUT/'file'/PROGRAM 'cmd' [options] [WHERE], or COPY (query) TO. Old-style options (BINARY, CSV, DELIMITER 'x', ...) become the same DefElems as the new (option value) list. */
public record CopyStmt(RangeVar relation, RawStmt query, List<String> attlist, boolean isFrom, boolean isProgram,
        String filename, List<DefElem> options, RawNode whereClause) implements RawStmt {

    @Override
    public String commandName() {
        return "COPY";
    }
}
