package org.tusk.wal;

import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;

import org.tusk.shmem.ProcSlot;
import org.tusk.shmem.SharedWords;
import org.tusk.shmem.ShmemSegment;

/**
 * A backend in a child JVM: attaches to the test's segment and data directory
 * and writes WAL. Arguments: role shmemFile dataDir slot count walBuffers syncMethod [ackFile].
 * Shared words: 0 = go, 1 = ready count.
 */
public final class WalChild {

    static final int W_GO = 0;
    static final int W_READY = 1;

    private WalChild() {
    }

    public static void main(String[] args) throws Exception {
        String role = args[0];
        int slotIndex = Integer.parseInt(args[3]);
        int count = Integer.parseInt(args[4]);
        WalSettings settings = WalTestSupport.settings(Integer.parseInt(args[5]), args[6]);
        try (ShmemSegment segment = ShmemSegment.attach(Path.of(args[1]))) {
            ProcSlot self = segment.slot(slotIndex);
            self.setPid((int) ProcessHandle.current().pid());
            self.ownLatch();
            WalWriter wal = Wal.attach(segment, Path.of(args[2]), settings, self);
            startTogether(segment.sharedWords());
            switch (role) {
                case "insert" -> {
                    for (int seq = 0; seq < count; seq++) {
                        wal.insert(WalTestSupport.testRecord(slotIndex, seq));
                    }
                    wal.flush(wal.insertPosition());
                }
                case "commit" -> {
                    for (int seq = 0; seq < count; seq++) {
                        wal.flush(wal.insert(WalTestSupport.testRecord(slotIndex, seq)));
                    }
                }
                case "durable" -> {
                    // Acknowledge each record only after its flush returned, in an unbuffered file.
                    try (FileOutputStream ack = new FileOutputStream(args[7])) {
                        for (int seq = 0; seq < count; seq++) {
                            long end = wal.insert(WalTestSupport.testRecord(slotIndex, seq));
                            wal.flush(end);
                            ack.write((seq + " " + end + "\n").getBytes(StandardCharsets.US_ASCII));
                        }
                    }
                }
                default -> throw new IllegalArgumentException("unknown role " + role);
            }
        }
        System.exit(0);
    }

    private static void startTogether(SharedWords words) {
        words.getAndAdd(W_READY, 1);
        while (words.getVolatile(W_GO) == 0) {
            LockSupport.parkNanos(200_000);
        }
    }
}
