package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tusk.api.engine.EngineSession;
import org.tusk.api.engine.Portal;
import org.tusk.api.engine.PreparedStatement;
import org.tusk.api.engine.RawStatement;
import org.tusk.api.error.PgException;
import org.tusk.engine.access.TupleFormat;
import org.tusk.engine.catalog.CatalogAccess;
import org.tusk.engine.catalog.SystemCatalogs;
import org.tusk.engine.catalog.bootstrap.CatalogBootstrap;

/**
 * The engine on real storage (one in-process cluster, two backends on their
 * own slots): the catalogs are bootstrapped into heap relations at the first
 * connection and queried with SELECT; catalog changes are MVCC — invisible to
 * the other backend until commit, gone after ROLLBACK or ROLLBACK TO.
 */
@Timeout(60)
class CatalogOnStorageTest extends TwoSessionsOnStorage {

    /** Runs one Query message, returns result rows as "v1|v2" lines, or "E: sqlstate message". */
    static List<String> query(EngineSession s, String sql) {
        List<String> out = new ArrayList<>();
        try {
            for (RawStatement st : s.parse(sql)) {
                PreparedStatement ps = s.prepare(st, new int[0]);
                Portal portal = ps.bind(List.of(), new short[0], new short[0]);
                portal.execute(0, values -> {
                    List<String> vals = new ArrayList<>();
                    for (byte[] v : values) {
                        vals.add(v == null ? "\\N" : new String(v, StandardCharsets.UTF_8));
                    }
                    out.add(String.join("|", vals));
                });
            }
        } catch (PgException e) {
            out.add("E: " + e.sqlState() + " " + e.getMessage());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        s.sync();
        return out;
    }

    static void addSchema(EngineSession s, long oid, String name) {
        StorageSession ss = (StorageSession) s;
        CatalogAccess access = new CatalogAccess(ss.storage(), org.tusk.xact.IsolationLevel.READ_COMMITTED);
        SystemCatalogs.Catalog ns = SystemCatalogs.require(SystemCatalogs.PG_NAMESPACE);
        Object[] row = ns.newRow();
        row[ns.columnIndex("oid")] = oid;
        row[ns.columnIndex("nspname")] = name;
        row[ns.columnIndex("nspowner")] = 10L;
        access.insert(SystemCatalogs.PG_NAMESPACE, row);
        ss.storage().endStatement();   // as the portal does at the end of a DDL statement
    }

    @Test
    void catalogsAreBootstrappedAsHeapRelations() {
        assertEquals(List.of("pg_class|0|r|33"), query(a,
                "SELECT relname, relfilenode, relkind, relnatts FROM pg_class WHERE relname = 'pg_class'"));
        assertEquals(List.of("int4|23|4"), query(b, "SELECT typname, oid, typlen FROM pg_type WHERE oid = 23"));
        assertEquals(List.of("pg_database|t"), query(a,
                "SELECT relname, relisshared FROM pg_catalog.pg_class WHERE oid = 1262"));
        assertEquals(List.of("postgres", "template0", "template1"), query(a,
                "SELECT datname FROM pg_database ORDER BY datname"));
        assertEquals(List.of("postgres|t"), query(b, "SELECT rolname, rolsuper FROM pg_authid WHERE rolname !~ '^pg_'"));
        assertTrue(Files.exists(cluster.data().resolve("base/5/1259")), "pg_class's file");
        assertTrue(Files.exists(cluster.data().resolve("global/1262")), "pg_database's file, shared");
        assertEquals(List.of("E: 42P01 relation \"no_such_table\" does not exist"),
                query(a, "SELECT * FROM no_such_table"));
    }

    @Test
    void inListConstantsTakeTheCommonTypeWithTheLeftSide() {
        // transformAExprIn: the literals are read as regclass, not as oid (create_misc.sql; PostgreSQL 15 agrees)
        assertEquals(List.of("pg_class", "pg_type"), query(a, "SELECT relname FROM pg_class"
                + " WHERE oid::regclass IN ('pg_class', 'pg_type') ORDER BY 1"));
        assertEquals(List.of("t|t"), query(a, "SELECT 2 IN (1, 2.0), 3 NOT IN (1, 3.5)"));
        assertEquals(List.of("E: 42P01 relation \"nosuch\" does not exist"),
                query(a, "SELECT 1 WHERE 'pg_class'::regclass IN ('pg_type', 'nosuch')"));
    }

    @Test
    void catalogChangesAreTransactional() {
        query(a, "BEGIN");
        addSchema(a, 90001, "s_committed");
        // our own change is visible to our next statement, not to the other backend
        assertEquals(List.of("s_committed"), query(a, "SELECT nspname FROM pg_namespace WHERE oid = 90001"));
        assertEquals(List.of(), query(b, "SELECT nspname FROM pg_namespace WHERE oid = 90001"));
        query(a, "COMMIT");
        assertEquals(List.of("s_committed"), query(b, "SELECT nspname FROM pg_namespace WHERE oid = 90001"));

        query(a, "BEGIN");
        addSchema(a, 90002, "s_rolled_back");
        query(a, "ROLLBACK");
        assertEquals(List.of(), query(a, "SELECT nspname FROM pg_namespace WHERE oid = 90002"));
        assertEquals(List.of(), query(b, "SELECT nspname FROM pg_namespace WHERE oid = 90002"));
    }

    @Test
    void rollbackToSavepointUndoesOnlyTheSubtransaction() {
        query(a, "BEGIN");
        addSchema(a, 90011, "s_outer");
        query(a, "SAVEPOINT sp");
        addSchema(a, 90012, "s_inner");
        assertEquals(List.of("s_inner", "s_outer"),
                query(a, "SELECT nspname FROM pg_namespace WHERE oid > 90010 ORDER BY nspname"));
        query(a, "ROLLBACK TO sp");
        assertEquals(List.of("s_outer"), query(a, "SELECT nspname FROM pg_namespace WHERE oid > 90010"));
        query(a, "COMMIT");
        assertEquals(List.of("s_outer"), query(b, "SELECT nspname FROM pg_namespace WHERE oid > 90010"));
    }

    @Test
    void repeatableReadKeepsItsSnapshotReadCommittedDoesNot() {
        query(b, "BEGIN ISOLATION LEVEL REPEATABLE READ");
        assertEquals(List.of(), query(b, "SELECT nspname FROM pg_namespace WHERE oid = 90021"));
        query(a, "BEGIN");
        addSchema(a, 90021, "s_rr");
        query(a, "COMMIT");
        assertEquals(List.of(), query(b, "SELECT nspname FROM pg_namespace WHERE oid = 90021"));
        assertEquals(List.of("E: 25001 SET TRANSACTION ISOLATION LEVEL must be called before any query"),
                query(b, "SET TRANSACTION ISOLATION LEVEL READ COMMITTED"));
        query(b, "ROLLBACK");
        query(b, "BEGIN");
        assertEquals(List.of("s_rr"), query(b, "SELECT nspname FROM pg_namespace WHERE oid = 90021"));
        query(b, "COMMIT");
    }

    @Test
    void tupleFormatRoundTrip() {
        Object[] row = {true, (short) -2, 7, 1L << 40, 1.5f, -2.25d, new BigDecimal("-12345678901234567890.0042"),
            null, "héllo", new byte[] {1, 2, 3}, new Object[] {1L, null, "x"}, "x".repeat(300)};
        Object[] back = TupleFormat.deform(TupleFormat.form(row), row.length + 2);
        for (int i = 0; i < row.length; i++) {
            if (row[i] instanceof byte[] bytes) {
                assertArrayEquals(bytes, (byte[]) back[i]);
            } else if (row[i] instanceof Object[] arr) {
                assertArrayEquals(arr, (Object[]) back[i]);
            } else {
                assertEquals(row[i], back[i], "attribute " + i);
            }
        }
        assertEquals(null, back[row.length], "a column added later reads as NULL");
        assertEquals(0, CatalogBootstrap.defaultValue(new SystemCatalogs.Column(1, "x", 23, 4, true, 'i', 'p', true, 0)));
    }
}
