package org.tusk.engine.relcache;

/**
 * One column of a relation as the relcache keeps it (a pg_attribute row, the
 * parts the engine uses): attnum is 1-based; a dropped column keeps its
 * number and slot in stored rows but is invisible. {@code storage} is
 * attstorage (p, e, m, x), which decides how TOAST treats the column's values.
 */
public record AttributeDesc(int attnum, String name, int typeOid, int typmod, boolean notNull, boolean dropped,
        boolean hasDefault, char storage) {

    /** A column whose values are never toasted (attstorage 'p'). */
    public AttributeDesc(int attnum, String name, int typeOid, int typmod, boolean notNull, boolean dropped,
            boolean hasDefault) {
        this(attnum, name, typeOid, typmod, notNull, dropped, hasDefault, 'p');
    }
}
