package org.tusk.engine.catalog.sysviews;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.engine.types.ArrayValue;

/**
 * How pg_file_settings reads configuration lines and pg_hba_file_rules reads authentication rules,
 * with PostgreSQL 15's results for the same lines (recorded from the reference server's views).
 */
class ServerFileViewsTest {

    @Test
    void configurationLinesAsGucFileReadsThem() {
        assertNull(PgFileSettings.ConfigLine.parse("   # a comment"));
        assertNull(PgFileSettings.ConfigLine.parse(""));
        assertEquals(new PgFileSettings.ConfigLine("shared_buffers", "128MB", null),
                PgFileSettings.ConfigLine.parse("Shared_Buffers = 128MB   # min 128kB"));
        assertEquals(new PgFileSettings.ConfigLine("datestyle", "iso, mdy", null),
                PgFileSettings.ConfigLine.parse("datestyle = 'iso, mdy'"));
        assertEquals(new PgFileSettings.ConfigLine("search_path", "it's \"$user\"", null),
                PgFileSettings.ConfigLine.parse("search_path 'it''s \"$user\"'"));
        assertEquals(new PgFileSettings.ConfigLine(null, null, "syntax error"),
                PgFileSettings.ConfigLine.parse("work_mem = 'unterminated"));
        assertEquals(new PgFileSettings.ConfigLine(null, null, "syntax error"),
                PgFileSettings.ConfigLine.parse("work_mem = 4MB extra"));
    }

    @Test
    void hbaRulesAsPostgresShowsThem() {
        assertEquals("89|local|{all}|{all}|\\N|\\N|trust|\\N|\\N",
                row(89, "local   all             all                                     trust"));
        assertEquals("91|host|{all}|{all}|127.0.0.1|255.255.255.255|trust|\\N|\\N",
                row(91, "host    all             all             127.0.0.1/32            trust"));
        assertEquals("93|host|{all}|{all}|::1|ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff|trust|\\N|\\N",
                row(93, "host    all             all             ::1/128                 trust"));
        assertEquals("5|hostssl|{db1,db2}|{alice}|10.0.0.0|255.255.0.0|scram-sha-256|{clientcert=verify-ca}|\\N",
                row(5, "hostssl db1,db2 alice 10.0.0.0 255.255.0.0 scram-sha-256 clientcert=verify-ca # x"));
        assertEquals("6|host|{replication}|{all}|samenet|\\N|md5|\\N|\\N", row(6, "host replication all samenet md5"));
        assertEquals("7|\\N|\\N|\\N|\\N|\\N|\\N|\\N|invalid connection type \"hots\"", row(7, "hots all all trust"));
        assertEquals("fe80::1:0:0:2", PgHbaFileRules.text(address("fe80:0:0:0:1:0:0:2")));
        assertEquals("ffff:ffff:ffff:ffff::", PgHbaFileRules.text(address("ffff:ffff:ffff:ffff::")));
    }

    private static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static String row(int line, String text) {
        List<String> out = new ArrayList<>();
        for (Object v : PgHbaFileRules.rule(line, PgHbaFileRules.fields(text))) {
            out.add(v == null ? "\\N" : v instanceof ArrayValue a ? arrayText(a) : v.toString());
        }
        return String.join("|", out);
    }

    private static String arrayText(ArrayValue a) {
        List<String> items = new ArrayList<>();
        for (Object e : a.elements()) {
            items.add(String.valueOf(e));
        }
        return "{" + String.join(",", items) + "}";
    }
}
