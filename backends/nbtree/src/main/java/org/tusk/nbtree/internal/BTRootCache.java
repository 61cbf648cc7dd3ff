package org.tusk.nbtree.internal;

import java.util.concurrent.ConcurrentHashMap;

import org.tusk.api.storage.RelFileLocator;

/**
 * What this process last read from each index's metapage (PostgreSQL keeps it
 * in the relcache entry's {@code rd_amcache}), so that a descent need not pin
 * and share-lock the metapage every time: at scale 10 that was one of the four
 * buffer reads of a {@code pgbench -S} transaction.
 *
 * <p>An entry may be stale: another process may have split the root since.
 * {@link BTree} therefore trusts a cached root only after checking, under the
 * page's lock, that it is still the only page of its level (leftmost and
 * rightmost at the cached level), as {@code _bt_getroot} does; otherwise it
 * reads the metapage again. Keyed by relfilenode, which a rewrite (TRUNCATE,
 * REINDEX) always replaces; dropping the storage forgets the entry.
 */
public final class BTRootCache {

    /** Enough for every index a session touches; a process that sees more starts over. */
    private static final int MAX_ENTRIES = 4096;

    private final ConcurrentHashMap<RelFileLocator, BTMetaPage> roots = new ConcurrentHashMap<>();

    /** The entry asked for last: a transaction's descents mostly go into one index (pgbench's accounts key). */
    private volatile Entry last;

    private record Entry(RelFileLocator index, BTMetaPage meta) {
    }

    /** The root last read for {@code index}, or null. */
    public BTMetaPage get(RelFileLocator index) {
        Entry e = last;
        if (e != null && (e.index == index || e.index.equals(index))) {
            return e.meta;
        }
        BTMetaPage meta = roots.get(index);
        if (meta != null) {
            last = new Entry(index, meta);
        }
        return meta;
    }

    public void remember(RelFileLocator index, BTMetaPage meta) {
        if (roots.size() >= MAX_ENTRIES) {
            roots.clear();
        }
        roots.put(index, meta);
        last = new Entry(index, meta);
    }

    public void forget(RelFileLocator index) {
        roots.remove(index);
        last = null;
    }
}
