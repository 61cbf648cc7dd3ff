package org.tusk.protocol.internal.pqformat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.tusk.api.error.PgException;
import org.tusk.api.error.SqlState;

/** {@link PqMessage#getName}: the names getString would return, the same String for a name seen before. */
class RecentNamesTest {

    private static PqMessage message(byte[]... strings) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] s : strings) {
            body.writeBytes(s);
            body.write(0);
        }
        PqMessage m = new PqMessage();
        byte[] b = body.toByteArray();
        m.reset((byte) 'B', b, b.length);
        return m;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void repeatedNamesComeBackAsTheSameString() {
        RecentNames recent = new RecentNames();
        PqMessage first = message(utf8(""), utf8("P0_1"));
        assertEquals("", first.getName(recent));
        String name = first.getName(recent);
        assertEquals("P0_1", name);
        first.end();
        PqMessage again = message(utf8("P0_1"), utf8("P0_2"), utf8("stmt é"));
        assertSame(name, again.getName(recent));
        assertEquals("P0_2", again.getName(recent));
        assertEquals("stmt é", again.getName(recent));
        again.end();
    }

    @Test
    void manyNamesSharingSlotsStayCorrect() {
        RecentNames recent = new RecentNames();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 500; i++) {
                assertEquals("s" + i, message(utf8("s" + i)).getName(recent));
            }
        }
    }

    @Test
    void invalidUtf8AndMissingTerminatorAreRejectedAsByGetString() {
        RecentNames recent = new RecentNames();
        PgException bad = assertThrows(PgException.class,
                () -> message(new byte[] {'a', (byte) 0xc0, (byte) 0x80}).getName(recent));
        assertEquals("22021", bad.sqlState());   // character_not_in_repertoire, as getString
        PqMessage unterminated = new PqMessage();
        unterminated.reset((byte) 'B', new byte[] {'a', 'b'}, 2);
        PgException cut = assertThrows(PgException.class, () -> unterminated.getName(recent));
        assertEquals(SqlState.PROTOCOL_VIOLATION, cut.sqlState());
    }
}
