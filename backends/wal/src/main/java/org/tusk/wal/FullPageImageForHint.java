package org.tusk.wal;

import java.nio.ByteBuffer;

import org.tusk.api.storage.ForkNumber;
import org.tusk.api.storage.RelFileLocator;

/**
 * XLOG_FPI_FOR_HINT (xloginsert.c's XLogSaveBufferForHint): the full image of
 * a page whose first change since the last checkpoint's redo point is a hint
 * bit. Pages are checksummed, so a hint dirties the page and its write may be
 * torn like any other; this image, replayed over the torn page, is what makes
 * that write safe. The record has no data, only block 0 with its image.
 */
public final class FullPageImageForHint {

    /** XLOG_FPI_FOR_HINT's info byte (resource manager {@link ResourceManager#XLOG}). */
    public static final int INFO = 0xA0;

    private FullPageImageForHint() {
    }

    /**
     * The record for {@code pageCopy}, a private copy of the page taken under
     * its share content lock (the shared page may get more hints meanwhile).
     * The image is forced: without one the record would protect nothing.
     */
    public static WalRecord record(RelFileLocator locator, ForkNumber fork, int block, ByteBuffer pageCopy) {
        return WalRecord.builder(ResourceManager.XLOG, INFO)
                .block(new BlockReference(0, locator, fork, block, pageCopy, BlockReference.FORCE_IMAGE))
                .build();
    }

    /** Whether {@code record} is an XLOG_FPI_FOR_HINT record. */
    public static boolean is(DecodedRecord record) {
        return record.rmgrId() == ResourceManager.XLOG && record.info() == INFO;
    }
}
