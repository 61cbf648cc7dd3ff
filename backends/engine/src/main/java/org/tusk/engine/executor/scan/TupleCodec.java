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
}
