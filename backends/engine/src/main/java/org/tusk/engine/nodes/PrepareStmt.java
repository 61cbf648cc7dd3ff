package org.tusk.engine.nodes;

import java.util.List;

/** PrepareStmt: PREPARE name [(types)] AS statement. */
public record PrepareStmt(String name, List<TypeName> argtypes, RawStmt query) implements RawStmt {

    @Override
    public String commandName() {
        return "PREPARE";
    }
}
