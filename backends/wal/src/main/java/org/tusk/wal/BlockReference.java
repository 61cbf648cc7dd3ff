package org.tusk.wal;

import java.nio.ByteBuffer;

import org.tusk.api.storage.ForkNumber;
import org.tusk.api.storage.RelFileLocator;

/**
 * A page a WAL record changes (PostgreSQL's XLogRegisterBuffer). {@code page}
 * is the 8 kB page in shared buffers, exclusively locked by the caller; the
 * WAL reads its LSN to decide on a full-page image and copies it when one is
 * needed.
 *
 * @param blockId  the record's own number for this block (0, 1, ...), used by redo
 * @param flags    {@link #WILL_INIT}, {@link #FORCE_IMAGE}, {@link #NO_IMAGE}
 */
public record BlockReference(int blockId, RelFileLocator locator, ForkNumber fork, int blockNumber,
        ByteBuffer page, int flags) {

    /** Redo re-initializes the page from scratch: no image needed (REGBUF_WILL_INIT). */
    public static final int WILL_INIT = 1;
    /** Always log a full-page image (REGBUF_FORCE_IMAGE). */
    public static final int FORCE_IMAGE = 2;
    /** Never log an image: the record alone rebuilds the page (REGBUF_NO_IMAGE). */
    public static final int NO_IMAGE = 4;

    public boolean has(int flag) {
        return (flags & flag) != 0;
    }
}
