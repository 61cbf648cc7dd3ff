package org.tusk.engine.commands.sequence;

import org.tusk.api.error.PgException;
import org.tusk.api.error.SqlState;
import org.tusk.engine.access.TupleFormat;

/**
 * The one row of a sequence relation (FormData_pg_sequence_data):
 * last_value, log_cnt, is_called, and the arithmetic of nextval and setval
 * on it (sequence.c), without storage. Stored with the catalog's
 * TupleFormat as (int8, int8, bool), a fixed length so nextval can
 * overwrite it in place.
 */
public record SequenceValue(long lastValue, long logCount, boolean isCalled) {

    /** sequence.c's SEQ_LOG_VALS: how many values one WAL record pre-logs. */
    static final int SEQ_LOG_VALS = 32;

    /** A new or RESTARTed sequence: the next nextval returns {@code start}. */
    public static SequenceValue initial(long start) {
        return new SequenceValue(start, 0, false);
    }

    /** The value after {@code this} that nextval returns, and the row to store. */
    public record Next(long value, SequenceValue row) {
    }

    /** nextval_internal's step (one value; CACHE > 1 is served one at a time). */
    public Next next(SequenceParameters p, String name) {
        // log_cnt as nextval_internal keeps it: a WAL record covers SEQ_LOG_VALS values beyond the
        // one returned, so it restarts at 32 when exhausted (or on the first call) and counts down
        long log = (logCount < 1 || !isCalled ? 1 + SEQ_LOG_VALS : logCount) - 1;
        if (!isCalled) {
            return new Next(lastValue, new SequenceValue(lastValue, log, true));
        }
        long next;
        if (p.increment() > 0) {
            if (lastValue > p.max() - p.increment()) {             // would pass max (no overflow in the test)
                if (!p.cycle()) {
                    throw PgException.error(SqlState.SEQUENCE_GENERATOR_LIMIT_EXCEEDED,
                            "nextval: reached maximum value of sequence \"" + name + "\" (" + p.max() + ")");
                }
                next = p.min();
            } else {
                next = lastValue + p.increment();
            }
        } else {
            if (lastValue < p.min() - p.increment()) {
                if (!p.cycle()) {
                    throw PgException.error(SqlState.SEQUENCE_GENERATOR_LIMIT_EXCEEDED,
                            "nextval: reached minimum value of sequence \"" + name + "\" (" + p.min() + ")");
                }
                next = p.max();
            } else {
                next = lastValue + p.increment();
            }
        }
        return new Next(next, new SequenceValue(next, log, true));
    }

    /** setval(seq, value, isCalled): bounds checked against MINVALUE..MAXVALUE. */
    public static SequenceValue set(SequenceParameters p, String name, long value, boolean isCalled) {
        if (value < p.min() || value > p.max()) {
            throw PgException.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "setval: value " + value
                    + " is out of bounds for sequence \"" + name + "\" (" + p.min() + ".." + p.max() + ")");
        }
        return new SequenceValue(value, 0, isCalled);
    }

    public byte[] toTuple() {
        return TupleFormat.form(new Object[] {lastValue, logCount, isCalled});
    }

    public static SequenceValue fromTuple(byte[] data) {
        Object[] v = TupleFormat.deform(data, 3);
        return new SequenceValue((Long) v[0], (Long) v[1], (Boolean) v[2]);
    }

    public Object[] asRow() {
        return new Object[] {lastValue, logCount, isCalled};
    }
}
