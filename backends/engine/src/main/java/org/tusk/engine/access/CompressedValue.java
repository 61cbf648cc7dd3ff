package org.tusk.engine.access;

/**
 * A value compressed inline (a varattrib_4b compressed datum): the pglz form
 * of its {@link TupleFormat} encoding. Exists only between the toaster and
 * {@link TupleFormat#form}; deforming decompresses.
 *
 * @param rawSize the encoding's length
 * @param data    the pglz bytes
 */
public record CompressedValue(int rawSize, byte[] data) {
}
