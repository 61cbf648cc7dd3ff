package org.tusk.wal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tusk.wal.internal.RecordFormat;
import org.tusk.wal.internal.RecordReading;
import org.tusk.wal.internal.SegmentFiles;

/**
 * Reads records from the segment files in LSN order (PostgreSQL's
 * XLogReader). {@link #next()} returns null at the end of valid WAL: a zero
 * length, an implausible header, a missing or short segment, a CRC mismatch,
 * or an xl_prev that does not point at the record read before. Nothing after
 * such a point is ever returned. Not thread-safe; owns open files, so close it.
 */
public final class WalReader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WalReader.class);

    private final SegmentFiles files;
    private long position;
    private long lastRecordLsn;
    private boolean ended;
    private String endReason;
    private long openSegment = -1;
    private FileChannel channel;

    private WalReader(SegmentFiles files, long startLsn) {
        this.files = files;
        this.position = startLsn;
    }

    /**
     * A reader whose first record starts at {@code startLsn} (a record
     * boundary, e.g. a checkpoint's redo pointer). The first record's xl_prev
     * is not checked; every later one must point at its predecessor.
     */
    public static WalReader open(Path dataDir, WalSettings settings, long startLsn) {
        if (startLsn <= 0 || startLsn % RecordFormat.ALIGNMENT != 0) {
            throw new IllegalArgumentException("invalid record start " + startLsn);
        }
        return new WalReader(new SegmentFiles(dataDir, settings.segmentSize()), startLsn);
    }

    /** The next valid record, or null at the end of valid WAL (and on every call after that). */
    public DecodedRecord next() {
        if (ended) {
            return null;
        }
        try {
            byte[] header = new byte[RecordFormat.HEADER_SIZE];
            if (!readFully(position, header, 0, header.length)) {
                return end("missing or short segment at header");
            }
            String problem = RecordReading.checkHeader(header, lastRecordLsn);
            if (problem != null) {
                return end(problem);
            }
            int total = RecordReading.totalLength(header);
            if (!segmentsCover(position, total)) {
                return end("missing or short segment in record");
            }
            byte[] bytes = new byte[total];
            System.arraycopy(header, 0, bytes, 0, header.length);
            if (!readFully(position + header.length, bytes, header.length, total - header.length)) {
                return end("missing or short segment in record");
            }
            if (RecordFormat.crc(bytes, total) != RecordReading.storedCrc(bytes)) {
                return end("incorrect resource manager data checksum");
            }
            DecodedRecord record;
            try {
                record = RecordReading.decode(position, bytes);
            } catch (RuntimeException e) {
                return end("undecodable record: " + e.getMessage());
            }
            lastRecordLsn = position;
            position = record.endLsn();
            return record;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read WAL at " + org.tusk.api.storage.Lsn.format(position), e);
        }
    }

    /** Where reading stopped (after the last valid record), or the next record's position while reading. */
    public long endOfValidWal() {
        return position;
    }

    /** Start of the last record returned, 0 if none (what {@link Wal#startAt} needs as prevRecordLsn). */
    public long lastRecordLsn() {
        return lastRecordLsn;
    }

    /** Why reading stopped, or null while it has not. */
    public String endReason() {
        return endReason;
    }

    private DecodedRecord end(String reason) {
        ended = true;
        endReason = reason;
        LOG.debug("end of WAL at {}: {}", org.tusk.api.storage.Lsn.format(position), reason);
        return null;
    }

    /** Whether the segment files hold [lsn, lsn + length): checked before allocating for a length read from disk. */
    private boolean segmentsCover(long lsn, long length) throws IOException {
        int segmentSize = files.segmentSize();
        for (long segno = lsn / segmentSize; segno <= (lsn + length - 1) / segmentSize; segno++) {
            java.nio.file.Path file = files.path(segno);
            long needed = Math.min(segmentSize, lsn + length - segno * segmentSize);
            if (!java.nio.file.Files.exists(file) || java.nio.file.Files.size(file) < needed) {
                return false;
            }
        }
        return true;
    }

    private boolean readFully(long lsn, byte[] target, int offset, int length) throws IOException {
        int segmentSize = files.segmentSize();
        while (length > 0) {
            long segno = lsn / segmentSize;
            if (segno != openSegment) {
                closeChannel();
                channel = files.openForRead(segno);
                if (channel == null) {
                    return false;
                }
                openSegment = segno;
            }
            int inSegment = (int) (lsn % segmentSize);
            int chunk = Math.min(length, segmentSize - inSegment);
            ByteBuffer buffer = ByteBuffer.wrap(target, offset, chunk);
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, inSegment + (buffer.position() - offset)) <= 0) {
                    return false;
                }
            }
            lsn += chunk;
            offset += chunk;
            length -= chunk;
        }
        return true;
    }

    private void closeChannel() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
            openSegment = -1;
        }
    }

    @Override
    public void close() {
        try {
            closeChannel();
        } catch (IOException e) {
            LOG.debug("closing WAL segment: {}", e.toString());
        }
    }
}
