package org.tusk.engine.nodes;

import java.util.List;

/** VariableSetStmt: SET [SESSION|LOCAL] name {=|TO} values | DEFAULT | FROM CURRENT; RESET name; RESET ALL. Special forms are mapped to their settings (TIME ZONE to timezone, NAMES to client_encoding, SCHEMA to search_path, SESSION AUTHORIZATION, ROLE, SET [SESSION CHARACTERISTICS AS] TRANSACTION modes to transaction_* / default_transaction_*: one VariableSetStmt per mode, in {@code more}). */
public record VariableSetStmt(VariableSetKind kind, String name, List<AConst> args, boolean isLocal,
        List<VariableSetStmt> more, int location) implements RawStmt {

    @Override
    public String commandName() {
        return kind == VariableSetKind.RESET || kind == VariableSetKind.RESET_ALL ? "RESET" : "SET";
    }
}
