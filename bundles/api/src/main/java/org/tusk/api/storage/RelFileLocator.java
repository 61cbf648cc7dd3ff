package org.tusk.api.storage;

/**
 * Names a relation's files (PostgreSQL's RelFileLocator): the tablespace, the
 * database and the file number. Files of tablespace {@link #GLOBAL_TABLESPACE}
 * live in {@code global/}, all others in {@code base/<dbOid>/}.
 *
 * <p>{@code temp} says that the files belong to a TEMP relation (relpersistence
 * 't'; PostgreSQL's RelFileLocatorBackend with a backend id): changes to it are
 * not WAL-logged ({@link #needsWal}), because its contents die with the session
 * and nothing reads them after a crash. It is an attribute, not part of the
 * name: a file number is unique within its database whatever the persistence,
 * so {@link #equals} and {@link #hashCode} ignore it, and locators rebuilt from
 * shared memory (buffer tags, fsync requests) without it still name the same
 * files. Whoever builds a locator from pg_class sets it from relpersistence.
 */
public record RelFileLocator(int spcOid, int dbOid, int relNumber, boolean temp) {

    /** pg_default. */
    public static final int DEFAULT_TABLESPACE = 1663;
    /** pg_global: shared catalogs. */
    public static final int GLOBAL_TABLESPACE = 1664;
    /** pg_class.relpersistence of a TEMP relation. */
    public static final char RELPERSISTENCE_TEMP = 't';

    /** A permanent relation's files. */
    public RelFileLocator(int spcOid, int dbOid, int relNumber) {
        this(spcOid, dbOid, relNumber, false);
    }

    public static RelFileLocator of(int dbOid, int relNumber) {
        return new RelFileLocator(DEFAULT_TABLESPACE, dbOid, relNumber);
    }

    /** A relation of default tablespace with persistence {@code relpersistence} ('p', 'u' or 't'). */
    public static RelFileLocator of(int dbOid, int relNumber, char relpersistence) {
        return new RelFileLocator(DEFAULT_TABLESPACE, dbOid, relNumber, relpersistence == RELPERSISTENCE_TEMP);
    }

    /** RelationNeedsWAL: changes to the relation's pages are WAL-logged, unless it is a TEMP relation. */
    public boolean needsWal() {
        return !temp;
    }

    /** New files of the same relation (TRUNCATE, REINDEX, rewrites): same tablespace, database and persistence. */
    public RelFileLocator withRelNumber(int newRelNumber) {
        return new RelFileLocator(spcOid, dbOid, newRelNumber, temp);
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
