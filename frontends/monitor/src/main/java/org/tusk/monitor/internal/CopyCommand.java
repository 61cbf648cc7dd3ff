package org.tusk.monitor.internal;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;

import org.tusk.libpq.PgConnection;
import org.tusk.libpq.PgError;

/**
 * \copy: rewrites "\copy OBJECT from|to FILE [options]" into "COPY OBJECT
 * FROM STDIN|TO STDOUT [options]" and moves the data between the client's
 * file and the server with libpq's copyIn/copyOut.
 */
final class CopyCommand {
    private CopyCommand() {}

    static boolean run(Monitor m, PgConnection conn, String args) {
        if (args.isEmpty()) {
            m.metaErrorPublic("\\copy: arguments required");
            return false;
        }
        int depth = 0;
        boolean quote = false;
        int split = -1;
        boolean from = false;
        String lower = args.toLowerCase(Locale.ROOT);
        for (int i = 0; i < args.length(); i++) {
            char c = args.charAt(i);
            if (c == '\'' || c == '"') quote = !quote;
            if (quote) continue;
            if (c == '(') depth++;
            if (c == ')') depth--;
            if (depth == 0 && i > 0 && Character.isWhitespace(args.charAt(i - 1))) {
                if (lower.startsWith("from", i) && i + 4 < args.length() && Character.isWhitespace(args.charAt(i + 4))) {
                    split = i;
                    from = true;
                    break;
                }
                if (lower.startsWith("to", i) && i + 2 < args.length() && Character.isWhitespace(args.charAt(i + 2))) {
                    split = i;
                    break;
                }
            }
        }
        if (split < 0) {
            m.metaErrorPublic("\\copy: parse error at end of line");
            return false;
        }
        String object = args.substring(0, split).trim();
        String rest = args.substring(split + (from ? 4 : 2)).trim();
        String file;
        int end;
        if (rest.startsWith("'")) {
            end = rest.indexOf('\'', 1);
            if (end < 0) end = rest.length();
            file = rest.substring(1, end);
            end++;
        } else {
            end = 0;
            while (end < rest.length() && !Character.isWhitespace(rest.charAt(end))) end++;
            file = rest.substring(0, end);
        }
        String options = rest.substring(Math.min(end, rest.length())).trim();
        String sql = "COPY " + object + (from ? " FROM STDIN" : " TO STDOUT") + (options.isEmpty() ? "" : " " + options);
        String f = file.toLowerCase(Locale.ROOT);
        try {
            long n;
            if (from) {
                if (f.equals("stdin")) {
                    // like COPY FROM STDIN: the lines that follow in the script (or the terminal)
                    n = conn.copyIn(sql, m.copyDataSource());
                } else if (f.equals("pstdin")) {
                    n = conn.copyIn(sql, m.stdinStream());
                } else {
                    try (InputStream in = new FileInputStream(file)) {
                        n = conn.copyIn(sql, in);
                    }
                }
            } else {
                if (f.equals("stdout") || f.equals("pstdout")) {
                    conn.copyOut(sql, m.queryOutput());
                    m.queryOutput().flush();
                    return true; // psql prints no "COPY n" after the data
                } else {
                    try (OutputStream out = new FileOutputStream(file)) {
                        n = conn.copyOut(sql, out);
                    }
                }
            }
            m.statusLine("COPY " + n);
            return true;
        } catch (IOException e) {
            m.metaErrorPublic(file + ": " + (e.getMessage() != null && e.getMessage().contains("No such file") ? "No such file or directory" : e.getMessage()));
            return false;
        } catch (PgError e) {
            m.queryError(e);
            return false;
        }
    }
}
