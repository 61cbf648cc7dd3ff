package org.tusk.engine.nodes;

import java.util.List;

/** ClusterStmt: CLUSTER [VERBOSE] [rel [USING index]]. */
public record ClusterStmt(RangeVar relation, String indexname, List<DefElem> params) implements RawStmt {

    @Override
    public String commandName() {
        return "CLUSTER";
    }
}
