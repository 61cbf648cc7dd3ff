package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.engine.storage.CatalogOnStorageTest.query;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.api.engine.EngineSession;
import org.tusk.engine.FakeBackend;
import org.tusk.engine.FakeHost;

/**
 * pg_authid, pg_auth_members, pg_roles and pg_user show the role store's roles (catalog.RoleCatalogRows),
 * psql's \du query gives PostgreSQL's rows, role commands are undone by ROLLBACK and ROLLBACK TO, and
 * pg_authid is the superuser's only. Expected rows were recorded from PostgreSQL 15.
 */
@Timeout(90)
class RoleCatalogsOnStorageTest {

    @TempDir
    static Path dir;

    static StorageCluster cluster;
    static StorageCluster.Backend backend;
    static EngineSession admin;

    /** psql 15's \du+ query, restricted to this test's roles. */
    static final String DU = """
            SELECT r.rolname, r.rolsuper, r.rolinherit,
              r.rolcreaterole, r.rolcreatedb, r.rolcanlogin,
              r.rolconnlimit, r.rolvaliduntil,
              ARRAY(SELECT b.rolname
                    FROM pg_catalog.pg_auth_members m
                    JOIN pg_catalog.pg_roles b ON (m.roleid = b.oid)
                    WHERE m.member = r.oid) as memberof
            , r.rolreplication
            , r.rolbypassrls
            , pg_catalog.shobj_description(r.oid, 'pg_authid') AS description
            FROM pg_catalog.pg_roles r
            WHERE r.rolname !~ '^pg_' AND r.rolname ~ '^(r_|postgres)'
            ORDER BY 1""";

    @BeforeAll
    static void start() throws Exception {
        cluster = new StorageCluster(dir);
        backend = cluster.backend(0);
        admin = backend.connect("postgres");
        for (String sql : List.of("SET timezone = 'UTC'", "create role r_login login", "create role r_super superuser",
                "create role r_cdb createdb createrole", "create role r_conn login connection limit 5",
                "create role r_valid login valid until '2030-01-01 00:00:00+00'", "create role r_grp nologin",
                "create role r_nh noinherit replication bypassrls", "grant r_grp to r_login",
                "grant r_grp to r_conn with admin option")) {
            assertEquals(List.of(), query(admin, sql), sql);
        }
    }

    @AfterAll
    static void stop() {
        admin.close();
        cluster.close();
    }

    @Test
    void psqlDuShowsEveryRoleWithItsAttributesAndMemberships() {
        assertEquals(List.of(
                "postgres|t|t|t|t|t|-1|\\N|{}|t|t|\\N",
                "r_cdb|f|t|t|t|f|-1|\\N|{}|f|f|\\N",
                "r_conn|f|t|f|f|t|5|\\N|{r_grp}|f|f|\\N",
                "r_grp|f|t|f|f|f|-1|\\N|{}|f|f|\\N",
                "r_login|f|t|f|f|t|-1|\\N|{r_grp}|f|f|\\N",
                "r_nh|f|f|f|f|f|-1|\\N|{}|t|t|\\N",
                "r_super|t|t|f|f|f|-1|\\N|{}|f|f|\\N",
                "r_valid|f|t|f|f|t|-1|2030-01-01 00:00:00+00|{}|f|f|\\N"), query(admin, DU));
    }

    @Test
    void pgAuthidHasThePredefinedRolesAndPgAuthMembersTheirMemberships() {
        assertEquals(List.of("t|postgres", "t|pg_database_owner", "t|pg_read_all_data", "t|pg_write_all_data",
                "t|pg_monitor", "t|pg_read_all_settings", "t|pg_read_all_stats", "t|pg_stat_scan_tables",
                "t|pg_read_server_files", "t|pg_write_server_files", "t|pg_execute_server_program",
                "t|pg_signal_backend", "t|pg_checkpoint", "f|r_login", "f|r_super", "f|r_cdb", "f|r_conn", "f|r_valid",
                "f|r_grp", "f|r_nh"), query(admin, "select oid < 16384, rolname from pg_authid where oid < 16384 or rolname ~ '^r_'"));
        assertEquals(List.of("pg_read_all_settings|pg_monitor|postgres|f", "pg_read_all_stats|pg_monitor|postgres|f",
                "pg_stat_scan_tables|pg_monitor|postgres|f", "r_grp|r_conn|postgres|t", "r_grp|r_login|postgres|f"),
                query(admin, "select r.rolname, m.rolname, g.rolname, admin_option from pg_auth_members a"
                        + " join pg_authid r on r.oid=a.roleid join pg_authid m on m.oid=a.member"
                        + " join pg_authid g on g.oid = a.grantor where r.rolname !~ '^tx' order by 1,2"));
        assertEquals(List.of("r_conn|f|f|f|f|********|\\N|\\N", "r_login|f|f|f|f|********|\\N|\\N",
                "r_valid|f|f|f|f|********|2030-01-01 00:00:00+00|\\N"),
                query(admin, "select usename, usecreatedb, usesuper, userepl, usebypassrls, passwd, valuntil, useconfig"
                        + " from pg_user where usename like 'r\\_%' order by 1"));
    }

    @Test
    void passwordsAreInPgAuthidForTheSuperuserOnly() {
        query(admin, "create role r_pw login password 'secret'");
        try {
            assertEquals(List.of("r_pw|t|********"), query(admin, "select a.rolname, a.rolpassword like 'SCRAM-SHA-256$%',"
                    + " r.rolpassword from pg_authid a join pg_roles r using (oid) where a.rolname = 'r_pw'"));
            EngineSession pw = backend.engine.openSession(new FakeHost(new FakeBackend(cluster.data())), "r_pw",
                    "postgres", Map.of());
            try {
                assertEquals(List.of("E: 42501 permission denied for table pg_authid"),
                        query(pw, "select rolname from pg_authid"));
                assertEquals(List.of("r_pw|********"), query(pw, "select rolname, rolpassword from pg_roles where rolname = current_user"));
            } finally {
                pw.close();
            }
        } finally {
            query(admin, "drop role r_pw");
        }
    }

    @Test
    void roleCommandsAreUndoneByRollbackAndRollbackToSavepoint() {
        assertEquals(List.of(), query(admin, "begin"));
        query(admin, "create role tx1");
        query(admin, "savepoint s");
        query(admin, "create role tx2");
        query(admin, "grant r_grp to tx2");
        query(admin, "rollback to s");
        query(admin, "create role tx3");
        assertEquals(List.of("tx1", "tx3"), query(admin, "select rolname from pg_roles where rolname like 'tx%' order by 1"));
        query(admin, "rollback");
        assertEquals(List.of(), query(admin, "select rolname from pg_roles where rolname like 'tx%' order by 1"));

        query(admin, "begin");
        query(admin, "drop role r_conn");
        query(admin, "alter role r_login createdb");
        query(admin, "revoke r_grp from r_login");
        query(admin, "rollback");
        assertEquals(List.of("r_conn|f|t|f|f|t|5|\\N|{r_grp}|f|f|\\N", "r_login|f|t|f|f|t|-1|\\N|{r_grp}|f|f|\\N"),
                query(admin, DU.replace("'^(r_|postgres)'", "'^r_(conn|login)'")));
        assertEquals(List.of("t"), query(admin, "select admin_option from pg_auth_members m join pg_roles r on r.oid = m.member"
                + " where r.rolname = 'r_conn'"));

        query(admin, "begin");
        query(admin, "create role tx4");
        query(admin, "commit");
        assertEquals(List.of("tx4"), query(admin, "select rolname from pg_roles where rolname like 'tx%'"));
        query(admin, "drop role tx4");
    }
}
