package org.tusk.buffer;

/**
 * CheckpointWriteDelay: what the checkpoint's buffer writes call after each
 * buffer they consider, with the fraction of the checkpoint's buffers done
 * so far. A spread checkpoint sleeps there while it is ahead of schedule; an
 * immediate one returns at once.
 */
@FunctionalInterface
public interface CheckpointWriteDelay {

    /** Writes at full speed (CHECKPOINT_IMMEDIATE: the command, shutdown, end of recovery, tests). */
    CheckpointWriteDelay IMMEDIATE = progress -> {
    };

    /** {@code progress}: buffers considered / buffers to consider, in (0, 1]. */
    void afterBuffer(double progress);
}
