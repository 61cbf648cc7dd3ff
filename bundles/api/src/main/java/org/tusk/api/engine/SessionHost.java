package org.tusk.api.engine;

import org.osgi.annotation.versioning.ConsumerType;
import org.tusk.api.backend.BackendContext;
import org.tusk.api.error.PgException;

/** What the engine may call back into while it serves a session: supplied by the protocol bundle. */
@ConsumerType
public interface SessionHost {

    /** The process-level services of the backend this session runs in. */
    BackendContext backend();

    /** Sends a NoticeResponse (NOTICE, WARNING, INFO...) to the client. */
    void notice(PgException notice);

    /**
     * Reports a changed GUC_REPORT setting (application_name, client_encoding,
     * DateStyle, TimeZone, ...) as a ParameterStatus message.
     */
    void parameterStatus(String name, String value);

    /**
     * Sends a NotificationResponse (LISTEN/NOTIFY) to the client. Called by the
     * engine from {@link EngineSession#processNotifications()}; the protocol
     * layer flushes when it is done delivering.
     */
    default void notification(int senderPid, String channel, String payload) {
    }
}
