package org.tusk.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.api.engine.Portal;
import org.tusk.api.engine.PreparedStatement;
import org.tusk.api.error.PgException;

/** Parse/Bind/Execute through the API: parameter type inference, text and binary formats, portals. */
class ExtendedProtocolTest {
    @TempDir
    Path tmp;
    EngineFixture f;

    @BeforeEach
    void setUp() throws Exception {
        f = new EngineFixture(tmp, Map.of());
    }

    private PreparedStatement prepare(String sql, int... types) {
        return f.session.prepare(f.session.parse(sql).get(0), types);
    }

    private List<byte[][]> run(Portal p) throws Exception {
        List<byte[][]> rows = new ArrayList<>();
        p.execute(0, rows::add);
        return rows;
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void infersParameterTypesFromContext() {
        assertArrayEquals(new int[] {23}, prepare("select $1 + 1").parameterTypes());
        assertArrayEquals(new int[] {25}, prepare("select $1 = 'x'").parameterTypes());
        assertArrayEquals(new int[] {25}, prepare("select $1").parameterTypes());
        assertArrayEquals(new int[] {1700, 20}, prepare("select $1 + 1.5, $2 + 1::int8").parameterTypes());
        assertArrayEquals(new int[] {20}, prepare("select $1 + 1", 20).parameterTypes());
        assertArrayEquals(new int[] {25, 25}, prepare("select $1 || $2").parameterTypes());
    }

    @Test
    void textParametersAndResults() throws Exception {
        PreparedStatement ps = prepare("select $1 + 1 as n, $2::text as t");
        assertEquals("n", ps.resultColumns().get(0).name());
        Portal p = ps.bind(Arrays.asList(text("41"), null), new short[0], new short[0]);
        List<byte[][]> rows = run(p);
        assertEquals("42", new String(rows.get(0)[0], StandardCharsets.UTF_8));
        assertNull(rows.get(0)[1]);
    }

    @Test
    void binaryParametersAndResults() throws Exception {
        PreparedStatement ps = prepare("select $1 + 1, $2 * 2, $3 + 0.5, $4", 23, 20, 1700, 701);
        byte[] int4 = ByteBuffer.allocate(4).putInt(41).array();
        byte[] int8 = ByteBuffer.allocate(8).putLong(1L << 40).array();
        // numeric 12.34: ndigits 2, weight 0, sign +, dscale 2, digits 12 3400
        byte[] numeric = ByteBuffer.allocate(12).putShort((short) 2).putShort((short) 0).putShort((short) 0)
                .putShort((short) 2).putShort((short) 12).putShort((short) 3400).array();
        byte[] float8 = ByteBuffer.allocate(8).putDouble(0.25).array();
        Portal p = ps.bind(List.of(int4, int8, numeric, float8), new short[] {1}, new short[] {1, 1, 0, 0});
        byte[][] row = run(p).get(0);
        assertEquals(42, ByteBuffer.wrap(row[0]).getInt());
        assertEquals(1L << 41, ByteBuffer.wrap(row[1]).getLong());
        assertEquals("12.84", new String(row[2], StandardCharsets.UTF_8));
        assertEquals("0.25", new String(row[3], StandardCharsets.UTF_8));
    }

    @Test
    void numericBinaryOutputRoundTrips() throws Exception {
        PreparedStatement ps = prepare("select 12345.678::numeric, -0.0012::numeric, 0::numeric");
        byte[][] row = run(ps.bind(List.of(), new short[0], new short[] {1})).get(0);
        PreparedStatement back = prepare("select $1::text, $2::text, $3::text", 1700, 1700, 1700);
        byte[][] out = run(back.bind(List.of(row[0], row[1], row[2]), new short[] {1}, new short[0])).get(0);
        assertEquals("12345.678", new String(out[0], StandardCharsets.UTF_8));
        assertEquals("-0.0012", new String(out[1], StandardCharsets.UTF_8));
        assertEquals("0", new String(out[2], StandardCharsets.UTF_8));
    }

    /**
     * statement_timestamp() is set by every Bind, as PostgresMain does, not only when the statement was
     * parsed; now() is the start of the statement that opened the transaction.
     */
    @Test
    void eachBindSetsTheStatementTimestamp() throws Exception {
        PreparedStatement ps = prepare("select statement_timestamp()::text, now()::text");
        f.session.sync();                       // Parse opened a transaction; the Binds below open their own
        List<String[]> seen = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Thread.sleep(5);
            byte[][] row = run(ps.bind(List.of(), new short[0], new short[0])).get(0);
            seen.add(new String[] {new String(row[0], StandardCharsets.UTF_8), new String(row[1], StandardCharsets.UTF_8)});
            f.session.sync();
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(seen.get(i)[0], seen.get(i)[1], "the bound statement opened its transaction: now() is its start");
        }
        assertNotEquals(seen.get(0)[0], seen.get(1)[0], "a later Bind has a later statement_timestamp()");
        assertNotEquals(seen.get(1)[0], seen.get(2)[0]);
    }

    @Test
    void wrongParameterCount() {
        PreparedStatement ps = prepare("select $1::int + $2");
        PgException e = assertThrows(PgException.class, () -> ps.bind(List.of(text("1")), new short[0], new short[0]));
        assertEquals("08P01", e.sqlState());
        assertEquals("bind message supplies 1 parameters, but prepared statement \"\" requires 2", e.getMessage());
    }

    @Test
    void badTextParameter() {
        PreparedStatement ps = prepare("select $1 + 1");
        PgException e = assertThrows(PgException.class, () -> ps.bind(List.of(text("x")), new short[0], new short[0]));
        assertEquals("22P02", e.sqlState());
        assertEquals("invalid input syntax for type integer: \"x\"", e.getMessage());
    }

    @Test
    void portalSuspendsAtMaxRows() throws Exception {
        f.backend.addActivity(1, "postgres", "postgres", "a", "idle", "q1");
        f.backend.addActivity(2, "postgres", "postgres", "b", "idle", "q2");
        f.backend.addActivity(3, "postgres", "postgres", "c", "active", "q3");
        Portal p = prepare("select pid from pg_stat_activity order by pid").bind(List.of(), new short[0], new short[0]);
        List<byte[][]> rows = new ArrayList<>();
        assertNull(p.execute(2, rows::add));
        assertEquals(2, rows.size());
        assertEquals("SELECT 3", p.execute(2, rows::add));
        assertEquals("3", new String(rows.get(2)[0], StandardCharsets.UTF_8));
    }

    @Test
    void columnTypmodsAndLengths() {
        var cols = prepare("select 1, 'a'::varchar(10), 1.5::numeric(10,2), 'x'::text, 1.5").resultColumns();
        assertEquals(4, cols.get(0).typlen());
        assertEquals(14, cols.get(1).typmod());
        assertEquals((10 << 16 | 2) + 4, cols.get(2).typmod());
        assertEquals(-1, cols.get(3).typlen());
        assertEquals(-1, cols.get(4).typmod());
    }
}
