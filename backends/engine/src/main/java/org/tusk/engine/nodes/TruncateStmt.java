package org.tusk.engine.nodes;

import java.util.List;

/** TruncateStmt: TRUNCATE [TABLE] rels [RESTART|CONTINUE IDENTITY] [CASCADE|RESTRICT]. */
public record TruncateStmt(List<RangeVar> relations, boolean restartSeqs, DropBehavior behavior) implements RawStmt {

    @Override
    public String commandName() {
        return "TRUNCATE TABLE";
    }
}
