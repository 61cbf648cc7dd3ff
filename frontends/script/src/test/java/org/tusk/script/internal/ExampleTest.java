package org.tusk.script.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** examples/load-and-report.groovy against the real PostgreSQL. */
class ExampleTest extends ScriptTestSupport {
    static final Path EXAMPLES = Path.of("../../examples").toAbsolutePath().normalize();

    @Test
    void loadAndReport() throws Exception {
        Path script = EXAMPLES.resolve("load-and-report.groovy");
        Run r = script(script);
        assertEquals(0, r.status(), r.err());
        assertEquals("""
                loaded 10 rows from sales.csv into sales

                region    sales  units    revenue
                ---------------------------------
                West          2     14     228.00
                South         3      6     128.99
                North         3     17      77.48
                East          2     10      77.47
                ---------------------------------
                total        10     47     511.94
                top product in January: Widget (38 units)
                """, r.out());
        // the first run on a fresh database gets DROP TABLE IF EXISTS's notice
        assertTrue(r.err().isEmpty() || r.err().equals("NOTICE:  table \"sales\" does not exist, skipping\n"), r.err());
        // a second run replaces the table; a custom table name and a missing file
        assertEquals(0, script(script, EXAMPLES.resolve("sales.csv").toString(), "sales copy").status());
        Run missing = script(script, "/nonexistent.csv");
        assertEquals(64, missing.status());
        assertEquals("no such file: /nonexistent.csv\n", missing.err());
    }
}
