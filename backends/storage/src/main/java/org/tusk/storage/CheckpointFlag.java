package org.tusk.storage;

import java.util.Set;

/**
 * PostgreSQL's CHECKPOINT_* flags: why a checkpoint runs and how. Declared in
 * the order LogCheckpointStart names them ("checkpoint starting: immediate
 * force wait").
 */
enum CheckpointFlag {
    IS_SHUTDOWN("shutdown"),
    END_OF_RECOVERY("end-of-recovery"),
    /** Write at full speed instead of spreading the writes over checkpoint_completion_target. */
    IMMEDIATE("immediate"),
    FORCE("force"),
    WAIT("wait"),
    CAUSE_XLOG("wal"),
    CAUSE_TIME("time");

    private final String logName;

    CheckpointFlag(String logName) {
        this.logName = logName;
    }

    /** LogCheckpointStart's list: " shutdown immediate". */
    static String describe(Set<CheckpointFlag> flags) {
        StringBuilder s = new StringBuilder();
        for (CheckpointFlag flag : values()) {
            if (flags.contains(flag)) {
                s.append(' ').append(flag.logName);
            }
        }
        return s.toString();
    }
}
