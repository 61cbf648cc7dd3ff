package org.tusk.engine.tcop;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tusk.api.engine.SessionHost;
import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;
import org.tusk.storage.AsyncNotifyQueue;

/**
 * One session's LISTEN/NOTIFY state (PostgreSQL's async.c, backend-local half).
 *
 * <p>LISTEN, UNLISTEN and NOTIFY only record what to do; it happens when the
 * transaction commits and is forgotten when it aborts. NOTIFYs with the same
 * channel and payload within a transaction are folded into one, in the order
 * of their first occurrence. At pre-commit a first LISTEN registers this
 * backend in the shared queue and the queue is checked for room ("too many
 * notifications in the NOTIFY queue"); after the commit the notifications are
 * appended and every listening backend of the database (this one too) is
 * signalled. Delivery ({@link #deliver}) reads the queue and sends those on
 * channels this session listens on.
 *
 * <p>Without a shared queue (engine tests without a cluster) a session only
 * hears its own notifications.
 */
final class AsyncNotifications {
    private static final Logger LOG = LoggerFactory.getLogger(AsyncNotifications.class);

    private enum Action { LISTEN, UNLISTEN, UNLISTEN_ALL }

    private record PendingAction(Action action, String channel) {}

    private final Supplier<AsyncNotifyQueue> queue;
    private final SessionHost host;
    private final int databaseOid;
    /** listenChannels: what this session listens on, in the order of LISTEN. */
    private final Set<String> listening = new LinkedHashSet<>();
    private final List<PendingAction> pendingActions = new ArrayList<>();
    /** pendingNotifies, folded: channel + payload in the order first notified. */
    private final Map<List<String>, AsyncNotifyQueue.Notification> pendingNotifies = new LinkedHashMap<>();
    /** Without a shared queue: own notifications waiting for delivery. */
    private final List<AsyncNotifyQueue.Notification> local = new ArrayList<>();

    AsyncNotifications(Supplier<AsyncNotifyQueue> queue, SessionHost host, int databaseOid) {
        this.queue = queue;
        this.host = host;
        this.databaseOid = databaseOid;
    }

    void listen(String channel) {
        pendingActions.add(new PendingAction(Action.LISTEN, channel));
    }

    /** UNLISTEN channel; null for UNLISTEN *. */
    void unlisten(String channel) {
        pendingActions.add(channel == null ? new PendingAction(Action.UNLISTEN_ALL, null)
                : new PendingAction(Action.UNLISTEN, channel));
    }

    /** Async_Notify (after the caller's checks on channel and payload). */
    void notify(String channel, String payload) {
        String p = payload == null ? "" : payload;
        pendingNotifies.putIfAbsent(List.of(channel, p), new AsyncNotifyQueue.Notification(databaseOid, pid(), channel, p));
    }

    /** pg_listening_channels(): what this session listens on now (committed LISTENs only). */
    List<String> listeningChannels() {
        return List.copyOf(listening);
    }

    /** PreCommit_Notify: registers a new listener and makes sure the notifications will fit. May throw. */
    void preCommit() {
        AsyncNotifyQueue q = queue.get();
        if (q == null) {
            return;
        }
        if (!pendingActions.isEmpty() && endState().size() > 0) {
            q.listen(databaseOid);
        }
        if (!pendingNotifies.isEmpty() && !q.hasRoomFor(List.copyOf(pendingNotifies.values()))) {
            throw Ereport.error(SqlState.PROGRAM_LIMIT_EXCEEDED, "too many notifications in the NOTIFY queue");
        }
    }

    /** AtCommit_Notify: applies LISTEN/UNLISTEN, sends the notifications and signals the listeners. */
    void atCommit() {
        if (!pendingActions.isEmpty()) {
            Set<String> after = endState();
            listening.clear();
            listening.addAll(after);
            pendingActions.clear();
        }
        AsyncNotifyQueue q = queue.get();
        if (q != null && listening.isEmpty() && q.isListening()) {
            q.unlisten();
        }
        if (pendingNotifies.isEmpty()) {
            return;
        }
        List<AsyncNotifyQueue.Notification> notifies = List.copyOf(pendingNotifies.values());
        pendingNotifies.clear();
        if (q == null) {
            local.addAll(notifies);
        } else if (!q.send(databaseOid, pid(), notifies)) {
            // another backend filled the queue between our check and our commit: the commit stands
            LOG.warn("NOTIFY queue full after commit: {} notifications dropped", notifies.size());
        }
    }

    /** AtAbort_Notify: nothing of the transaction happens. */
    void atAbort() {
        pendingActions.clear();
        pendingNotifies.clear();
        AsyncNotifyQueue q = queue.get();
        if (q != null && listening.isEmpty() && q.isListening()) {
            q.unlisten();   // a LISTEN registered at pre-commit whose commit failed
        }
    }

    /** ProcessIncomingNotify: sends what arrived on channels this session listens on. */
    void deliver() {
        AsyncNotifyQueue q = queue.get();
        List<AsyncNotifyQueue.Notification> arrived;
        if (q == null) {
            arrived = new ArrayList<>(local);
            local.clear();
        } else {
            if (!q.isListening()) {
                return;
            }
            arrived = q.read();
        }
        for (AsyncNotifyQueue.Notification n : arrived) {
            if (listening.contains(n.channel())) {
                host.notification(n.senderPid(), n.channel(), n.payload());
            }
        }
    }

    /** Async_UnlistenOnExit / DISCARD ALL: listens to nothing, drops what is pending. */
    void reset() {
        pendingActions.clear();
        pendingNotifies.clear();
        listening.clear();
        local.clear();
        AsyncNotifyQueue q = queue.get();
        if (q != null && q.isListening()) {
            q.unlisten();
        }
    }

    /** The listened channels once the pending actions are applied. */
    private Set<String> endState() {
        Set<String> after = new LinkedHashSet<>(listening);
        for (PendingAction a : pendingActions) {
            switch (a.action()) {
                case LISTEN -> after.add(a.channel());
                case UNLISTEN -> after.remove(a.channel());
                case UNLISTEN_ALL -> after.clear();
                default -> { }
            }
        }
        return after;
    }

    private int pid() {
        return host.backend() == null ? 0 : host.backend().pid();
    }
}
