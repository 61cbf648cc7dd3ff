package org.tusk.protocol.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.tusk.api.engine.Column;
import org.tusk.api.engine.Portal;
import org.tusk.api.engine.RowReceiver;
import org.tusk.api.error.PgException;

/** Runs a fake statement; row-returning ones can be fetched in several steps. */
final class FakePortal implements Portal {
    final FakePreparedStatement statement;
    final Integer param;
    final List<Column> columns;
    int nextRow;
    boolean closed;

    FakePortal(FakePreparedStatement statement, Integer param, List<Column> columns) {
        this.statement = statement;
        this.param = param;
        this.columns = columns;
    }

    @Override public List<Column> columns() { return columns; }

    @Override
    public String execute(long maxRows, RowReceiver receiver) throws IOException {
        if (closed) {
            throw new IllegalStateException("portal used after close");
        }
        FakeEngineSession s = statement.session;
        String[] w = statement.raw.words();
        switch (w[0]) {
            case "select":
            case "series": {
                int total;
                if (w[0].equals("series")) {
                    total = w.length > 1 ? Math.min(parseInt(w[1]), 10000) : 0;
                } else {
                    total = 1;
                }
                int sent = 0;
                while (nextRow < total) {
                    if (maxRows > 0 && sent == maxRows) {
                        return null;
                    }
                    boolean isNull = w[0].equals("select") && statement.paramTypes.length == 1 && param == null;
                    int v = isNull ? 0 : w[0].equals("series") ? nextRow + 1 : (param != null ? param : w.length > 1 ? parseInt(w[1]) : 0);
                    receiver.row(new byte[][] {isNull ? null : encode(v)});
                    nextRow++;
                    sent++;
                }
                if (maxRows > 0 && sent == maxRows && sent > 0) {
                    return null; // PostgreSQL suspends when the count is reached, even at the last row
                }
                return "SELECT " + sent;
            }
            case "begin": s.status = 'T'; return "BEGIN";
            case "commit": {
                boolean failed = s.status == 'E';
                s.status = 'I';
                return failed ? "ROLLBACK" : "COMMIT";
            }
            case "rollback": s.status = 'I'; return "ROLLBACK";
            case "insert": return "INSERT 0 1";
            case "error": throw s.fail(PgException.error("22012", "division by zero"));
            case "notice":
                s.host.notice(new PgException(org.tusk.api.error.Severity.NOTICE, "00000", "hello from the engine", null, null, 0, null));
                return "DO";
            case "set":
                if (w.length > 2) {
                    s.settings.put(w[1], w[2]);
                    s.host.parameterStatus(w[1], w[2]);
                }
                return "SET";
            case "fatal": throw PgException.fatal("57P01", "terminating connection due to administrator command");
            case "boom": throw new IllegalStateException("boom");
            default: throw new AssertionError(w[0]);
        }
    }

    private int parseInt(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw statement.session.fail(PgException.error("22P02", "invalid input syntax for type integer: \"" + s + "\""));
        }
    }

    private byte[] encode(int v) {
        if (columns.get(0).format() == 1) {
            return ByteBuffer.allocate(4).putInt(v).array();
        }
        return Integer.toString(v).getBytes(StandardCharsets.US_ASCII);
    }

    @Override public void close() { closed = true; }
}
