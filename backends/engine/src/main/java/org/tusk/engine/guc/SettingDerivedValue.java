package org.tusk.engine.guc;

import java.util.function.Supplier;

/**
 * A value a session computes from its settings (the parsed search_path, the
 * isolation level, current_user), computed again only after a setting has
 * changed: {@link GucSettings#version()} moves with every SET, RESET,
 * transaction end that undoes SET LOCAL, and configuration reload. Asked for
 * several times per statement (Bind revalidates the search path, every
 * snapshot and lock asks for the isolation level), each asking cost a parse
 * or two to four hash look-ups; the settings rarely change between them.
 */
public final class SettingDerivedValue<T> {

    private final GucSettings settings;
    private final Supplier<T> compute;
    private long computedAt = -1;
    private T value;

    public SettingDerivedValue(GucSettings settings, Supplier<T> compute) {
        this.settings = settings;
        this.compute = compute;
    }

    public T get() {
        long now = settings.version();
        if (now != computedAt) {
            value = compute.get();
            computedAt = now;
        }
        return value;
    }
}
