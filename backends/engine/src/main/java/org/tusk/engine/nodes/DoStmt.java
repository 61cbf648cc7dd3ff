package org.tusk.engine.nodes;

import java.util.List;

/** DoStmt: DO [LANGUAGE lang] 'code' (DefElems as, language). */
public record DoStmt(List<DefElem> args) implements RawStmt {

    @Override
    public String commandName() {
        return "DO";
    }
}
