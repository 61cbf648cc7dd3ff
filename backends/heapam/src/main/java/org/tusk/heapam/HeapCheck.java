package org.tusk.heapam;

import org.tusk.api.storage.TransactionStatusLookup;

import static org.tusk.heapam.internal.HeapTupleHeader.*;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tusk.api.storage.ForkNumber;
import org.tusk.api.storage.RelFileLocator;
import org.tusk.api.storage.TransactionStatus;
import org.tusk.api.storage.TupleId;
import org.tusk.buffer.Buffer;
import org.tusk.buffer.BufferManager;
import org.tusk.buffer.Page;
import org.tusk.heapam.internal.VisibilityMap;
import org.tusk.heapam.internal.Xids;
import org.tusk.shmem.LWLockMode;

/**
 * Verifies a heap relation (amcheck's verify_heapam): every page's header
 * and line pointers, every tuple header, xmin/xmax against the commit log,
 * and update chains. Each page is copied under a share lock, so the check
 * runs alongside normal work; a page changing between the copy of two pages
 * can make a ctid check see a newer state, which is never reported as a
 * problem because successors only appear, never vanish except by VACUUM
 * (which leaves LP_DEAD behind).
 */
public final class HeapCheck {

    /** One inconsistency; {@code offset} 0 means the page as a whole. */
    public record Problem(int block, int offset, String message) {
        @Override
        public String toString() {
            return "block " + Integer.toUnsignedString(block) + (offset == 0 ? "" : ", offset " + offset) + ": "
                    + message;
        }
    }

    private final List<Problem> problems = new ArrayList<>();
    /** xmin of every NORMAL tuple, and -1 for DEAD/UNUSED line pointers, by tid: the targets of ctid checks. */
    private final Map<TupleId, Integer> targets = new HashMap<>();
    private final Map<TupleId, int[]> chainLinks = new HashMap<>();
    private final TransactionStatusLookup clog;

    private HeapCheck(TransactionStatusLookup clog) {
        this.clog = clog;
    }

    /** Checks every page of {@code relation}'s main fork; an empty list means no problem was found. */
    public static List<Problem> check(BufferManager buffers, RelFileLocator relation, TransactionStatusLookup clog) {
        HeapCheck check = new HeapCheck(clog);
        VisibilityMap vm = new VisibilityMap(buffers);
        int nblocks = buffers.nblocks(relation, ForkNumber.MAIN);
        for (int block = 0; block < nblocks; block++) {
            ByteBuffer copy = Page.allocate();
            Buffer buffer = buffers.read(relation, ForkNumber.MAIN, block);
            int mapBits;
            try {
                buffer.lock(LWLockMode.SHARED);
                copy.put(0, buffer.page(), 0, Page.BLCKSZ);
                // Read under the heap page's lock: both setting and clearing the bits need it exclusively.
                mapBits = vm.status(relation, block);
            } finally {
                buffer.release();
            }
            check.checkPage(copy, block);
            check.checkVisibilityMap(copy, block, mapBits);
        }
        check.checkChains(nblocks);
        return check.problems;
    }

    /** Checks one page on its own (no update chain checks). */
    public static List<Problem> checkPage(ByteBuffer page, int block, TransactionStatusLookup clog) {
        HeapCheck check = new HeapCheck(clog);
        check.checkPage(page, block);
        return check.problems;
    }

    /**
     * pg_visibility's pg_check_visible / pg_check_frozen: a set ALL_VISIBLE
     * bit needs PD_ALL_VISIBLE, no LP_DEAD item and only tuples with a
     * committed (or frozen) xmin and no updater or deleter; ALL_FROZEN needs
     * every xmin frozen and no xmax at all.
     */
    private void checkVisibilityMap(ByteBuffer page, int block, int bits) {
        if (bits == 0) {
            return;
        }
        if ((bits & VisibilityMap.ALL_VISIBLE) == 0) {
            report(block, 0, "visibility map has ALL_FROZEN without ALL_VISIBLE");
        }
        if (Page.isNew(page) || (Page.flags(page) & Page.PD_ALL_VISIBLE) == 0) {
            report(block, 0, "visibility map marks the page all-visible but PD_ALL_VISIBLE is not set");
            return;
        }
        for (int off = 1; off <= Page.maxOffsetNumber(page); off++) {
            int flags = Page.itemIdFlags(Page.itemId(page, off));
            if (flags == Page.LP_DEAD) {
                report(block, off, "dead line pointer on a page the visibility map marks all-visible");
            }
            if (flags != Page.LP_NORMAL) {
                continue;
            }
            ByteBuffer tuple = Page.item(page, off);
            int mask = infomask(tuple);
            boolean xminOk = xminFrozen(mask) || clog.status(xmin(tuple)) == TransactionStatus.COMMITTED;
            boolean noXmax = (mask & HEAP_XMAX_INVALID) != 0;
            if (!xminOk || !(noXmax || xmaxIsLockedOnly(mask))) {
                report(block, off, "tuple on a page the visibility map marks all-visible is not visible to all");
            } else if ((bits & VisibilityMap.ALL_FROZEN) != 0 && !(xminFrozen(mask) && noXmax)) {
                report(block, off, "tuple on a page the visibility map marks all-frozen is not frozen");
            }
        }
    }

    private void report(int block, int offset, String message) {
        problems.add(new Problem(block, offset, message));
    }

    private void checkPage(ByteBuffer page, int block) {
        if (Page.isNew(page)) {
            if (!Page.isAllZero(page)) {
                report(block, 0, "page header is all zero but the page is not");
            }
            return;
        }
        int lower = Page.lower(page);
        int upper = Page.upper(page);
        int special = Page.special(page);
        if (Page.pageSizeVersion(page) != (Page.BLCKSZ | Page.PG_PAGE_LAYOUT_VERSION)) {
            report(block, 0, "unexpected pd_pagesize_version " + Page.pageSizeVersion(page));
        }
        if (!Page.headerIsSane(page)) {
            report(block, 0, "invalid page header: pd_lower " + lower + ", pd_upper " + upper + ", pd_special "
                    + special + ", pd_flags " + Page.flags(page));
            return;
        }
        if (special != Page.BLCKSZ) {
            report(block, 0, "heap page has special space at " + special);
        }
        if ((lower - Page.SIZE_OF_PAGE_HEADER) % Page.ITEM_ID_SIZE != 0) {
            report(block, 0, "pd_lower " + lower + " is not at a line pointer boundary");
            return;
        }
        int max = Page.maxOffsetNumber(page);
        List<int[]> extents = new ArrayList<>();
        for (int off = 1; off <= max; off++) {
            int id = Page.itemId(page, off);
            int flags = Page.itemIdFlags(id);
            int lpOff = Page.itemIdOffset(id);
            int lpLen = Page.itemIdLength(id);
            TupleId tid = new TupleId(block, off);
            if (flags != Page.LP_NORMAL) {
                targets.put(tid, -1);
                if (flags == Page.LP_REDIRECT) {
                    // a pruned HOT chain's root: it must lead to a heap-only tuple on this page
                    int target = lpOff;
                    if (target < 1 || target > max) {
                        report(block, off, "line pointer redirection to item at offset " + target
                                + " exceeds maximum offset " + max);
                    } else if (Page.itemIdFlags(Page.itemId(page, target)) != Page.LP_NORMAL) {
                        report(block, off, "redirected line pointer points to a non-normal line pointer at offset "
                                + target);
                    } else if (!org.tusk.heapam.internal.HotPrune.isHeapOnly(Page.item(page, target))) {
                        report(block, off, "redirected line pointer points to a non-heap-only tuple at offset "
                                + target);
                    }
                } else if (flags == Page.LP_DEAD && lpLen != 0 && (lpOff < upper || lpOff + lpLen > special)) {
                    report(block, off, "dead line pointer storage " + lpOff + "+" + lpLen + " is outside the tuple space");
                }
                continue;
            }
            if (lpOff % Page.MAXIMUM_ALIGNOF != 0) {
                report(block, off, "line pointer to page offset " + lpOff + " is not maximally aligned");
                continue;
            }
            if (lpOff < upper || lpOff + lpLen > special) {
                report(block, off, "line pointer to page offset " + lpOff + " with length " + lpLen
                        + " ends outside the tuple space " + upper + ".." + special);
                continue;
            }
            extents.add(new int[] {lpOff, lpOff + lpLen, off});
            if (lpLen < SIZE) {
                report(block, off, "line pointer length " + lpLen + " is less than the minimum tuple header size "
                        + SIZE);
                continue;
            }
            checkTuple(Page.item(page, off), tid);
        }
        extents.sort((a, b) -> Integer.compare(a[0], b[0]));
        for (int i = 1; i < extents.size(); i++) {
            if (extents.get(i)[0] < extents.get(i - 1)[1]) {
                report(block, extents.get(i)[2], "tuple storage overlaps the tuple at offset " + extents.get(i - 1)[2]);
            }
        }
    }

    private void checkTuple(ByteBuffer t, TupleId tid) {
        int block = tid.block();
        int off = tid.offset();
        int hoff = hoff(t);
        if (hoff < SIZE || hoff % Page.MAXIMUM_ALIGNOF != 0 || hoff > t.limit()) {
            report(block, off, "invalid tuple header offset t_hoff " + hoff + " (tuple length " + t.limit() + ")");
            return;
        }
        int mask = infomask(t);
        int mask2 = infomask2(t);
        int xmin = xmin(t);
        int xmax = xmax(t);
        targets.put(tid, xmin);
        if ((mask & HEAP_XMAX_COMMITTED) != 0 && (mask & HEAP_XMAX_INVALID) != 0) {
            report(block, off, "xmax is marked both committed and invalid");
        }
        if ((mask & HEAP_XMAX_IS_MULTI) != 0) {
            report(block, off, "xmax is a multixact, which this heap never writes");
        }
        if (xmaxIsLockedOnly(mask) && (mask2 & HEAP_KEYS_UPDATED) != 0) {
            report(block, off, "tuple is marked as only locked, but also claims key columns were updated");
        }
        if (ctidOffset(t) == 0) {
            report(block, off, "t_ctid has invalid offset number 0");
        }
        if (xmin == Xids.INVALID) {
            report(block, off, "xmin is invalid");
            return;
        }
        TransactionStatus xminStatus = xminFrozen(mask) || !Xids.isNormal(xmin) ? TransactionStatus.COMMITTED
                : xminInvalid(mask) ? TransactionStatus.ABORTED : clog.status(xmin);
        boolean xmaxSet = (mask & HEAP_XMAX_INVALID) == 0 && xmax != Xids.INVALID;
        if (!xmaxSet || xmaxIsLockedOnly(mask)) {
            return;
        }
        TransactionStatus xmaxStatus = clog.status(xmax);
        if (xmaxStatus == TransactionStatus.COMMITTED && xmax != xmin) {
            if (xminStatus == TransactionStatus.ABORTED) {
                report(block, off, "xmin " + Integer.toUnsignedString(xmin) + " aborted but xmax "
                        + Integer.toUnsignedString(xmax) + " committed a deletion of it");
            } else if (xminStatus == TransactionStatus.IN_PROGRESS) {
                report(block, off, "xmin " + Integer.toUnsignedString(xmin) + " is in progress but xmax "
                        + Integer.toUnsignedString(xmax) + " committed a deletion of it");
            }
        }
        boolean pointsElsewhere = ctidBlock(t) != block || ctidOffset(t) != off;
        if (xmaxStatus == TransactionStatus.COMMITTED && pointsElsewhere && ctidOffset(t) != 0) {
            chainLinks.put(tid, new int[] {ctidBlock(t), ctidOffset(t), xmax});
        }
    }

    /** A committed update's t_ctid must lead to a version inserted by its xmax (or to a pruned line pointer). */
    private void checkChains(int nblocks) {
        for (Map.Entry<TupleId, int[]> link : chainLinks.entrySet()) {
            TupleId from = link.getKey();
            int[] to = link.getValue();
            if (Integer.compareUnsigned(to[0], nblocks) >= 0) {
                report(from.block(), from.offset(), "update chain points to block " + Integer.toUnsignedString(to[0])
                        + ", beyond the end of the relation (" + nblocks + " blocks)");
                continue;
            }
            Integer targetXmin = targets.get(new TupleId(to[0], to[1]));
            if (targetXmin == null) {
                report(from.block(), from.offset(), "update chain points to a line pointer that does not exist: ("
                        + to[0] + "," + to[1] + ")");
            } else if (targetXmin != -1 && targetXmin != to[2]) {
                report(from.block(), from.offset(), "update chain points to (" + to[0] + "," + to[1]
                        + ") whose xmin " + Integer.toUnsignedString(targetXmin) + " is not the updater "
                        + Integer.toUnsignedString(to[2]));
            }
        }
    }
}
