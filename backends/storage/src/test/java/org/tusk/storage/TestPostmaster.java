package org.tusk.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.tusk.shmem.ChildJvm;
import org.tusk.shmem.ProcSlot;
import org.tusk.shmem.ShmemAttachment;
import org.tusk.shmem.ShmemSegment;
import org.tusk.wal.ResourceManager;

/**
 * A test playing the postmaster of a storage cluster: it creates shared memory
 * sized by {@link StorageShmem}, runs the startup process and starts children
 * that play backends, all as child JVMs of one worker class. Workers take the
 * arguments role, data directory, segment file, slot, then their own, and
 * attach with {@link #attachChild}. Shared with other modules' tests through
 * this module's test jar.
 */
public final class TestPostmaster {

    public static final int MAX_BACKENDS = 8;
    public static final int STARTUP_SLOT = 7;

    private final Path dir;
    private final Map<String, String> settings;
    private final Class<?> worker;
    private int segments;

    /** {@code worker} must answer the role {@code recover} with {@link #recover}. */
    public TestPostmaster(Path dir, Map<String, String> settings, Class<?> worker) {
        this.dir = dir;
        this.settings = Map.copyOf(settings);
        this.worker = worker;
    }

    public Path data() {
        return dir.resolve("data");
    }

    public StorageSettings storageSettings() {
        return StorageSettings.from(settings, MAX_BACKENDS);
    }

    /** A (re)start: fresh shared memory (the old one died with the cluster), then the startup process. */
    public ShmemSegment restart() throws Exception {
        ShmemSegment segment = ShmemSegment.create(dir.resolve("shm" + (++segments)), MAX_BACKENDS,
                dir.resolve("latches"), StorageShmem.requests(storageSettings()));
        try (ChildJvm startup = child(segment, "recover", STARTUP_SLOT)) {
            startup.awaitSuccess();
        }
        return segment;
    }

    /** Starts the worker with {@code role} on {@code slot}; its output is in the ChildJvm's log. */
    public ChildJvm child(ShmemSegment segment, String role, int slot, String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of(role, data().toString(), segment.file().toString(),
                Integer.toString(slot)));
        args.addAll(List.of(more));
        return ChildJvm.start(worker, dir, args.toArray(String[]::new));
    }

    /**
     * In a child: attaches to the segment on its slot and owns the slot's
     * latch, as BackendMain does; {@code args} start with the data directory,
     * the segment file and the slot.
     */
    public static ShmemAttachment attachChild(String dataDir, String segmentFile, String slotIndex,
            Map<String, String> settings) throws IOException {
        ShmemSegment segment = ShmemSegment.attach(Path.of(segmentFile));
        ProcSlot slot = segment.slot(Integer.parseInt(slotIndex));
        slot.setPid((int) ProcessHandle.current().pid());
        slot.ownLatch();
        return new ShmemAttachment(segment, slot, Path.of(dataDir), settings);
    }

    /** In a child: the startup process's work, with the access methods' resource managers. */
    public static void recover(ShmemAttachment attachment, List<ResourceManager> accessMethodRmgrs)
            throws Exception {
        StartupProcess.Recovery.run(attachment,
                StorageSettings.from(attachment.settings(), attachment.segment().maxBackends()), accessMethodRmgrs);
    }
}
