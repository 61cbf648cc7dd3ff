package org.tusk.engine.relcache;

/**
 * One column of a relation as the relcache keeps it (a pg_attribute row, the
 * parts the engine uses): attnum is 1-based; a dropped column keeps its
 * number and slot in stored rows but is invisible. {@code identity} is
 * attidentity ('a', 'd', or '\0' for none); {@code storage} is attstorage
 * (p, e, m, x), which decides how TOAST treats the column's values.
 */
public record AttributeDesc(int attnum, String name, int typeOid, int typmod, boolean notNull, boolean dropped,
        boolean hasDefault, char identity, char storage) {

    /** A column that is not an identity column and whose values are never toasted (attstorage 'p'). */
    public AttributeDesc(int attnum, String name, int typeOid, int typmod, boolean notNull, boolean dropped,
            boolean hasDefault) {
        this(attnum, name, typeOid, typmod, notNull, dropped, hasDefault, '\0', 'p');
    }

    /** attidentity 'a': GENERATED ALWAYS AS IDENTITY. */
    public boolean identityAlways() {
        return identity == 'a';
    }
}
