package org.tusk.engine.nodes;

import java.util.List;

/** SET [SESSION|LOCAL] name {=|TO} values | DEFAULT; RESET name; RESET ALL. */
public record VariableSetStmt(VariableSetKind kind, String name, List<AConst> args, boolean isLocal, int location)
        implements RawStmt {
    @Override
    public String commandName() {
        return kind == VariableSetKind.RESET || kind == VariableSetKind.RESET_ALL ? "RESET" : "SET";
    }
}
