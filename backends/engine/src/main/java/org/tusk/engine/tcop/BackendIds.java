package org.tusk.engine.tcop;

import java.util.BitSet;

/**
 * MyBackendId, which names a session's temporary schema pg_temp_N. A backend
 * process serves one session at a time and takes N from its slot (the
 * {@code tusk.backend.id} property BackendMain sets: slot + 1). Without one —
 * several sessions in one JVM, as in the engine's tests — each session takes
 * the smallest number no other open session of this JVM holds, and gives it
 * back when it closes.
 */
final class BackendIds {

    private static final BitSet IN_USE = new BitSet();

    private BackendIds() {
    }

    /** This session's number (1 and up). */
    static synchronized int claim() {
        Integer slot = Integer.getInteger("tusk.backend.id");
        if (slot != null && slot > 0) {
            return slot;
        }
        int n = IN_USE.nextClearBit(1);
        IN_USE.set(n);
        return n;
    }

    /** Gives {@code id} back (a no-op for a slot's number). */
    static synchronized void release(int id) {
        if (Integer.getInteger("tusk.backend.id") == null && id > 0) {
            IN_USE.clear(id);
        }
    }
}
