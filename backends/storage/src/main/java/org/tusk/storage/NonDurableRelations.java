package org.tusk.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tusk.api.storage.ForkNumber;
import org.tusk.api.storage.RelFileLocator;
import org.tusk.buffer.BufferManager;
import org.tusk.buffer.Page;
import org.tusk.buffer.Smgr;

/**
 * ResetUnloggedRelations (reinit.c) for Tusk: every relation with an
 * {@link ForkNumber#INIT} fork belongs to a table whose rows do not survive a
 * restart (an index over a memory table), so at each start, after redo and
 * before anyone connects, its other forks are replaced by a copy of the init
 * fork. PostgreSQL does this only after a crash, because its unlogged tables
 * keep their files over a clean restart; memory tables never survive one, so
 * Tusk resets at every start.
 *
 * <p>Buffers of the relation are dropped first: redo may have left dirty
 * pages of the old contents in shared buffers, and the end-of-recovery
 * checkpoint must not write them over the reset files. The copy is synced,
 * not WAL-logged: its pages carry LSN 0, so the first change after the reset
 * logs a full-page image, and a crash during the reset is repaired by the
 * next start's redo and reset.
 */
final class NonDurableRelations {

    private static final Logger LOG = LoggerFactory.getLogger(NonDurableRelations.class);

    private NonDurableRelations() {
    }

    /** Resets every relation under {@code base/} that has an init fork; returns how many. */
    static int reset(Path dataDir, BufferManager buffers) {
        List<RelFileLocator> relations = withInitFork(dataDir);
        Smgr smgr = buffers.smgr();
        for (RelFileLocator relation : relations) {
            buffers.dropRelation(relation);
            for (ForkNumber fork : ForkNumber.values()) {
                if (fork != ForkNumber.INIT) {
                    smgr.unlink(relation, fork);
                }
            }
            smgr.create(relation, ForkNumber.MAIN);
            int nblocks = smgr.nblocks(relation, ForkNumber.INIT);
            ByteBuffer page = Page.allocate();
            for (int block = 0; block < nblocks; block++) {
                page.clear();
                smgr.read(relation, ForkNumber.INIT, block, page);
                smgr.extend(relation, ForkNumber.MAIN, block, page);
            }
            smgr.immedsync(relation, ForkNumber.MAIN);
        }
        if (!relations.isEmpty()) {
            LOG.info("reset {} relation(s) over tables that do not survive a restart", relations.size());
        }
        return relations.size();
    }

    /** {@code base/<db>/<relfilenode>_init} files (an init fork has a single segment). */
    static List<RelFileLocator> withInitFork(Path dataDir) {
        List<RelFileLocator> found = new ArrayList<>();
        Path base = dataDir.resolve("base");
        if (!Files.isDirectory(base)) {
            return found;
        }
        String suffix = ForkNumber.INIT.suffix();
        try (DirectoryStream<Path> databases = Files.newDirectoryStream(base)) {
            for (Path db : databases) {
                Integer dbOid = unsigned(db.getFileName().toString());
                if (dbOid == null || !Files.isDirectory(db)) {
                    continue;
                }
                try (DirectoryStream<Path> files = Files.newDirectoryStream(db, "*" + suffix)) {
                    for (Path file : files) {
                        String name = file.getFileName().toString();
                        Integer rel = unsigned(name.substring(0, name.length() - suffix.length()));
                        if (rel != null) {
                            found.add(RelFileLocator.of(dbOid, rel));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read directory \"" + base + "\"", e);
        }
        return found;
    }

    private static Integer unsigned(String digits) {
        if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit) || digits.length() > 10) {
            return null;
        }
        long value = Long.parseLong(digits);
        return value > 0xFFFFFFFFL ? null : (int) value;
    }
}
