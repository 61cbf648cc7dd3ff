package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.engine.storage.DmlOnStorageTest.query;

import org.junit.jupiter.api.Test;
import org.tusk.engine.executor.EState;
import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.expr.SessionServices;

/**
 * The executor's work_mem comes from the session, which keeps the value while no setting changes:
 * every SET, SET LOCAL and its end, and RESET reach the next plan's EState.
 */
class WorkMemOnStorageTest extends TwoSessionsOnStorage {

    private static long workMemBytes() {
        return EState.forSession(new EvalContext((SessionServices) a, new Object[0]), null, 0).workMemBytes();
    }

    @Test
    void eachPlanSeesTheCurrentWorkMem() {
        assertEquals(4096 * 1024, workMemBytes());
        assertEquals(4096 * 1024, workMemBytes());
        query(a, "SET work_mem = '64kB'");
        assertEquals(64 * 1024, workMemBytes());
        query(a, "BEGIN");
        query(a, "SET LOCAL work_mem = '2MB'");
        assertEquals(2048 * 1024, workMemBytes());
        query(a, "COMMIT");
        assertEquals(64 * 1024, workMemBytes());
        query(a, "RESET work_mem");
        assertEquals(4096 * 1024, workMemBytes());
    }
}
