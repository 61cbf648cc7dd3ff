package org.tusk.xact.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.tusk.shmem.ProcSlot;
import org.tusk.shmem.ShmemArea;
import org.tusk.shmem.ShmemRequest;
import org.tusk.shmem.WaitEvent;
import org.tusk.xact.TransactionIds;

/**
 * subtrans.c: the parent xid of every subtransaction xid, 4 bytes per xid in
 * an {@link Slru} over {@code pg_subtrans}. Recorded for every subxid when it
 * is assigned, consulted only for snapshots whose subxid caches overflowed
 * and for SUB_COMMITTED commit-log entries. Not persistent: only running
 * transactions matter, so the files are removed at startup.
 */
final class SubTrans {

    static final int XACTS_PER_PAGE = Slru.PAGE_SIZE / 4;
    static final long TOTAL_PAGES = (1L << 32) / XACTS_PER_PAGE;
    static final String DIRECTORY = "pg_subtrans";
    /** A bound on parent chains: nesting deeper than this is refused long before. */
    private static final int MAX_DEPTH = 100_000;

    private final Slru slru;

    SubTrans(ShmemArea area, ProcSlot self, Path dataDirectory) {
        this.slru = new Slru("pg_subtrans", WaitEvent.LWLOCK_SUBTRANS_SLRU, area, self, dataDirectory.resolve(DIRECTORY), TOTAL_PAGES, null);
    }

    static ShmemRequest request(String areaName, int buffers) {
        return Slru.request(areaName, buffers, TOTAL_PAGES);
    }

    private static int pageOf(int xid) {
        return Integer.divideUnsigned(xid, XACTS_PER_PAGE);
    }

    private static int entryOffset(int xid) {
        return Integer.remainderUnsigned(xid, XACTS_PER_PAGE) * 4;
    }

    /** ExtendSUBTRANS: a zeroed page for the first xid on it (under XidGenLock). */
    void extend(int newXid) {
        if (Integer.remainderUnsigned(newXid, XACTS_PER_PAGE) != 0 && newXid != TransactionIds.FIRST_NORMAL) {
            return;
        }
        slru.lockExclusive();
        try {
            slru.zeroPage(pageOf(newXid), newXid);
        } finally {
            slru.unlock();
        }
    }

    /** SubTransSetParent. */
    void setParent(int xid, int parent) {
        slru.lockExclusive();
        try {
            int b = slru.loadPage(pageOf(xid), xid);
            slru.area().putIntVolatile(slru.pageOffset(b) + entryOffset(xid), parent);
            slru.markDirty(b);
        } finally {
            slru.unlock();
        }
    }

    /** SubTransGetParent: 0 for a top-level xid or an unknown one. */
    int parent(int xid) {
        if (!TransactionIds.isNormal(xid)) {
            return TransactionIds.INVALID;
        }
        int page = pageOf(xid);
        slru.lockShared();
        try {
            int b = slru.findResident(page);
            if (b >= 0) {
                return slru.area().getIntVolatile(slru.pageOffset(b) + entryOffset(xid));
            }
        } finally {
            slru.unlock();
        }
        slru.lockExclusive();
        try {
            int b = slru.loadPage(page, xid);
            return slru.area().getIntVolatile(slru.pageOffset(b) + entryOffset(xid));
        } finally {
            slru.unlock();
        }
    }

    /** SubTransGetTopmostTransaction: follows parents up to a top-level xid. */
    int topmost(int xid) {
        int current = xid;
        for (int depth = 0; depth < MAX_DEPTH; depth++) {
            int parent = parent(current);
            // A parent is always older than its child; anything else is garbage, not a chain to follow.
            if (!TransactionIds.isNormal(parent) || !TransactionIds.precedes(parent, current)) {
                return current;
            }
            current = parent;
        }
        return current;
    }

    /** StartupSUBTRANS: forgets every parent (the server restarted; no transaction survived). */
    void reset() {
        slru.discardAll();
        Path directory = slru.directory();
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove old pg_subtrans files", e);
        }
    }
}
