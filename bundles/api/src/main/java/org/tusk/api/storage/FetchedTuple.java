package org.tusk.api.storage;

/**
 * A version found through an index entry ({@link TableAccessMethod#fetchFromIndex}): where it
 * is, which may differ from the entry's heap TID when the entry points at the root of a HOT
 * chain, and its data.
 *
 * @since 1.5
 */
public record FetchedTuple(TupleId tid, byte[] data) {
}
