package org.tusk.engine.commands.sequence;

import java.util.HashMap;
import java.util.Map;

import org.tusk.api.error.PgException;
import org.tusk.api.error.SqlState;

/**
 * A session's memory of the sequences it used (sequence.c's SeqTable and
 * last_used_seq): currval per sequence, lastval. Not transactional, as in
 * PostgreSQL; DISCARD SEQUENCES / DISCARD ALL forget it.
 */
public final class SessionSequences {

    private final Map<Long, Long> lastValues = new HashMap<>();
    private Long lastUsed;

    /** After nextval or setval(..., true) of sequence {@code oid}. */
    public void remember(long oid, long value) {
        lastValues.put(oid, value);
        lastUsed = oid;
    }

    public long currval(long oid, String name) {
        Long v = lastValues.get(oid);
        if (v == null) {
            throw PgException.error(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE,
                    "currval of sequence \"" + name + "\" is not yet defined in this session");
        }
        return v;
    }

    /** lastval(): the last value of the last sequence used; {@code stillExists} checks it was not dropped. */
    public long lastval(java.util.function.LongPredicate stillExists) {
        if (lastUsed == null) {
            throw PgException.error(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE,
                    "lastval is not yet defined in this session");
        }
        if (!stillExists.test(lastUsed)) {
            throw PgException.error(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE,
                    "lastval is not yet defined in this session");
        }
        return lastValues.get(lastUsed);
    }

    /** DISCARD SEQUENCES. */
    public void discard() {
        lastValues.clear();
        lastUsed = null;
    }
}
