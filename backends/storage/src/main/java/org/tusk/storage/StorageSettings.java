package org.tusk.storage;

import java.util.Locale;
import java.util.Map;

import org.tusk.api.setting.GucUnit;
import org.tusk.lmgr.LockSettings;
import org.tusk.wal.WalSettings;

/**
 * The server settings the storage core acts on, parsed once from the
 * postmaster's settings (postmaster.opts) with PostgreSQL's units and defaults.
 * The postmaster sizes shared memory from the same values every process reads.
 */
public record StorageSettings(int sharedBuffers, int walBuffersBytes, int maxBackends, int maxLocksPerTransaction,
        boolean fsync, boolean synchronousCommit, boolean fullPageWrites, long checkpointTimeoutMillis,
        long maxWalSizeBytes, long bgwriterDelayMillis, long deadlockTimeoutMillis, String walSyncMethod,
        int walSegmentSize, long memoryTableBytes) {

    private static final int BLOCK_SIZE = 8192;

    /**
     * @param maxBackends every shared-memory slot, backends and auxiliary
     *                    processes (the segment's maxBackends)
     */
    public static StorageSettings from(Map<String, String> settings, int maxBackends) {
        int sharedBuffers = (int) Math.max(16, memoryKb(settings, "shared_buffers", "128MB") / 8);
        long walBuffersSetting = settings.containsKey("wal_buffers")
                ? memoryKb(settings, "wal_buffers", "-1") : -1;
        // PostgreSQL's -1: 1/32 of shared_buffers, at least 64 kB, at most one 16 MB segment
        long walBuffersKb = walBuffersSetting == -1
                ? Math.min(16L * 1024, Math.max(64, (long) sharedBuffers * 8 / 32)) : Math.max(32, walBuffersSetting);
        return new StorageSettings(sharedBuffers, (int) (walBuffersKb * 1024), maxBackends,
                (int) plain(settings, "max_locks_per_transaction", 64),
                bool(settings, "fsync", true),
                !"off".equals(lower(settings.getOrDefault("synchronous_commit", "on"))),
                bool(settings, "full_page_writes", true),
                time(settings, "checkpoint_timeout", "300s", GucUnit.S),
                memoryKb(settings, "max_wal_size", "1GB") * 1024,
                time(settings, "bgwriter_delay", "200ms", GucUnit.MS),
                time(settings, "deadlock_timeout", "1s", GucUnit.MS),
                lower(settings.getOrDefault("wal_sync_method", "fdatasync")),
                (int) (memoryKb(settings, "wal_segment_size", "16MB") * 1024),
                memoryKb(settings, "memory_table_size", "32MB") * 1024);
    }

    /** The WAL's settings: fsync=off (tests, bulk loads) turns syncing off altogether, as in PostgreSQL. */
    public WalSettings walSettings() {
        WalSettings.SyncMethod method = !fsync ? WalSettings.SyncMethod.OFF
                : "fsync".equals(walSyncMethod) || "open_sync".equals(walSyncMethod) ? WalSettings.SyncMethod.FSYNC
                : WalSettings.SyncMethod.FDATASYNC;
        return new WalSettings(walBuffersBytes, walSegmentSize, method);
    }

    public LockSettings lockSettings() {
        return LockSettings.DEFAULTS.withDeadlockTimeout(deadlockTimeoutMillis);
    }

    public long sharedBuffersBytes() {
        return (long) sharedBuffers * BLOCK_SIZE;
    }

    private static long memoryKb(Map<String, String> settings, String name, String fallback) {
        GucUnit unit = name.equals("shared_buffers") || name.equals("wal_buffers") ? GucUnit.BLOCKS_8KB
                : name.equals("max_wal_size") ? null : GucUnit.KB;
        String text = settings.getOrDefault(name, fallback);
        if (unit == null) {
            // max_wal_size is in MB when unitless
            Long mb = GucUnit.KB.parse(text.matches("\\s*-?\\d+\\s*") ? text.strip() + "MB" : text);
            return require(name, text, mb);
        }
        Long parsed = unit.parse(text);
        long value = require(name, text, parsed);
        return unit == GucUnit.BLOCKS_8KB && value != -1 ? value * 8 : value;
    }

    private static long time(Map<String, String> settings, String name, String fallback, GucUnit unit) {
        String text = settings.getOrDefault(name, fallback);
        long value = require(name, text, unit.parse(text));
        return unit == GucUnit.S ? value * 1000 : value;
    }

    private static long plain(Map<String, String> settings, String name, long fallback) {
        String text = settings.get(name);
        return text == null ? fallback : require(name, text, GucUnit.NONE.parse(text));
    }

    private static long require(String name, String text, Long value) {
        if (value == null) {
            throw new IllegalArgumentException("invalid value for parameter \"" + name + "\": \"" + text + "\"");
        }
        return value;
    }

    private static boolean bool(Map<String, String> settings, String name, boolean fallback) {
        String text = settings.get(name);
        if (text == null) {
            return fallback;
        }
        return switch (lower(text)) {
            case "on", "true", "yes", "1", "t", "y" -> true;
            case "off", "false", "no", "0", "f", "n" -> false;
            default -> throw new IllegalArgumentException("parameter \"" + name + "\" requires a Boolean value");
        };
    }

    private static String lower(String s) {
        return s.strip().toLowerCase(Locale.ROOT);
    }
}
