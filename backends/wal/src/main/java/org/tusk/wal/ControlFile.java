package org.tusk.wal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

import org.tusk.api.error.PgException;
import org.tusk.api.error.Severity;
import org.tusk.api.error.SqlState;

/**
 * {@code global/pg_control} (PostgreSQL's ControlFileData): where the last
 * checkpoint is, and the state the cluster was left in. It is always written
 * in place as one 512-byte block followed by an fsync; like PostgreSQL we rely
 * on a 512-byte sector write being atomic, and the CRC tells a torn or foreign
 * file apart.
 *
 * <p>Layout (little-endian): magic 0, version 4, state 8, segment size 12,
 * checkpoint LSN 16, redo LSN 24, nextXid 32, nextOid 40,
 * data_checksum_version 44 (0 = off, set once at initdb; a cluster made
 * before it existed had zero there), oldestXid 48, time 56, CRC32C of bytes
 * 0..63 at 64, zeroes to 512.
 */
public record ControlFile(DbState state, long checkpointLsn, long redoLsn, long nextXid, int nextOid,
        long oldestXid, long time, int walSegmentSize, int dataChecksumVersion) {

    /** PG_DATA_CHECKSUM_VERSION: the one checksum algorithm (checksum_impl.h's). */
    public static final int PG_DATA_CHECKSUM_VERSION = 1;

    /** Relative to the data directory. */
    public static final String PATH = "global/pg_control";
    /** PG_CONTROL_FILE_SIZE. */
    public static final int FILE_SIZE = 512;

    private static final int MAGIC = 0x4C_54_4B_54;   // "TKTL"
    /**
     * PG_CONTROL_VERSION, which also stands for the WAL format here (PostgreSQL's XLOG_PAGE_MAGIC):
     * 2 since the records of session 14 (24-byte header, 18-byte block headers, LoggedTuple), so a
     * cluster whose WAL has the older records is refused at start instead of misread.
     */
    static final int VERSION = 2;
    private static final int CRC_OFFSET = 64;

    public ControlFile withState(DbState newState) {
        return new ControlFile(newState, checkpointLsn, redoLsn, nextXid, nextOid, oldestXid, time, walSegmentSize,
                dataChecksumVersion);
    }

    /** The control file of a new cluster with data checksums on (initdb -k) or off. */
    public ControlFile withDataChecksums(boolean enabled) {
        return new ControlFile(state, checkpointLsn, redoLsn, nextXid, nextOid, oldestXid, time, walSegmentSize,
                enabled ? PG_DATA_CHECKSUM_VERSION : 0);
    }

    /** DataChecksumsEnabled. */
    public boolean dataChecksums() {
        return dataChecksumVersion > 0;
    }

    /** The control file after checkpoint {@code checkpoint} was logged at {@code lsn}. */
    public ControlFile withCheckpoint(long lsn, CheckpointRecord checkpoint) {
        return new ControlFile(state, lsn, checkpoint.redo(), checkpoint.nextXid(), checkpoint.nextOid(),
                checkpoint.oldestXid(), checkpoint.time(), walSegmentSize, dataChecksumVersion);
    }

    /** Reads and verifies the control file; a missing, short or corrupt file is a FATAL PgException. */
    public static ControlFile read(Path dataDir) {
        Path file = dataDir.resolve(PATH);
        ByteBuffer b = ByteBuffer.allocate(FILE_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (b.hasRemaining() && channel.read(b, b.position()) > 0) {
                // read until full or end of file
            }
        } catch (NoSuchFileException e) {
            throw new PgException(Severity.FATAL, SqlState.UNDEFINED_FILE, "could not open file \"" + PATH
                    + "\": No such file or directory", null, null, 0, e);
        } catch (IOException e) {
            throw new PgException(Severity.FATAL, SqlState.IO_ERROR, "could not read file \"" + PATH + "\": "
                    + e.getMessage(), null, null, 0, e);
        }
        if (b.hasRemaining()) {
            throw new PgException(Severity.FATAL, SqlState.IO_ERROR, "could not read file \"" + PATH
                    + "\": read " + b.position() + " of " + FILE_SIZE, null, null, 0, null);
        }
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, CRC_OFFSET);
        if ((int) crc.getValue() != b.getInt(CRC_OFFSET)) {
            throw new PgException(Severity.FATAL, SqlState.INTERNAL_ERROR, "incorrect checksum in control file",
                    null, null, 0, null);
        }
        if (b.getInt(0) != MAGIC || b.getInt(4) != VERSION) {
            throw new PgException(Severity.FATAL, SqlState.INTERNAL_ERROR,
                    "database files are incompatible with server", "The database cluster was initialized with"
                    + " PG_CONTROL_VERSION " + b.getInt(4) + ", but the server was compiled with PG_CONTROL_VERSION "
                    + VERSION + ".", null, 0, null);
        }
        int stateOrdinal = b.getInt(8);
        DbState[] states = DbState.values();
        if (stateOrdinal < 0 || stateOrdinal >= states.length) {
            throw new PgException(Severity.FATAL, SqlState.INTERNAL_ERROR, "control file contains invalid data",
                    null, null, 0, null);
        }
        return new ControlFile(states[stateOrdinal], b.getLong(16), b.getLong(24), b.getLong(32), b.getInt(40),
                b.getLong(48), b.getLong(56), b.getInt(12), b.getInt(44));
    }

    /** Writes the file in place in one 512-byte write, then fsyncs it (creating it and global/ if needed). */
    public void write(Path dataDir) {
        Path file = dataDir.resolve(PATH);
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                ByteBuffer b = toBytes();
                while (b.hasRemaining()) {
                    channel.write(b, b.position());
                }
                channel.force(true);
            }
        } catch (IOException e) {
            throw new PgException(Severity.PANIC, SqlState.IO_ERROR, "could not write to file \"" + PATH + "\": "
                    + e.getMessage(), null, null, 0, e);
        }
    }

    private ByteBuffer toBytes() {
        ByteBuffer b = ByteBuffer.allocate(FILE_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, MAGIC).putInt(4, VERSION).putInt(8, state.ordinal()).putInt(12, walSegmentSize);
        b.putLong(16, checkpointLsn).putLong(24, redoLsn).putLong(32, nextXid).putInt(40, nextOid)
                .putInt(44, dataChecksumVersion);
        b.putLong(48, oldestXid).putLong(56, time);
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, CRC_OFFSET);
        b.putInt(CRC_OFFSET, (int) crc.getValue());
        return b;
    }
}
