package org.tusk.storage;

import java.util.Locale;
import java.util.Map;

import org.tusk.api.setting.GucUnit;
import org.tusk.buffer.BgWriterSettings;
import org.tusk.lmgr.LockSettings;
import org.tusk.wal.WalSettings;

/**
 * The server settings the storage core acts on, parsed once from the
 * postmaster's settings (postmaster.opts) with PostgreSQL's units and defaults.
 * The postmaster sizes shared memory from the same values every process reads.
 */
public record StorageSettings(int sharedBuffers, int walBuffersBytes, int maxBackends, int maxLocksPerTransaction,
        boolean fsync, long checkpointTimeoutMillis, double checkpointCompletionTarget, boolean logCheckpoints,
        long maxWalSizeBytes, long bgwriterDelayMillis, int bgwriterLruMaxPages, double bgwriterLruMultiplier,
        long deadlockTimeoutMillis, String walSyncMethod, int walSegmentSize, long memoryTableBytes,
        boolean bootstrapDataChecksums) {

    /**
     * @param maxBackends every shared-memory slot, backends and auxiliary
     *                    processes (the segment's maxBackends)
     */
    public static StorageSettings from(Map<String, String> settings, int maxBackends) {
        int sharedBuffers = (int) Math.max(16, kilobytes(settings, "shared_buffers", "128MB", GucUnit.BLOCKS_8KB) / 8);
        long walBuffersSetting = kilobytes(settings, "wal_buffers", "-1", GucUnit.BLOCKS_8KB);
        // PostgreSQL's -1: 1/32 of shared_buffers, at least 64 kB, at most one 16 MB segment
        long walBuffersKb = walBuffersSetting == -1
                ? Math.min(16L * 1024, Math.max(64, (long) sharedBuffers * 8 / 32)) : Math.max(32, walBuffersSetting);
        String maxWalSize = settings.getOrDefault("max_wal_size", "1GB").strip();
        // max_wal_size counts in MB when it has no unit
        long maxWalSizeKb = require("max_wal_size", maxWalSize,
                GucUnit.KB.parse(maxWalSize.matches("-?\\d+") ? maxWalSize + "MB" : maxWalSize));
        return new StorageSettings(sharedBuffers, (int) (walBuffersKb * 1024), maxBackends,
                (int) plain(settings, "max_locks_per_transaction", 64),
                bool(settings, "fsync", true),
                time(settings, "checkpoint_timeout", "300s", GucUnit.S),
                real(settings, "checkpoint_completion_target", 0.9, 0, 1),
                bool(settings, "log_checkpoints", true),
                maxWalSizeKb * 1024,
                time(settings, "bgwriter_delay", "200ms", GucUnit.MS),
                (int) plain(settings, "bgwriter_lru_maxpages", 100, 0, 1073741823),
                real(settings, "bgwriter_lru_multiplier", 2.0, 0, 10),
                time(settings, "deadlock_timeout", "1s", GucUnit.MS),
                lower(settings.getOrDefault("wal_sync_method", "fdatasync")),
                (int) (kilobytes(settings, "wal_segment_size", "16MB", GucUnit.KB) * 1024),
                kilobytes(settings, "memory_table_size", "32MB", GucUnit.KB) * 1024,
                // only the bootstrap server of initdb -k has it: afterwards pg_control says
                bool(settings, "data_checksums", false));
    }

    /** The background writer's settings (bgwriter_delay, bgwriter_lru_maxpages, bgwriter_lru_multiplier). */
    public BgWriterSettings bgWriterSettings() {
        return new BgWriterSettings(bgwriterLruMaxPages, bgwriterLruMultiplier, bgwriterDelayMillis);
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

    /** A memory setting in kB; {@code unit} is what a number without a unit counts (-1 stays -1). */
    private static long kilobytes(Map<String, String> settings, String name, String fallback, GucUnit unit) {
        String text = settings.getOrDefault(name, fallback);
        long value = require(name, text, unit.parse(text));
        return unit == GucUnit.BLOCKS_8KB && value != -1 ? value * 8 : value;
    }

    private static long time(Map<String, String> settings, String name, String fallback, GucUnit unit) {
        String text = settings.getOrDefault(name, fallback);
        long value = require(name, text, unit.parse(text));
        return unit == GucUnit.S ? value * 1000 : value;
    }

    /** A real setting within [min, max], as PostgreSQL checks it. */
    private static double real(Map<String, String> settings, String name, double fallback, double min, double max) {
        String text = settings.get(name);
        if (text == null) {
            return fallback;
        }
        double value;
        try {
            value = Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid value for parameter \"" + name + "\": \"" + text + "\"");
        }
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(text.strip() + " is outside the valid range for parameter \"" + name
                    + "\" (" + plain(min) + " .. " + plain(max) + ")");
        }
        return value;
    }

    private static String plain(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static long plain(Map<String, String> settings, String name, long fallback) {
        String text = settings.get(name);
        return text == null ? fallback : require(name, text, GucUnit.NONE.parse(text));
    }

    /** An integer setting within [min, max], as PostgreSQL checks it. */
    private static long plain(Map<String, String> settings, String name, long fallback, long min, long max) {
        long value = plain(settings, name, fallback);
        if (value < min || value > max) {
            throw new IllegalArgumentException(value + " is outside the valid range for parameter \"" + name
                    + "\" (" + min + " .. " + max + ")");
        }
        return value;
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
