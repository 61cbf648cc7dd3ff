package org.tusk.wal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tusk.api.error.PgException;
import org.tusk.api.error.Severity;
import org.tusk.api.error.SqlState;
import org.tusk.api.storage.Lsn;
import org.tusk.shmem.ProcSlot;
import org.tusk.shmem.ShmemRequest;
import org.tusk.shmem.ShmemSegment;
import org.tusk.wal.internal.RecordFormat;
import org.tusk.wal.internal.SegmentFiles;
import org.tusk.wal.internal.SharedWalWriter;
import org.tusk.wal.internal.XLogCtl;

/**
 * Entry point of the WAL. The life cycle, as PostgreSQL's:
 * <ol>
 * <li>initdb: {@link #bootstrap} writes the first (shutdown) checkpoint record and the control file;</li>
 * <li>postmaster: creates shared memory with {@link #shmemRequests};</li>
 * <li>startup process: reads the control file, redoes WAL from the checkpoint's redo point with a
 *     {@link WalReader} until its end of valid WAL, then calls {@link #startAt} once;</li>
 * <li>every process that writes WAL: {@link #attach} (one writer per process / ProcSlot).</li>
 * </ol>
 */
public final class Wal {

    private static final Logger LOG = LoggerFactory.getLogger(Wal.class);
    /** The name a segment file has while the names beyond the end of WAL rotate (not a segment name). */
    private static final String ROTATING_SEGMENT = "xlogtemp.rotate";

    /** XLOG_BLCKSZ and BLCKSZ: WAL buffer pages and data pages are both 8 kB. */
    public static final int PAGE_SIZE = 8192;
    /** FirstNormalTransactionId. */
    public static final long FIRST_NORMAL_XID = 3;
    /** FirstNormalObjectId. */
    public static final int FIRST_NORMAL_OID = 16384;

    private Wal() {
    }

    /** The shared memory the WAL needs: its buffers and control words, with its LWLocks. */
    public static List<ShmemRequest> shmemRequests(WalSettings settings) {
        return List.of(XLogCtl.request(settings));
    }

    /** LSN of the first record of a new cluster: the start of segment 1, as in PostgreSQL. */
    public static long firstRecordLsn(WalSettings settings) {
        return settings.segmentSize();
    }

    /**
     * A writer for the calling process, which uses {@code self} for its
     * LWLocks (it should own its latch, so that lock waits sleep). Writes need
     * {@link #startAt} to have run.
     */
    public static WalWriter attach(ShmemSegment segment, Path dataDir, WalSettings settings, ProcSlot self) {
        XLogCtl ctl = XLogCtl.of(segment.area(XLogCtl.AREA_NAME), settings);
        if (ctl.started() && ctl.segmentSize() != settings.segmentSize()) {
            throw new IllegalStateException("WAL was started with segment size " + ctl.segmentSize()
                    + ", not " + settings.segmentSize());
        }
        return new SharedWalWriter(ctl, dataDir, settings, self);
    }

    /**
     * Startup process, once recovery (or bootstrap) is done and before any
     * process inserts: the next record goes at {@code endOfWal} (the reader's
     * {@link WalReader#endOfValidWal()}) with xl_prev {@code prevRecordLsn}
     * (its {@link WalReader#lastRecordLsn()}); {@code redoPointer} is the
     * latest checkpoint's redo point. Everything before endOfWal is taken as
     * written and flushed.
     *
     * <p>Also zeroes the rest of the segment holding endOfWal, so that stale
     * bytes of a torn tail (or records beyond an invalid one) can never be
     * read as a continuation of the new WAL, and keeps the later segments for
     * reuse as PostgreSQL does ({@link #renameSegmentsBeyond}).
     */
    public static void startAt(ShmemSegment segment, Path dataDir, WalSettings settings, long endOfWal,
            long prevRecordLsn, long redoPointer) {
        if (endOfWal < firstRecordLsn(settings) || endOfWal % RecordFormat.ALIGNMENT != 0) {
            throw new IllegalArgumentException("invalid end of WAL " + Lsn.format(endOfWal));
        }
        cleanTail(dataDir, settings, endOfWal);
        XLogCtl.of(segment.area(XLogCtl.AREA_NAME), settings).start(settings, endOfWal, prevRecordLsn, redoPointer);
        LOG.info("WAL starts at {} (previous record {}, redo {})", Lsn.format(endOfWal), Lsn.format(prevRecordLsn),
                Lsn.format(redoPointer));
    }

    private static void cleanTail(Path dataDir, WalSettings settings, long endOfWal) {
        SegmentFiles files = new SegmentFiles(dataDir, settings.segmentSize());
        long endSegment = files.segmentOf(endOfWal);
        try {
            renameSegmentsBeyond(files, endSegment);
            if (Files.exists(files.path(endSegment))) {
                try (FileChannel channel = files.openForWrite(endSegment)) {
                    SegmentFiles.zeroFill(channel, endOfWal % settings.segmentSize(), settings.segmentSize());
                    channel.force(false);
                }
            }
            SegmentFiles.syncDirectory(files.walDir());
        } catch (IOException e) {
            throw new PgException(Severity.PANIC, SqlState.IO_ERROR, "could not prepare WAL segment for writing: "
                    + e.getMessage(), null, null, 0, e);
        }
    }

    /**
     * Keeps the segment files after the end segment for the writer to reuse
     * (the ones a checkpoint recycled, most of all), without letting any of
     * them hold records at the position they were written for. A recycled
     * file holds records of a segment before a redo point, so before
     * {@code endSegment}, and at any later number its records are no
     * continuation (xl_prev, as {@code SegmentRecyclingTest} shows). But a
     * file written at its own number beyond the end (records after a torn or
     * invalid one) could continue the new WAL where new records happen to end
     * at an old record's start. So the names rotate: each file takes the next
     * higher name of the set and the highest file the lowest name (one file
     * alone moves one up), so no file keeps the number its records were
     * written at, and the set of numbers stays (no segment has to be created
     * again). The caller fsyncs the directory.
     */
    static void renameSegmentsBeyond(SegmentFiles files, long endSegment) throws IOException {
        Path rotating = files.walDir().resolve(ROTATING_SEGMENT);
        Files.deleteIfExists(rotating);   // a crash during an earlier rotation: one recyclable file fewer
        List<Long> beyond = new ArrayList<>();
        for (long segno : files.list()) {
            if (segno > endSegment) {
                beyond.add(segno);
            }
        }
        if (beyond.isEmpty()) {
            return;
        }
        int last = beyond.size() - 1;
        if (last == 0) {
            Files.move(files.path(beyond.get(0)), files.path(beyond.get(0) + 1), StandardCopyOption.ATOMIC_MOVE);
        } else {
            Files.move(files.path(beyond.get(last)), rotating, StandardCopyOption.ATOMIC_MOVE);
            for (int i = last - 1; i >= 0; i--) {
                Files.move(files.path(beyond.get(i)), files.path(beyond.get(i + 1)), StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(rotating, files.path(beyond.get(0)), StandardCopyOption.ATOMIC_MOVE);
        }
        LOG.info("kept {} WAL segment(s) beyond the end of WAL for reuse, renamed ({} to {})", beyond.size(),
                SegmentFiles.fileName(beyond.get(0), files.segmentSize()),
                SegmentFiles.fileName(last == 0 ? beyond.get(0) + 1 : beyond.get(last), files.segmentSize()));
    }

    /** initdb with PostgreSQL's first counters: nextXid 3, nextOid 16384, oldestXid 3. */
    public static ControlFile bootstrap(Path dataDir, WalSettings settings) {
        return bootstrap(dataDir, settings, FIRST_NORMAL_XID, FIRST_NORMAL_OID, FIRST_NORMAL_XID);
    }

    /**
     * initdb (BootStrapXLOG): creates pg_wal/ and global/, writes a shutdown
     * checkpoint record at {@link #firstRecordLsn} whose redo pointer is
     * itself, syncs it, and writes a control file (state SHUTDOWNED) pointing
     * at it. Refuses a directory that already has a control file.
     */
    public static ControlFile bootstrap(Path dataDir, WalSettings settings, long nextXid, int nextOid,
            long oldestXid) {
        if (Files.exists(dataDir.resolve(ControlFile.PATH))) {
            throw new PgException(Severity.FATAL, SqlState.DUPLICATE_OBJECT, "directory \"" + dataDir
                    + "\" already holds a control file", null, null, 0, null);
        }
        long lsn = firstRecordLsn(settings);
        CheckpointRecord checkpoint = new CheckpointRecord(lsn, nextXid, nextOid, oldestXid,
                System.currentTimeMillis(), true);
        WalRecord record = checkpoint.toWalRecord();
        byte[] bytes = RecordFormat.assemble(record, new boolean[0]);
        RecordFormat.finish(bytes, 0);
        SegmentFiles files = new SegmentFiles(dataDir, settings.segmentSize());
        try {
            Files.createDirectories(files.walDir());
            try (FileChannel channel = files.openForWrite(files.segmentOf(lsn))) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                long pos = lsn % settings.segmentSize();
                while (buffer.hasRemaining()) {
                    pos += channel.write(buffer, pos);
                }
                channel.force(true);
            }
        } catch (IOException e) {
            throw new PgException(Severity.FATAL, SqlState.IO_ERROR, "could not write bootstrap write-ahead log"
                    + " file: " + e.getMessage(), null, null, 0, e);
        }
        ControlFile control = new ControlFile(DbState.SHUTDOWNED, lsn, lsn, nextXid, nextOid, oldestXid,
                checkpoint.time(), settings.segmentSize(), 0);
        control.write(dataDir);
        LOG.info("bootstrapped WAL in {}: checkpoint at {}", dataDir, Lsn.format(lsn));
        return control;
    }
}
