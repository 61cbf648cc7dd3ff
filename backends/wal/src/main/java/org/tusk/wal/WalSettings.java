package org.tusk.wal;

/**
 * Sizes and durability of the WAL (PostgreSQL's wal_buffers, wal_segment_size
 * and wal_sync_method). Every process attached to one cluster must use equal
 * settings: they determine the shared memory layout and the segment files.
 *
 * @param walBuffersBytes bytes of shared WAL buffers, a multiple of
 *                        {@link Wal#PAGE_SIZE} and at least 4 pages
 * @param segmentSize     bytes per segment file, a power of two from 1 MB to 1 GB
 * @param syncMethod      how a flush makes written WAL durable
 */
public record WalSettings(int walBuffersBytes, int segmentSize, SyncMethod syncMethod) {

    /** wal_sync_method. */
    public enum SyncMethod {
        /** FileChannel.force(true): data and metadata. */
        FSYNC,
        /** FileChannel.force(false): data only (segments are preallocated, so this is enough). */
        FDATASYNC,
        /** No sync at all: not crash-safe, for tests only. */
        OFF
    }

    public static final int DEFAULT_WAL_BUFFERS = 4 << 20;
    public static final int DEFAULT_SEGMENT_SIZE = 16 << 20;
    public static final int MIN_SEGMENT_SIZE = 1 << 20;
    public static final int MAX_SEGMENT_SIZE = 1 << 30;

    public WalSettings {
        if (walBuffersBytes < 4 * Wal.PAGE_SIZE || walBuffersBytes % Wal.PAGE_SIZE != 0
                || walBuffersBytes > (1 << 30)) {
            throw new IllegalArgumentException("wal_buffers must be a multiple of " + Wal.PAGE_SIZE
                    + " bytes between 32 kB and 1 GB: " + walBuffersBytes);
        }
        if (Integer.bitCount(segmentSize) != 1 || segmentSize < MIN_SEGMENT_SIZE || segmentSize > MAX_SEGMENT_SIZE) {
            throw new IllegalArgumentException("WAL segment size must be a power of two between 1 MB and 1 GB: "
                    + segmentSize);
        }
        if (syncMethod == null) {
            throw new IllegalArgumentException("syncMethod is required");
        }
    }

    /** 4 MB of buffers, 16 MB segments, fdatasync (PostgreSQL's defaults on Linux). */
    public static WalSettings defaults() {
        return new WalSettings(DEFAULT_WAL_BUFFERS, DEFAULT_SEGMENT_SIZE, SyncMethod.FDATASYNC);
    }

    public WalSettings withWalBuffers(int bytes) {
        return new WalSettings(bytes, segmentSize, syncMethod);
    }

    public WalSettings withSegmentSize(int bytes) {
        return new WalSettings(walBuffersBytes, bytes, syncMethod);
    }

    public WalSettings withSyncMethod(SyncMethod method) {
        return new WalSettings(walBuffersBytes, segmentSize, method);
    }

    /** Number of WAL buffer pages. */
    public int bufferPages() {
        return walBuffersBytes / Wal.PAGE_SIZE;
    }
}
