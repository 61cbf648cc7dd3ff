package org.tusk.engine.nodes;

import java.util.List;

/** ViewStmt: CREATE [OR REPLACE] [TEMP] [RECURSIVE] VIEW name [(cols)] [WITH (...)] AS query [WITH CHECK OPTION]. */
public record ViewStmt(RangeVar view, List<String> aliases, RawStmt query, boolean replace, List<DefElem> options,
        ViewCheckOption withCheckOption) implements RawStmt {

    @Override
    public String commandName() {
        return "CREATE VIEW";
    }
}
