package org.tusk.wal;

/**
 * What redo may touch (implemented over shared buffers by the buffer
 * manager): the pages a record references, as PostgreSQL's
 * XLogReadBufferForRedo hands them out.
 */
public interface RedoContext {

    /**
     * The page of the record's block {@code blockId}, pinned and exclusively
     * locked. If the record carries a full-page image it is restored and the
     * action is RESTORED; if the page is already newer than the record it is
     * DONE; otherwise NEEDS_REDO. Closing it stamps the record's end LSN on a
     * page whose action was NEEDS_REDO or RESTORED, marks it dirty, and
     * releases it.
     */
    RedoBlock block(DecodedRecord record, int blockId);
}
