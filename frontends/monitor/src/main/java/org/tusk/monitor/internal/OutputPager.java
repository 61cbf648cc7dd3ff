package org.tusk.monitor.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.function.IntSupplier;

/**
 * psql's pager (print.c's PageOutput): with {@code \pset pager on} a table goes through the
 * pager when it has at least as many lines as the terminal has rows (and at least
 * pager_min_lines) or when an aligned line is wider than the terminal; with
 * {@code \pset pager always} every table does. The program is PSQL_PAGER, else PAGER,
 * else less; an empty or blank setting means no pager. It runs through {@code sh -c}
 * with the terminal as its output.
 */
final class OutputPager implements Monitor.Pager {
    private final Function<String, String> env;
    private final PrintOptions print;
    private final IntSupplier rows;
    private final IntSupplier columns;
    private final Runnable pause;
    private final Runnable resume;

    OutputPager(Function<String, String> env, PrintOptions print, IntSupplier rows, IntSupplier columns, Runnable pause, Runnable resume) {
        this.env = env;
        this.print = print;
        this.rows = rows;
        this.columns = columns;
        this.pause = pause;
        this.resume = resume;
    }

    /** psql's rule for whether this text needs the pager. */
    static boolean needed(String text, int pagerSetting, int minLines, int rows, int columns) {
        if (pagerSetting == 0) return false;
        if (pagerSetting > 1) return true;
        int lines = 0;
        int widest = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lines++;
                widest = Math.max(widest, PromptFormatter.visibleWidth(text.substring(start, i)));
                start = i + 1;
            }
        }
        return rows > 0 && lines >= rows && lines >= minLines || columns > 0 && widest > columns;
    }

    /** The pager program, or null for none. */
    String program() {
        String p = env.apply("PSQL_PAGER");
        if (p == null) p = env.apply("PAGER");
        if (p == null) p = "less";
        return p.isBlank() ? null : p;
    }

    @Override
    public boolean page(String text) {
        if (!needed(text, print.pager, print.pagerMinLines, rows.getAsInt(), columns.getAsInt())) return false;
        String program = program();
        if (program == null) return false;
        pause.run();
        try {
            ProcessBuilder pb = new ProcessBuilder("sh", "-c", program)
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.INHERIT);
            Process p = pb.start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(text.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // the pager quit before reading everything (q in less): that is fine
            }
            p.waitFor();
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        } finally {
            resume.run();
        }
    }
}
