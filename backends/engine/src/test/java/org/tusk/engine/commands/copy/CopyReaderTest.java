package org.tusk.engine.commands.copy;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The text format's records: fields, escapes and NULLs, and what a plain record costs. */
class CopyReaderTest {

    private static CopyReader reader(String data) {
        return new CopyReader(new ByteArrayInputStream(data.getBytes(StandardCharsets.UTF_8)),
                CopyOptions.parse(List.of(), true));
    }

    @Test
    void fieldsEscapesAndNullsRecordAfterRecord() {
        CopyReader r = reader("1\ta\\tb\t\\N\n2\t\\x41\\101\t\n3\tplain\tx\n\t\\\t\t\n");
        assertArrayEquals(new String[] {"1", "a\tb", null}, r.next());
        assertArrayEquals(new String[] {"2", "AA", ""}, r.next());
        assertArrayEquals(new String[] {"3", "plain", "x"}, r.next());
        assertArrayEquals(new String[] {"", "\t", ""}, r.next());
        assertNull(r.next());
    }

    @Test
    void aPlainRecordAllocatesLittleMoreThanItsStrings() {
        StringBuilder data = new StringBuilder();
        int rows = 20_000;
        for (int i = 0; i < rows; i++) {
            data.append(100_000 + i).append("\t1\t0\t\n");       // pgbench_accounts' rows
        }
        CopyReader r = reader(data.toString());
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        int read = 0;
        while (r.next() != null) {
            read++;
        }
        long perRecord = (threads.getCurrentThreadAllocatedBytes() - before) / rows;
        assertEquals(rows, read);
        // the line (32 bytes) and the aid's string (48): about 80; the one-character and empty
        // fields' strings were 120 more, a new fields array and toArray's empty one 50 more, a list,
        // a stream and their arrays 160 more
        assertTrue(perRecord < 120, "allocated " + perRecord + " bytes per record");
    }
}
