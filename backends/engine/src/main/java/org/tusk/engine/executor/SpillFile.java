package org.tusk.engine.executor;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A temp file of rows (BufFile of tuples): written once, then read from the
 * start any number of times; {@link #delete()} removes it before the query ends
 * when it is no longer needed.
 */
final class SpillFile {
    private final TempFiles files;
    private final Path path;
    private DataOutputStream out;
    private long rows;

    SpillFile(TempFiles files) {
        this.files = files;
        this.path = files.create();
        try {
            this.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(path), 65536));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void write(Object[] row) {
        try {
            RowCodec.write(out, row);
            rows++;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write to temporary file", e);
        }
    }

    long rows() {
        return rows;
    }

    /**
     * A reader from the first row. Writing may go on: the reader sees the rows
     * written before each of its {@code next()} calls (the writer is flushed first).
     */
    Reader reader() {
        try {
            flush();
            return new Reader(this, new DataInputStream(new BufferedInputStream(Files.newInputStream(path), 65536)));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read temporary file", e);
        }
    }

    private void flush() {
        if (out != null) {
            try {
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("could not write to temporary file", e);
            }
        }
    }

    void delete() {
        try {
            if (out != null) {
                out.close();
                out = null;
            }
        } catch (IOException ignored) {
            // deleting anyway
        }
        files.delete(path);
    }

    static final class Reader implements AutoCloseable {
        private final SpillFile file;
        private final DataInputStream in;

        Reader(SpillFile file, DataInputStream in) {
            this.file = file;
            this.in = in;
        }

        /** The next row, or null at the current end of the file. */
        Object[] next() {
            try {
                file.flush();
                return RowCodec.read(in);
            } catch (EOFException e) {
                return null;
            } catch (IOException e) {
                throw new UncheckedIOException("could not read temporary file", e);
            }
        }

        @Override
        public void close() {
            try {
                in.close();
            } catch (IOException ignored) {
                // read-only stream
            }
        }
    }
}
