package org.tusk.libpq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnInfoTest {

    @Test
    void keywordValueWithQuotingAndSpacesAroundEquals() {
        ConnInfo ci = ConnInfo.parse("host=/tmp port = 5433 dbname='my db' user=me password='it\\'s' application_name=x");
        assertEquals("/tmp", ci.get("host"));
        assertEquals("5433", ci.get("port"));
        assertEquals("my db", ci.get("dbname"));
        assertEquals("it's", ci.get("password"));
        assertEquals("x", ci.get("application_name"));
    }

    @Test
    void uriWithEverything() {
        ConnInfo ci = ConnInfo.parse("postgresql://alice:p%40ss@db.example.com:6543/sales?application_name=x&connect_timeout=5");
        assertEquals("alice", ci.get("user"));
        assertEquals("p@ss", ci.get("password"));
        assertEquals("db.example.com", ci.get("host"));
        assertEquals("6543", ci.get("port"));
        assertEquals("sales", ci.get("dbname"));
        assertEquals("x", ci.get("application_name"));
        assertEquals("5", ci.get("connect_timeout"));
    }

    @Test
    void uriWithSocketDirectoryIpv6AndMultipleHosts() {
        assertEquals("/var/run/pg", ConnInfo.parse("postgresql://%2Fvar%2Frun%2Fpg/db").get("host"));
        assertEquals("/sock", ConnInfo.parse("postgres:///db?host=/sock").get("host"));
        ConnInfo v6 = ConnInfo.parse("postgresql://[::1]:5434/x");
        assertEquals("::1", v6.get("host"));
        assertEquals("5434", v6.get("port"));
        ConnInfo multi = ConnInfo.parse("postgresql://h1:1,h2:2/x");
        assertEquals("h1,h2", multi.get("host"));
        assertEquals("1,2", multi.get("port"));
        assertNull(ConnInfo.parse("postgresql://").get("host"));
    }

    @Test
    void badInputGivesLibpqMessages() {
        PgError e = assertThrows(PgError.class, () -> ConnInfo.parse("hots=x"));
        assertEquals("invalid connection option \"hots\"", e.getMessage());
        e = assertThrows(PgError.class, () -> ConnInfo.parse("host"));
        assertEquals("missing \"=\" after \"host\" in connection info string", e.getMessage());
        e = assertThrows(PgError.class, () -> ConnInfo.parse("host='x"));
        assertEquals("unterminated quoted string in connection info string", e.getMessage());
        e = assertThrows(PgError.class, () -> ConnInfo.parse("postgresql://h/d?nope=1"));
        assertEquals("invalid URI query parameter: \"nope\"", e.getMessage());
        assertEquals("08001", e.sqlState());
    }

    @Test
    void defaultsComeFromEnvironmentThenBuiltIns() {
        ConnInfo d = ConnInfo.parse("port=7").withDefaults(Map.of("PGPORT", "9", "PGHOST", "h", "PGAPPNAME", "app"), "osuser");
        assertEquals("7", d.get("port"), "explicit beats environment");
        assertEquals("h", d.get("host"));
        assertEquals("app", d.get("application_name"));
        assertEquals("osuser", d.get("user"));
        assertEquals("osuser", d.get("dbname"), "dbname defaults to the user");
        ConnInfo bare = ConnInfo.parse("").withDefaults(Map.of("PGUSER", "u"), "osuser");
        assertEquals(ConnInfo.DEFAULT_SOCKET_DIR, bare.get("host"));
        assertEquals("5432", bare.get("port"));
        assertEquals("u", bare.get("dbname"));
    }

    @Test
    void serviceFileFillsMissingParameters(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("svc.conf");
        Files.writeString(f, "# c\n[other]\nport=1\n[mysvc]\nhost=svchost\nport=4444\ndbname=svcdb\n");
        ConnInfo d = ConnInfo.parse("service=mysvc dbname=mine").withDefaults(Map.of("PGSERVICEFILE", f.toString()), "u");
        assertEquals("svchost", d.get("host"));
        assertEquals("4444", d.get("port"));
        assertEquals("mine", d.get("dbname"));
        PgError e = assertThrows(PgError.class,
                () -> ConnInfo.parse("service=none").withDefaults(Map.of("PGSERVICEFILE", f.toString()), "u"));
        assertEquals("definition of service \"none\" not found", e.getMessage());
    }

    @Test
    void toStringHidesPassword() {
        String s = ConnInfo.parse("user=a password=secret").toString();
        assertTrue(s.contains("********") && !s.contains("secret"), s);
    }
}
