package org.tusk.engine.relcache;

/**
 * One column of a relation as the relcache keeps it (a pg_attribute row, the
 * parts the engine uses): attnum is 1-based; a dropped column keeps its
 * number and slot in stored rows but is invisible.
 */
public record AttributeDesc(int attnum, String name, int typeOid, int typmod, boolean notNull, boolean dropped,
        boolean hasDefault, char identity) {

    /** A column that is not an identity column. */
    public AttributeDesc(int attnum, String name, int typeOid, int typmod, boolean notNull, boolean dropped,
            boolean hasDefault) {
        this(attnum, name, typeOid, typmod, notNull, dropped, hasDefault, '\0');
    }

    /** attidentity 'a': GENERATED ALWAYS AS IDENTITY. */
    public boolean identityAlways() {
        return identity == 'a';
    }
}
