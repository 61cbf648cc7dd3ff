package org.tusk.engine.nodes;

import java.util.List;

/** ReindexStmt: REINDEX [(options)] {INDEX|TABLE|SCHEMA|DATABASE|SYSTEM} [CONCURRENTLY] name; kind is the object word. */
public record ReindexStmt(String kind, RangeVar relation, String name, List<DefElem> params) implements RawStmt {

    @Override
    public String commandName() {
        return "REINDEX";
    }
}
