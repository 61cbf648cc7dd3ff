package org.tusk.wal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The main data of a checkpoint record (PostgreSQL's CheckPoint struct),
 * logged by resource manager {@link ResourceManager#XLOG} with info
 * {@link #INFO_SHUTDOWN} or {@link #INFO_ONLINE}. Redo starts at
 * {@code redo}; the counters are where the cluster resumes.
 *
 * @param redo      the redo pointer returned by {@link WalWriter#beginCheckpoint()}
 * @param nextXid   the next transaction id to assign (FullTransactionId)
 * @param nextOid   the next OID to assign
 * @param oldestXid the oldest xid still in use (datfrozenxid horizon)
 * @param time      when the checkpoint started, in milliseconds since the epoch
 * @param shutdown  written at a clean shutdown (or end of recovery): nothing runs after it
 */
public record CheckpointRecord(long redo, long nextXid, int nextOid, long oldestXid, long time, boolean shutdown) {

    /** XLOG_CHECKPOINT_SHUTDOWN. */
    public static final int INFO_SHUTDOWN = 0x00;
    /** XLOG_CHECKPOINT_ONLINE. */
    public static final int INFO_ONLINE = 0x10;

    private static final int LENGTH = 8 + 8 + 4 + 4 + 8 + 8;

    public int info() {
        return shutdown ? INFO_SHUTDOWN : INFO_ONLINE;
    }

    /** Whether {@code record} is an XLOG checkpoint record. */
    public static boolean isCheckpoint(DecodedRecord record) {
        return record.rmgrId() == ResourceManager.XLOG
                && (record.info() == INFO_SHUTDOWN || record.info() == INFO_ONLINE);
    }

    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(redo).putLong(nextXid).putInt(nextOid).putInt(0).putLong(oldestXid).putLong(time);
        return b.array();
    }

    /** The record to insert. */
    public WalRecord toWalRecord() {
        return WalRecord.builder(ResourceManager.XLOG, info()).data(encode()).build();
    }

    /** Decodes a checkpoint record read back from the WAL. */
    public static CheckpointRecord decode(DecodedRecord record) {
        if (!isCheckpoint(record) || record.data().length != LENGTH) {
            throw new IllegalArgumentException("not a checkpoint record: rmgr " + record.rmgrId() + " info "
                    + record.info() + " length " + record.data().length);
        }
        ByteBuffer b = ByteBuffer.wrap(record.data()).order(ByteOrder.LITTLE_ENDIAN);
        long redo = b.getLong();
        long nextXid = b.getLong();
        int nextOid = b.getInt();
        b.getInt();
        long oldestXid = b.getLong();
        long time = b.getLong();
        return new CheckpointRecord(redo, nextXid, nextOid, oldestXid, time, record.info() == INFO_SHUTDOWN);
    }
}
