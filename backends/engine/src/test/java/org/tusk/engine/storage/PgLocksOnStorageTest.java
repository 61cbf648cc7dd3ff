package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tusk.engine.storage.CatalogOnStorageTest.query;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * pg_locks (catalog.PgLocks) from the lock manager's shared state: LOCK TABLE's lock held by one
 * session, the other session's request waiting behind it (granted false, waitstart set), fast-path
 * AccessShareLocks, and transaction-id locks; NOWAIT fails with 55P03 as in PostgreSQL 15.
 */
@Timeout(90)
class PgLocksOnStorageTest extends TwoSessionsOnStorage {

    @Test
    void aWaitingSessionShowsUpNotGranted() throws Exception {
        query(a, "create table lk (x int)");
        assertEquals(List.of(), query(a, "begin"));
        assertEquals(List.of(), query(a, "lock table lk in access exclusive mode"));
        assertEquals(List.of("relation|lk|AccessExclusiveLock|t|f|f"), query(a,
                "select locktype, relation::regclass, mode, granted, fastpath, waitstart is not null from pg_locks"
                        + " where relation = 'lk'::regclass"));
        CompletableFuture<List<String>> waiter = CompletableFuture.supplyAsync(() -> query(b, "select count(*) from lk"));
        List<String> rows = List.of();
        for (int i = 0; i < 200 && rows.size() < 2; i++) {
            Thread.sleep(50);
            rows = query(a, "select mode, granted, fastpath, waitstart is not null, pid is not null"
                    + " from pg_locks where relation = 'lk'::regclass order by granted desc");
        }
        assertEquals(List.of("AccessExclusiveLock|t|f|f|t", "AccessShareLock|f|f|t|t"), rows);
        query(a, "commit");
        assertEquals(List.of("0"), waiter.get(30, TimeUnit.SECONDS));
        assertTrue(query(a, "select * from pg_locks where relation = 'lk'::regclass").isEmpty());
    }

    @Test
    void nowaitFailsAndTransactionIdLocksAreShown() {
        query(a, "create table lk2 (x int)");
        query(a, "begin");
        query(a, "insert into lk2 values (1)");
        assertEquals(List.of("relation|RowExclusiveLock|t|t", "transactionid|ExclusiveLock|t|f"), query(a,
                "select locktype, mode, granted, fastpath from pg_locks where"
                        + " (relation = 'lk2'::regclass or locktype = 'transactionid') order by 1"));
        query(b, "begin");
        assertEquals(List.of("E: 55P03 could not obtain lock on relation \"lk2\""),
                query(b, "lock table lk2 in exclusive mode nowait"));
        query(b, "rollback");
        query(a, "commit");
        assertEquals(List.of("E: 25P01 LOCK TABLE can only be used in transaction blocks"),
                query(a, "lock table lk2"));
    }

    @Test
    void pgLocksIsAViewOverPgLockStatusWithTheOwnVirtualXid() {
        assertEquals(List.of("v"), query(a, "select relkind from pg_class where oid = 'pg_catalog.pg_locks'::regclass"));
        // PostgreSQL 15's pg_get_viewdef('pg_locks')
        assertEquals(List.of(" SELECT l.locktype,\n    l.database,\n    l.relation,\n    l.page,\n    l.tuple,\n"
                + "    l.virtualxid,\n    l.transactionid,\n    l.classid,\n    l.objid,\n    l.objsubid,\n"
                + "    l.virtualtransaction,\n    l.pid,\n    l.mode,\n    l.granted,\n    l.fastpath,\n    l.waitstart\n"
                + "   FROM pg_lock_status() l(locktype, database, relation, page, tuple, virtualxid, transactionid,"
                + " classid, objid, objsubid, virtualtransaction, pid, mode, granted, fastpath, waitstart);"),
                query(a, "select pg_get_viewdef('pg_locks')"));
        query(a, "begin");
        List<String> first = query(a, "select virtualxid from pg_locks where locktype = 'virtualxid'");
        assertEquals(1, first.size());
        // the session's own rows: its virtual xid lock and the view's AccessShareLock, one virtualtransaction
        assertEquals(List.of("relation|AccessShareLock|t|t|t", "virtualxid|ExclusiveLock|t|t|t"), query(a,
                "select locktype, mode, granted, fastpath, pid is not null"
                        + " from pg_locks where virtualtransaction = '" + first.get(0) + "' and (locktype = 'virtualxid'"
                        + " or relation = 'pg_locks'::regclass) order by 1"));
        assertEquals(first, query(a, "select virtualxid from pg_lock_status() where locktype = 'virtualxid'"));
        query(a, "commit");
        List<String> next = query(a, "select virtualxid from pg_locks where locktype = 'virtualxid'");
        String[] before = first.get(0).split("/");
        String[] after = next.get(0).split("/");
        assertEquals(before[0], after[0]);
        assertEquals(Integer.parseInt(before[1]) + 1, Integer.parseInt(after[1]));
    }
}
