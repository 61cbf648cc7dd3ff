package org.tusk.engine.executor.scan;

import java.util.Arrays;

import org.tusk.api.storage.TupleHeaderFields;
import org.tusk.api.storage.TupleId;

/**
 * heap_getsysattr for a scan that carries the system columns: the row's
 * columns are followed by ctid (the TupleId), xmin, cmin, xmax, cmax, in the
 * order of PostgreSQL's attribute numbers -1..-5. xmin and xmax are type xid,
 * cmin and cmax type cid, all unsigned 32-bit values as Longs; PostgreSQL
 * returns the raw t_cid for both cmin and cmax (a combo id when the version
 * was inserted and deleted by one transaction) and the raw xmax (a locker's
 * xid too). An access method without a header gives NULLs.
 */
public final class ScanSystemColumns {

    /** How many slots the system columns take after a row: ctid, xmin, cmin, xmax, cmax. */
    public static final int COUNT = 5;

    private ScanSystemColumns() {
    }

    /** The row followed by its ctid only (a scan asked for the ctid but not the other system columns). */
    static Object[] appendCtid(Object[] row, TupleId tid) {
        Object[] out = Arrays.copyOf(row, row.length + 1);
        out[row.length] = tid;
        return out;
    }

    static Object[] append(Object[] row, TupleId tid, TupleHeaderFields header) {
        Object[] out = Arrays.copyOf(row, row.length + COUNT);
        out[row.length] = tid;
        if (header != null) {
            out[row.length + 1] = Integer.toUnsignedLong(header.xmin());
            out[row.length + 2] = Integer.toUnsignedLong(header.rawCommandId());
            out[row.length + 3] = Integer.toUnsignedLong(header.xmax());
            out[row.length + 4] = Integer.toUnsignedLong(header.rawCommandId());
        }
        return out;
    }
}
