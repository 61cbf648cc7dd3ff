package org.tusk.protocol.internal.tcop;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.tusk.api.backend.BackendContext;
import org.tusk.api.engine.SessionHost;
import org.tusk.api.error.PgException;
import org.tusk.protocol.internal.pqcomm.PqSender;
import org.tusk.protocol.internal.pqformat.BackendMessages;

/**
 * What the engine calls back into during a session. Notices are flushed at
 * once (as PostgreSQL's send_message_to_frontend does, so a long statement's
 * RAISE NOTICE shows up while it runs); ParameterStatus waits for the next flush.
 * While the session starts, ParameterStatus reports are held back: the full set
 * is sent right after, in PostgreSQL's order.
 */
final class ProtocolSessionHost implements SessionHost {
    private final BackendContext backend;
    private final PqSender sender;
    private boolean reporting;

    ProtocolSessionHost(BackendContext backend, PqSender sender) {
        this.backend = backend;
        this.sender = sender;
    }

    void startReporting() {
        reporting = true;
    }

    @Override
    public BackendContext backend() {
        return backend;
    }

    @Override
    public void notice(PgException notice) {
        BackendMessages.errorOrNotice(sender.buffer(), 'N', notice);
        try {
            sender.flush();
        } catch (IOException e) {
            // The engine cannot handle I/O failures; the traffic cop sees the broken connection next.
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void parameterStatus(String name, String value) {
        if ("application_name".equalsIgnoreCase(name)) {
            backend.reportApplicationName(value);
        }
        if (reporting) {
            BackendMessages.parameterStatus(sender.buffer(), name, value);
        }
    }

    /** Queued in the session's buffer; whoever delivers flushes (ReadyForQuery, or the idle delivery). */
    @Override
    public void notification(int senderPid, String channel, String payload) {
        BackendMessages.notificationResponse(sender.buffer(), senderPid, channel, payload);
    }
}
