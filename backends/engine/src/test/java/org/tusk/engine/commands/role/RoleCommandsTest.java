package org.tusk.engine.commands.role;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.api.auth.FileRoleStore;
import org.tusk.api.auth.RoleRecord;
import org.tusk.api.auth.ScramSecret;
import org.tusk.api.error.PgException;
import org.tusk.engine.acl.RoleGraph;

/** Role commands against the file store; messages and SQLSTATEs recorded from PostgreSQL 15 (\set VERBOSITY verbose). */
class RoleCommandsTest {
    @TempDir
    Path data;
    FileRoleStore store;
    final List<String> notices = new ArrayList<>();

    @BeforeEach
    void cluster() throws Exception {
        Files.createDirectories(data.resolve("global"));
        // what initdb writes
        Files.writeString(data.resolve("global/pg_authid"), "10 postgres t\n");
        store = new FileRoleStore(data);
    }

    RoleCommands as(String user) {
        long oid = store.byName(user).oid();
        return new RoleCommands(store, oid, oid, "scram-sha-256", n -> notices.add(n.severity() + " " + n.sqlState() + " "
                + n.getMessage()), RoleDependencies.NONE);
    }

    static String error(Runnable r) {
        PgException e = assertThrows(PgException.class, r::run);
        return e.sqlState() + " " + e.getMessage();
    }

    @Test
    void createRoleAndUserWithOptions() {
        RoleCommands su = as("postgres");
        long alice = su.createRole(RoleCommands.Kind.USER, "alice", RoleOptions.builder().password("pencil")
                .createDb(true).connectionLimit(5).build());
        RoleRecord a = store.byName("alice");
        assertEquals(16384, alice);
        assertTrue(a.canLogin(), "CREATE USER means LOGIN");
        assertTrue(a.createDb());
        assertTrue(a.inherit());
        assertEquals(5, a.connectionLimit());
        assertTrue(ScramSecret.parse(a.password()).matches("pencil"));
        su.createRole(RoleCommands.Kind.ROLE, "r", RoleOptions.NONE);
        assertFalse(store.byName("r").canLogin(), "CREATE ROLE means NOLOGIN");
        assertEquals("postgres", store.roles().get(0).name(), "the bootstrap superuser stays first");

        // SET password_encryption = 'md5': the hash PostgreSQL stores
        new RoleCommands(store, 10, 10, "md5", null, RoleDependencies.NONE).createRole(RoleCommands.Kind.ROLE,
                "auth_md5_probe", RoleOptions.builder().password("secret").build());
        assertEquals("md56b483a904ce3eda6a7d01cea7faa6cb5", store.byName("auth_md5_probe").password());

        su.createRole(RoleCommands.Kind.ROLE, "ep", RoleOptions.builder().password("").build());
        assertNull(store.byName("ep").password());
        assertEquals(List.of("NOTICE 00000 empty string is not a valid password, clearing password"), notices);

        assertEquals("42939 role name \"pg_foo\" is reserved", error(() -> su.createRole(RoleCommands.Kind.ROLE, "pg_foo", RoleOptions.NONE)));
        assertEquals("42710 role \"r\" already exists", error(() -> su.createRole(RoleCommands.Kind.ROLE, "r", RoleOptions.NONE)));
        assertEquals("22023 invalid connection limit: -2", error(() -> su.createRole(RoleCommands.Kind.ROLE, "lim",
                RoleOptions.builder().connectionLimit(-2).build())));
    }

    @Test
    void permissions() {
        RoleCommands su = as("postgres");
        su.createRole(RoleCommands.Kind.ROLE, "cr", RoleOptions.builder().createRole(true).build());
        su.createRole(RoleCommands.Kind.ROLE, "r1", RoleOptions.NONE);
        su.createRole(RoleCommands.Kind.ROLE, "r2", RoleOptions.NONE);
        RoleCommands cr = as("cr");
        assertEquals("42501 must be superuser to create superusers",
                error(() -> cr.createRole(RoleCommands.Kind.ROLE, "s", RoleOptions.builder().superuser(true).build())));
        cr.createRole(RoleCommands.Kind.ROLE, "x", RoleOptions.NONE);
        assertEquals("42501 must be superuser to alter superuser roles or change superuser attribute",
                error(() -> cr.alterRole("x", RoleOptions.builder().superuser(true).build())));
        assertEquals("42501 must be superuser to alter superuser roles or change superuser attribute",
                error(() -> cr.alterRole("postgres", RoleOptions.builder().password("x").build())));
        cr.dropRoles(List.of("x"), false);

        RoleCommands r1 = as("r1");
        assertEquals("42501 permission denied to create role", error(() -> r1.createRole(RoleCommands.Kind.ROLE, "y", RoleOptions.NONE)));
        assertEquals("42501 permission denied", error(() -> r1.alterRole("r2", RoleOptions.builder().login(true).build())));
        r1.alterRole("r1", RoleOptions.builder().password("abc").build());
        assertTrue(ScramSecret.parse(store.byName("r1").password()).matches("abc"), "a role may change its own password");
        assertEquals("42501 permission denied to drop role", error(() -> r1.dropRoles(List.of("r2"), false)));
        assertEquals("42501 must have admin option on role \"r2\"", error(() -> r1.grantRoles(List.of("r2"), List.of("r1"), false)));
    }

    @Test
    void membershipGrantsAndRevokes() {
        RoleCommands su = as("postgres");
        su.createRole(RoleCommands.Kind.ROLE, "r1", RoleOptions.NONE);
        su.createRole(RoleCommands.Kind.ROLE, "r2", RoleOptions.NONE);
        assertEquals("0LP01 role \"r1\" is a member of role \"r1\"", error(() -> su.grantRoles(List.of("r1"), List.of("r1"), false)));
        su.grantRoles(List.of("r1"), List.of("r2"), false);
        assertEquals("0LP01 role \"r2\" is a member of role \"r1\"", error(() -> su.grantRoles(List.of("r2"), List.of("r1"), false)));
        su.grantRoles(List.of("r1"), List.of("r2"), false);
        assertEquals(List.of("NOTICE 00000 role \"r2\" is already a member of role \"r1\""), notices);
        notices.clear();
        su.revokeRoles(List.of("r2"), List.of("r1"), false);
        assertEquals(List.of("WARNING 01000 role \"r1\" is not a member of role \"r2\""), notices);

        long r1 = store.byName("r1").oid(), r2 = store.byName("r2").oid();
        assertTrue(RoleGraph.of(store).hasPrivsOfRole(r2, r1));
        // WITH ADMIN OPTION lets r2 manage r1's members without CREATEROLE
        su.grantRoles(List.of("r1"), List.of("r2"), true);
        su.createRole(RoleCommands.Kind.ROLE, "r3", RoleOptions.builder().inRoles(List.of("r2")).build());
        as("r2").grantRoles(List.of("r1"), List.of("r3"), false);
        assertTrue(RoleGraph.of(store).isMemberOfRole(store.byName("r3").oid(), r1));
        su.revokeRoles(List.of("r1"), List.of("r2"), true);
        assertFalse(RoleGraph.of(store).isAdminOfRole(r2, r1));
        assertTrue(RoleGraph.of(store).isMemberOfRole(r2, r1), "REVOKE ADMIN OPTION FOR keeps the membership");
        su.revokeRoles(List.of("r1"), List.of("r2"), false);
        assertFalse(RoleGraph.of(store).isMemberOfRole(r2, r1));
    }

    @Test
    void dropRole() {
        RoleCommands su = as("postgres");
        su.createRole(RoleCommands.Kind.ROLE, "r1", RoleOptions.NONE);
        su.createRole(RoleCommands.Kind.ROLE, "g", RoleOptions.builder().roleMembers(List.of("r1")).build());
        assertEquals(1, store.memberships().size());
        assertEquals("42704 role \"nobody\" does not exist", error(() -> su.dropRoles(List.of("nobody"), false)));
        su.dropRoles(List.of("nobody"), true);
        assertEquals(List.of("NOTICE 00000 role \"nobody\" does not exist, skipping"), notices);
        assertEquals("55006 current user cannot be dropped", error(() -> su.dropRoles(List.of("postgres"), false)));
        su.dropRoles(List.of("g", "r1"), false);
        assertTrue(store.memberships().isEmpty(), "memberships go with the role");
        assertEquals(1, store.roles().size());
        RoleDependencies owns = (oid, name) -> {
            throw PgException.error("2BP01", "role \"" + name + "\" cannot be dropped because some objects depend on it");
        };
        su.createRole(RoleCommands.Kind.ROLE, "owner", RoleOptions.NONE);
        assertEquals("2BP01 role \"owner\" cannot be dropped because some objects depend on it",
                error(() -> new RoleCommands(store, 10, 10, null, null, owns).dropRoles(List.of("owner"), false)));
    }

    @Test
    void renameClearsAnMd5Password() {
        RoleCommands su = new RoleCommands(store, 10, 10, "md5", n -> notices.add(n.getMessage()), RoleDependencies.NONE);
        su.createRole(RoleCommands.Kind.USER, "old name", RoleOptions.builder().password("pw").build());
        su.renameRole("old name", "new");
        assertNull(store.byName("new").password());
        assertEquals(List.of("MD5 password cleared because of role rename"), notices);
        assertEquals("new", FileRoleStore.parseRole(FileRoleStore.formatRole(store.byName("new"))).name());
        assertEquals("old name", FileRoleStore.parseRole(FileRoleStore.formatRole(store.byName("new").withName("old name"))).name());
    }
}
