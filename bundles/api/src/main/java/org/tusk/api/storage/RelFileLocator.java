package org.tusk.api.storage;

/**
 * Names a relation's files (PostgreSQL's RelFileLocator): the tablespace, the
 * database and the file number. Files of tablespace {@link #GLOBAL_TABLESPACE}
 * live in {@code global/}, all others in {@code base/<dbOid>/}.
 */
public record RelFileLocator(int spcOid, int dbOid, int relNumber) {

    /** pg_default. */
    public static final int DEFAULT_TABLESPACE = 1663;
    /** pg_global: shared catalogs. */
    public static final int GLOBAL_TABLESPACE = 1664;

    public static RelFileLocator of(int dbOid, int relNumber) {
        return new RelFileLocator(DEFAULT_TABLESPACE, dbOid, relNumber);
    }

    /** The path of the fork's first segment relative to the data directory, as PostgreSQL's relpath(). */
    public String path(ForkNumber fork) {
        String base = spcOid == GLOBAL_TABLESPACE ? "global/" + Integer.toUnsignedString(relNumber)
                : "base/" + Integer.toUnsignedString(dbOid) + "/" + Integer.toUnsignedString(relNumber);
        return base + fork.suffix();
    }

    // Written out instead of the record's generated ones (invokedynamic, a method handle per field, which showed
    // as ObjectMethods frames in -S profiles): every heap fetch, root-cache and segment look-up hashes or compares
    // a locator. The same values as the generated hashCode (31 * h + field, from 0), so nothing that placed
    // entries by it moves.
    @Override
    public int hashCode() {
        return (31 * spcOid + dbOid) * 31 + relNumber;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RelFileLocator r && r.relNumber == relNumber && r.dbOid == dbOid && r.spcOid == spcOid;
    }

    @Override
    public String toString() {
        return path(ForkNumber.MAIN);
    }
}
