package org.tusk.xact;

import java.io.IOException;
import java.nio.file.Path;

import org.tusk.shmem.ProcSlot;
import org.tusk.shmem.ShmemSegment;

/** A segment with the transaction system's areas and a data directory, as a postmaster would set them up. */
final class XactCluster implements AutoCloseable {

    static final int MAX_BACKENDS = 8;

    final Path dir;
    final Path dataDirectory;
    final ShmemSegment segment;

    private XactCluster(Path dir, ShmemSegment segment) {
        this.dir = dir;
        this.dataDirectory = dir.resolve("data");
        this.segment = segment;
    }

    /** A new segment (a fresh start or a restart: the data directory is kept). */
    static XactCluster create(Path dir, XactSettings settings) throws IOException {
        ShmemSegment segment = ShmemSegment.create(dir.resolve("shmem"), MAX_BACKENDS, dir.resolve("l"),
                TransactionSystem.shmemRequests(settings, MAX_BACKENDS));
        return new XactCluster(dir, segment);
    }

    static XactCluster create(Path dir) throws IOException {
        return create(dir, XactSettings.defaults());
    }

    /** The transaction system for slot {@code index} of this process. */
    TransactionSystem attach(int index) throws IOException {
        ProcSlot slot = segment.slot(index);
        slot.ownLatch();
        return TransactionSystem.attach(segment, dataDirectory, slot);
    }

    /** As {@link #attach(int)}, for a process whose commit log flushes {@code wal} before writing pages. */
    TransactionSystem attach(int index, org.tusk.wal.WalWriter wal) throws IOException {
        ProcSlot slot = segment.slot(index);
        slot.ownLatch();
        return TransactionSystem.attach(segment, dataDirectory, slot, wal);
    }

    @Override
    public void close() {
        segment.close();
    }
}
