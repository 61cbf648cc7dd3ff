package org.tusk.heapam.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import org.tusk.api.storage.RelFileLocator;

/**
 * This process's notion of where a relation's pages have room (a stand-in for
 * PostgreSQL's shared free space map fork, plus rd_targblock): free bytes by
 * block, learned whenever this process locks a heap page to insert into it or
 * vacuums it. It is only a hint: the inserter checks the locked page before
 * using it, so a stale entry costs one page visit, never correctness. Space
 * freed by another process's VACUUM is not seen here until this process
 * visits the page.
 */
public final class FreeSpaceCache {

    private final Map<RelFileLocator, TreeMap<Integer, Integer>> relations = new HashMap<>();
    /**
     * rd_targblock: the block {@link #find} returned last, tried first next
     * time. Without it every insert walked the known pages from block 0, and
     * COPY into a growing table was quadratic (a bulk load passed over every
     * full page for every row).
     */
    private final Map<RelFileLocator, Integer> targets = new HashMap<>();

    /** RecordPageWithFreeSpace. */
    public synchronized void record(RelFileLocator relation, int block, int freeBytes) {
        relations.computeIfAbsent(relation, r -> new TreeMap<>()).put(block, freeBytes);
    }

    /** GetPageWithFreeSpace: the lowest known block with at least {@code needed} bytes free, or -1. */
    public synchronized int find(RelFileLocator relation, int needed, int excludedBlock) {
        TreeMap<Integer, Integer> pages = relations.get(relation);
        if (pages != null) {
            Integer target = targets.get(relation);
            if (target != null && target != excludedBlock) {
                Integer free = pages.get(target);
                if (free != null && free >= needed) {
                    return target;
                }
            }
            for (Map.Entry<Integer, Integer> page : pages.entrySet()) {
                if (page.getValue() >= needed && page.getKey() != excludedBlock) {
                    targets.put(relation, page.getKey());
                    return page.getKey();
                }
            }
        }
        return -1;
    }

    /** Whether this process has seen the block's free space. */
    public synchronized boolean knows(RelFileLocator relation, int block) {
        TreeMap<Integer, Integer> pages = relations.get(relation);
        return pages != null && pages.containsKey(block);
    }

    public synchronized void forget(RelFileLocator relation) {
        relations.remove(relation);
        targets.remove(relation);
    }
}
