package org.tusk.backend;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Sets what {@code ps} shows for this process, as PostgreSQL's ps_status.c
 * does on Linux: by overwriting the process's own argument area, found through
 * the arg_start and arg_end fields of /proc/self/stat. The JVM's command line
 * is long, so titles like "tusk: alice mydb 127.0.0.1(53122) idle" fit.
 *
 * <p>The title changes twice per statement (active, idle), so the write must
 * be cheap: plain memory stores through {@code sun.misc.Unsafe} into our own
 * address space, no system call. Without Unsafe it falls back to
 * /proc/self/mem; where neither works the title silently stays as it is.
 */
final class ProcessTitle {

    private static long argStart = -1;
    private static int argLength;
    /** The UTF-8 bytes of the title last written, compared by identity: the same array means the same title. */
    private static byte[] current = new byte[0];
    /** Bytes of the argument area the last title used, including its terminator; -1 before the first. */
    private static int written = -1;
    private static final sun.misc.Unsafe UNSAFE = findUnsafe();

    private ProcessTitle() {}

    /** A title that changes rarely (start-up, authentication, a new session). */
    static void set(String title) {
        set(title.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A title already encoded: {@link ProcessContext} encodes each of a session's per-state titles once and
     * passes the same array twice per statement, so the statement path neither encodes nor looks anything up.
     */
    static synchronized void set(byte[] text) {
        if (text == current || java.util.Arrays.equals(text, current)) {
            return;
        }
        current = text;
        try {
            if (argStart < 0) {
                locateArgumentArea();
            }
            if (argLength <= 1) {
                return;
            }
            int length = Math.min(text.length, argLength - 1);
            // the first title clears the whole original command line; later ones only cover the previous title
            int span = written < 0 ? argLength : Math.max(length + 1, written);
            written = length + 1;
            if (UNSAFE != null) {
                UNSAFE.copyMemory(text, sun.misc.Unsafe.ARRAY_BYTE_BASE_OFFSET, null, argStart, length);
                // byte stores, not setMemory: that is a native call on Java 17 (no intrinsic before 23), and
                // all there is to clear is the tail of the previous title, usually a few bytes
                for (long a = argStart + length, stop = argStart + span; a < stop; a++) {
                    UNSAFE.putByte(a, (byte) 0);
                }
            } else {
                byte[] area = new byte[span];
                System.arraycopy(text, 0, area, 0, length);
                try (RandomAccessFile mem = new RandomAccessFile("/proc/self/mem", "rw")) {
                    mem.seek(argStart);
                    mem.write(area);
                }
            }
        } catch (IOException | RuntimeException e) {
            argLength = 0; // not supported here: stop trying
        }
    }

    private static void locateArgumentArea() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // proc(5) numbers fields from 1 and f[0] is field 3 (state): arg_start is field 48, arg_end 49
        argStart = Long.parseLong(f[48 - 3]);
        long argEnd = Long.parseLong(f[49 - 3]);
        argLength = (int) Math.max(0, Math.min(4096, argEnd - argStart));
    }

    private static sun.misc.Unsafe findUnsafe() {
        try {
            Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            return (sun.misc.Unsafe) f.get(null);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }
}
