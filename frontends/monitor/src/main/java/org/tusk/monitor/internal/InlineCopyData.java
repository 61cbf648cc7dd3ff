package org.tusk.monitor.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The data of a {@code COPY ... FROM STDIN} (or {@code \copy ... from stdin}) taken from
 * the input the command came from, as psql's handleCopyIn reads it: the lines that follow,
 * each sent with a newline, up to a line that is just {@code \.} or the end of the input.
 * The stream is read only if the server really asks for COPY data.
 */
final class InlineCopyData extends InputStream {
    /** The next input line without its line end, or null at the end of the input. */
    interface Lines {
        String next() throws IOException;
    }

    private final Lines lines;
    private byte[] current = new byte[0];
    private int pos;
    private boolean done;
    private boolean started;

    InlineCopyData(Lines lines) {
        this.lines = lines;
    }

    /** False once "\." or the end of the input has been reached. */
    private boolean fill() throws IOException {
        while (pos >= current.length) {
            if (done) return false;
            started = true;
            String line = lines.next();
            if (line == null || line.equals("\\.") || line.equals("\\.\r")) {
                done = true;
                return false;
            }
            current = (line + "\n").getBytes(StandardCharsets.UTF_8);
            pos = 0;
        }
        return true;
    }

    @Override
    public int read() throws IOException {
        return fill() ? current[pos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        if (!fill()) return -1;
        int n = Math.min(len, current.length - pos);
        System.arraycopy(current, pos, b, off, n);
        pos += n;
        return n;
    }

    /**
     * Reads up to the end marker when the server had asked for data and stopped early (bad
     * data), so that the input goes on after it. When the COPY failed before asking for data,
     * psql never reads the lines, and neither does this: they are read as input then.
     */
    void skipRest() throws IOException {
        if (!started) return;
        while (fill()) pos = current.length;
    }
}
