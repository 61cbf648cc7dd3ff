package org.tusk.engine.commands.copy;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Formats COPY TO's rows (copyto.c: CopyAttributeOutText,
 * CopyAttributeOutCSV): values are the columns' text output, null for NULL;
 * each row is one line ending in \n, written to the stream as it is formed.
 */
public final class CopyWriter {

    private final OutputStream out;
    private final CopyOptions options;
    private final boolean[] forceQuote;
    private final StringBuilder line = new StringBuilder(256);

    /** @param forceQuote per output column, whether FORCE_QUOTE names it (or FORCE_QUOTE *) */
    public CopyWriter(OutputStream out, CopyOptions options, boolean[] forceQuote) {
        this.out = out;
        this.options = options;
        this.forceQuote = forceQuote;
    }

    /** The HEADER line: the column names, formatted like values (never forced into quotes). */
    public void header(String[] names) {
        write(names, true);
    }

    public void row(String[] values) {
        write(values, false);
    }

    private void write(String[] values, boolean header) {
        line.setLength(0);
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                line.append(options.delimiter);
            }
            String v = values[i];
            if (v == null) {
                line.append(options.nullString);
            } else if (options.csv()) {
                appendCsv(v, !header && forceQuote[i], values.length == 1);
            } else {
                appendText(v);
            }
        }
        line.append('\n');
        try {
            out.write(line.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void appendText(String v) {
        char delim = options.delimiter;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '\b' -> line.append("\\b");
                case '\f' -> line.append("\\f");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                case 0x0B -> line.append("\\v");
                case '\\' -> line.append("\\\\");
                default -> {
                    if (c == delim) {
                        line.append('\\');
                    }
                    line.append(c);
                }
            }
        }
    }

    private void appendCsv(String v, boolean force, boolean singleColumn) {
        char quote = options.quote;
        char escape = options.escape;
        boolean useQuote = force || v.equals(options.nullString) || (singleColumn && v.equals("\\."));
        if (!useQuote) {
            for (int i = 0; i < v.length(); i++) {
                char c = v.charAt(i);
                if (c == options.delimiter || c == quote || c == '\n' || c == '\r') {
                    useQuote = true;
                    break;
                }
            }
        }
        if (!useQuote) {
            line.append(v);
            return;
        }
        line.append(quote);
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == quote || c == escape) {
                line.append(escape);
            }
            line.append(c);
        }
        line.append(quote);
    }
}
