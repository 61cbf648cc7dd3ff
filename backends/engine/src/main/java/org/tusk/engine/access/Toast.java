package org.tusk.engine.access;

import java.math.BigDecimal;

import org.tusk.engine.types.ArrayValue;

/**
 * heaptoast.c's heap_toast_insert_or_update: shrinks a row that would make a
 * heap tuple larger than {@link #TUPLE_THRESHOLD} by compressing its large
 * variable-length values inline and moving the largest ones out of line into
 * the relation's TOAST table, following each attribute's attstorage:
 *
 * <ul>
 * <li>{@code p} plain: never touched;</li>
 * <li>{@code x} extended: compressed first, moved out of line if still needed;</li>
 * <li>{@code e} external: moved out of line, never compressed;</li>
 * <li>{@code m} main: compressed, moved out only as a last resort (when the
 *     row would not fit a page at all).</li>
 * </ul>
 *
 * The four rounds and their order are PostgreSQL's: (1) compress x/e
 * attributes biggest first, pushing one out at once when it alone exceeds the
 * target; (2) move x/e attributes out, biggest first; (3) compress m ones;
 * (4) move m ones out against the larger target {@link #TUPLE_TARGET_MAIN}.
 * Values already out of line (an UPDATE keeping a value by reference) stay
 * pointers. Sizes are those of the engine's row format ({@link TupleFormat});
 * the tuple header is {@link #HEAP_HEADER} bytes.
 */
public final class Toast {

    /** TOAST_TUPLE_THRESHOLD for 8 kB pages: a tuple larger than this is toasted. */
    public static final int TUPLE_THRESHOLD = 2032;
    /** TOAST_TUPLE_TARGET: the size toasting tries to get the tuple down to. */
    public static final int TUPLE_TARGET = 2032;
    /** TOAST_TUPLE_TARGET_MAIN: the target for moving attstorage 'm' values out (MaxHeapTupleSize). */
    public static final int TUPLE_TARGET_MAIN = 8160;
    /** TOAST_MAX_CHUNK_SIZE for 8 kB pages. */
    public static final int MAX_CHUNK_SIZE = 1996;
    /** The heap tuple header in front of the row's bytes (t_hoff). */
    public static final int HEAP_HEADER = 24;
    /** MAXALIGN(TOAST_POINTER_SIZE): values this small are never worth toasting. */
    private static final int MIN_TOASTABLE = 24;

    /** toast_internals.c's side: writing a value's chunks into the TOAST relation. */
    public interface Store {
        /** toast_save_datum: stores {@code stored} as chunks under a new chunk_id. */
        ToastPointer save(byte[] stored, int rawSize, boolean compressed);
    }

    private Toast() {
    }

    /** Whether a value of this class is a varlena PostgreSQL could toast. */
    public static boolean isToastable(Object v) {
        return v instanceof String || v instanceof byte[] || v instanceof BigDecimal || v instanceof Object[]
                || v instanceof ArrayValue;
    }

    /**
     * The row's bytes, toasted as needed. {@code values} is per stored
     * attribute (may hold {@link ToastPointer}s kept from the old version);
     * {@code storage} the attributes' attstorage; {@code store} null when the
     * relation has no TOAST table (then values are only compressed).
     */
    public static byte[] form(Object[] values, char[] storage, Store store) {
        return form(values, storage, store, TUPLE_TARGET);
    }

    /** {@link #form} with the relation's toast_tuple_target (the size rounds 1 and 2 aim for). */
    public static byte[] form(Object[] values, char[] storage, Store store, int tupleTarget) {
        byte[] plain = TupleFormat.form(values);
        if (HEAP_HEADER + plain.length <= TUPLE_THRESHOLD) {
            return plain;
        }
        int n = values.length;
        Object[] v = values.clone();
        int[] size = new int[n];
        byte[][] encoded = new byte[n][];
        boolean[] incompressible = new boolean[n];
        int len = 2 + (n + 7) / 8;
        for (int i = 0; i < n; i++) {
            if (v[i] == null) {
                continue;
            }
            if (v[i] instanceof ToastPointer) {
                size[i] = ToastPointer.SIZE;
            } else {
                encoded[i] = TupleFormat.encode(v[i]);
                size[i] = encoded[i].length;
            }
            len += size[i];
        }
        int maxDataLen = tupleTarget - HEAP_HEADER;

        // round 1: compress extended attributes (and give up on external ones' compression), biggest first
        while (len > maxDataLen) {
            int i = biggest(v, size, storage, incompressible, true, false);
            if (i < 0) {
                break;
            }
            if (storage(storage, i) == 'x') {
                len -= size[i];
                compress(v, size, encoded, incompressible, i);
                len += size[i];
            } else {
                incompressible[i] = true;
            }
            if (size[i] > maxDataLen && store != null) {
                len -= size[i];
                externalize(v, size, encoded, i, store);
                len += size[i];
            }
        }
        // round 2: move extended/external attributes out of line
        while (len > maxDataLen && store != null) {
            int i = biggest(v, size, storage, incompressible, false, false);
            if (i < 0) {
                break;
            }
            len -= size[i];
            externalize(v, size, encoded, i, store);
            len += size[i];
        }
        // round 3: compress main attributes
        while (len > maxDataLen) {
            int i = biggest(v, size, storage, incompressible, true, true);
            if (i < 0) {
                break;
            }
            len -= size[i];
            compress(v, size, encoded, incompressible, i);
            len += size[i];
        }
        // round 4: main attributes out of line, only if the tuple cannot fit a page otherwise
        maxDataLen = TUPLE_TARGET_MAIN - HEAP_HEADER;
        while (len > maxDataLen && store != null) {
            int i = biggest(v, size, storage, incompressible, false, true);
            if (i < 0) {
                break;
            }
            len -= size[i];
            externalize(v, size, encoded, i, store);
            len += size[i];
        }
        // round 5 (Tusk's own): the engine's row format spends a few bytes more per row than
        // PostgreSQL's (natts, type tags, 4-byte lengths), so a row PostgreSQL stores just under
        // MaxHeapTupleSize may not fit here with plain values; rather than refuse a row PostgreSQL
        // accepts, compress the biggest remaining values, plain ones too, while it still does not fit
        while (len > maxDataLen) {
            int i = biggestUncompressed(v, size, incompressible);
            if (i < 0) {
                break;
            }
            len -= size[i];
            compress(v, size, encoded, incompressible, i);
            len += size[i];
        }
        return TupleFormat.form(v);
    }

    /** The biggest value of any attstorage still inline and uncompressed (round 5). */
    private static int biggestUncompressed(Object[] v, int[] size, boolean[] incompressible) {
        int best = -1;
        int bestSize = MIN_TOASTABLE;
        for (int i = 0; i < v.length; i++) {
            if (v[i] == null || !isToastable(v[i]) || incompressible[i] || encoded(v[i])) {
                continue;
            }
            if (size[i] > bestSize) {
                best = i;
                bestSize = size[i];
            }
        }
        return best;
    }

    private static boolean encoded(Object value) {
        return value instanceof CompressedValue || value instanceof ToastPointer;
    }

    private static char storage(char[] storage, int i) {
        return i < storage.length ? storage[i] : 'p';
    }

    /** toast_tuple_find_biggest_attribute. */
    private static int biggest(Object[] v, int[] size, char[] storage, boolean[] incompressible,
            boolean forCompression, boolean checkMain) {
        int best = -1;
        int bestSize = MIN_TOASTABLE;
        for (int i = 0; i < v.length; i++) {
            Object value = v[i];
            if (value == null || value instanceof ToastPointer || !(isToastable(value)
                    || value instanceof CompressedValue)) {
                continue;
            }
            if (forCompression && (value instanceof CompressedValue || incompressible[i])) {
                continue;
            }
            char s = storage(storage, i);
            if (checkMain ? s != 'm' : s != 'x' && s != 'e') {
                continue;
            }
            if (size[i] > bestSize) {
                best = i;
                bestSize = size[i];
            }
        }
        return best;
    }

    /** toast_tuple_try_compression: keeps the pglz form when it saves something. */
    private static void compress(Object[] v, int[] size, byte[][] encoded, boolean[] incompressible, int i) {
        byte[] raw = encoded[i];
        byte[] c = Pglz.compress(raw);
        if (c == null || c.length >= raw.length - 2) {
            incompressible[i] = true;
            return;
        }
        CompressedValue cv = new CompressedValue(raw.length, c);
        v[i] = cv;
        size[i] = TupleFormat.encode(cv).length;
    }

    /** toast_tuple_externalize. */
    private static void externalize(Object[] v, int[] size, byte[][] encoded, int i, Store store) {
        ToastPointer p;
        if (v[i] instanceof CompressedValue cv) {
            p = store.save(cv.data(), cv.rawSize(), true);
        } else {
            p = store.save(encoded[i], encoded[i].length, false);
        }
        v[i] = p;
        size[i] = ToastPointer.SIZE;
    }
}
