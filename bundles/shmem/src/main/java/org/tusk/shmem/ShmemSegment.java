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
import java.util.List;

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
        long size = segmentSize(maxBackends);
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
            if (maxBackends < 1 || maxBackends > MAX_BACKENDS || size != segmentSize(maxBackends)
                    || fileSize < size || latchDirLength <= 0 || latchDirLength > LATCH_DIR_MAX_BYTES) {
                throw new IOException("shared memory segment \"" + absolute + "\" has a corrupt header");
            }
            byte[] latchDir = new byte[latchDirLength];
            header.get(HDR_LATCH_DIR, latchDir);
            MappedByteBuffer mapping = channel.map(FileChannel.MapMode.READ_WRITE, 0, size);
            return new ShmemSegment(absolute, mapping, maxBackends,
                    Path.of(new String(latchDir, StandardCharsets.UTF_8)));
        }
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
