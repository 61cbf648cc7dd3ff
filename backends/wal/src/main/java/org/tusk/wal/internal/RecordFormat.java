package org.tusk.wal.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

import org.tusk.api.storage.ForkNumber;
import org.tusk.api.storage.RelFileLocator;
import org.tusk.wal.BlockReference;
import org.tusk.wal.DecodedBlock;
import org.tusk.wal.DecodedRecord;
import org.tusk.wal.Wal;
import org.tusk.wal.WalRecord;

/**
 * The on-disk form of a WAL record (PostgreSQL's XLogRecord plus its block
 * headers), little-endian:
 * <pre>
 *  0  int   xl_tot_len   bytes of the record, without the alignment padding
 *  4  int   xl_xid
 *  8  long  xl_prev      start LSN of the previous record
 * 16  byte  xl_info
 * 17  byte  xl_rmid
 * 18  byte  block count
 * 19  byte  0
 * 20  int   xl_crc       CRC32C of bytes 24..tot_len, then of bytes 0..19
 * 24  block headers, each:
 *       byte blockId, byte fork_flags (fork in the low 4 bits; HAS_IMAGE, WILL_INIT, SAME_REL),
 *       unless SAME_REL: int spcOid, int dbOid, int relNumber (SAME_REL: the previous block's),
 *       int blockNumber,
 *       if HAS_IMAGE: short holeOffset, short holeLength, then 8192 - holeLength image bytes
 *  .. main data, up to xl_tot_len
 * </pre>
 * As PostgreSQL's XLogRecord the header is 24 bytes, the main data's length is what the
 * block headers leave of xl_tot_len, and a block of the same relation as the one before it
 * does not repeat the relation (BKPBLOCK_SAME_REL): every byte is CRC'd, copied, written and
 * synced at commit, and a TPC-B transaction writes five records.
 * Records start 8-byte aligned (MAXALIGN); the padding is zero.
 */
public final class RecordFormat {

    public static final int HEADER_SIZE = 24;
    public static final int ALIGNMENT = 8;
    /** Largest record accepted, padding included (PostgreSQL's XLogRecordMaxSize is about 1 GB). */
    public static final int MAX_RECORD_LENGTH = 256 << 20;
    /** XLR_MAX_BLOCK_ID + 1. */
    public static final int MAX_BLOCKS = 33;

    static final int OFF_TOT_LEN = 0;
    static final int OFF_XID = 4;
    static final int OFF_PREV = 8;
    static final int OFF_INFO = 16;
    static final int OFF_RMID = 17;
    static final int OFF_NBLOCKS = 18;
    static final int OFF_CRC = 20;

    /** A block header without its relation (SAME_REL). */
    static final int MIN_BLOCK_HEADER_SIZE = 6;
    static final int RELATION_SIZE = 12;
    static final int IMAGE_HEADER_SIZE = 4;
    static final int BKPBLOCK_FORK_MASK = 0x0F;
    static final int BKPBLOCK_HAS_IMAGE = 0x10;
    static final int BKPBLOCK_WILL_INIT = 0x40;
    static final int BKPBLOCK_SAME_REL = 0x80;

    /** Page header fields used for hole compression (bufpage.h). */
    static final int SIZE_OF_PAGE_HEADER = 24;
    static final int PD_LOWER = 12;
    static final int PD_UPPER = 14;

    private RecordFormat() {
    }

    public static long align(long length) {
        return (length + ALIGNMENT - 1) & -ALIGNMENT;
    }

    /** The page LSN: a little-endian long at offset 0 of the page (pd_lsn). */
    public static long pageLsn(ByteBuffer page) {
        long lsn = 0;
        for (int i = 7; i >= 0; i--) {
            lsn = lsn << 8 | (page.get(i) & 0xFF);
        }
        return lsn;
    }

    /** Reads page fields little-endian whatever the buffer's byte order is. */
    private static int unsignedShortLe(ByteBuffer page, int offset) {
        return (page.get(offset) & 0xFF) | (page.get(offset + 1) & 0xFF) << 8;
    }

    /**
     * Whether block {@code block} needs a full-page image when the redo pointer
     * is {@code redo} (XLogRecordAssemble's doPageWrites decision).
     */
    public static boolean needsImage(BlockReference block, long redo) {
        if (block.has(BlockReference.FORCE_IMAGE)) {
            return true;
        }
        if (block.has(BlockReference.WILL_INIT) || block.has(BlockReference.NO_IMAGE) || block.page() == null) {
            return false;
        }
        return pageLsn(block.page()) <= redo;
    }

    /**
     * Assembles {@code record}, with images for the blocks flagged in
     * {@code images}, into a zero-padded array of the aligned length. xl_prev
     * and the CRC are filled in by {@link #finish} once the position is known.
     */
    public static byte[] assemble(WalRecord record, boolean[] images) {
        AssemblyBuffer into = new AssemblyBuffer();
        int length = assemble(record, images, into);
        return into.bytes().length == length ? into.bytes() : java.util.Arrays.copyOf(into.bytes(), length);
    }

    /**
     * {@link #assemble(WalRecord, boolean[])} into {@code into}'s array (grown if needed, and
     * reused: a process assembles every record it logs in the same array, so logging costs no
     * garbage; COPY's page-sized MULTI_INSERT records were 130 MB per pgbench -i). Returns the
     * aligned length; the bytes from there on are not part of the record.
     */
    public static int assemble(WalRecord record, boolean[] images, AssemblyBuffer into) {
        int nblocks = record.blockCount();
        if (nblocks > MAX_BLOCKS) {
            throw new IllegalArgumentException("too many registered buffers: " + nblocks);
        }
        long length = HEADER_SIZE + (long) record.data().length;
        int[] holeOffset = into.holeOffsets();
        int[] holeLength = into.holeLengths();
        for (int i = 0; i < nblocks; i++) {
            length += MIN_BLOCK_HEADER_SIZE + (sameRelation(record, i) ? 0 : RELATION_SIZE);
            holeOffset[i] = 0;
            holeLength[i] = 0;
            if (images[i]) {
                ByteBuffer page = record.block(i).page();
                if (page == null || page.capacity() < Wal.PAGE_SIZE) {
                    throw new IllegalArgumentException("block " + record.block(i).blockId() + " has no 8 kB page");
                }
                int lower = unsignedShortLe(page, PD_LOWER);
                int upper = unsignedShortLe(page, PD_UPPER);
                if (lower >= SIZE_OF_PAGE_HEADER && upper > lower && upper <= Wal.PAGE_SIZE) {
                    holeOffset[i] = lower;
                    holeLength[i] = upper - lower;
                }
                length += IMAGE_HEADER_SIZE + Wal.PAGE_SIZE - holeLength[i];
            }
        }
        if (align(length) > MAX_RECORD_LENGTH) {
            throw new IllegalArgumentException("WAL record would be " + length + " bytes, more than the maximum "
                    + MAX_RECORD_LENGTH);
        }
        int aligned = (int) align(length);
        byte[] bytes = into.ensure(aligned);
        ByteBuffer b = into.view();
        b.putInt(OFF_TOT_LEN, (int) length);
        b.putInt(OFF_XID, record.xid());
        b.putLong(OFF_PREV, 0);
        b.put(OFF_INFO, (byte) record.info());
        b.put(OFF_RMID, (byte) record.rmgrId());
        b.put(OFF_NBLOCKS, (byte) nblocks);
        b.put(OFF_NBLOCKS + 1, (byte) 0);
        b.putInt(OFF_CRC, 0);
        b.position(HEADER_SIZE);
        for (int i = 0; i < nblocks; i++) {
            BlockReference block = record.block(i);
            boolean sameRel = sameRelation(record, i);
            int forkFlags = block.fork().ordinal()
                    | (images[i] ? BKPBLOCK_HAS_IMAGE : 0)
                    | (block.has(BlockReference.WILL_INIT) ? BKPBLOCK_WILL_INIT : 0)
                    | (sameRel ? BKPBLOCK_SAME_REL : 0);
            b.put((byte) block.blockId()).put((byte) forkFlags);
            if (!sameRel) {
                b.putInt(block.locator().spcOid()).putInt(block.locator().dbOid())
                        .putInt(block.locator().relNumber());
            }
            b.putInt(block.blockNumber());
            if (images[i]) {
                ByteBuffer page = block.page();
                b.putShort((short) holeOffset[i]).putShort((short) holeLength[i]);
                int pos = b.position();
                if (holeLength[i] == 0) {
                    page.get(0, bytes, pos, Wal.PAGE_SIZE);
                    pos += Wal.PAGE_SIZE;
                } else {
                    int tail = holeOffset[i] + holeLength[i];
                    page.get(0, bytes, pos, holeOffset[i]);
                    pos += holeOffset[i];
                    page.get(tail, bytes, pos, Wal.PAGE_SIZE - tail);
                    pos += Wal.PAGE_SIZE - tail;
                }
                b.position(pos);
            }
        }
        b.put(record.data());
        java.util.Arrays.fill(bytes, (int) length, aligned, (byte) 0);    // the padding (the array is reused)
        return aligned;
    }

    /** Whether block {@code i} is of the relation of block {@code i - 1} (its header then omits it). */
    private static boolean sameRelation(WalRecord record, int i) {
        return i > 0 && record.block(i).locator().equals(record.block(i - 1).locator());
    }

    /** Stores xl_prev and the CRC; called once the record's place in the WAL is reserved. */
    public static void finish(byte[] bytes, long prev) {
        putLongLe(bytes, OFF_PREV, prev);
        putIntLe(bytes, OFF_CRC, crc(bytes, getIntLe(bytes, OFF_TOT_LEN)));
    }

    // written byte by byte: finish runs for every record, and a ByteBuffer wrapped per record is garbage
    private static void putLongLe(byte[] b, int at, long v) {
        for (int i = 0; i < Long.BYTES; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }

    private static void putIntLe(byte[] b, int at, int v) {
        for (int i = 0; i < Integer.BYTES; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }

    private static int getIntLe(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }

    /** As PostgreSQL: the CRC covers the payload first, then the header up to the CRC field. */
    public static int crc(byte[] bytes, int totalLength) {
        CRC32C crc = CRC.get();
        crc.reset();
        crc.update(bytes, HEADER_SIZE, totalLength - HEADER_SIZE);
        crc.update(bytes, 0, OFF_CRC);
        return (int) crc.getValue();
    }

    /** One CRC32C per thread: a record's CRC needs no new object. */
    private static final ThreadLocal<CRC32C> CRC = ThreadLocal.withInitial(CRC32C::new);

    static int totalLength(byte[] header) {
        return ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getInt(OFF_TOT_LEN);
    }

    static long prev(byte[] header) {
        return ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getLong(OFF_PREV);
    }

    /** Header checks that need no payload (ValidXLogRecordHeader); null if plausible, else why not. */
    static String checkHeader(byte[] header) {
        ByteBuffer b = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        int total = b.getInt(OFF_TOT_LEN);
        if (total == 0) {
            return "record length 0 (end of WAL)";
        }
        if (total < HEADER_SIZE || total > MAX_RECORD_LENGTH) {
            return "invalid record length " + total;
        }
        int blocks = Byte.toUnsignedInt(b.get(OFF_NBLOCKS));
        if (blocks > MAX_BLOCKS || HEADER_SIZE + blocks * MIN_BLOCK_HEADER_SIZE > total
                || b.get(OFF_NBLOCKS + 1) != 0) {
            return "invalid record header";
        }
        return null;
    }

    /**
     * Decodes a record whose CRC matched. Throws IllegalArgumentException when
     * the block headers do not add up (cannot happen for records we wrote).
     */
    static DecodedRecord decode(long lsn, byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int total = b.getInt(OFF_TOT_LEN);
        int xid = b.getInt(OFF_XID);
        int info = Byte.toUnsignedInt(b.get(OFF_INFO));
        int rmid = Byte.toUnsignedInt(b.get(OFF_RMID));
        int nblocks = Byte.toUnsignedInt(b.get(OFF_NBLOCKS));
        b.position(HEADER_SIZE);
        b.limit(total);
        List<DecodedBlock> blocks = new ArrayList<>(nblocks);
        RelFileLocator locator = null;
        for (int i = 0; i < nblocks; i++) {
            int blockId = Byte.toUnsignedInt(b.get());
            int forkFlags = Byte.toUnsignedInt(b.get());
            int fork = forkFlags & BKPBLOCK_FORK_MASK;
            if ((forkFlags & BKPBLOCK_SAME_REL) == 0) {
                locator = new RelFileLocator(b.getInt(), b.getInt(), b.getInt());
            } else if (locator == null) {
                throw new IllegalArgumentException("BKPBLOCK_SAME_REL set but no previous rel");
            }
            int blockNumber = b.getInt();
            byte[] image = null;
            if ((forkFlags & BKPBLOCK_HAS_IMAGE) != 0) {
                int holeOffset = Short.toUnsignedInt(b.getShort());
                int holeLength = Short.toUnsignedInt(b.getShort());
                if (holeOffset + holeLength > Wal.PAGE_SIZE) {
                    throw new IllegalArgumentException("invalid hole in block image");
                }
                image = new byte[Wal.PAGE_SIZE];
                b.get(image, 0, holeOffset);
                b.get(image, holeOffset + holeLength, Wal.PAGE_SIZE - holeOffset - holeLength);
            }
            blocks.add(new DecodedBlock(blockId, locator, ForkNumber.of(fork), blockNumber,
                    (forkFlags & BKPBLOCK_WILL_INIT) != 0, image));
        }
        byte[] data = new byte[b.remaining()];
        b.get(data);
        return new DecodedRecord(lsn, lsn + align(total), rmid, info, xid, data, List.copyOf(blocks));
    }
}
