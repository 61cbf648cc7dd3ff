package org.tusk.engine.nodes;

import java.util.List;

/** AlterSeqStmt: ALTER SEQUENCE [IF EXISTS] name options. */
public record AlterSeqStmt(RangeVar sequence, List<DefElem> options, boolean missingOk) implements RawStmt {

    @Override
    public String commandName() {
        return "ALTER SEQUENCE";
    }
}
