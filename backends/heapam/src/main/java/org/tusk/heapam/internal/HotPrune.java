package org.tusk.heapam.internal;

import static org.tusk.heapam.internal.HeapTupleHeader.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.function.IntFunction;

import org.tusk.api.storage.TransactionStatus;
import org.tusk.buffer.Buffer;
import org.tusk.buffer.Page;

/**
 * heap_page_prune for HOT chains (README.HOT), and its WAL record XLOG_HEAP2_PRUNE.
 *
 * <p>A HOT chain starts at a root line pointer, the one index entries point at: a
 * NORMAL tuple that is not heap-only, or a REDIRECT left by an earlier prune. Each
 * member marked HEAP_HOT_UPDATED leads through t_ctid (same page) to the next, a
 * HEAP_ONLY_TUPLE whose xmin is the previous member's xmax. Pruning with a horizon
 * (versions whose deleter committed before it are invisible to everyone) removes
 * the chain's dead prefix: heap-only members become LP_UNUSED (no index entry
 * points at them); the root becomes a REDIRECT to the first surviving member, or
 * LP_DEAD when the whole chain is dead (index entries still point at it: VACUUM
 * removes them, then the line pointer). Dead heap-only tuples outside every chain's
 * dead prefix (an aborted update's, after a live member) become LP_UNUSED: a reader
 * walking on from the live member stops there, because the xmin of whatever later
 * takes the line pointer is not that member's xmax. A dead tuple that never was HOT-updated is a
 * one-member chain: its root becomes LP_DEAD as VACUUM would make it. Then the page
 * is compacted; line pointer numbers stay, so every surviving tid stays valid.
 *
 * <p>Encoding: nRedirected u16, (from u16, to u16)..., nDead u16, offsets u16...,
 * nUnused u16, offsets u16..., newPruneXid u32. The pruning process and redo both
 * call {@link #apply}.
 */
public record HotPrune(int[] redirectFrom, int[] redirectTo, int[] dead, int[] unused, int newPruneXid) {

    /** XLOG_HEAP2_PRUNE (PostgreSQL's op code): block 0 is the pruned page. */
    public static final int XLOG_HEAP2_PRUNE = 0x10;

    public boolean changesAnything() {
        return redirectFrom.length > 0 || dead.length > 0 || unused.length > 0;
    }

    /** How many versions the prune removes (dead roots and unused heap-only tuples). */
    public int removed() {
        return dead.length + unused.length;
    }

    /**
     * heap_page_prune's ndeleted - nnewlpdead, asked before {@link #apply}: the dead versions whose
     * storage the prune frees and that leave no dead line pointer behind for VACUUM (heap-only
     * versions set unused, and roots that were tuples and become redirects). Roots set dead still
     * count as dead tuples, as in PostgreSQL.
     */
    public int tuplesFreed(ByteBuffer page) {
        int freed = unused.length;
        for (int root : redirectFrom) {
            if (Page.itemIdFlags(Page.itemId(page, root)) == Page.LP_NORMAL) {
                freed++;
            }
        }
        return freed;
    }

    /**
     * heap_page_prune's analysis: what pruning {@code page} with {@code horizon} would
     * change. {@code status} answers for xids the hint bits do not settle; the hints its
     * answers allow are set on the page of {@code buffer} (null: a page not in shared
     * buffers), whose content lock the caller holds, so the next prune of the page does
     * not ask about the same tuples again.
     */
    public static HotPrune compute(ByteBuffer pageView, int horizon, IntFunction<TransactionStatus> status,
            Buffer buffer) {
        ByteBuffer page = Page.littleEndian(pageView);   // tuple headers are read in place, at their lp_off
        int max = Page.maxOffsetNumber(page);
        Scratch scratch = Scratch.forPage(max);
        HeapVisibility.VacuumResult[] state = scratch.state;
        boolean[] reached = scratch.reached;
        boolean[] handled = scratch.handled;
        Arrays.fill(state, 0, max + 1, null);
        Arrays.fill(reached, 0, max + 1, false);
        Arrays.fill(handled, 0, max + 1, false);
        // fixed arrays as heap_page_prune's PruneState: each offset lands in at most one of them
        // (written before they are read, so a reused set needs no clearing)
        int[] from = scratch.from;
        int[] to = scratch.to;
        int[] dead = scratch.dead;
        int[] unused = scratch.unused;
        int[] chain = scratch.chain;
        int nRedirected = 0;
        int nDead = 0;
        int nUnused = 0;
        int pruneXid = Xids.INVALID;
        for (int off = 1; off <= max; off++) {
            int id = Page.itemIdInRange(page, off);     // off <= max: no range check per line pointer
            if (Page.itemIdFlags(id) == Page.LP_NORMAL) {
                int t = Page.itemIdOffset(id);
                state[off] = HeapVisibility.satisfiesVacuum(page, t, horizon, status, buffer);
                if (state[off] == HeapVisibility.VacuumResult.RECENTLY_DEAD
                        || state[off] == HeapVisibility.VacuumResult.DELETE_IN_PROGRESS) {
                    pruneXid = older(pruneXid, xmax(page, t));
                }
            }
        }
        for (int root = 1; root <= max; root++) {
            int id = Page.itemIdInRange(page, root);
            int flags = Page.itemIdFlags(id);
            boolean redirect = flags == Page.LP_REDIRECT;
            if (!redirect && (flags != Page.LP_NORMAL || isHeapOnly(page, Page.itemIdOffset(id)))) {
                continue;
            }
            int length = HotChainWalk.members(page, root, reached, chain);
            int latestDead = -1;
            for (int i = 0; i < length; i++) {
                HeapVisibility.VacuumResult s = state[chain[i]];
                handled[chain[i]] = true;
                if (s == HeapVisibility.VacuumResult.DEAD) {
                    latestDead = i;
                } else if (s != HeapVisibility.VacuumResult.RECENTLY_DEAD) {
                    break;      // members after a live one are left to the orphan pass (an aborted update's)
                }
            }
            if (redirect && length == 0) {
                dead[nDead++] = root;               // a redirect to nothing left
                continue;
            }
            if (latestDead < 0) {
                continue;
            }
            for (int i = 0; i <= latestDead; i++) {
                if (chain[i] != root) {
                    unused[nUnused++] = chain[i];
                }
            }
            if (latestDead == length - 1) {
                dead[nDead++] = root;
            } else {
                from[nRedirected] = root;
                to[nRedirected++] = chain[latestDead + 1];
            }
        }
        for (int off = 1; off <= max; off++) {
            if (!handled[off] && state[off] == HeapVisibility.VacuumResult.DEAD
                    && isHeapOnly(page, Page.itemIdOffset(Page.itemIdInRange(page, off)))) {
                unused[nUnused++] = off;            // an orphan: an aborted HOT update's version
            }
        }
        return new HotPrune(Arrays.copyOf(from, nRedirected), Arrays.copyOf(to, nRedirected),
                Arrays.copyOf(dead, nDead), Arrays.copyOf(unused, nUnused), pruneXid);
    }

    /**
     * {@link #compute}'s working arrays, one set per thread: an update that finds its page full
     * prunes it first (each TPC-B update of a pgbench_accounts page that was updated before),
     * and each prune used to allocate eight arrays the size of the page's line pointer array.
     * {@link #compute} copies its answer out of them before it returns.
     */
    private static final class Scratch {

        private static final int SIZE = HeapTupleHeader.MAX_TUPLES_PER_PAGE + 1;
        private static final ThreadLocal<Scratch> PER_THREAD = ThreadLocal.withInitial(() -> new Scratch(SIZE));

        final HeapVisibility.VacuumResult[] state;
        final boolean[] reached;
        final boolean[] handled;
        final int[] from;
        final int[] to;
        final int[] dead;
        final int[] unused;
        final int[] chain;

        private Scratch(int size) {
            state = new HeapVisibility.VacuumResult[size];
            reached = new boolean[size];
            handled = new boolean[size];
            from = new int[size];
            to = new int[size];
            dead = new int[size];
            unused = new int[size];
            chain = new int[size];
        }

        /** The thread's set, or a set of its own for a page with more line pointers than a heap page holds. */
        static Scratch forPage(int maxOffset) {
            return maxOffset < SIZE ? PER_THREAD.get() : new Scratch(maxOffset + 1);
        }
    }

    /**
     * heap_get_root_tuples: for each offset of {@code page} holding a member of a HOT chain,
     * the chain's root; other offsets map to themselves.
     */
    public static int[] roots(ByteBuffer page) {
        int max = Page.maxOffsetNumber(page);
        int[] roots = new int[max + 1];
        for (int off = 1; off <= max; off++) {
            roots[off] = off;
        }
        for (int root = 1; root <= max; root++) {
            int flags = Page.itemIdFlags(Page.itemId(page, root));
            if (flags == Page.LP_REDIRECT || flags == Page.LP_NORMAL && !isHeapOnly(Page.item(page, root))) {
                for (int member : HotChainWalk.members(page, root)) {
                    roots[member] = root;
                }
            }
        }
        return roots;
    }

    public static boolean isHeapOnly(ByteBuffer tuple) {
        return isHeapOnly(tuple, 0);
    }

    /** {@link #isHeapOnly(ByteBuffer)} for the tuple at byte {@code at} of {@code page}. */
    public static boolean isHeapOnly(ByteBuffer page, int at) {
        return (infomask2(page, at) & HEAP_ONLY_TUPLE) != 0;
    }

    public static boolean isHotUpdated(ByteBuffer tuple) {
        return isHotUpdated(tuple, 0);
    }

    /** {@link #isHotUpdated(ByteBuffer)} for the tuple at byte {@code at} of {@code page}. */
    public static boolean isHotUpdated(ByteBuffer page, int at) {
        return (infomask2(page, at) & HEAP_HOT_UPDATED) != 0 && (infomask(page, at) & HEAP_XMAX_INVALID) == 0;
    }

    /** Applies the prune to the page (the pruning process under the exclusive lock, and redo). */
    public void apply(ByteBuffer page) {
        for (int i = 0; i < redirectFrom.length; i++) {
            Page.setItemId(page, redirectFrom[i], redirectTo[i], Page.LP_REDIRECT, 0);
        }
        for (int off : dead) {
            Page.markItemDead(page, off);
        }
        for (int off : unused) {
            Page.setItemUnused(page, off);
        }
        Page.repairFragmentation(page);
        Page.setPruneXid(page, newPruneXid);
    }

    public byte[] encode() {
        ByteBuffer out = ByteBuffer.allocate(2 + 4 * redirectFrom.length + 2 + 2 * dead.length + 2
                + 2 * unused.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        out.putShort((short) redirectFrom.length);
        for (int i = 0; i < redirectFrom.length; i++) {
            out.putShort((short) redirectFrom[i]).putShort((short) redirectTo[i]);
        }
        putOffsets(out, dead);
        putOffsets(out, unused);
        out.putInt(newPruneXid);
        return out.array();
    }

    public static HotPrune decode(byte[] data) {
        ByteBuffer in = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int n = in.getShort() & 0xFFFF;
        int[] from = new int[n];
        int[] to = new int[n];
        for (int i = 0; i < n; i++) {
            from[i] = in.getShort() & 0xFFFF;
            to[i] = in.getShort() & 0xFFFF;
        }
        int[] dead = getOffsets(in);
        int[] unused = getOffsets(in);
        return new HotPrune(from, to, dead, unused, in.getInt());
    }

    private static void putOffsets(ByteBuffer out, int[] offsets) {
        out.putShort((short) offsets.length);
        for (int off : offsets) {
            out.putShort((short) off);
        }
    }

    private static int[] getOffsets(ByteBuffer in) {
        int[] offsets = new int[in.getShort() & 0xFFFF];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = in.getShort() & 0xFFFF;
        }
        return offsets;
    }

    private static int older(int current, int xid) {
        return current == Xids.INVALID || Xids.precedes(xid, current) ? xid : current;
    }

}
