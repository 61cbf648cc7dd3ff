package org.tusk.buffer.internal;

import org.tusk.shmem.ShmemArea;

/**
 * The buffer mapping table (buf_table.c): tag to buffer id, a chained hash
 * table in shared memory. Bucket heads are buffer id + 1 (0 = empty) and each
 * descriptor carries the chain link and (as its tag) the key, which is
 * possible because a buffer is in the table at most once: a victim's old
 * mapping is deleted before its new one is inserted (PostgreSQL 16's
 * InvalidateVictimBuffer order).
 *
 * <p>Locking: bucket {@code b} belongs to partition {@code b % 128}, whose
 * LWLock the caller holds: SHARED for {@link #lookup}, EXCLUSIVE for
 * {@link #insert} and {@link #delete}. Since the bucket count is a power of
 * two of at least 128, the partition is {@code hash & 127} for every tag of a
 * bucket.
 */
public final class BufMappingTable {

    private final ShmemArea area;
    private final BufferLayout layout;
    private final BufferDescriptors descriptors;

    public BufMappingTable(ShmemArea area, BufferLayout layout, BufferDescriptors descriptors) {
        this.area = area;
        this.layout = layout;
        this.descriptors = descriptors;
    }

    public static int partition(int hash) {
        return hash & (BufferLayout.NUM_BUFFER_PARTITIONS - 1);
    }

    private int bucketOffset(int hash) {
        return layout.bucket(hash & (layout.nBuckets - 1));
    }

    /** BufTableLookup: the buffer id holding {@code tag}, or -1. */
    public int lookup(BufferTag tag, int hash) {
        for (int link = area.getInt(bucketOffset(hash)); link != 0; link = descriptors.hashNext(link - 1)) {
            if (descriptors.tagMatches(link - 1, tag)) {
                return link - 1;
            }
        }
        return -1;
    }

    /**
     * BufTableInsert: links {@code bufferId}, whose tag the caller has just set
     * (after a {@link #lookup} under the same exclusive partition lock found
     * no buffer for it).
     */
    public void insert(int hash, int bufferId) {
        int bucket = bucketOffset(hash);
        descriptors.setHashNext(bufferId, area.getInt(bucket));
        area.putInt(bucket, bufferId + 1);
    }

    /** BufTableDelete: unlinks {@code bufferId} from the chain of {@code hash}. */
    public void delete(int hash, int bufferId) {
        int bucket = bucketOffset(hash);
        int link = area.getInt(bucket);
        if (link == bufferId + 1) {
            area.putInt(bucket, descriptors.hashNext(bufferId));
            descriptors.setHashNext(bufferId, 0);
            return;
        }
        while (link != 0) {
            int next = descriptors.hashNext(link - 1);
            if (next == bufferId + 1) {
                descriptors.setHashNext(link - 1, descriptors.hashNext(bufferId));
                descriptors.setHashNext(bufferId, 0);
                return;
            }
            link = next;
        }
        throw new IllegalStateException("shared buffer hash table corrupted: buffer " + bufferId + " not found");
    }
}
