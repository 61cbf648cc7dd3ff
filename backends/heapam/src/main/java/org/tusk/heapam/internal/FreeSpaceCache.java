package org.tusk.heapam.internal;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

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

    /**
     * One relation's known pages: free bytes + 1 by block (0 = not seen), in a
     * plain array: COPY records every row's page and a boxed TreeMap made that
     * (with the search on each new page) 14% of a bulk load.
     */
    private static final class Pages {
        int[] free = new int[64];
        /**
         * rd_targblock: the block {@link #find} returned last, tried first next
         * time. Without it every insert walked the known pages from block 0, and
         * COPY into a growing table was quadratic (a bulk load passed over every
         * full page for every row).
         */
        int target = -1;
        /**
         * No known page has more than this (free bytes + 1): an upper bound, raised by every
         * {@link #record} and made exact by a search that finds nothing. A bulk load fills page
         * after page and asks for room the full pages never have; without the bound each new page
         * walked every known page (quadratic: 16,000 pages for pgbench's scale 10).
         */
        int maxFree;
    }

    private final Map<RelFileLocator, Pages> relations = new HashMap<>();
    /**
     * The relations looked up last and their pages, most recent first (rd_targblock lives in the relcache
     * entry in PostgreSQL, found without a search). A TPC-B transaction records the room of a page of each
     * of its three updated tables and of pgbench_history in turn, so one remembered relation missed every
     * time and each record hashed the locator into the map (0.7% of a backend's CPU). Cleared by
     * {@link #forget}.
     */
    private static final int RECENT = 4;
    private final RelFileLocator[] recentRelations = new RelFileLocator[RECENT];
    private final Pages[] recentPages = new Pages[RECENT];

    /** The relation's pages, or null if none is known (created when {@code create}). */
    private Pages pagesOf(RelFileLocator relation, boolean create) {
        for (int i = 0; i < RECENT; i++) {
            if (relation.equals(recentRelations[i])) {
                Pages pages = recentPages[i];
                remember(i, relation, pages);
                return pages;
            }
        }
        Pages pages = create ? relations.computeIfAbsent(relation, r -> new Pages()) : relations.get(relation);
        if (pages != null) {
            remember(RECENT - 1, relation, pages);
        }
        return pages;
    }

    /** Moves entry {@code from} of the recent ones (the last: a new one) to the front. */
    private void remember(int from, RelFileLocator relation, Pages pages) {
        System.arraycopy(recentRelations, 0, recentRelations, 1, from);
        System.arraycopy(recentPages, 0, recentPages, 1, from);
        recentRelations[0] = relation;
        recentPages[0] = pages;
    }

    /** RecordPageWithFreeSpace. */
    public synchronized void record(RelFileLocator relation, int block, int freeBytes) {
        if (block < 0) {
            return;
        }
        Pages pages = pagesOf(relation, true);
        if (block >= pages.free.length) {
            pages.free = Arrays.copyOf(pages.free, Math.max(block + 1, pages.free.length * 2));
        }
        pages.free[block] = Math.max(0, freeBytes) + 1;
        pages.maxFree = Math.max(pages.maxFree, pages.free[block]);
    }

    /** GetPageWithFreeSpace: the lowest known block with at least {@code needed} bytes free, or -1. */
    public synchronized int find(RelFileLocator relation, int needed, int excludedBlock) {
        Pages pages = pagesOf(relation, false);
        if (pages == null) {
            return -1;
        }
        int[] free = pages.free;
        int target = pages.target;
        if (target >= 0 && target != excludedBlock && target < free.length && free[target] > needed) {
            return target;
        }
        if (pages.maxFree <= needed) {
            return -1;
        }
        int most = 0;
        for (int block = 0; block < free.length; block++) {
            if (free[block] > needed && block != excludedBlock) {
                pages.target = block;
                return block;
            }
            most = Math.max(most, free[block]);
        }
        pages.maxFree = most;               // every page looked at (the excluded one too): exact now
        return -1;
    }

    /** Whether this process has seen the block's free space. */
    public synchronized boolean knows(RelFileLocator relation, int block) {
        Pages pages = pagesOf(relation, false);
        return pages != null && block >= 0 && block < pages.free.length && pages.free[block] != 0;
    }

    /** Whether this process has seen the free space of any page of the relation (it has a target block). */
    public synchronized boolean knowsAnyPage(RelFileLocator relation) {
        return pagesOf(relation, false) != null;
    }

    public synchronized void forget(RelFileLocator relation) {
        relations.remove(relation);
        for (int i = 0; i < RECENT; i++) {
            if (relation.equals(recentRelations[i])) {
                recentRelations[i] = null;
                recentPages[i] = null;
            }
        }
    }
}
