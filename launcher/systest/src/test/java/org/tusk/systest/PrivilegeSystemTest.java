package org.tusk.systest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Privileges end to end with the real postmaster and psql: the superuser (trust
 * over the socket) creates a role with a password and a table; the role logs in
 * over TCP with SCRAM-SHA-256 and is refused SELECT until GRANT SELECT, and
 * again after REVOKE, with PostgreSQL 15's error text.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrivilegeSystemTest {
    @TempDir
    static Path root;
    TuskCluster cluster;

    @BeforeAll
    void startCluster() throws Exception {
        cluster = TuskCluster.startWithScram(root);
    }

    @AfterAll
    void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** psql as the superuser over the socket (trust). */
    TuskCluster.Result admin(String sql) throws Exception {
        return TuskCluster.run(List.of(Clients.require("psql"), "-X", "-h", cluster.socketDir.toString(), "-p",
                Integer.toString(cluster.port), "-U", cluster.user, "-d", "postgres", "-Atc", sql), 60);
    }

    /** psql as alice over TCP with her password (SCRAM-SHA-256). */
    TuskCluster.Result alice(String sql) throws Exception {
        return TuskCluster.run(List.of(Clients.require("psql"), "-X", "-w", "-h", "127.0.0.1", "-p",
                Integer.toString(cluster.port), "-U", "alice", "-d", "postgres", "-Atc", sql),
                Map.of("PGPASSWORD", "pencil"), 60);
    }

    @Test
    void selectNeedsTheGrant() throws Exception {
        assertEquals(0, admin("CREATE ROLE alice LOGIN PASSWORD 'pencil'").status());
        assertEquals(0, admin("CREATE TABLE t (a int)").status());
        assertEquals(0, admin("INSERT INTO t SELECT 1").status());

        TuskCluster.Result denied = alice("SELECT * FROM t");
        assertEquals(1, denied.status(), denied.output());
        assertTrue(denied.output().contains("ERROR:  permission denied for table t"), denied.output());

        assertEquals(0, admin("GRANT SELECT ON t TO alice").status());
        assertEquals("{" + cluster.user + "=arwdDxt/" + cluster.user + ",alice=r/" + cluster.user + "}",
                admin("SELECT relacl FROM pg_class WHERE relname = 't'").output().strip());
        TuskCluster.Result allowed = alice("SELECT * FROM t");
        assertEquals(0, allowed.status(), allowed.output());
        assertEquals("1", allowed.output().strip());

        assertEquals(0, admin("REVOKE SELECT ON t FROM alice").status());
        TuskCluster.Result again = alice("SELECT * FROM t");
        assertEquals(1, again.status(), again.output());
        assertTrue(again.output().contains("ERROR:  permission denied for table t"), again.output());
    }
}
