package org.tusk.memam.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Combo command ids (combocid.c): a version inserted and deleted by the same
 * transaction needs cmin and cmax but has one t_cid, which then holds an index
 * into this table of (cmin, cmax) pairs (the tuple carries MEM_COMBOCID).
 *
 * <p>Only the writing transaction reads its cids, and it runs in this process,
 * so the table is process-private, as in PostgreSQL. The access method does
 * not see transaction ends, so instead of resetting it the entries are
 * deduplicated by value: it grows only with the number of distinct pairs.
 */
public final class ComboCids {

    private static final Map<Long, Integer> IDS = new HashMap<>();
    private static final List<Long> PAIRS = new ArrayList<>();

    private ComboCids() {
    }

    /** GetComboCommandId. */
    public static synchronized int comboId(int cmin, int cmax) {
        long key = (long) cmin << 32 | (cmax & 0xFFFF_FFFFL);
        return IDS.computeIfAbsent(key, k -> {
            PAIRS.add(k);
            return PAIRS.size() - 1;
        });
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
