package org.tusk.buffer;

import java.util.Arrays;

/**
 * A BufferAccessStrategy ring (BAS_BULKREAD, freelist.c): the few buffers one
 * large sequential scan reuses for the pages it has to read, so that reading
 * a relation bigger than the pool does not push everything else out (or,
 * reading it right after it was written, push out the very pages it is about
 * to ask for: a table of about the pool's size then missed on every page).
 * Private to one scan of one process; the buffers themselves stay shared.
 */
public final class BufferRing {

    /** GetAccessStrategy's BAS_BULKREAD size: 256 kB. */
    static final int BULK_READ_BYTES = 256 * 1024;

    private final int[] buffers;
    private int current = -1;

    /** A bulk-read ring for a pool of {@code nBuffers} (never more than an eighth of it, as PostgreSQL's). */
    public static BufferRing bulkRead(int nBuffers) {
        return new BufferRing(Math.max(1, Math.min(BULK_READ_BYTES / Page.BLCKSZ, nBuffers / 8)));
    }

    private BufferRing(int size) {
        buffers = new int[size];
        Arrays.fill(buffers, -1);
    }

    /** Moves to the next slot; returns the buffer it holds, or -1 for an empty slot. */
    public int advance() {
        current = (current + 1) % buffers.length;
        return buffers[current];
    }

    /** The current slot takes {@code bufferId} (AddBufferToRing), or is emptied with -1. */
    public void setCurrent(int bufferId) {
        buffers[current] = bufferId;
    }

    public int size() {
        return buffers.length;
    }
}
