package org.tusk.shmem;

import static org.tusk.shmem.internal.SegmentLayout.*;

import java.io.IOException;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tusk.api.backend.BackendActivity;
import org.tusk.shmem.internal.LatchWaker;
import org.tusk.shmem.internal.SharedMemory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's shared memory segment: a file mapped by the postmaster and by
 * every backend process (PostgreSQL's main shared memory area, sized once by
 * CalculateShmemSize). See the module README for the layout and invariants.
 */
public final class ShmemSegment implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ShmemSegment.class);

    /** Size of the spinlock pool. */
    public static final int NUM_SPINLOCKS = org.tusk.shmem.internal.SegmentLayout.NUM_SPINLOCKS;
    /** Size of the LWLock pool. */
    public static final int NUM_LWLOCKS = org.tusk.shmem.internal.SegmentLayout.NUM_LWLOCKS;
    /** Largest maxBackends a segment accepts (PostgreSQL's MAX_BACKENDS). */
    public static final int MAX_BACKENDS_LIMIT = MAX_BACKENDS;
    /** Linux's sun_path holds 108 bytes including the terminating NUL. */
    private static final int MAX_SOCKET_PATH_BYTES = 107;

    private final Path file;
    private final SharedMemory memory;
    private final int maxBackends;
    private final Path latchDirectory;
    private final ProcSlot[] slots;
    private final Spinlock[] spinlocks;
    private final LWLock[] lwlocks;
    private final SharedWords sharedWords;
    private final Map<String, ShmemArea> areas = new LinkedHashMap<>();
    private final LatchWaker latchWaker = new LatchWaker();
    private volatile boolean closed;

    private ShmemSegment(Path file, MappedByteBuffer mapping, int maxBackends, Path latchDirectory) {
        this.file = file;
        this.memory = new SharedMemory(mapping);
        this.maxBackends = maxBackends;
        this.latchDirectory = latchDirectory;
        this.slots = new ProcSlot[maxBackends];
        for (int i = 0; i < maxBackends; i++) {
            slots[i] = new ProcSlot(this, memory, i, latchDirectory);
        }
        this.spinlocks = new Spinlock[NUM_SPINLOCKS];
        for (int i = 0; i < NUM_SPINLOCKS; i++) {
            spinlocks[i] = new Spinlock(memory, i);
        }
        this.lwlocks = new LWLock[NUM_LWLOCKS];
        for (int i = 0; i < NUM_LWLOCKS; i++) {
            lwlocks[i] = new LWLock(this, memory, i);
        }
        this.sharedWords = new SharedWords(memory);
    }

    /**
     * Postmaster: creates the segment file (an existing one is unlinked first,
     * so processes still mapping the old one keep a valid mapping of the old
     * inode instead of faulting on a truncated file), sizes it for
     * {@code maxBackends}, zeroes it and writes the header. Creates the latch
     * socket directory if needed.
     */
    public static ShmemSegment create(Path file, int maxBackends, Path latchSocketDirectory) throws IOException {
        return create(file, maxBackends, latchSocketDirectory, List.of());
    }

    /**
     * Like {@link #create(Path, int, Path)}, with the named areas the storage
     * subsystems asked for placed after the proc slots, in request order (see
     * {@link ShmemRequest}). The whole segment must stay below 2 GiB.
     */
    public static ShmemSegment create(Path file, int maxBackends, Path latchSocketDirectory,
            List<ShmemRequest> requests) throws IOException {
        if (requests.size() > MAX_AREAS) {
            throw new IllegalArgumentException("at most " + MAX_AREAS + " shared memory areas: " + requests.size());
        }
        if (requests.stream().map(ShmemRequest::name).distinct().count() != requests.size()) {
            throw new IllegalArgumentException("duplicate shared memory area names in " + requests);
        }
        if (maxBackends < 1 || maxBackends > MAX_BACKENDS) {
            throw new IllegalArgumentException("maxBackends must be between 1 and " + MAX_BACKENDS + ": " + maxBackends);
        }
        Path latchDirectory = latchSocketDirectory.toAbsolutePath().normalize();
        byte[] latchDirBytes = latchDirectory.toString().getBytes(StandardCharsets.UTF_8);
        int longestSocketPath = latchDirectory.resolve("latch." + (maxBackends - 1)).toString()
                .getBytes(StandardCharsets.UTF_8).length;
        if (longestSocketPath > MAX_SOCKET_PATH_BYTES || latchDirBytes.length > LATCH_DIR_MAX_BYTES) {
            throw new IOException("latch socket directory \"" + latchDirectory + "\" is too long: socket paths"
                    + " in it would exceed " + MAX_SOCKET_PATH_BYTES + " bytes");
        }
        Files.createDirectories(latchDirectory);
        Path absolute = file.toAbsolutePath();
        if (absolute.getParent() != null) {
            Files.createDirectories(absolute.getParent());
        }
        Files.deleteIfExists(absolute);
        long[] dataOffsets = new long[requests.size()];
        int[] firstLWLock = new int[requests.size()];
        long size = segmentSize(maxBackends);
        int nextLWLockId = NUM_LWLOCKS;
        for (int i = 0; i < requests.size(); i++) {
            ShmemRequest request = requests.get(i);
            long lwlockBytes = (long) request.lwlocks() * LWLOCK_STRIDE;
            dataOffsets[i] = align(size + lwlockBytes, AREA_ALIGNMENT);
            firstLWLock[i] = nextLWLockId;
            nextLWLockId += request.lwlocks();
            size = dataOffsets[i] + request.bytes();
        }
        if (size > MAX_SEGMENT_SIZE) {
            throw new IOException("shared memory segment of " + size + " bytes requested; at most "
                    + MAX_SEGMENT_SIZE + " are supported (lower shared_buffers)");
        }
        MappedByteBuffer mapping;
        try (FileChannel channel = FileChannel.open(absolute, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            // A new file grows with zeroes: writing its last byte sizes it without touching the rest.
            channel.write(ByteBuffer.wrap(new byte[1]), size - 1);
            mapping = channel.map(FileChannel.MapMode.READ_WRITE, 0, size);
        }
        ShmemSegment segment = new ShmemSegment(absolute, mapping, maxBackends, latchDirectory);
        SharedMemory memory = segment.memory;
        memory.putInt(HDR_VERSION, LAYOUT_VERSION);
        memory.putInt(HDR_MAX_BACKENDS, maxBackends);
        memory.putLong(HDR_RESET_GENERATION, 0);
        memory.putLong(HDR_SEGMENT_SIZE, size);
        memory.putInt(HDR_LATCH_DIR_LENGTH, latchDirBytes.length);
        memory.putBytes(HDR_LATCH_DIR, latchDirBytes, 0, latchDirBytes.length);
        memory.putInt(HDR_AREA_COUNT, requests.size());
        for (int i = 0; i < requests.size(); i++) {
            ShmemRequest request = requests.get(i);
            int entry = areaEntry(i);
            byte[] name = request.name().getBytes(StandardCharsets.UTF_8);
            memory.putInt(entry + AREA_NAME_LENGTH, name.length);
            memory.putBytes(entry + AREA_NAME, name, 0, name.length);
            memory.putLong(entry + AREA_OFFSET, dataOffsets[i]);
            memory.putLong(entry + AREA_SIZE, request.bytes());
            memory.putInt(entry + AREA_LWLOCK_FIRST_ID, firstLWLock[i]);
            memory.putInt(entry + AREA_LWLOCK_COUNT, request.lwlocks());
        }
        segment.mapAreas();
        // The magic goes last, so an attacher that sees it sees a complete header.
        memory.putLongVolatile(HDR_MAGIC, MAGIC);
        LOG.debug("created shared memory segment {} ({} bytes, {} backends)", absolute, size, maxBackends);
        return segment;
    }

    /** Backends: maps an existing segment after checking its header. */
    public static ShmemSegment attach(Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        try (FileChannel channel = FileChannel.open(absolute, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long fileSize = channel.size();
            if (fileSize < HEADER_SIZE) {
                throw new IOException("\"" + absolute + "\" is not a Tusk shared memory segment: file too short ("
                        + fileSize + " bytes)");
            }
            ByteBuffer header = ByteBuffer.allocate(HEADER_SIZE).order(ByteOrder.nativeOrder());
            while (header.hasRemaining()) {
                if (channel.read(header, header.position()) < 0) {
                    throw new IOException("unexpected end of file reading the header of \"" + absolute + "\"");
                }
            }
            if (header.getLong(HDR_MAGIC) != MAGIC) {
                throw new IOException("\"" + absolute + "\" is not a Tusk shared memory segment: bad magic number");
            }
            int version = header.getInt(HDR_VERSION);
            if (version != LAYOUT_VERSION) {
                throw new IOException("shared memory segment \"" + absolute + "\" has layout version " + version
                        + ", but this server needs version " + LAYOUT_VERSION);
            }
            int maxBackends = header.getInt(HDR_MAX_BACKENDS);
            long size = header.getLong(HDR_SEGMENT_SIZE);
            int latchDirLength = header.getInt(HDR_LATCH_DIR_LENGTH);
            if (maxBackends < 1 || maxBackends > MAX_BACKENDS || size < segmentSize(maxBackends)
                    || size > MAX_SEGMENT_SIZE
                    || fileSize < size || latchDirLength <= 0 || latchDirLength > LATCH_DIR_MAX_BYTES) {
                throw new IOException("shared memory segment \"" + absolute + "\" has a corrupt header");
            }
            byte[] latchDir = new byte[latchDirLength];
            header.get(HDR_LATCH_DIR, latchDir);
            MappedByteBuffer mapping = channel.map(FileChannel.MapMode.READ_WRITE, 0, size);
            ShmemSegment segment = new ShmemSegment(absolute, mapping, maxBackends,
                    Path.of(new String(latchDir, StandardCharsets.UTF_8)));
            segment.mapAreas();
            return segment;
        }
    }

    /** Builds the area objects from the header's directory (written by create). */
    private void mapAreas() throws IOException {
        int count = memory.getInt(HDR_AREA_COUNT);
        if (count < 0 || count > MAX_AREAS) {
            throw new IOException("shared memory segment \"" + file + "\" has a corrupt area directory");
        }
        for (int i = 0; i < count; i++) {
            int entry = areaEntry(i);
            int nameLength = memory.getInt(entry + AREA_NAME_LENGTH);
            long offset = memory.getLong(entry + AREA_OFFSET);
            long bytes = memory.getLong(entry + AREA_SIZE);
            int firstId = memory.getInt(entry + AREA_LWLOCK_FIRST_ID);
            int lwlockCount = memory.getInt(entry + AREA_LWLOCK_COUNT);
            if (nameLength <= 0 || nameLength > AREA_NAME_MAX_BYTES || bytes < 0 || lwlockCount < 0
                    || offset - (long) lwlockCount * LWLOCK_STRIDE < segmentSize(maxBackends)
                    || offset + bytes > memory.capacity()) {
                throw new IOException("shared memory segment \"" + file + "\" has a corrupt area directory");
            }
            byte[] name = new byte[nameLength];
            memory.getBytes(entry + AREA_NAME, name, 0, nameLength);
            LWLock[] locks = new LWLock[lwlockCount];
            int lockBase = (int) (offset - (long) lwlockCount * LWLOCK_STRIDE);
            for (int l = 0; l < lwlockCount; l++) {
                locks[l] = new LWLock(this, memory, firstId + l, lockBase + l * LWLOCK_STRIDE);
            }
            String areaName = new String(name, StandardCharsets.UTF_8);
            areas.put(areaName, new ShmemArea(areaName, this, memory, (int) offset, (int) bytes, locks));
        }
    }

    /** The named area a subsystem requested at creation; IllegalStateException if there is none. */
    public ShmemArea area(String name) {
        checkOpen();
        ShmemArea area = areas.get(name);
        if (area == null) {
            throw new IllegalStateException("shared memory segment " + file + " has no area \"" + name
                    + "\" (it has " + areas.keySet() + ")");
        }
        return area;
    }

    /** Names of the areas, in layout order. */
    public List<String> areaNames() {
        return Collections.unmodifiableList(new ArrayList<>(areas.keySet()));
    }

    public Path file() {
        return file;
    }

    public int maxBackends() {
        return maxBackends;
    }

    public Path latchSocketDirectory() {
        return latchDirectory;
    }

    public ProcSlot slot(int index) {
        checkOpen();
        if (index < 0 || index >= maxBackends) {
            throw new IndexOutOfBoundsException("slot " + index + " out of range 0.." + (maxBackends - 1));
        }
        return slots[index];
    }

    /** The slot whose pid is {@code pid}, or null. */
    public ProcSlot findByPid(int pid) {
        checkOpen();
        if (pid == 0) {
            return null;
        }
        for (ProcSlot slot : slots) {
            if (slot.pid() == pid) {
                return slot;
            }
        }
        return null;
    }

    /** pg_stat_activity: a consistent copy of every slot that has a session, in slot order. */
    public List<BackendActivity> activitySnapshot() {
        checkOpen();
        List<BackendActivity> rows = new ArrayList<>();
        for (ProcSlot slot : slots) {
            BackendActivity row = slot.readActivity();
            if (row != null) {
                rows.add(row);
            }
        }
        return rows;
    }

    public Spinlock spinlock(int id) {
        checkOpen();
        if (id < 0 || id >= NUM_SPINLOCKS) {
            throw new IndexOutOfBoundsException("spinlock " + id + " out of range 0.." + (NUM_SPINLOCKS - 1));
        }
        return spinlocks[id];
    }

    public LWLock lwlock(int id) {
        checkOpen();
        if (id < 0 || id >= NUM_LWLOCKS) {
            throw new IndexOutOfBoundsException("LWLock " + id + " out of range 0.." + (NUM_LWLOCKS - 1));
        }
        return lwlocks[id];
    }

    /** General-purpose shared 64-bit cells. */
    public SharedWords sharedWords() {
        checkOpen();
        return sharedWords;
    }

    /**
     * Postmaster only, after a backend crash once every other backend is gone:
     * zeroes every slot, lock and shared word (whatever a dead process left
     * half-done) and increments {@link #resetGeneration()}. The header and
     * this process's latch sockets survive.
     */
    public void reinitialize() {
        checkOpen();
        memory.zero(SPINLOCKS, memory.capacity() - SPINLOCKS);
        VarHandle.fullFence();
        for (ProcSlot slot : slots) {
            slot.forgetLocalState();
        }
        long generation = memory.getAndAddLong(HDR_RESET_GENERATION, 1) + 1;
        LOG.info("shared memory reinitialized, generation {}", generation);
    }

    /** How many times the segment was reinitialized since it was created. */
    public long resetGeneration() {
        return memory.getLongVolatile(HDR_RESET_GENERATION);
    }

    LatchWaker latchWaker() {
        return latchWaker;
    }

    /**
     * Closes this process's latch sockets and its sending socket. The mapping
     * itself goes away when the buffer is garbage-collected (Java has no
     * supported unmap), which is harmless: the file stays valid.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (ProcSlot slot : slots) {
            slot.closeLocal();
        }
        try {
            latchWaker.close();
        } catch (IOException e) {
            LOG.debug("closing latch waker: {}", e.toString());
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("shared memory segment " + file + " is closed");
        }
    }

    @Override
    public String toString() {
        return "ShmemSegment[" + file + ", " + maxBackends + " backends]";
    }
}
