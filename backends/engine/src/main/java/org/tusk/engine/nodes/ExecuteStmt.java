package org.tusk.engine.nodes;

import java.util.List;

/** ExecuteStmt: EXECUTE name [(params)]. */
public record ExecuteStmt(String name, List<RawNode> params) implements RawStmt {

    @Override
    public String commandName() {
        return "EXECUTE";
    }
}
