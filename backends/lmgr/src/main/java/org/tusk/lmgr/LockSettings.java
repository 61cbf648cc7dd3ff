package org.tusk.lmgr;

/**
 * The settings a lock wait obeys: {@code deadlock_timeout} (how long to wait
 * before looking for a deadlock) and {@code lock_timeout} (0 = wait forever),
 * both in milliseconds as PostgreSQL's GUCs.
 */
public record LockSettings(long deadlockTimeoutMillis, long lockTimeoutMillis) {

    public static final LockSettings DEFAULTS = new LockSettings(1000, 0);

    public LockSettings {
        if (deadlockTimeoutMillis < 1) {
            throw new IllegalArgumentException("deadlock_timeout must be at least 1 ms: " + deadlockTimeoutMillis);
        }
        if (lockTimeoutMillis < 0) {
            throw new IllegalArgumentException("lock_timeout must not be negative: " + lockTimeoutMillis);
        }
    }

    public LockSettings withDeadlockTimeout(long millis) {
        return new LockSettings(millis, lockTimeoutMillis);
    }

    public LockSettings withLockTimeout(long millis) {
        return new LockSettings(deadlockTimeoutMillis, millis);
    }
}
