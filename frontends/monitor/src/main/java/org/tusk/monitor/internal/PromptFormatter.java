package org.tusk.monitor.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

import org.tusk.libpq.ConnInfo;
import org.tusk.libpq.PgConnection;

/**
 * Expands PROMPT1, PROMPT2 and PROMPT3 the way psql's prompt.c does: {@code %M %m %> %n %/ %~
 * %# %p %R %x %w %l %%}, {@code %NNN} (an octal character code), {@code %:name:} (a variable),
 * {@code %`command`} (a shell command's output, one trailing newline dropped) and
 * {@code %[ %]} (psql's markers around non-printing characters; JLine measures ANSI
 * sequences itself, so they expand to nothing). Any other {@code %c} stands for c, as in psql.
 */
final class PromptFormatter {

    /** What a prompt can show; one per prompt, filled in by the monitor. */
    static final class Context {
        PgConnection conn;
        /** QueryScanner's state character: '=' when the buffer is empty, else - ' " $ * ( . */
        char scanState = '=';
        boolean inactiveBranch;
        /** The line of the current statement, from 1. */
        int statementLine = 1;
        Function<String, String> variables = name -> null;
    }

    /** What the last PROMPT1 printed, for %w. */
    private String lastPrompt1 = "";

    /** Expands one prompt; {@code which} is 1, 2 or 3. */
    String format(String template, int which, Context c) {
        if (template == null) return "";
        StringBuilder out = new StringBuilder();
        int n = template.length();
        for (int i = 0; i < n; i++) {
            char ch = template.charAt(i);
            if (ch != '%') {
                out.append(ch);
                continue;
            }
            if (++i >= n) break;
            ch = template.charAt(i);
            PgConnection conn = c.conn;
            switch (ch) {
                case '/':
                    if (conn != null) out.append(conn.dbname());
                    break;
                case '~':
                    if (conn != null) {
                        String db = conn.dbname();
                        String envDb = System.getenv("PGDATABASE");
                        out.append(db.equals(conn.user()) || db.equals(envDb) ? "~" : db);
                    }
                    break;
                case 'M': case 'm':
                    if (conn != null) out.append(host(conn, ch == 'm'));
                    break;
                case '>':
                    if (conn != null) out.append(conn.port());
                    break;
                case 'n':
                    if (conn != null) {
                        String auth = conn.parameterStatus("session_authorization");
                        out.append(auth != null ? auth : conn.user());
                    }
                    break;
                case 'p':
                    if (conn != null) out.append(conn.backendPid());
                    break;
                case '#':
                    out.append(conn != null && "on".equals(conn.parameterStatus("is_superuser")) ? '#' : '>');
                    break;
                case 'R':
                    appendStatus(out, which, c);
                    break;
                case 'x':
                    if (conn == null || conn.isClosed()) {
                        out.append('?');
                    } else {
                        char tx = conn.transactionStatus();
                        if (tx == 'T') out.append('*');
                        else if (tx == 'E') out.append('!');
                    }
                    break;
                case 'l':
                    out.append(c.statementLine);
                    break;
                case 'w':
                    out.append(" ".repeat(visibleWidth(lastPrompt1)));
                    break;
                case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
                    int j = i;
                    while (j < n && j < i + 3 && template.charAt(j) >= '0' && template.charAt(j) <= '7') j++;
                    out.append((char) Integer.parseInt(template.substring(i, j), 8));
                    i = j - 1;
                    break;
                }
                case ':': {
                    int end = template.indexOf(':', i + 1);
                    if (end < 0) {
                        i = n;
                        break;
                    }
                    String v = c.variables.apply(template.substring(i + 1, end));
                    if (v != null) out.append(v);
                    i = end;
                    break;
                }
                case '`': {
                    int end = template.indexOf('`', i + 1);
                    if (end < 0) {
                        i = n;
                        break;
                    }
                    out.append(commandOutput(template.substring(i + 1, end)));
                    i = end;
                    break;
                }
                case '[': case ']':
                    break;
                default:
                    out.append(ch);
            }
        }
        String s = out.toString();
        if (which == 1) lastPrompt1 = s;
        return s;
    }

    /** %R: PROMPT1 shows = (or @ in a skipped \if branch, ! without a connection); PROMPT2 the scan state. */
    private static void appendStatus(StringBuilder out, int which, Context c) {
        if (which == 3) return;
        if (which == 1) {
            if (c.inactiveBranch) out.append('@');
            else if (c.conn == null || c.conn.isClosed()) out.append('!');
            else out.append('=');
        } else {
            out.append(c.scanState == '=' ? '-' : c.scanState);
        }
    }

    private static String host(PgConnection conn, boolean shortName) {
        if (!conn.isUnixSocket()) {
            String h = conn.host();
            if (h == null || h.isEmpty()) h = conn.hostaddr();
            if (h == null) return "";
            if (shortName) {
                int dot = h.indexOf('.');
                // an IP address is not a domain name: psql cuts at the first dot anyway
                if (dot >= 0) h = h.substring(0, dot);
            }
            return h;
        }
        String dir = conn.host();
        if (shortName || dir == null || dir.equals(ConnInfo.DEFAULT_SOCKET_DIR)) return "[local]";
        return "[local:" + dir + "]";
    }

    private static String commandOutput(String command) {
        try {
            Process p = new ProcessBuilder("sh", "-c", command).redirectErrorStream(false)
                    .redirectInput(ProcessBuilder.Redirect.INHERIT).start();
            String s;
            try (InputStream in = p.getInputStream()) {
                s = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            p.waitFor();
            if (s.endsWith("\n")) s = s.substring(0, s.length() - 1);
            return s;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** Display width without ANSI escape sequences. */
    static int visibleWidth(String s) {
        return FormattedText.maxWidth(FormattedText.lines(s.replaceAll("\u001b\\[[0-9;?]*[A-Za-z]", "")));
    }
}
