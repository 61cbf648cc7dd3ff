package org.tusk.engine.expr;

import org.tusk.api.engine.SessionHost;
import org.tusk.engine.types.TypeContext;

/** What built-in functions may ask of the session running them. */
public interface SessionServices {
    SessionHost host();

    TypeContext typeContext();

    /** current_setting(): the value, null if unknown and missingOk, else ERROR 42704. */
    String currentSetting(String name, boolean missingOk);

    /**
     * work_mem's value, which every plan the executor starts reads: a session may keep it while no
     * setting changes instead of looking it up by name each time.
     */
    default String workMem() {
        return currentSetting("work_mem", true);
    }

    /** set_config(). */
    String setConfig(String name, String value, boolean isLocal);

    long transactionStartMicros();

    long statementStartMicros();

    String currentUser();

    String sessionUser();

    String databaseName();

    /**
     * CHECK_FOR_INTERRUPTS(): throws for a pending cancel or termination
     * request, or (57014) once the statement's statement_timeout has passed.
     */
    default void checkForInterrupts() {
        if (host() != null && host().backend() != null) {
            host().backend().checkForInterrupts();
        }
    }

    /**
     * The {@link System#nanoTime()} at which the running statement times out
     * ({@link Long#MAX_VALUE} for none): code that sleeps wakes up by then.
     */
    default long statementDeadlineNanos() {
        return Long.MAX_VALUE;
    }

    /**
     * pg_get_viewdef without pretty: the view's stored query ({@code storedQuery}, the pretty
     * text) analyzed again and printed with every operator parenthesized as ruleutils.c does
     * without PRETTYFLAG_PAREN; null when that cannot be done (the caller keeps the stored text).
     */
    default String unprettyViewDefinition(int viewOid, String storedQuery) {
        return null;
    }

    /** pg_listening_channels(). */
    default java.util.List<String> listeningChannels() {
        return java.util.List.of();
    }

    /** pg_notify(): NOTIFY with the checks of the statement; delivered at commit. */
    default void notify(String channel, String payload) {
        throw new UnsupportedOperationException("pg_notify needs a session");
    }
}
