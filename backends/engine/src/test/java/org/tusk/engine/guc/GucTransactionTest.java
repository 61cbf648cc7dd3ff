package org.tusk.engine.guc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * SET / SET LOCAL across commit, abort and savepoints, including transactions
 * that change nothing (their rollback copy is deferred until the first change).
 */
class GucTransactionTest {

    private final GucSettings guc = new GucSettings();

    @Test
    void transactionThatChangesNothingLeavesTheVersionAlone() {
        guc.changedReported();
        long before = guc.version();
        guc.beginTransaction();
        guc.commit();
        guc.beginTransaction();
        guc.abort();
        assertEquals(before, guc.version());
        assertTrue(guc.changedReported().isEmpty());
    }

    @Test
    void setLocalEndsWithTheTransactionAndSetSurvivesCommit() {
        guc.beginTransaction();
        guc.set("work_mem", "2MB", true);
        guc.set("DateStyle", "SQL, DMY", false);
        guc.commit();
        assertEquals("4MB", guc.show("work_mem"));
        assertEquals("SQL, DMY", guc.show("DateStyle"));
    }

    @Test
    void abortUndoesEverySetOfTheTransaction() {
        guc.beginTransaction();
        guc.set("DateStyle", "SQL, DMY", false);
        guc.commit();
        guc.beginTransaction();
        guc.set("DateStyle", "German, DMY", false);
        guc.set("work_mem", "2MB", true);
        guc.abort();
        assertEquals("SQL, DMY", guc.show("DateStyle"));
        assertEquals("4MB", guc.show("work_mem"));
    }

    @Test
    void savepointBeforeTheFirstChangeStillRollsBackToTheTransactionStart() {
        guc.beginTransaction();
        guc.savepoint();
        guc.set("work_mem", "2MB", false);
        guc.rollbackToSavepoint(0);
        assertEquals("4MB", guc.show("work_mem"));
        guc.set("work_mem", "3MB", false);
        guc.abort();
        assertEquals("4MB", guc.show("work_mem"));
    }
}
