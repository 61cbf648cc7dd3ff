package org.tusk.engine.guc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.tusk.api.error.PgException;

/** checkpoint_completion_target as PostgreSQL 15 defines it: a sighup real, 0 .. 1, default 0.9. */
class CheckpointCompletionTargetTest {

    private final GucVariable target = GucTable.INSTANCE.find("checkpoint_completion_target");

    @Test
    void definedWithPostgresDefaultContextAndLimits() {
        assertEquals("0.9", target.bootValue());
        assertEquals(GucType.REAL, target.type());
        assertEquals(GucContext.SIGHUP, target.context());
        assertEquals(0, target.min());
        assertEquals(1, target.max());
        assertEquals("0.5", target.normalize("0.50"));
        assertEquals("1", target.normalize("1"));
    }

    @Test
    void valuesOutsideTheRangeAreRejectedAsPostgresDoes() {
        PgException e = assertThrows(PgException.class, () -> target.normalize("1.5"));
        assertEquals("1.5 is outside the valid range for parameter \"checkpoint_completion_target\" (0 .. 1)",
                e.getMessage());
        assertThrows(PgException.class, () -> target.normalize("-0.1"));
        assertEquals("-1", GucTable.INSTANCE.find("jit_above_cost").normalize("-1"), "reals without a range take any");
    }
}
