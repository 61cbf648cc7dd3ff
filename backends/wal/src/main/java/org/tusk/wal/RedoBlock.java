package org.tusk.wal;

import java.nio.ByteBuffer;

/** A page handed to redo by {@link RedoContext#block}. */
public interface RedoBlock extends AutoCloseable {

    enum Action {
        /** Apply the record to {@link #page()}. */
        NEEDS_REDO,
        /** The full-page image was restored: nothing more to do. */
        RESTORED,
        /** The page already contains the change. */
        DONE
    }

    Action action();

    /** The 8 kB page, little-endian, writable. */
    ByteBuffer page();

    @Override
    void close();
}
