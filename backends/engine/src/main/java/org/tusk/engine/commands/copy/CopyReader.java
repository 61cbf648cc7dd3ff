package org.tusk.engine.commands.copy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.tusk.api.error.PgException;
import org.tusk.api.error.SqlState;

/**
 * Splits COPY FROM's text or CSV input into records of field strings
 * (copyfromparse.c: CopyReadLine, CopyReadAttributesText,
 * CopyReadAttributesCSV). Works on bytes (UTF-8), so octal and hex escapes
 * may build multi-byte characters. A NULL field is null. Line numbers count
 * physical lines, as PostgreSQL's cur_lineno does, for error contexts.
 */
public final class CopyReader {

    private final InputStream in;
    private final CopyOptions options;
    private final byte[] nullBytes;
    private final byte delimiter;
    private final byte quote;
    private final byte escape;
    private boolean[] forceNotNull = new boolean[0];
    private boolean[] forceNull = new boolean[0];
    private long lineNumber;
    private byte[] rawRecord = new byte[0];
    private boolean ended;

    /** Input read ahead: bytes [pos, limit) are not consumed yet (CopyGetData's raw_buf). */
    private final byte[] readAhead = new byte[65536];
    private int pos;
    private int limit;
    /**
     * A text record's fields and an escaped field's bytes, reused from record to record: made
     * anew they were a list, its array, a stream and its buffer per row (165 MB of pgbench -i's
     * 1.5 GB of garbage).
     */
    private final List<String> textFieldList = new ArrayList<>();
    private final ByteArrayOutputStream textValue = new ByteArrayOutputStream();
    /** The array {@link #next} returns a text record's fields in, reused while their count stays (37 MB per pgbench -i). */
    private String[] textFieldArray = new String[0];

    public CopyReader(InputStream in, CopyOptions options) {
        this.in = in;
        this.options = options;
        this.nullBytes = options.nullString.getBytes(StandardCharsets.UTF_8);
        this.delimiter = (byte) options.delimiter;
        this.quote = (byte) options.quote;
        this.escape = (byte) options.escape;
    }

    /** CSV only: which field positions FORCE_NOT_NULL / FORCE_NULL apply to. */
    public void setForced(boolean[] forceNotNull, boolean[] forceNull) {
        this.forceNotNull = forceNotNull;
        this.forceNull = forceNull;
    }

    /** The physical line number of the last line of the current record. */
    public long lineNumber() {
        return lineNumber;
    }

    /** The current record as read (for "COPY t, line 3: ..." contexts), without its line end. */
    public String rawRecord() {
        return new String(rawRecord, StandardCharsets.UTF_8);
    }

    /**
     * The next record's fields, or null at the end of the data (EOF or the \. marker). A text
     * record's array is valid until the next call, which may reuse it.
     */
    public String[] next() {
        if (ended) {
            return null;
        }
        byte[] line = readLine();
        if (line == null || isEndMarker(line)) {
            ended = true;
            return null;
        }
        return options.csv() ? csvFields(line) : textFields(line);
    }

    /** Discards the rest of the input (after an error, so the client's CopyData is consumed). */
    public void drain() {
        try {
            byte[] skip = new byte[8192];
            while (in.read(skip) >= 0) {
                // discard
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (PgException e) {
            // CopyFail after our error: nothing more to read
        }
    }

    private static boolean isEndMarker(byte[] line) {
        return line.length == 2 && line[0] == '\\' && line[1] == '.';
    }

    /**
     * One physical line without its \n or \r\n; null at EOF with nothing read.
     * Scans the read-ahead buffer for the line end (a byte-at-a-time read of a
     * synchronized stream cost a tenth of pgbench's load).
     */
    private byte[] readLine() {
        try {
            byte[] line = null;          // the part of a line that crossed a refill
            int length = 0;
            while (true) {
                int end = pos;
                while (end < limit && readAhead[end] != '\n') {
                    end++;
                }
                int n = end - pos;
                if (line == null && end < limit) {
                    line = java.util.Arrays.copyOfRange(readAhead, pos, end);     // the common case: one copy
                    length = n;
                } else if (n > 0) {
                    if (line == null) {
                        line = new byte[Math.max(256, n * 2)];
                    } else if (length + n > line.length) {
                        line = java.util.Arrays.copyOf(line, Math.max(line.length * 2, length + n));
                    }
                    System.arraycopy(readAhead, pos, line, length, n);
                    length += n;
                }
                if (end < limit) {
                    pos = end + 1;       // past the \n
                    break;
                }
                pos = limit;
                int read = in.read(readAhead, 0, readAhead.length);
                if (read < 0) {
                    if (line == null) {
                        return null;
                    }
                    break;
                }
                pos = 0;
                limit = read;
            }
            lineNumber++;
            if (length > 0 && line[length - 1] == '\r') {
                length--;
            }
            if (length != line.length) {
                line = java.util.Arrays.copyOf(line, length);
            }
            rawRecord = line;
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- text ------------------------------------------------------------------------

    private String[] textFields(byte[] line) {
        List<String> fields = textFieldList;
        ByteArrayOutputStream value = textValue;
        fields.clear();
        value.reset();
        int start = 0;
        int i = 0;
        while (true) {
            if (i == start) {
                // A field of plain ASCII without escapes (every pgbench field) becomes its string directly.
                int end = start;
                while (end < line.length && line[end] != delimiter && line[end] != '\\' && line[end] >= 0) {
                    end++;
                }
                if (end == line.length || line[end] == delimiter) {
                    fields.add(equalsRange(line, start, end, nullBytes) ? null : plainField(line, start, end));
                    if (end == line.length) {
                        break;
                    }
                    start = i = end + 1;
                    continue;
                }
            }
            if (i == line.length || line[i] == delimiter) {
                boolean isNull = equalsRange(line, start, i, nullBytes);
                fields.add(isNull ? null : decode(value.toByteArray()));
                value.reset();
                if (i == line.length) {
                    break;
                }
                start = ++i;
                continue;
            }
            byte b = line[i++];
            if (b != '\\' || i == line.length) {
                value.write(b);
                continue;
            }
            byte e = line[i++];
            switch (e) {
                case 'b' -> value.write('\b');
                case 'f' -> value.write('\f');
                case 'n' -> value.write('\n');
                case 'r' -> value.write('\r');
                case 't' -> value.write('\t');
                case 'v' -> value.write(0x0B);
                case 'x' -> {
                    int v = 0;
                    int n = 0;
                    while (n < 2 && i < line.length && Character.digit(line[i], 16) >= 0) {
                        v = v * 16 + Character.digit(line[i++], 16);
                        n++;
                    }
                    if (n == 0) {
                        value.write('x');
                    } else {
                        value.write(v);
                    }
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        int v = e - '0';
                        for (int n = 1; n < 3 && i < line.length && line[i] >= '0' && line[i] <= '7'; n++) {
                            v = v * 8 + (line[i++] - '0');
                        }
                        value.write(v & 0xFF);
                    } else {
                        value.write(e);
                    }
                }
            }
        }
        if (textFieldArray.length != fields.size()) {
            textFieldArray = new String[fields.size()];
        }
        return fields.toArray(textFieldArray);
    }

    /**
     * A field of plain ASCII as a string: an empty or one-character one is a shared constant
     * (pgbench_accounts' bid, abalance and filler were three new strings per row, ~100 MB per load).
     */
    private static String plainField(byte[] line, int start, int end) {
        return switch (end - start) {
            case 0 -> "";
            case 1 -> ONE_CHARACTER[line[start]];
            default -> new String(line, start, end - start, StandardCharsets.ISO_8859_1);
        };
    }

    /** The one-character strings of the ASCII characters. */
    private static final String[] ONE_CHARACTER = new String[128];

    static {
        for (int c = 0; c < ONE_CHARACTER.length; c++) {
            ONE_CHARACTER[c] = String.valueOf((char) c);
        }
    }

    // --- CSV ---------------------------------------------------------------------------

    private String[] csvFields(byte[] firstLine) {
        List<String> fields = new ArrayList<>();
        ByteArrayOutputStream value = new ByteArrayOutputStream();
        ByteArrayOutputStream record = new ByteArrayOutputStream();
        record.write(firstLine, 0, firstLine.length);
        byte[] line = firstLine;
        int i = 0;
        boolean quoted = false;             // this field had a quoted part
        boolean inQuotes = false;
        int fieldStart = 0;
        while (true) {
            if (inQuotes) {
                if (i == line.length) {
                    byte[] next = readLine();
                    if (next == null) {
                        rawRecord = record.toByteArray();
                        throw PgException.error(SqlState.BAD_COPY_FILE_FORMAT, "unterminated CSV quoted field");
                    }
                    value.write('\n');
                    record.write('\n');
                    record.write(next, 0, next.length);
                    line = next;
                    i = 0;
                    continue;
                }
                byte b = line[i++];
                if (b == escape && i < line.length && (line[i] == quote || line[i] == escape) && escape != quote) {
                    value.write(line[i++]);
                } else if (b == quote) {
                    if (escape == quote && i < line.length && line[i] == quote) {
                        value.write(quote);
                        i++;
                    } else {
                        inQuotes = false;
                    }
                } else {
                    value.write(b);
                }
                continue;
            }
            if (i == line.length || line[i] == delimiter) {
                int field = fields.size();
                byte[] bytes = value.toByteArray();
                boolean matchesNull = java.util.Arrays.equals(bytes, nullBytes);
                boolean isNull;
                if (!quoted) {
                    isNull = matchesNull && !(field < forceNotNull.length && forceNotNull[field]);
                } else {
                    isNull = matchesNull && field < forceNull.length && forceNull[field];
                }
                fields.add(isNull ? null : decode(bytes));
                value.reset();
                quoted = false;
                if (i == line.length) {
                    break;
                }
                fieldStart = ++i;
                continue;
            }
            byte b = line[i++];
            if (b == quote) {
                inQuotes = true;
                quoted = true;
            } else {
                value.write(b);
            }
        }
        rawRecord = record.toByteArray();
        return fields.toArray(new String[0]);
    }

    private static boolean equalsRange(byte[] line, int from, int to, byte[] expected) {
        if (to - from != expected.length) {
            return false;
        }
        for (int k = 0; k < expected.length; k++) {
            if (line[from + k] != expected[k]) {
                return false;
            }
        }
        return true;
    }

    private static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw PgException.error("22021", "invalid byte sequence for encoding \"UTF8\"");
        }
    }
}
