package org.tusk.engine.executor.scan;

/**
 * Turns a row of engine values into the bytes a table access method stores,
 * and back (heap_form_tuple / heap_deform_tuple). The tuple format belongs to
 * the catalog; the executor only needs these two directions.
 */
public interface TupleCodec {

    /** heap_form_tuple: one value per column (null = SQL NULL). */
    byte[] form(Object[] values);

    /** heap_deform_tuple: the stored bytes back to one value per column. */
    Object[] deform(byte[] data);

    /** heap_deform_tuple with detoasting under {@code snapshot} (the one that found the row version). */
    default Object[] deform(byte[] data, org.tusk.api.storage.Snapshot snapshot) {
        return deform(data);
    }

    /**
     * The number of columns {@link #deform} gives a row, or -1 when the codec does not say (then
     * {@link #deformLeading} is not used).
     */
    default int columnCount() {
        return -1;
    }

    /**
     * slot_getsomeattrs: a row of which only the first {@code columns} columns are certain to be
     * deformed (the others may be NULL): what a scan's qualification reads before the row is
     * known to be wanted.
     */
    default Object[] deformLeading(byte[] data, org.tusk.api.storage.Snapshot snapshot, int columns) {
        return deform(data, snapshot);
    }

    /** Whether the relation has a TOAST table (then UPDATE/DELETE must look at the old version's values). */
    default boolean hasToast() {
        return false;
    }

    /**
     * heap_toast_insert_or_update for an UPDATE: like {@link #form}, but values
     * the old version {@code oldData} holds out of line and that reach here
     * unchanged stay pointers to the same chunks.
     */
    default byte[] formUpdate(Object[] values, byte[] oldData) {
        return form(values);
    }

    /**
     * heap_toast_delete: marks deleted the chunks of the out-of-line values of
     * {@code row} that {@code keep} (the new version, or null) does not point at.
     */
    default void toastDelete(byte[] row, byte[] keep, org.tusk.api.storage.Snapshot snapshot) {
    }
}
