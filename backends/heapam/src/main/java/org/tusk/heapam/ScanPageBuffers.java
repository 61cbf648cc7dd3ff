package org.tusk.heapam;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicReference;

import org.tusk.buffer.Page;
import org.tusk.heapam.internal.HeapTupleHeader;

/**
 * The arrays a {@link HeapScan} keeps its current page in (PostgreSQL's rs_vistuples and the
 * page it reads them from): a copy of the page and, per visible tuple, its offset number,
 * start, length and whether it is heap-only. About 12 kB, which a scan of a one-page table
 * (pgbench_branches, once per TPC-B transaction) used to allocate and zero every time; an
 * access method now keeps one set aside ({@link Spare}) and lends it to the next scan.
 */
final class ScanPageBuffers {

    final byte[] pageCopy = new byte[Page.BLCKSZ];
    final ByteBuffer pageCopyView = ByteBuffer.wrap(pageCopy).order(ByteOrder.LITTLE_ENDIAN);
    final int[] offsets = new int[HeapTupleHeader.MAX_TUPLES_PER_PAGE];
    final int[] starts = new int[HeapTupleHeader.MAX_TUPLES_PER_PAGE];
    final int[] lengths = new int[HeapTupleHeader.MAX_TUPLES_PER_PAGE];
    final boolean[] heapOnly = new boolean[HeapTupleHeader.MAX_TUPLES_PER_PAGE];

    /**
     * One set kept for the next scan. A scan takes it (or allocates its own when another
     * open scan has it: a nested loop's inner scan) and gives it back when closed; a scan
     * that is never closed keeps its set, which is then collected with it. Every field of
     * a set is written before it is read for a page, so nothing of an earlier scan shows.
     */
    static final class Spare {

        private final AtomicReference<ScanPageBuffers> kept = new AtomicReference<>();

        ScanPageBuffers take() {
            ScanPageBuffers buffers = kept.getAndSet(null);
            return buffers != null ? buffers : new ScanPageBuffers();
        }

        void giveBack(ScanPageBuffers buffers) {
            kept.set(buffers);
        }
    }
}
