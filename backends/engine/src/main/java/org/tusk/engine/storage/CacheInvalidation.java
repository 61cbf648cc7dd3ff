package org.tusk.engine.storage;

import org.tusk.storage.SharedInvalidationQueue;

/**
 * What a session's caches do with invalidation messages (PostgreSQL's
 * LocalExecuteInvalidationMessage and InvalidateSystemCaches): the
 * {@link StorageTransaction} reads the shared queue at transaction start and
 * after every lock, and hands each message, or a reset when messages were
 * lost, to the session's caches. The same target gets this transaction's own
 * messages when it aborts, since the caches may hold entries built from its
 * undone catalog changes.
 */
public interface CacheInvalidation {

    /** Drop what {@code message} names. */
    void apply(SharedInvalidationQueue.Message message);

    /** Drop everything (the queue overflowed for this backend). */
    void reset();
}
