package org.tusk.engine.error;

import java.util.function.Consumer;

import org.tusk.api.error.PgException;

/**
 * Where code without a session at hand sends a NOTICE or WARNING (ereport below
 * ERROR from a typmodin function while parse analysis runs): the session whose
 * work runs on this thread installs its client's notice channel with its other
 * look-ups; without one (tools, tests) the message is dropped.
 */
public final class NoticeSink {

    private static final ThreadLocal<Consumer<PgException>> SINK = new ThreadLocal<>();

    private NoticeSink() {
    }

    /** Makes {@code sink} receive this thread's notices from now on. */
    public static void install(Consumer<PgException> sink) {
        SINK.set(sink);
    }

    /** Sends {@code notice} to the installed sink, if any. */
    public static void send(PgException notice) {
        Consumer<PgException> sink = SINK.get();
        if (sink != null) {
            sink.accept(notice);
        }
    }
}
