package org.tusk.heapam.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Combo command ids (combocid.c): a tuple inserted and then deleted by the
 * same transaction needs both cmin and cmax but has room for one t_cid, so
 * t_cid holds an index into this table of (cmin, cmax) pairs and the tuple
 * carries HEAP_COMBOCID.
 *
 * <p>Only the transaction that wrote a combo id ever reads it (cids matter
 * only for one's own changes), and that transaction runs in this process, so
 * the table is private to the process, as in PostgreSQL. Unlike PostgreSQL we
 * do not reset it at transaction end (the access method does not see
 * transaction boundaries): entries are deduplicated by value, so the table only
 * grows with the number of distinct (cmin, cmax) pairs ever used, which stays
 * small. After a crash the ids are meaningless, but so are their writers.
 */
public final class ComboCids {

    private static final Map<Long, Integer> IDS = new HashMap<>();
    private static final List<Long> PAIRS = new ArrayList<>();

    private ComboCids() {
    }

    /** GetComboCommandId. */
    public static synchronized int comboId(int cmin, int cmax) {
        long key = (long) cmin << 32 | (cmax & 0xFFFF_FFFFL);
        Integer id = IDS.get(key);
        if (id == null) {
            id = PAIRS.size();
            PAIRS.add(key);
            IDS.put(key, id);
        }
        return id;
    }

    public static synchronized int cmin(int comboId) {
        return (int) (pair(comboId) >>> 32);
    }

    public static synchronized int cmax(int comboId) {
        return (int) pair(comboId);
    }

    private static long pair(int comboId) {
        if (comboId < 0 || comboId >= PAIRS.size()) {
            throw new IllegalStateException("unknown combo command id " + comboId);
        }
        return PAIRS.get(comboId);
    }
}
