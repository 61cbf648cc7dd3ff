package org.tusk.wal;

/**
 * PGPROC's DELAY_CHKPT_START flag: a process is between deciding what to
 * WAL-log for a change (with the redo pointer it read) and making the change
 * visible to the checkpoint (the commit-log bits of a commit, the dirty mark
 * of a hint-bit change). A checkpoint fixes its redo pointer first and then
 * waits for every process inside that window, so a change whose WAL predates
 * the redo point is always seen by the checkpoint's flush, and a later one
 * saw the new redo pointer (and logged a full-page image if needed).
 *
 * <p>The ProcArray keeps the flag per process in shared memory; the windows of
 * one process never nest.
 */
public interface CheckpointDelay {

    /** For processes that never run concurrently with a checkpoint (the startup process) and tests. */
    CheckpointDelay NONE = new CheckpointDelay() {
        @Override
        public void delayCheckpointStart() {
        }

        @Override
        public void delayCheckpointEnd() {
        }
    };

    /** Enters the window (sets DELAY_CHKPT_START). */
    void delayCheckpointStart();

    /** Leaves the window opened by {@link #delayCheckpointStart()}. */
    void delayCheckpointEnd();
}
