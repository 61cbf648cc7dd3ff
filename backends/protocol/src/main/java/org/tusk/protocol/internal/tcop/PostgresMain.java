package org.tusk.protocol.internal.tcop;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tusk.api.auth.RoleStore;
import org.tusk.api.backend.BackendContext;
import org.tusk.api.engine.Column;
import org.tusk.api.engine.EngineSession;
import org.tusk.api.engine.Portal;
import org.tusk.api.engine.PreparedStatement;
import org.tusk.api.engine.RawStatement;
import org.tusk.api.error.PgException;
import org.tusk.api.error.Severity;
import org.tusk.api.error.SqlState;
import org.tusk.api.protocol.ClientConnection;
import org.tusk.api.protocol.SessionOutcome;
import org.tusk.protocol.internal.auth.ClientAuthentication;
import org.tusk.protocol.internal.pqcomm.ClientStreams;
import org.tusk.protocol.internal.pqcomm.PqReceiver;
import org.tusk.protocol.internal.secure.TlsConnection;
import org.tusk.protocol.internal.secure.TlsServerConfig;
import org.tusk.protocol.internal.secure.TlsStreams;
import org.tusk.protocol.internal.pqcomm.PqSender;
import org.tusk.protocol.internal.pqcomm.SessionTerminatedException;
import org.tusk.protocol.internal.pqformat.BackendMessages;
import org.tusk.protocol.internal.pqformat.PqMessage;
import org.tusk.protocol.internal.pqformat.PqSendBuffer;
import org.tusk.protocol.internal.pqformat.RecentNames;
import org.tusk.protocol.internal.startup.CommandLineOptions;
import org.tusk.protocol.internal.startup.ProcessStartupPacket;
import org.tusk.protocol.internal.startup.StartupPacket;
import org.tusk.protocol.internal.startup.StartupResult;

/**
 * The traffic cop of one session (PostgreSQL's PostgresMain in tcop/postgres.c):
 * startup, then a loop that reads a frontend message, runs it on the engine and
 * answers, with ReadyForQuery (and the one flush that goes with it) whenever
 * the client may send the next command. Extended-protocol errors start a skip
 * to the next Sync, exactly as PostgreSQL's ignore_till_sync does.
 */
public final class PostgresMain {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresMain.class);
    private static final int[] NO_OIDS = new int[0];
    private static final short[] NO_FORMATS = new short[0];

    private final ClientConnection connection;
    private final BackendContext backend;
    /** The client's streams: plain at first, TLS after an accepted SSLRequest. */
    private final ClientStreams streams;
    /** The TLS session, or null for a plain connection. */
    private TlsConnection tls;
    private final PqSender sender;
    private final PqSendBuffer out;
    private final PqReceiver receiver;
    private final RemoteDestReceiver dest;

    private EngineSession session;
    /**
     * Held by the session thread while it sends ReadyForQuery and when it wakes
     * for the next message, and by the backend's notify thread while it
     * delivers notifications: the engine session and the send buffer are never
     * used by both at once.
     */
    private final java.util.concurrent.locks.ReentrantLock sessionLock = new java.util.concurrent.locks.ReentrantLock();
    /**
     * ReadyForQuery 'I' was sent and no message has been read since. Written by the session thread
     * only, under sessionLock; the notify thread reads it under sessionLock.
     */
    private boolean idle;
    private final Map<String, PreparedStatementEntry> statements = new HashMap<>();
    private PreparedStatementEntry unnamedStatement;
    private final Map<String, PortalEntry> portals = new HashMap<>();
    private PortalEntry unnamedPortal;
    /** Statement and portal names as the messages carry them, decoded once (exec_bind_message's lookups). */
    private final RecentNames recentNames = new RecentNames();

    /** The current message belongs to the extended protocol: an error starts skip-till-Sync. */
    private boolean doingExtendedQueryMessage;
    private boolean ignoreTillSync;

    /** The last query text, which pg_stat_activity keeps showing while idle. */
    private String lastQuery = "";
    /** What was last published as "active", to avoid republishing it for every Bind/Execute of one query. */
    private String reportedActiveQuery;

    public PostgresMain(ClientConnection connection) {
        this.connection = connection;
        this.backend = connection.backend();
        this.streams = new ClientStreams(connection.input(), connection.output());
        this.sender = new PqSender(streams.output(), streams.input());
        this.out = sender.buffer();
        this.receiver = new PqReceiver(streams.input());
        this.dest = new RemoteDestReceiver(sender, receiver);
    }

    /** Serves the connection to its end; never throws for anything the client or the engine does. */
    public SessionOutcome run() {
        connection.onTermination(sender::terminate);
        SessionOutcome outcome;
        try {
            outcome = serve();
        } catch (SessionTerminatedException e) {
            outcome = SessionOutcome.FATAL;
        } catch (IOException | UncheckedIOException e) {
            if (!sender.terminated()) {
                LOG.info("could not communicate with client: {}", e.toString());
            }
            outcome = SessionOutcome.FATAL;
        }
        return endSession(outcome);
    }

    private SessionOutcome serve() throws IOException {
        if (connection.preAuthenticated()) {
            // The warm-up client never asks for TLS; loading the certificate and key now spares the
            // first real client of this backend that cost (seconds in a cold JVM).
            TlsServerConfig.forSettings(backend.serverSettings(), backend.dataDirectory());
        }
        StartupResult startup;
        try {
            startup = new ProcessStartupPacket(streams.input(), sender, backend, this::negotiateTls).read();
        } catch (PgException e) {
            return fatal(e);
        }
        if (startup.kind() != StartupResult.Kind.SESSION) {
            return SessionOutcome.NO_SESSION;
        }
        StartupPacket packet = startup.packet();
        if (packet.minorVersion() > 0 || !packet.unrecognizedProtocolOptions().isEmpty()) {
            BackendMessages.negotiateProtocolVersion(out, packet.unrecognizedProtocolOptions());
        }
        try {
            authenticate(packet);
        } catch (PgException e) {
            return fatal(e);
        } catch (EOFException e) {
            // The client hung up to ask its user for a password (psql does): nothing to report, no session state.
            LOG.debug("{}", e.getMessage());
            return SessionOutcome.NO_SESSION;
        }
        // Anything that fails from here on fails after AuthenticationOk, as in PostgreSQL.
        BackendMessages.authenticationOk(out);

        ProtocolSessionHost host = new ProtocolSessionHost(backend, sender);
        try {
            Map<String, String> settings = packet.options() == null
                    ? new LinkedHashMap<>() : CommandLineOptions.parse(packet.options());
            // Startup-packet parameters are applied after the options switches, so they win.
            settings.putAll(packet.settings());
            session = connection.engine().openSession(host, packet.user(), packet.database(), settings);
        } catch (PgException e) {
            // No transaction to abort yet: any error during InitPostgres ends the session.
            return fatal(e.severity().endsSession() ? e : e.withSeverity(Severity.FATAL));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (RuntimeException e) {
            return fatal(internalError(e).withSeverity(Severity.FATAL));
        }
        String applicationName = packet.settings().getOrDefault("application_name", "");
        String effective = session.setting("application_name");
        backend.reportSessionStart(packet.user(), packet.database(), effective != null ? effective : applicationName);
        if (tls != null) {
            backend.reportSslStatus(tls.status());
        }

        BackendMessages.parameterStatuses(out, session.reportedSettings());
        host.startReporting();
        BackendMessages.backendKeyData(out, backend.pid(), backend.cancelKey());
        backend.onNotifyInterrupt(this::deliverNotificationsWhileIdle);
        return mainLoop();
    }

    /**
     * ClientAuthentication against tusk_hba.conf and the engine's role store. Skipped for the
     * backend's own warm-up connection and when there is no role store (no data directory).
     */
    private void authenticate(StartupPacket packet) throws IOException {
        if (connection.preAuthenticated()) {
            return;
        }
        RoleStore roles = connection.engine().roleStore(backend);
        if (roles == null) {
            return;
        }
        Map<String, String> server = backend.serverSettings();
        new ClientAuthentication(streams.input(), sender, backend.dataDirectory(), roles,
                server == null ? null : server.get("password_encryption"), tls)
                .authenticate(connection.remoteAddress(), packet.user(), packet.database());
    }

    /**
     * The answer to an SSLRequest (ProcessStartupPacket's SSL branch and
     * secure_open_server): 'N' without TLS, on a Unix socket (PostgreSQL never
     * uses TLS there) and for the warm-up client; otherwise 'S', the handshake,
     * and the session's streams continue over TLS.
     */
    private boolean negotiateTls() throws IOException {
        TlsServerConfig config = connection.remoteAddress() == null || connection.preAuthenticated()
                ? null : TlsServerConfig.forSettings(backend.serverSettings(), backend.dataDirectory());
        if (config == null) {
            out.int8('N');
            sender.flush();
            return false;
        }
        if (streams.rawInput().available() > 0) {
            // Bytes the client sent before it could have seen our answer were not meant for TLS.
            throw new PgException(Severity.FATAL, SqlState.PROTOCOL_VIOLATION,
                    "received unencrypted data after SSL request",
                    "This could be either a client-software bug or evidence of an attempted man-in-the-middle attack.",
                    null, 0, null);
        }
        out.int8('S');
        sender.flush();
        TlsStreams secure = new TlsStreams(config.newEngine(), streams.rawInput(), streams.rawOutput());
        secure.handshake();
        streams.switchTo(secure.input(), secure.output());
        tls = new TlsConnection(secure.session(), config.certificateHash(), config.verifiesClientCertificates());
        LOG.debug("SSL connection: protocol {}, cipher {}", tls.protocol(), tls.cipher());
        return true;
    }

    private SessionOutcome mainLoop() throws IOException {
        boolean sendReadyForQuery = true;
        while (true) {
            PqMessage m;
            try {
                if (sendReadyForQuery) {
                    readyForQuery();
                    sendReadyForQuery = false;
                }
                m = receiver.read();
                markBusy();
            } catch (PgException e) {
                return fatal(e);
            } catch (EOFException e) {
                LOG.info("{} from client", e.getMessage());
                return SessionOutcome.FATAL;
            }
            if (m == null) {
                return clientEof();
            }
            char type = (char) m.type();
            switch (type) {
                case 'X':
                    return SessionOutcome.CLEAN;
                case 'S':
                    ignoreTillSync = false;
                    doingExtendedQueryMessage = false;
                    break;
                case 'P': case 'B': case 'E': case 'C': case 'D': case 'H':
                    doingExtendedQueryMessage = true;
                    break;
                default:
                    doingExtendedQueryMessage = false;
            }
            if (ignoreTillSync) {
                continue;
            }
            try {
                switch (type) {
                    case 'Q': execSimpleQuery(m); sendReadyForQuery = true; break;
                    case 'P': execParse(m); break;
                    case 'B': execBind(m); break;
                    case 'E': execExecute(m); break;
                    case 'D': execDescribe(m); break;
                    case 'C': execClose(m); break;
                    case 'H': m.end(); sender.flush(); break;
                    case 'S': m.end(); sendReadyForQuery = true; finishTransaction(); break;
                    case 'F': sendReadyForQuery = true; execFunctionCall(); break;
                    default:
                        // CopyData/CopyDone/CopyFail outside COPY: accepted and ignored, per protocol
                        // spec (the client may still be sending after a COPY failed).
                        break;
                }
            } catch (PgException e) {
                if (e.severity().endsSession()) {
                    return fatal(e);
                }
                sendError(e);
                if (doingExtendedQueryMessage) {
                    ignoreTillSync = true;
                } else {
                    sendReadyForQuery = true;
                }
            }
        }
    }

    // ---------------------------------------------------------------- simple query

    private void execSimpleQuery(PqMessage m) throws IOException {
        String sql = m.getString();
        m.end();
        reportActive(sql);
        // A simple Query drops the unnamed statement, and its portals replace the unnamed portal.
        unnamedStatement = null;
        closeUnnamedPortal();
        try {
            List<RawStatement> parsed = session.parse(sql);
            if (parsed.isEmpty()) {
                BackendMessages.emptyQueryResponse(out);
            }
            for (RawStatement raw : parsed) {
                PreparedStatement prepared = session.prepare(raw, NO_OIDS);
                Portal portal = prepared.bind(List.of(), NO_FORMATS, NO_FORMATS);
                try {
                    List<Column> columns = portal.columns();
                    if (columns != null) {
                        BackendMessages.rowDescription(out, columns, false);
                    }
                    String tag = portal.execute(0, dest);
                    if (tag == null) {
                        throw new IllegalStateException("portal suspended without a row limit");
                    }
                    BackendMessages.commandComplete(out, tag);
                } finally {
                    portal.close();
                }
            }
        } catch (PgException e) {
            if (e.severity().endsSession()) {
                throw e;
            }
            sendError(e);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (RuntimeException e) {
            sendError(internalError(e));
        }
        try {
            finishTransaction();
        } catch (PgException e) {
            if (e.severity().endsSession()) {
                throw e;
            }
            sendError(e);
        }
    }

    // ---------------------------------------------------------------- extended query

    private void execParse(PqMessage m) throws IOException {
        String name = m.getName(recentNames);   // the table's key is then the String later Binds look it up with
        String query = m.getString();
        int n = m.getUInt16();
        int[] oids = n == 0 ? NO_OIDS : new int[n];
        for (int i = 0; i < n; i++) {
            oids[i] = m.getInt32();
        }
        m.end();
        reportActive(query);
        if (name.isEmpty()) {
            unnamedStatement = null; // dropped even if the new one fails, as drop_unnamed_stmt does
        }
        guard(() -> {
            List<RawStatement> parsed = session.parse(query);
            if (parsed.size() > 1) {
                throw PgException.error(SqlState.SYNTAX_ERROR, "cannot insert multiple commands into a prepared statement");
            }
            PreparedStatementEntry entry = parsed.isEmpty()
                    ? new PreparedStatementEntry(name, query, null, oids)
                    : new PreparedStatementEntry(name, query, session.prepare(parsed.get(0), oids), null);
            if (name.isEmpty()) {
                unnamedStatement = entry;
            } else {
                if (statements.containsKey(name)) {
                    throw PgException.error(SqlState.DUPLICATE_PREPARED_STATEMENT,
                            "prepared statement \"" + name + "\" already exists");
                }
                statements.put(name, entry);
            }
        });
        BackendMessages.parseComplete(out);
    }

    private void execBind(PqMessage m) throws IOException {
        String portalName = m.getName(recentNames);
        String statementName = m.getName(recentNames);
        PreparedStatementEntry statement = lookupStatement(statementName);
        int numPFormats = m.getUInt16();
        short[] pformats = numPFormats == 0 ? NO_FORMATS : new short[numPFormats];
        for (int i = 0; i < numPFormats; i++) {
            pformats[i] = m.getInt16();
        }
        int numParams = m.getUInt16();
        if (numPFormats > 1 && numPFormats != numParams) {
            throw PgException.error(SqlState.PROTOCOL_VIOLATION,
                    "bind message has " + numPFormats + " parameter formats but " + numParams + " parameters");
        }
        if (statement.isEmpty() && numParams != 0) {
            throw PgException.error(SqlState.PROTOCOL_VIOLATION, "bind message supplies " + numParams
                    + " parameters, but prepared statement \"" + statementName + "\" requires 0");
        }
        reportActive(statement.sourceText());
        if (portalName.isEmpty()) {
            closeUnnamedPortal();
        } else if (portals.containsKey(portalName)) {
            throw PgException.error(SqlState.DUPLICATE_CURSOR, "cursor \"" + portalName + "\" already exists");
        }
        List<byte[]> values = numParams == 0 ? List.of() : new ArrayList<>(numParams);
        for (int i = 0; i < numParams; i++) {
            int plength = m.getInt32();
            byte[] value = plength == -1 ? null : m.getBytes(plength);
            int format = numPFormats == 0 ? 0 : numPFormats == 1 ? pformats[0] : pformats[i];
            if (format != 0 && format != 1) {
                throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "unsupported format code: " + format);
            }
            values.add(value);
        }
        int numRFormats = m.getUInt16();
        short[] rformats = numRFormats == 0 ? NO_FORMATS : new short[numRFormats];
        for (int i = 0; i < numRFormats; i++) {
            rformats[i] = m.getInt16();
        }
        m.end();
        // guard's work without a capturing lambda per message
        try {
            Portal portal = null;
            if (!statement.isEmpty()) {
                portal = statement.prepared().bind(values, pformats, rformats);
                List<Column> columns = portal.columns();
                if (numRFormats > 1 && columns != null && columns.size() != numRFormats) {
                    portal.close();
                    throw PgException.error(SqlState.PROTOCOL_VIOLATION, "bind message has " + numRFormats
                            + " result formats but query has " + columns.size() + " columns");
                }
            }
            PortalEntry entry = new PortalEntry(portalName, statement.sourceText(), portal);
            if (portalName.isEmpty()) {
                unnamedPortal = entry;
            } else {
                portals.put(portalName, entry);
            }
        } catch (RuntimeException e) {
            throw engineFailure(e);
        }
        BackendMessages.bindComplete(out);
    }

    private void execExecute(PqMessage m) throws IOException {
        String portalName = m.getName(recentNames);
        int maxRows = m.getInt32();
        m.end();
        PortalEntry entry = lookupPortal(portalName);
        reportActive(entry.sourceText);
        if (entry.portal == null) {
            BackendMessages.emptyQueryResponse(out);
            return;
        }
        boolean suspended = false;
        try {   // guard's work without a capturing lambda per message
            List<Column> columns = entry.portal.columns();
            if (entry.done && columns == null) {
                // PORTAL_MULTI_QUERY portals are marked done so their commands cannot run twice.
                throw PgException.error(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE,
                        "portal \"" + entry.name + "\" cannot be run");
            }
            if (columns != null) {
                for (Column c : columns) {
                    if (c.format() != 0 && c.format() != 1) {
                        throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "unsupported format code: " + c.format());
                    }
                }
            }
            char before = session.transactionStatus();
            String tag = executePortal(entry.portal, maxRows <= 0 ? 0 : maxRows);
            if (tag == null) {
                BackendMessages.portalSuspended(out);
                suspended = true;
            } else {
                BackendMessages.commandComplete(out, tag);
                entry.done = true;
                if (before != 'I' && session.transactionStatus() == 'I') {
                    dropPortals(); // COMMIT/ROLLBACK ended the block: its portals go with it
                }
            }
        } catch (RuntimeException e) {
            throw engineFailure(e);
        }
        if (suspended) {
            sender.flush();
        }
    }

    private String executePortal(Portal portal, long maxRows) {
        try {
            return portal.execute(maxRows, dest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void execDescribe(PqMessage m) throws IOException {
        int kind = m.getByte();
        String name = m.getName(recentNames);
        m.end();
        guard(() -> {
            switch (kind) {
                case 'S': {
                    PreparedStatementEntry st = lookupStatement(name);
                    List<Column> columns = st.isEmpty() ? null : st.prepared().resultColumns();
                    checkNotAborted(columns);
                    BackendMessages.parameterDescription(out, st.parameterTypes());
                    if (columns != null) {
                        BackendMessages.rowDescription(out, columns, true);
                    } else {
                        BackendMessages.noData(out);
                    }
                    break;
                }
                case 'P': {
                    PortalEntry p = lookupPortal(name);
                    List<Column> columns = p.portal == null ? null : p.portal.columns();
                    checkNotAborted(columns);
                    if (columns != null) {
                        BackendMessages.rowDescription(out, columns, false);
                    } else {
                        BackendMessages.noData(out);
                    }
                    break;
                }
                default:
                    throw PgException.error(SqlState.PROTOCOL_VIOLATION, "invalid DESCRIBE message subtype " + kind);
            }
        });
    }

    /** Describing a row-returning statement needs catalog access, which a failed transaction no longer has. */
    private void checkNotAborted(List<Column> columns) {
        if (columns != null && session.transactionStatus() == 'E') {
            throw PgException.error(SqlState.IN_FAILED_SQL_TRANSACTION,
                    "current transaction is aborted, commands ignored until end of transaction block");
        }
    }

    private void execClose(PqMessage m) {
        int kind = m.getByte();
        String name = m.getName(recentNames);
        m.end();
        switch (kind) {
            case 'S':
                if (name.isEmpty()) {
                    unnamedStatement = null;
                } else {
                    statements.remove(name);
                }
                break;
            case 'P':
                if (name.isEmpty()) {
                    closeUnnamedPortal();
                } else {
                    PortalEntry p = portals.remove(name);
                    if (p != null) {
                        closeGuarded(p);
                    }
                }
                break;
            default:
                throw PgException.error(SqlState.PROTOCOL_VIOLATION, "invalid CLOSE message subtype " + kind);
        }
        // Closing something that does not exist is not an error.
        BackendMessages.closeComplete(out);
    }

    /** FunctionCall (fastpath): the engine has no function-call entry point yet. */
    private void execFunctionCall() {
        throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "fastpath function calls are not supported");
    }

    // ---------------------------------------------------------------- transaction and session edges

    /** Sync, or the end of a simple Query: ends the implicit transaction; outside a block, portals end too. */
    private void finishTransaction() {
        try {
            guard(session::sync);
        } finally {
            if (session.transactionStatus() == 'I') {
                dropPortals();
            }
        }
    }

    private void readyForQuery() throws IOException {
        sessionLock.lock();
        try {
            readyForQueryLocked();
        } finally {
            sessionLock.unlock();
        }
    }

    private void readyForQueryLocked() throws IOException {
        discardStaleCancel();
        char status = session.transactionStatus();
        if (status == 'I') {
            // ProcessNotifyInterrupt before ReadyForQuery: what this and other sessions committed
            session.processNotifications();
        }
        String state = switch (status) {
            case 'T' -> "idle in transaction";
            case 'E' -> "idle in transaction (aborted)";
            default -> "idle";
        };
        backend.reportActivity(state, lastQuery);
        reportedActiveQuery = null;
        BackendMessages.readyForQuery(out, status);
        sender.flush();
        idle = status == 'I';
    }

    /**
     * Only the session thread writes {@link #idle}, so it may read it without the lock: the lock is
     * needed only to leave the idle state (a notification delivery may be under way), once per
     * ReadyForQuery 'I', not for every message of the Bind/Describe/Execute/Sync that follows.
     */
    private void markBusy() {
        if (!idle) {
            return;
        }
        sessionLock.lock();
        idle = false;
        sessionLock.unlock();
    }

    /**
     * Run by the backend's notify thread when another backend committed a
     * NOTIFY on a channel this session listens on. Delivers at once when the
     * session is idle outside a transaction; otherwise the next
     * ReadyForQuery 'I' delivers, as PostgreSQL does.
     */
    private void deliverNotificationsWhileIdle() {
        sessionLock.lock();
        try {
            if (idle && session != null && !sender.terminated()) {
                session.processNotifications();
                sender.flush();
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("delivering notifications while idle: {}", e.toString());
        } finally {
            sessionLock.unlock();
        }
    }

    /**
     * A cancel that arrives after its statement finished must not hit the next
     * one: PostgreSQL ignores QueryCancelPending while it waits for a command.
     */
    private void discardStaleCancel() {
        try {
            backend.checkForInterrupts();
        } catch (PgException e) {
            if (e.severity().endsSession()) {
                throw e;
            }
        }
    }

    private void reportActive(String query) {
        lastQuery = query;
        if (reportedActiveQuery != query) {
            backend.reportActivity("active", query);
            reportedActiveQuery = query;
        }
    }

    private SessionOutcome clientEof() {
        char status;
        try {
            status = session.transactionStatus();
        } catch (RuntimeException e) {
            status = 'E';
        }
        if (status == 'I') {
            return SessionOutcome.CLEAN;
        }
        LOG.info("unexpected EOF on client connection with an open transaction");
        return SessionOutcome.FATAL;
    }

    private SessionOutcome endSession(SessionOutcome outcome) {
        backend.onNotifyInterrupt(null);
        sessionLock.lock();
        try {
            idle = false;
            return endSessionLocked(outcome);
        } finally {
            sessionLock.unlock();
        }
    }

    private SessionOutcome endSessionLocked(SessionOutcome outcome) {
        SessionOutcome result = outcome;
        try {
            dropPortals();
        } catch (RuntimeException e) {
            LOG.warn("closing portals at session end failed", e);
            result = SessionOutcome.FATAL;
        }
        statements.clear();
        unnamedStatement = null;
        if (session != null) {
            try {
                session.close();
            } catch (RuntimeException e) {
                // The engine could not reset its state: this backend must not serve another session.
                LOG.warn("closing the engine session failed", e);
                result = SessionOutcome.FATAL;
            }
        }
        return result;
    }

    // ---------------------------------------------------------------- helpers

    private PreparedStatementEntry lookupStatement(String name) {
        if (name.isEmpty()) {
            if (unnamedStatement == null) {
                throw PgException.error(SqlState.INVALID_SQL_STATEMENT_NAME, "unnamed prepared statement does not exist");
            }
            return unnamedStatement;
        }
        PreparedStatementEntry e = statements.get(name);
        if (e == null) {
            throw PgException.error(SqlState.INVALID_SQL_STATEMENT_NAME, "prepared statement \"" + name + "\" does not exist");
        }
        return e;
    }

    private PortalEntry lookupPortal(String name) {
        PortalEntry p = name.isEmpty() ? unnamedPortal : portals.get(name);
        if (p == null) {
            throw PgException.error(SqlState.INVALID_CURSOR_NAME, "portal \"" + name + "\" does not exist");
        }
        return p;
    }

    private void closeUnnamedPortal() {
        PortalEntry p = unnamedPortal;
        unnamedPortal = null;
        if (p != null) {
            closeGuarded(p);
        }
    }

    private void dropPortals() {
        closeUnnamedPortal();
        if (!portals.isEmpty()) {
            List<PortalEntry> all = new ArrayList<>(portals.values());
            portals.clear();
            for (PortalEntry p : all) {
                closeGuarded(p);
            }
        }
    }

    /**
     * Runs engine code: PgExceptions pass as they are, a broken client
     * connection passes as UncheckedIOException, and any other failure becomes
     * ERROR XX000 so that an engine bug costs one statement, not the session.
     */
    private static void guard(Runnable engineCall) {
        try {
            engineCall.run();
        } catch (RuntimeException e) {
            throw engineFailure(e);
        }
    }

    /** What {@link #guard} throws for a failure of engine code. */
    private static RuntimeException engineFailure(RuntimeException e) {
        return e instanceof PgException || e instanceof UncheckedIOException ? e : internalError(e);
    }

    /** {@code guard(p::close)} without a method reference object per portal (once per statement). */
    private static void closeGuarded(PortalEntry p) {
        try {
            p.close();
        } catch (RuntimeException e) {
            throw engineFailure(e);
        }
    }

    private static PgException internalError(RuntimeException e) {
        LOG.error("internal error in the engine", e);
        String message = e.getMessage() != null ? e.getMessage() : e.getClass().getName();
        return new PgException(Severity.ERROR, SqlState.INTERNAL_ERROR, message, null, null, 0, e);
    }

    /** An ERROR: in extended mode it is flushed at once, since no ReadyForQuery follows until Sync. */
    private void sendError(PgException e) throws IOException {
        BackendMessages.errorOrNotice(out, 'E', e);
        if (doingExtendedQueryMessage) {
            sender.flush();
        }
    }

    /** Sends a FATAL error (unless the session was already ended from outside) and ends the session. */
    private SessionOutcome fatal(PgException e) {
        if (!sender.terminated()) {
            BackendMessages.errorOrNotice(out, 'E', e.severity().endsSession() ? e : e.withSeverity(Severity.FATAL));
            try {
                sender.flush();
            } catch (IOException io) {
                LOG.debug("could not send FATAL to client", io);
            }
        }
        return SessionOutcome.FATAL;
    }
}
