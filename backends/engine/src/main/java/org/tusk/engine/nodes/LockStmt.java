package org.tusk.engine.nodes;

import java.util.List;

/** LockStmt: LOCK [TABLE] rels [IN mode MODE] [NOWAIT]; {@code mode} is the lock mode number (1 AccessShareLock .. 8 AccessExclusiveLock). */
public record LockStmt(List<RangeVar> relations, int mode, boolean nowait) implements RawStmt {

    @Override
    public String commandName() {
        return "LOCK TABLE";
    }
}
