package org.tusk.xact;

/**
 * Sizes of the transaction system's shared memory: 8 kB page buffers of the
 * commit log (PostgreSQL's transaction_buffers) and of pg_subtrans
 * (subtransaction_buffers).
 */
public record XactSettings(int clogBuffers, int subtransBuffers) {

    public XactSettings {
        if (clogBuffers < 4 || subtransBuffers < 4) {
            throw new IllegalArgumentException("at least 4 buffers each: " + clogBuffers + ", " + subtransBuffers);
        }
    }

    public static XactSettings defaults() {
        return new XactSettings(32, 32);
    }
}
