package org.tusk.engine.guc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/**
 * A value derived from settings is computed once while they stay the same, and
 * again after anything that can change them: SET, SET LOCAL undone at commit,
 * rollback, ROLLBACK TO SAVEPOINT.
 */
class SettingDerivedValueTest {

    private final GucSettings guc = new GucSettings();
    private final AtomicInteger computed = new AtomicInteger();
    private final SettingDerivedValue<String> workMem = new SettingDerivedValue<>(guc, () -> {
        computed.incrementAndGet();
        return guc.show("work_mem");
    });

    @Test
    void computedOnceWhileNothingChanges() {
        assertEquals("4MB", workMem.get());
        guc.beginTransaction();
        assertEquals("4MB", workMem.get());
        guc.commit();
        assertEquals("4MB", workMem.get());
        assertEquals(1, computed.get());
    }

    @Test
    void followsSetAndTheEndOfSetLocal() {
        assertEquals("4MB", workMem.get());
        guc.beginTransaction();
        guc.set("work_mem", "2MB", true);
        assertEquals("2MB", workMem.get());
        guc.commit();
        assertEquals("4MB", workMem.get());
        guc.set("work_mem", "8MB", false);
        assertEquals("8MB", workMem.get());
    }

    @Test
    void followsRollbackAndRollbackToSavepoint() {
        guc.beginTransaction();
        guc.savepoint();
        guc.set("work_mem", "2MB", false);
        assertEquals("2MB", workMem.get());
        guc.rollbackToSavepoint(0);
        assertEquals("4MB", workMem.get());
        guc.set("work_mem", "3MB", false);
        assertEquals("3MB", workMem.get());
        guc.abort();
        assertEquals("4MB", workMem.get());
    }
}
