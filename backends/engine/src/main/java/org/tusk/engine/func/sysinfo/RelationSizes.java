package org.tusk.engine.func.sysinfo;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;

import org.tusk.api.storage.ForkNumber;
import org.tusk.api.storage.RelFileLocator;
import org.tusk.engine.catalog.SystemCatalogs;

/**
 * Disk usage functions (dbsize.c): sizes are the lengths of a relation's
 * files (every 1 GB segment of a fork), and pg_size_pretty.
 */
public final class RelationSizes {

    private final SysInfoContext ctx;

    public RelationSizes(SysInfoContext ctx) {
        this.ctx = ctx;
    }

    /** pg_relation_size(rel, fork); null when the relation does not exist. */
    public Long relationSize(int relOid, String fork) {
        CatalogRow rel = ctx.cache().relation(relOid);
        if (rel == null) {
            return null;
        }
        return forkSize(rel, forkNumber(fork));
    }

    /** pg_table_size: every fork of the table, and its TOAST table with that one's index. */
    public Long tableSize(int relOid) {
        CatalogRow rel = ctx.cache().relation(relOid);
        if (rel == null) {
            return null;
        }
        long total = 0;
        for (ForkNumber f : ForkNumber.values()) {
            total += forkSize(rel, f);
        }
        Object toast = rel.get("reltoastrelid");
        if (toast instanceof Long t && t != 0 && t.intValue() != relOid) {
            Long toastSize = totalRelationSize(t.intValue());
            total += toastSize == null ? 0 : toastSize;
        }
        return total;
    }

    /** pg_indexes_size: the table's indexes, every fork. */
    public Long indexesSize(int relOid) {
        if (ctx.cache().relation(relOid) == null) {
            return null;
        }
        long total = 0;
        for (CatalogRow index : ctx.cache().find(SystemCatalogs.PG_INDEX, "indrelid", (long) relOid)) {
            Long s = tableSize(index.oid("indexrelid"));
            total += s == null ? 0 : s;
        }
        return total;
    }

    /** pg_total_relation_size: table plus indexes. */
    public Long totalRelationSize(int relOid) {
        Long table = tableSize(relOid);
        return table == null ? null : table + indexesSize(relOid);
    }

    /** pg_relation_filenode: relfilenode of a relation with storage; null for one without or none at all. */
    public Long relationFilenode(int relOid) {
        CatalogRow rel = ctx.cache().relation(relOid);
        if (rel == null || !hasStorage(rel.ch("relkind"))) {
            return null;
        }
        return Integer.toUnsignedLong(locator(rel).relNumber());
    }

    /**
     * pg_filenode_relation (RelidByRelfilenumber): the relation of this database whose file is
     * {@code filenode} in the tablespace (0 the database's default); temporary relations are
     * not found, as PostgreSQL's relfilenumber map leaves them out. Null when none.
     */
    public Long filenodeRelation(int tablespace, int filenode) {
        if (filenode == 0) {
            return null;
        }
        int spc = tablespace == RelFileLocator.DEFAULT_TABLESPACE ? 0 : tablespace;
        for (CatalogRow rel : ctx.cache().find(SystemCatalogs.PG_CLASS, "relfilenode", Integer.toUnsignedLong(filenode))) {
            if (hasStorage(rel.ch("relkind")) && rel.ch("relpersistence") != 't' && rel.oid("reltablespace") == spc) {
                return Integer.toUnsignedLong(rel.oid("oid"));
            }
        }
        return null;
    }

    private static boolean hasStorage(char kind) {
        return kind == 'r' || kind == 'i' || kind == 'S' || kind == 't' || kind == 'm';
    }

    private static ForkNumber forkNumber(String fork) {
        switch (fork) {
            case "main": return ForkNumber.MAIN;
            case "fsm": return ForkNumber.FSM;
            case "vm": return ForkNumber.VISIBILITY_MAP;
            case "init": return ForkNumber.INIT;
            default:
                throw org.tusk.engine.error.Ereport.error(org.tusk.api.error.SqlState.INVALID_PARAMETER_VALUE,
                        "invalid fork name");
        }
    }

    private long forkSize(CatalogRow rel, ForkNumber fork) {
        if (ctx.dataDirectory() == null) {
            return 0;
        }
        char kind = rel.ch("relkind");
        if (kind == 'v' || kind == 'c' || kind == 'f' || kind == 'p' || kind == 'I') {
            return 0;
        }
        RelFileLocator locator = locator(rel);
        Path first = ctx.dataDirectory().resolve(locator.path(fork));
        long total = 0;
        try {
            for (int segment = 0; ; segment++) {
                Path p = segment == 0 ? first : first.resolveSibling(first.getFileName() + "." + segment);
                if (!Files.exists(p)) {
                    break;
                }
                total += Files.size(p);
            }
        } catch (IOException e) {
            throw org.tusk.engine.error.Ereport.error(org.tusk.api.error.SqlState.INTERNAL_ERROR,
                    "could not stat file \"" + first + "\": " + e.getMessage());
        }
        return total;
    }

    private RelFileLocator locator(CatalogRow rel) {
        int oid = rel.oid("oid");
        SystemCatalogs.Catalog system = SystemCatalogs.byOid(oid);
        if (system != null) {
            return system.locator(ctx.databaseOid());
        }
        int spc = rel.oid("reltablespace");
        int fileNode = rel.oid("relfilenode");
        if (rel.bool("relisshared")) {
            return new RelFileLocator(RelFileLocator.GLOBAL_TABLESPACE, 0, fileNode);
        }
        return new RelFileLocator(spc == 0 ? RelFileLocator.DEFAULT_TABLESPACE : spc, ctx.databaseOid(), fileNode);
    }

    // ---- pg_size_pretty: units with the limit below which they are used, whether halves round, and their bits
    private record Unit(String name, long limit, boolean round, int bits) {}

    private static final Unit[] UNITS = {
        new Unit("bytes", 10 * 1024, false, 0), new Unit("kB", 20 * 1024 - 1, true, 10),
        new Unit("MB", 20 * 1024 - 1, true, 20), new Unit("GB", 20 * 1024 - 1, true, 30),
        new Unit("TB", 20 * 1024 - 1, true, 40), new Unit("PB", 20 * 1024 - 1, true, 50)};

    /** pg_size_pretty(bigint). */
    public static String sizePretty(long size) {
        for (int i = 0; i < UNITS.length; i++) {
            Unit u = UNITS[i];
            if (i == UNITS.length - 1 || Math.abs(size) < u.limit()) {
                if (u.round()) {
                    size = (size + (size < 0 ? -1 : 1)) / 2;
                }
                return size + " " + u.name();
            }
            Unit next = UNITS[i + 1];
            // one bit fewer than the units' difference where the next unit rounds, to keep a bit for it
            int bits = next.bits() - u.bits() - (next.round() ? 1 : 0) + (u.round() ? 1 : 0);
            size >>= bits;
        }
        throw new IllegalStateException();
    }

    /** pg_size_pretty(numeric). */
    public static String sizePretty(BigDecimal size) {
        for (int i = 0; i < UNITS.length; i++) {
            Unit u = UNITS[i];
            if (i == UNITS.length - 1 || size.abs().compareTo(BigDecimal.valueOf(u.limit())) < 0) {
                if (u.round()) {
                    BigDecimal one = size.signum() < 0 ? BigDecimal.ONE.negate() : BigDecimal.ONE;
                    size = size.add(one).divide(BigDecimal.valueOf(2), 0, RoundingMode.DOWN);
                }
                return size.toPlainString() + " " + u.name();
            }
            Unit next = UNITS[i + 1];
            int bits = next.bits() - u.bits() - (next.round() ? 1 : 0) + (u.round() ? 1 : 0);
            size = size.divide(BigDecimal.valueOf(1L << bits), 0, RoundingMode.DOWN);
        }
        throw new IllegalStateException();
    }
}
