package org.tusk.nbtree;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.tusk.wal.RecordingWal;
import org.tusk.buffer.BufferManager;
import org.tusk.shmem.ProcSlot;
import org.tusk.shmem.ShmemRequest;
import org.tusk.shmem.ShmemSegment;
import org.tusk.wal.ControlFile;
import org.tusk.wal.DecodedRecord;
import org.tusk.wal.ResourceManager;
import org.tusk.wal.Wal;
import org.tusk.wal.WalReader;
import org.tusk.wal.WalSettings;
import org.tusk.wal.WalWriter;

/** The real WAL and shared buffers in a temp directory (initdb + postmaster + startup process), and one process's view. */
final class BTreeCluster {

    static final int MAX_BACKENDS = 8;
    static final int N_BUFFERS = 48;
    static final WalSettings WAL = new WalSettings(64 << 10, WalSettings.MIN_SEGMENT_SIZE, WalSettings.SyncMethod.OFF);

    private BTreeCluster() {
    }

    static ShmemSegment segment(Path dir, String name) throws Exception {
        List<ShmemRequest> requests = new ArrayList<>(Wal.shmemRequests(WAL));
        requests.addAll(BufferManager.shmemRequests(N_BUFFERS));
        return ShmemSegment.create(dir.resolve(name), MAX_BACKENDS, dir.resolve("l-" + name), requests);
    }

    /** A new cluster: bootstrapped WAL, a fresh segment, WAL started after the bootstrap checkpoint. */
    static ShmemSegment create(Path dir, Path data) throws Exception {
        Wal.bootstrap(data, WAL);
        ShmemSegment segment = segment(dir, "shmem");
        recover(segment, data);
        return segment;
    }

    /**
     * The startup process: replays the WAL from the control file's redo point
     * with the B-tree's resource manager into the data directory (through the
     * segment's buffers), then starts WAL insertion after it. Returns the
     * number of B-tree records replayed.
     */
    static int recover(ShmemSegment segment, Path data) throws Exception {
        ControlFile control = ControlFile.read(data);
        ResourceManager btree = new BTreeResourceManager();
        int replayed = 0;
        ProcSlot slot = own(segment, MAX_BACKENDS - 1);
        try (BufferManager buffers = BufferManager.attach(segment, data, slot, new RecordingWal());
                WalReader reader = WalReader.open(data, WAL, control.redoLsn())) {
            for (DecodedRecord record = reader.next(); record != null; record = reader.next()) {
                if (record.rmgrId() == ResourceManager.BTREE) {
                    btree.redo(record, buffers.redoContext());
                    replayed++;
                }
            }
            Wal.startAt(segment, data, WAL, reader.endOfValidWal(), reader.lastRecordLsn(), control.redoLsn());
            buffers.flushAll();
        }
        return replayed;
    }

    static ProcSlot own(ShmemSegment segment, int slot) throws Exception {
        ProcSlot self = segment.slot(slot);
        self.setPid((int) ProcessHandle.current().pid());
        if (!self.ownsLatch()) {
            self.ownLatch();
        }
        return self;
    }

    /** One backend's WAL, buffers and index AM. */
    static final class Backend implements AutoCloseable {
        final WalWriter wal;
        final BufferManager buffers;
        final BTreeAccessMethod btree;

        Backend(ShmemSegment segment, Path data, int slot) throws Exception {
            ProcSlot self = own(segment, slot);
            wal = Wal.attach(segment, data, WAL, self);
            buffers = BufferManager.attach(segment, data, self, wal);
            btree = new BTreeAccessMethod(buffers, wal);
        }

        @Override
        public void close() {
            buffers.close();
        }
    }
}
