package org.tusk.engine.access;

/**
 * varatt_external: where an out-of-line value lives. The value's bytes (its
 * {@link TupleFormat} encoding, pglz-compressed when {@code compressed}) are
 * the chunks of {@code valueId} in the TOAST relation {@code toastRelId},
 * chunk_seq 0, 1, ... of {@link Toast#MAX_CHUNK_SIZE} bytes each.
 *
 * @param rawSize    the encoding's length before compression
 * @param extSize    the bytes stored in the chunks
 * @param compressed whether the chunks hold the pglz form
 * @param valueId    chunk_id (an OID unique in the TOAST relation)
 * @param toastRelId the TOAST relation's OID
 */
public record ToastPointer(int rawSize, int extSize, boolean compressed, long valueId, long toastRelId) {

    /** The pointer's own size in a tuple (PostgreSQL's TOAST_POINTER_SIZE is 18 too). */
    public static final int SIZE = 18;
}
