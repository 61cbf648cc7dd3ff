package org.tusk.engine;

import java.util.ArrayList;
import java.util.List;

import org.tusk.api.backend.BackendContext;
import org.tusk.api.engine.SessionHost;
import org.tusk.api.error.PgException;

/** An in-process SessionHost recording notices and ParameterStatus reports. */
public final class FakeHost implements SessionHost {
    public final FakeBackend backend;
    public final List<PgException> notices = new ArrayList<>();
    public final List<String> parameterStatus = new ArrayList<>();
    public StringBuilder transcript;
    /** NotificationResponses as channel:payload. */
    public final List<String> notifications = new ArrayList<>();

    public FakeHost(FakeBackend backend) {
        this.backend = backend;
    }

    @Override public BackendContext backend() { return backend; }

    @Override
    public void notice(PgException notice) {
        notices.add(notice);
        if (transcript != null) {
            transcript.append("N: ").append(notice.sqlState()).append('|').append(notice.getMessage()).append('\n');
        }
    }

    @Override
    public void parameterStatus(String name, String value) {
        parameterStatus.add(name + "=" + value);
    }

    @Override
    public void notification(int senderPid, String channel, String payload) {
        notifications.add(channel + ":" + payload);
    }
}
