package org.tusk.shmem;

import java.util.Map;

/**
 * What a process is waiting for: PostgreSQL's {@code wait_event_info}, one int holding a class in its top byte
 * and an event within the class below it, published in the process's {@link ProcSlot} and shown by
 * pg_stat_activity's {@code wait_event_type} and {@code wait_event}.
 *
 * <p>The names are PostgreSQL 15's (its "Wait Events" tables), so monitoring queries written for PostgreSQL
 * group Tusk's waits the same way. Only the events Tusk can actually wait on are defined.
 */
public final class WaitEvent {

    /** Not waiting. */
    public static final int NONE = 0;

    public static final int CLASS_LWLOCK = 0x01000000;
    public static final int CLASS_LOCK = 0x03000000;
    public static final int CLASS_BUFFER_PIN = 0x04000000;
    public static final int CLASS_ACTIVITY = 0x05000000;
    public static final int CLASS_CLIENT = 0x06000000;
    public static final int CLASS_IPC = 0x08000000;
    public static final int CLASS_TIMEOUT = 0x09000000;
    public static final int CLASS_IO = 0x0A000000;
    private static final int CLASS_MASK = 0xFF000000;

    // --- LWLock tranches ---------------------------------------------------
    public static final int LWLOCK_XID_GEN = CLASS_LWLOCK | 1;
    public static final int LWLOCK_PROC_ARRAY = CLASS_LWLOCK | 2;
    public static final int LWLOCK_WAL_BUF_MAPPING = CLASS_LWLOCK | 3;
    public static final int LWLOCK_WAL_WRITE = CLASS_LWLOCK | 4;
    public static final int LWLOCK_WAL_INSERT = CLASS_LWLOCK | 5;
    public static final int LWLOCK_BUFFER_CONTENT = CLASS_LWLOCK | 6;
    public static final int LWLOCK_BUFFER_MAPPING = CLASS_LWLOCK | 7;
    public static final int LWLOCK_LOCK_MANAGER = CLASS_LWLOCK | 8;
    public static final int LWLOCK_LOCK_FAST_PATH = CLASS_LWLOCK | 9;
    public static final int LWLOCK_XACT_SLRU = CLASS_LWLOCK | 10;
    public static final int LWLOCK_CHECKPOINTER_COMM = CLASS_LWLOCK | 11;
    /** A relation-extension lock: PostgreSQL waits on a heavyweight "extend" lock, Tusk on an LWLock. */
    public static final int LWLOCK_RELATION_EXTEND = CLASS_LWLOCK | 12;
    public static final int LWLOCK_SUBTRANS_SLRU = CLASS_LWLOCK | 14;
    /** Any other LWLock (an area's tranche that has no PostgreSQL name). */
    public static final int LWLOCK_OTHER = CLASS_LWLOCK | 13;

    // --- heavyweight locks: the event is the lock tag's type (pg_locks.locktype) ---------
    /** The Lock-class event for a lock tag of type {@code lockTypeName}, as pg_locks spells it. */
    public static int lock(String lockTypeName) {
        Integer id = LOCK_IDS.get(lockTypeName);
        return CLASS_LOCK | (id == null ? 0 : id);
    }

    // --- other classes ----------------------------------------------------------------------
    public static final int BUFFER_PIN = CLASS_BUFFER_PIN | 1;
    public static final int CLIENT_READ = CLASS_CLIENT | 1;
    public static final int CLIENT_WRITE = CLASS_CLIENT | 2;
    public static final int IPC_BUFFER_IO = CLASS_IPC | 1;
    public static final int IPC_CHECKPOINT_DONE = CLASS_IPC | 2;
    public static final int IPC_CHECKPOINT_START = CLASS_IPC | 3;
    public static final int TIMEOUT_PG_SLEEP = CLASS_TIMEOUT | 1;
    public static final int TIMEOUT_VACUUM_DELAY = CLASS_TIMEOUT | 2;
    public static final int IO_DATA_FILE_READ = CLASS_IO | 1;
    public static final int IO_DATA_FILE_WRITE = CLASS_IO | 2;
    public static final int IO_DATA_FILE_EXTEND = CLASS_IO | 3;
    public static final int IO_DATA_FILE_SYNC = CLASS_IO | 4;
    public static final int IO_WAL_WRITE = CLASS_IO | 5;
    public static final int IO_WAL_SYNC = CLASS_IO | 6;
    public static final int IO_WAL_INIT_WRITE = CLASS_IO | 7;
    public static final int IO_WAL_INIT_SYNC = CLASS_IO | 8;
    public static final int IO_WAL_READ = CLASS_IO | 9;

    private static final String[] LOCK_NAMES = {null, "relation", "extend", "frozenid", "page", "tuple",
            "transactionid", "virtualxid", "spectoken", "object", "userlock", "advisory"};
    private static final Map<String, Integer> LOCK_IDS = lockIds();

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(LWLOCK_XID_GEN, "XidGen"),
            Map.entry(LWLOCK_PROC_ARRAY, "ProcArray"),
            Map.entry(LWLOCK_WAL_BUF_MAPPING, "WALBufMapping"),
            Map.entry(LWLOCK_WAL_WRITE, "WALWrite"),
            Map.entry(LWLOCK_WAL_INSERT, "WALInsert"),
            Map.entry(LWLOCK_BUFFER_CONTENT, "BufferContent"),
            Map.entry(LWLOCK_BUFFER_MAPPING, "BufferMapping"),
            Map.entry(LWLOCK_LOCK_MANAGER, "LockManager"),
            Map.entry(LWLOCK_LOCK_FAST_PATH, "LockFastPath"),
            Map.entry(LWLOCK_XACT_SLRU, "XactSLRU"),
            Map.entry(LWLOCK_CHECKPOINTER_COMM, "CheckpointerComm"),
            Map.entry(LWLOCK_SUBTRANS_SLRU, "SubtransSLRU"),
            Map.entry(LWLOCK_RELATION_EXTEND, "RelationExtension"),
            Map.entry(LWLOCK_OTHER, "Extension"),
            Map.entry(BUFFER_PIN, "BufferPin"),
            Map.entry(CLIENT_READ, "ClientRead"),
            Map.entry(CLIENT_WRITE, "ClientWrite"),
            Map.entry(IPC_BUFFER_IO, "BufferIO"),
            Map.entry(IPC_CHECKPOINT_DONE, "CheckpointDone"),
            Map.entry(IPC_CHECKPOINT_START, "CheckpointStart"),
            Map.entry(TIMEOUT_PG_SLEEP, "PgSleep"),
            Map.entry(TIMEOUT_VACUUM_DELAY, "VacuumDelay"),
            Map.entry(IO_DATA_FILE_READ, "DataFileRead"),
            Map.entry(IO_DATA_FILE_WRITE, "DataFileWrite"),
            Map.entry(IO_DATA_FILE_EXTEND, "DataFileExtend"),
            Map.entry(IO_DATA_FILE_SYNC, "DataFileSync"),
            Map.entry(IO_WAL_WRITE, "WALWrite"),
            Map.entry(IO_WAL_SYNC, "WALSync"),
            Map.entry(IO_WAL_INIT_WRITE, "WALInitWrite"),
            Map.entry(IO_WAL_INIT_SYNC, "WALInitSync"),
            Map.entry(IO_WAL_READ, "WALRead"));

    private WaitEvent() {
    }

    /** pg_stat_activity.wait_event_type of {@code info}, or null when it is not a wait. */
    public static String typeName(int info) {
        return switch (info & CLASS_MASK) {
            case CLASS_LWLOCK -> "LWLock";
            case CLASS_LOCK -> "Lock";
            case CLASS_BUFFER_PIN -> "BufferPin";
            case CLASS_ACTIVITY -> "Activity";
            case CLASS_CLIENT -> "Client";
            case CLASS_IPC -> "IPC";
            case CLASS_TIMEOUT -> "Timeout";
            case CLASS_IO -> "IO";
            default -> null;
        };
    }

    /** pg_stat_activity.wait_event of {@code info}, or null when it is not a wait. */
    public static String eventName(int info) {
        if ((info & CLASS_MASK) == CLASS_LOCK) {
            int id = info & ~CLASS_MASK;
            return id > 0 && id < LOCK_NAMES.length ? LOCK_NAMES[id] : null;
        }
        return NAMES.get(info);
    }

    private static Map<String, Integer> lockIds() {
        Map<String, Integer> ids = new java.util.HashMap<>();
        for (int i = 1; i < LOCK_NAMES.length; i++) {
            ids.put(LOCK_NAMES[i], i);
        }
        return Map.copyOf(ids);
    }
}
