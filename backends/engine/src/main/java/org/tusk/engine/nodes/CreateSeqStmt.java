package org.tusk.engine.nodes;

import java.util.List;

/** CreateSeqStmt: CREATE [TEMP] SEQUENCE [IF NOT EXISTS] name options. */
public record CreateSeqStmt(RangeVar sequence, List<DefElem> options, boolean ifNotExists) implements RawStmt {

    @Override
    public String commandName() {
        return "CREATE SEQUENCE";
    }
}
