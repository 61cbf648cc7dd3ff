package org.tusk.engine.nodes;

/** CallStmt: CALL procedure(args). */
public record CallStmt(FuncCall funccall) implements RawStmt {

    @Override
    public String commandName() {
        return "CALL";
    }
}
