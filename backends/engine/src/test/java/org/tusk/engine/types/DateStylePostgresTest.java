package org.tusk.engine.types;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.ZoneId;

import org.junit.jupiter.api.Test;

/** DateStyle Postgres output (pg_regress's setting), expected texts recorded from PostgreSQL 15. */
class DateStylePostgresTest {

    private static final TypeContext PST_MDY = new TypeContext(ZoneId.of("PST8PDT"), 1, 0L, false, "postgres", "Postgres, MDY");
    private static final TypeContext DMY = new TypeContext(ZoneId.of("PST8PDT"), 1, 0L, false, "postgres", "Postgres, DMY");

    private static Object in(PgType t, String s, TypeContext ctx) {
        return TextFormat.input(t, -1, s, ctx);
    }

    @Test
    void mdyOutputs() {
        assertEquals("01-17-2000", TextFormat.output(PgType.DATE, in(PgType.DATE, "2000-01-17", PST_MDY), PST_MDY));
        assertEquals("Fri Jan 07 10:00:00.5 2000", TextFormat.output(PgType.TIMESTAMP,
                in(PgType.TIMESTAMP, "2000-01-07 10:00:00.5", PST_MDY), PST_MDY));
        assertEquals("Mon Jul 17 10:00:00 2000 PDT", TextFormat.output(PgType.TIMESTAMPTZ,
                in(PgType.TIMESTAMPTZ, "2000-07-17 10:00", PST_MDY), PST_MDY));
        assertEquals("infinity", TextFormat.output(PgType.TIMESTAMP, Long.MAX_VALUE, PST_MDY));
        assertEquals("03-15-0044 BC", TextFormat.output(PgType.DATE, in(PgType.DATE, "0044-03-15 BC", PST_MDY), PST_MDY));
    }

    @Test
    void dmyAndZones() {
        assertEquals("17-01-2000", TextFormat.output(PgType.DATE, in(PgType.DATE, "2000-01-17", DMY), DMY));
        assertEquals("Fri 07 Jan 10:00:00.5 2000", TextFormat.output(PgType.TIMESTAMP,
                in(PgType.TIMESTAMP, "2000-01-07 10:00:00.5", DMY), DMY));
        TypeContext kolkata = new TypeContext(ZoneId.of("Asia/Kolkata"), 1, 0L, false, "postgres", "Postgres, MDY");
        assertEquals("Mon Jul 17 10:00:00 2000 IST", TextFormat.output(PgType.TIMESTAMPTZ,
                in(PgType.TIMESTAMPTZ, "2000-07-17 10:00", kolkata), kolkata));
    }
}
