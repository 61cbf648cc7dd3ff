package org.tusk.protocol.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.tusk.api.engine.Column;
import org.tusk.api.engine.Portal;
import org.tusk.api.engine.PreparedStatement;
import org.tusk.api.error.PgException;

/** An analyzed fake statement: knows its parameters and result columns. */
final class FakePreparedStatement implements PreparedStatement {
    final FakeEngineSession session;
    final FakeEngineSession.Raw raw;
    final int[] paramTypes;
    final List<Column> columns;

    FakePreparedStatement(FakeEngineSession session, FakeEngineSession.Raw raw, int[] givenTypes) {
        this.session = session;
        this.raw = raw;
        String[] w = raw.words();
        boolean param = w[0].equals("select") && w.length > 1 && w[1].equals("$1");
        this.paramTypes = param ? new int[] {givenTypes.length > 0 && givenTypes[0] != 0 ? givenTypes[0] : 23} : new int[0];
        if (w[0].equals("select")) {
            columns = List.of(new Column("?column?", 0, (short) 0, 23, (short) 4, -1, (short) 0));
        } else if (w[0].equals("series")) {
            columns = List.of(new Column("n", 0, (short) 0, 23, (short) 4, -1, (short) 0));
        } else {
            columns = null;
        }
    }

    @Override public int[] parameterTypes() { return paramTypes; }
    @Override public List<Column> resultColumns() { return columns; }

    @Override
    public Portal bind(List<byte[]> values, short[] parameterFormats, short[] resultFormats) {
        if (values.size() != paramTypes.length) {
            throw PgException.error("08P01", "bind message supplies " + values.size()
                    + " parameters, but prepared statement \"\" requires " + paramTypes.length);
        }
        Integer param = null;
        if (paramTypes.length == 1 && values.get(0) != null) {
            byte[] v = values.get(0);
            if (parameterFormats.length > 0 && parameterFormats[0] == 1) {
                if (v.length != 4) {
                    throw PgException.error("22P03", "incorrect binary data format in bind parameter 1");
                }
                param = ByteBuffer.wrap(v).getInt();
            } else {
                String s = new String(v, StandardCharsets.UTF_8);
                try {
                    param = Integer.parseInt(s.trim());
                } catch (NumberFormatException e) {
                    throw PgException.error("22P02", "invalid input syntax for type integer: \"" + s + "\"");
                }
            }
        }
        List<Column> out = null;
        if (columns != null) {
            short f = resultFormats.length == 0 ? 0 : resultFormats[0];
            out = List.of(columns.get(0).withFormat(f));
        }
        return new FakePortal(this, param, out);
    }
}
