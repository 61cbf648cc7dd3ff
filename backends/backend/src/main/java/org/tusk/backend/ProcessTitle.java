package org.tusk.backend;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Sets what {@code ps} shows for this process, as PostgreSQL's ps_status.c
 * does on Linux: by overwriting the process's own argument area (found through
 * /proc/self/stat fields arg_start and arg_end) via /proc/self/mem. The JVM's
 * command line is long, so titles like "tusk: alice mydb 127.0.0.1(53122) idle"
 * fit. Where /proc is unavailable the title silently stays as it is.
 */
final class ProcessTitle {

    private static long argStart = -1;
    private static int argLength;

    private ProcessTitle() {}

    static synchronized void set(String title) {
        try {
            if (argStart < 0) {
                String stat = Files.readString(Path.of("/proc/self/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                // fields are numbered from 1 in proc(5); f[0] is field 3 (state): arg_start is 48, arg_end 49
                argStart = Long.parseLong(f[48 - 3]);
                long argEnd = Long.parseLong(f[49 - 3]);
                argLength = (int) Math.min(4096, argEnd - argStart);
            }
            if (argLength <= 1) {
                return;
            }
            byte[] text = title.getBytes(StandardCharsets.UTF_8);
            byte[] area = new byte[argLength];
            System.arraycopy(text, 0, area, 0, Math.min(text.length, argLength - 1));
            try (RandomAccessFile mem = new RandomAccessFile("/proc/self/mem", "rw")) {
                mem.seek(argStart);
                mem.write(area);
            }
        } catch (IOException | RuntimeException e) {
            argLength = 0; // not supported here: stop trying
        }
    }
}
