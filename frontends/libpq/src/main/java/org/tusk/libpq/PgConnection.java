package org.tusk.libpq;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.ReentrantLock;

import javax.net.ssl.SSLSocket;

import org.tusk.libpq.internal.Md5Password;
import org.tusk.libpq.internal.MessageStream;
import org.tusk.libpq.internal.MessageStream.Message;
import org.tusk.libpq.internal.ParameterEncoder;
import org.tusk.libpq.internal.ParameterEncoder.Param;
import org.tusk.libpq.internal.PassFile;
import org.tusk.libpq.internal.ScramSha256;
import org.tusk.libpq.internal.ServerAddress;
import org.tusk.libpq.internal.Tls;
import org.tusk.libpq.internal.Transport;

/**
 * A session with a PostgreSQL (or Tusk) server over protocol version 3.
 *
 * <p>One statement at a time: every call that talks to the server holds the
 * connection's lock, so a connection may be shared between threads, which
 * then take turns. {@link #cancel()} does not take the lock: it opens a new
 * connection and sends a CancelRequest, so it interrupts a running query from
 * another thread. After an I/O failure the connection is closed and every
 * later call throws PgError 08003.
 */
public final class PgConnection implements AutoCloseable {

    private static final int PROTOCOL_3_0 = 196608;
    private static final int CANCEL_REQUEST_CODE = 80877102;
    private static final int SSL_REQUEST_CODE = 80877103;
    private static final String CONNECTION_LOST = "server closed the connection unexpectedly\n"
            + "\tThis probably means the server terminated abnormally\n"
            + "\tbefore or while processing the request.";
    /** The text of the error a missing password produces; psql prompts when it sees it. */
    public static final String NO_PASSWORD_SUPPLIED = "fe_sendauth: no password supplied";

    /** libpq's default notice processor: the formatted message on stderr. */
    public static final NoticeHandler STDERR_NOTICES = n -> {
        System.err.print(n.format(false));
        System.err.flush();
    };

    private final ReentrantLock lock = new ReentrantLock();
    private final ConnInfo info;
    private final ServerAddress address;
    private final InetAddress resolved;
    private final Charset charset;
    private final Map<String, String> parameterStatus = new ConcurrentHashMap<>();
    private final Map<String, PreparedInfo> prepared = new HashMap<>();
    private final ConcurrentLinkedQueue<PgNotification> notifications = new ConcurrentLinkedQueue<>();
    private MessageStream stream;
    private volatile boolean closed;
    private volatile NoticeHandler noticeHandler = STDERR_NOTICES;
    private volatile char transactionStatus = 'I';
    private int backendPid;
    private int cancelKey;
    private int[] lastParameterTypes = new int[0];
    private List<PgColumn> lastStatementColumns;
    /** Columns an execution of a described prepared statement returns (its Describe was skipped). */
    private List<PgColumn> presetColumns;
    private boolean sslInUse;
    private volatile java.util.function.Consumer<PgNotification> notificationHandler;
    private PgNotification lastDelivered;
    private PgPipeline pipeline;
    private ExecutorService asyncWorker;
    private static final int COPY_CHUNK = 65536;
    /** Set when the startup failed because the server sent an error (sslmode=allow then retries with TLS). */
    private boolean serverRejected;
    /** Set when the TLS handshake failed (sslmode=prefer then retries without TLS). */
    private boolean tlsFailed;

    /**
     * A statement prepared on this connection. columns is what Describe said
     * its rows look like (null when it returns none); with that known,
     * executions skip the Describe, as pgjdbc does.
     */
    record PreparedInfo(String sql, int[] parameterTypes, List<PgColumn> columns) {}

    private PgConnection(ConnInfo info, ServerAddress address, InetAddress resolved) {
        this.info = info;
        this.address = address;
        this.resolved = resolved;
        this.charset = charsetFor(info.get("client_encoding"));
    }

    /** Connects with a "keyword=value ..." string or a postgresql:// URI, completed from PG* variables. */
    public static PgConnection connect(String conninfo) {
        return connect(ConnInfo.parse(conninfo));
    }

    private static final List<String> SESSION_ATTRS = List.of("any", "read-write", "read-only", "primary", "standby",
            "prefer-standby");

    /**
     * Connects, trying each host of a comma-separated host list in turn, as
     * libpq does, and keeping the first whose session matches
     * target_session_attrs (any, read-write, read-only, primary, standby,
     * prefer-standby: standby hosts first, then any).
     */
    public static PgConnection connect(ConnInfo given) {
        ConnInfo info = given.withDefaults();
        String attrs = info.get("target_session_attrs");
        if (attrs == null || attrs.isEmpty()) attrs = "any";
        if (!SESSION_ATTRS.contains(attrs)) {
            throw localError("08001", "invalid target_session_attrs value: \"" + attrs + "\"");
        }
        List<String> hosts = splitList(info.get("host"));
        List<String> addrs = splitList(info.get("hostaddr"));
        List<String> ports = splitList(info.get("port"));
        int n = Math.max(hosts.size(), addrs.size());
        if (ports.size() > 1 && ports.size() != n) {
            throw localError("08001", "could not match " + ports.size() + " port numbers to " + n + " hosts");
        }
        StringBuilder failures = new StringBuilder();
        PgError last = null;
        int attempts = 0;
        List<String> passes = attrs.equals("prefer-standby") ? List.of("standby", "any") : List.of(attrs);
        for (String want : passes) {
            for (int i = 0; i < n; i++) {
                String host = hosts.size() > i ? hosts.get(i) : "";
                String addr = addrs.size() > i ? addrs.get(i) : "";
                String portText = ports.size() == 1 ? ports.get(0) : ports.size() > i ? ports.get(i) : "";
                if (portText.isEmpty()) portText = Integer.toString(ConnInfo.DEFAULT_PORT);
                int port;
                try {
                    port = Integer.parseInt(portText.trim());
                } catch (NumberFormatException e) {
                    throw localError("08001", "invalid integer value \"" + portText + "\" for connection option \"port\"");
                }
                ServerAddress sa = new ServerAddress(host, addr, port);
                attempts++;
                PgConnection c;
                try {
                    c = open(info, sa);
                } catch (PgError e) {
                    failures.append(e.libpqMessage());
                    last = e;
                    continue;
                }
                String mismatch;
                try {
                    mismatch = c.sessionMismatch(want);
                } catch (PgError e) {
                    c.close();
                    failures.append(e.libpqMessage());
                    last = e;
                    continue;
                }
                if (mismatch == null) return c;
                c.close();
                String text = c.failurePrefix() + mismatch + "\n";
                failures.append(text);
                last = new PgError(PgDiagnostic.local("FATAL", "08001", text.strip()), List.of(), text, null);
            }
        }
        if (last == null) throw localError("08001", "no host given");
        if (attempts == 1) throw last;
        throw new PgError(last.diagnostic(), List.of(), failures.toString(), last.getCause());
    }

    /**
     * Why this session does not fit target_session_attrs, in libpq's words,
     * or null. Uses the in_hot_standby and default_transaction_read_only
     * values servers 14+ report, else asks like libpq does.
     */
    private String sessionMismatch(String want) {
        switch (want) {
            case "read-write": case "read-only": {
                String ro = parameterStatus.get("default_transaction_read_only");
                String hs = parameterStatus.get("in_hot_standby");
                boolean readOnly = ro != null && hs != null ? ro.equals("on") || hs.equals("on")
                        : "on".equals(query("SHOW transaction_read_only").getString(0, 0));
                if (want.equals("read-write") && readOnly) return "session is read-only";
                if (want.equals("read-only") && !readOnly) return "session is not read-only";
                return null;
            }
            case "primary": case "standby": {
                String hs = parameterStatus.get("in_hot_standby");
                boolean standby = hs != null ? hs.equals("on")
                        : query("SELECT pg_catalog.pg_is_in_recovery()").getBoolean(0, 0);
                if (want.equals("primary") && standby) return "server is in hot standby mode";
                if (want.equals("standby") && !standby) return "server is not in hot standby mode";
                return null;
            }
            default:
                return null;
        }
    }

    private static PgConnection open(ConnInfo info, ServerAddress sa) {
        InetAddress resolved = null;
        if (!sa.isUnixSocket()) {
            try {
                resolved = sa.resolve();
            } catch (UnknownHostException e) {
                String m = "could not translate host name \"" + sa.host() + "\" to address: Name or service not known";
                throw new PgError(PgDiagnostic.local("FATAL", "08001", m), List.of(), m + "\n", e);
            }
        }
        String mode = info.get("sslmode");
        if (mode == null || mode.isEmpty()) mode = "prefer";
        if (!List.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full").contains(mode)) {
            throw localError("08001", "invalid sslmode value: \"" + mode + "\"");
        }
        // libpq never requests TLS over a Unix-domain socket, whatever sslmode says
        if (sa.isUnixSocket()) mode = "disable";
        switch (mode) {
            case "disable":
                return attempt(info, sa, resolved, Ssl.NO);
            case "allow": {
                PgConnection c = new PgConnection(info, sa, resolved);
                try {
                    c.startup(Ssl.NO);
                    return c;
                } catch (PgError plainFailure) {
                    if (!c.serverRejected) throw plainFailure;
                    try {
                        return attempt(info, sa, resolved, Ssl.REQUIRE);
                    } catch (PgError e) {
                        throw new PgError(e.diagnostic(), List.of(), plainFailure.libpqMessage() + e.libpqMessage(), e);
                    }
                }
            }
            case "prefer": {
                PgConnection c = new PgConnection(info, sa, resolved);
                try {
                    c.startup(Ssl.PREFER);
                    return c;
                } catch (PgError tlsFailure) {
                    if (!c.tlsFailed) throw tlsFailure;
                    return attempt(info, sa, resolved, Ssl.NO);
                }
            }
            default:
                return attempt(info, sa, resolved, Ssl.REQUIRE);
        }
    }

    private enum Ssl { NO, PREFER, REQUIRE }

    private static PgConnection attempt(ConnInfo info, ServerAddress sa, InetAddress resolved, Ssl ssl) {
        PgConnection c = new PgConnection(info, sa, resolved);
        c.startup(ssl);
        return c;
    }

    private static List<String> splitList(String s) {
        List<String> out = new ArrayList<>();
        if (s == null) return out;
        for (String p : s.split(",", -1)) out.add(p.trim());
        return out;
    }

    private static Charset charsetFor(String clientEncoding) {
        if (clientEncoding == null) return StandardCharsets.UTF_8;
        switch (clientEncoding.toUpperCase().replace("-", "").replace("_", "")) {
            case "LATIN1": return StandardCharsets.ISO_8859_1;
            case "WIN1252": return Charset.forName("windows-1252");
            default: return StandardCharsets.UTF_8;
        }
    }

    private int connectTimeoutMillis() {
        String t = info.get("connect_timeout");
        if (t == null || t.isBlank()) return 0;
        try {
            int s = Integer.parseInt(t.trim());
            if (s <= 0) return 0;
            return Math.max(s, 2) * 1000;
        } catch (NumberFormatException e) {
            throw localError("08001", "invalid integer value \"" + t + "\" for connection option \"connect_timeout\"");
        }
    }

    private String failurePrefix() {
        return address.describe(resolved == null ? null : resolved.getHostAddress());
    }

    private PgError connectFailure(String what, Throwable cause) {
        String text = failurePrefix() + what + "\n";
        return new PgError(PgDiagnostic.local("FATAL", "08001", text.strip()), List.of(), text, cause);
    }

    private void startup(Ssl ssl) {
        int timeout = connectTimeoutMillis();
        Transport transport;
        try {
            transport = address.open(resolved, timeout);
        } catch (SocketTimeoutException e) {
            throw connectFailure("timeout expired", e);
        } catch (IOException e) {
            String m = osMessage(e);
            String text = failurePrefix() + m + "\n" + (isRefusal(m) ? address.refusedHint() : "");
            throw new PgError(PgDiagnostic.local("FATAL", "08001", text.strip()), List.of(), text, e);
        }
        stream = new MessageStream(transport, charset);
        try {
            transport.setReadTimeout(timeout);
            if (ssl != Ssl.NO) negotiateSsl(ssl == Ssl.REQUIRE, timeout);
            sendStartupPacket();
            authenticateAndWaitReady();
            stream.transport().setReadTimeout(0);
        } catch (SocketTimeoutException e) {
            closeQuietly();
            throw connectFailure("timeout expired", e);
        } catch (IOException e) {
            closeQuietly();
            throw connectFailure(e instanceof EOFException ? CONNECTION_LOST : osMessage(e), e);
        } catch (PgError e) {
            closeQuietly();
            throw e;
        }
    }

    private static boolean isRefusal(String m) {
        return m.equals("Connection refused") || m.equals("No such file or directory");
    }

    /** The OS error text, without Java's decorations. */
    private static String osMessage(IOException e) {
        String m = e.getMessage();
        if (m == null) return e.getClass().getSimpleName();
        int paren = m.indexOf(" (");
        if (m.startsWith("Connection refused")) return "Connection refused";
        return paren > 0 && m.endsWith(")") ? m.substring(0, paren) : m;
    }

    private void negotiateSsl(boolean required, int timeout) throws IOException {
        stream.sendUntyped(stream.body().int32(SSL_REQUEST_CODE).toBytes());
        stream.flush();
        int answer = stream.readByte();
        if (answer < 0) throw new EOFException();
        if (answer == 'N') {
            if (required) throw connectFailure("server does not support SSL, but SSL was required", null);
            return;
        }
        if (answer != 'S') throw connectFailure("received invalid response to SSL negotiation: " + (char) answer, null);
        if (stream.hasPendingInput()) throw connectFailure("received unencrypted data after SSL response", null);
        try {
            SSLSocket s = Tls.handshake(stream.transport().socket(), address.host(), info::get);
            stream = new MessageStream(Transport.tcp(s), charset);
            stream.transport().setReadTimeout(timeout);
            sslInUse = true;
        } catch (Tls.TlsException e) {
            tlsFailed = true;
            throw connectFailure(e.getMessage(), e.getCause());
        }
    }

    private void sendStartupPacket() throws IOException {
        MessageStream.Body b = stream.body().int32(PROTOCOL_3_0);
        b.cstring("user").cstring(info.get("user"));
        b.cstring("database").cstring(info.get("dbname"));
        String app = info.get("application_name");
        if (app == null) app = info.get("fallback_application_name");
        if (app != null) b.cstring("application_name").cstring(app);
        b.cstring("client_encoding").cstring(charset == StandardCharsets.UTF_8 ? "UTF8" : info.get("client_encoding"));
        if (info.get("options") != null) b.cstring("options").cstring(info.get("options"));
        if (info.get("replication") != null) b.cstring("replication").cstring(info.get("replication"));
        b.byte1(0);
        stream.sendUntyped(b.toBytes());
        stream.flush();
    }

    private String password() {
        String pw = info.get("password");
        if (pw != null) return pw;
        String passfile = info.get("passfile");
        Path file = passfile != null ? Path.of(passfile) : Path.of(System.getProperty("user.home"), ".pgpass");
        pw = PassFile.lookup(file, address.isUnixSocket() ? address.socketPath() : address.host(),
                Integer.toString(address.port()), info.get("dbname"), info.get("user"));
        if (pw == null) {
            String text = failurePrefix() + NO_PASSWORD_SUPPLIED + "\n";
            throw new PgError(PgDiagnostic.local("FATAL", "08001", NO_PASSWORD_SUPPLIED), List.of(), text, null);
        }
        return pw;
    }

    private void authenticateAndWaitReady() throws IOException {
        ScramSha256 scram = null;
        while (true) {
            Message m = stream.read();
            ByteBuffer b = m.body();
            switch (m.type()) {
                case 'R': {
                    int code = b.getInt();
                    switch (code) {
                        case 0: break;
                        case 3:
                            stream.send('p', stream.body().cstring(password()).toBytes());
                            stream.flush();
                            break;
                        case 5: {
                            byte[] salt = new byte[4];
                            b.get(salt);
                            String resp = Md5Password.encode(info.get("user"), password(), salt);
                            stream.send('p', stream.body().cstring(resp).toBytes());
                            stream.flush();
                            break;
                        }
                        case 10: {
                            List<String> mechs = new ArrayList<>();
                            for (String s = stream.cstring(b); !s.isEmpty(); s = stream.cstring(b)) mechs.add(s);
                            if (!mechs.contains(ScramSha256.MECHANISM)) {
                                throw connectFailure("none of the server's SASL authentication mechanisms are supported", null);
                            }
                            scram = new ScramSha256(password());
                            byte[] first = scram.clientFirstMessage();
                            stream.send('p', stream.body().cstring(ScramSha256.MECHANISM).int32(first.length).bytes(first).toBytes());
                            stream.flush();
                            break;
                        }
                        case 11: {
                            byte[] data = new byte[b.remaining()];
                            b.get(data);
                            try {
                                stream.send('p', scram.clientFinalMessage(data));
                            } catch (GeneralSecurityException | RuntimeException e) {
                                throw connectFailure("malformed SCRAM message", e);
                            }
                            stream.flush();
                            break;
                        }
                        case 12: {
                            byte[] data = new byte[b.remaining()];
                            b.get(data);
                            if (scram == null || !scram.verifyServerFinal(data)) {
                                throw connectFailure("incorrect server signature", null);
                            }
                            break;
                        }
                        default:
                            throw connectFailure("authentication method " + code + " not supported", null);
                    }
                    break;
                }
                case 'E': {
                    PgDiagnostic d = readDiagnostic(b, null);
                    serverRejected = true;
                    throw new PgError(d, List.of(), failurePrefix() + d.format(true), null);
                }
                case 'N': noticeHandler.onNotice(readDiagnostic(b, null)); break;
                case 'S': parameterStatus.put(stream.cstring(b), stream.cstring(b)); break;
                case 'K':
                    backendPid = b.getInt();
                    cancelKey = b.getInt();
                    break;
                case 'v': break; // NegotiateProtocolVersion: we ask for nothing optional
                case 'Z':
                    transactionStatus = (char) b.get();
                    return;
                default:
                    throw connectFailure("expected authentication request from server, but received " + m.type(), null);
            }
        }
    }

    private PgDiagnostic readDiagnostic(ByteBuffer b, String query) {
        Map<Character, String> f = new LinkedHashMap<>();
        while (b.hasRemaining()) {
            byte code = b.get();
            if (code == 0) break;
            f.put((char) code, stream.cstring(b));
        }
        return new PgDiagnostic(f, query);
    }

    private static PgError localError(String sqlState, String message) {
        return new PgError(PgDiagnostic.local("ERROR", sqlState, message), List.of(), message + "\n", null);
    }

    private void ensureOpen() {
        if (closed) throw localError("08003", "connection is closed");
        if (pipeline != null) {
            throw localError("08P01", "synchronous command execution functions are not allowed in pipeline mode");
        }
    }

    // ---- simple query protocol ----

    /** Runs a query with the simple protocol and returns the last statement's result (like PQexec). */
    public PgResult query(String sql) {
        List<PgResult> all = queryAll(sql);
        if (all.isEmpty()) return new PgResult(ResultStatus.EMPTY_QUERY, "", List.of(), List.of(), charset, null);
        return all.get(all.size() - 1);
    }

    /** Runs one or more ';'-separated statements; one result per statement. */
    public List<PgResult> queryAll(String sql) {
        lock.lock();
        try {
            ensureOpen();
            try {
                stream.send('Q', stream.body().cstring(sql).toBytes());
                stream.flush();
            } catch (IOException e) {
                throw lost(e);
            }
            return collect(sql);
        } finally {
            lock.unlock();
        }
    }

    // ---- extended query protocol ----

    /** Runs one statement with $1.. parameters through the extended protocol (unnamed statement). */
    public PgResult execute(String sql, Object... params) {
        lock.lock();
        try {
            ensureOpen();
            Param[] ps = new Param[params.length];
            for (int i = 0; i < params.length; i++) ps[i] = ParameterEncoder.encode(params[i], 0, charset);
            try {
                MessageStream.Body parse = stream.body().cstring("").cstring(sql).int16(ps.length);
                for (Param p : ps) parse.int32(p.typeOid());
                stream.send('P', parse.toBytes());
                sendBindExecuteSync("", ps);
            } catch (IOException e) {
                throw lost(e);
            }
            return last(collect(sql));
        } finally {
            lock.unlock();
        }
    }

    /** Prepares a named statement; typeOids may be shorter than the parameters (0 = let the server infer). */
    public void prepare(String name, String sql, int... typeOids) {
        lock.lock();
        try {
            ensureOpen();
            try {
                MessageStream.Body parse = stream.body().cstring(name).cstring(sql).int16(typeOids.length);
                for (int t : typeOids) parse.int32(t);
                stream.send('P', parse.toBytes());
                stream.send('D', stream.body().byte1('S').cstring(name).toBytes());
                stream.send('S', new byte[0]);
                stream.flush();
            } catch (IOException e) {
                throw lost(e);
            }
            lastParameterTypes = new int[0];
            lastStatementColumns = null;
            collect(sql);
            prepared.put(name, new PreparedInfo(sql, lastParameterTypes, lastStatementColumns));
        } finally {
            lock.unlock();
        }
    }

    /** Parameter type OIDs of a statement prepared on this connection, as the server resolved them. */
    public int[] preparedParameterTypes(String name) {
        lock.lock();
        try {
            PreparedInfo p = prepared.get(name);
            if (p == null) throw localError("26000", "prepared statement \"" + name + "\" does not exist");
            return p.parameterTypes().clone();
        } finally {
            lock.unlock();
        }
    }

    /** Binds and executes a statement made by {@link #prepare}. */
    public PgResult executePrepared(String name, Object... params) {
        lock.lock();
        try {
            ensureOpen();
            PreparedInfo p = prepared.get(name);
            String sql = p == null ? null : p.sql();
            int[] types = p == null ? new int[0] : p.parameterTypes();
            Param[] ps = new Param[params.length];
            for (int i = 0; i < params.length; i++) {
                ps[i] = ParameterEncoder.encode(params[i], i < types.length ? types[i] : 0, charset);
            }
            try {
                if (p != null) {
                    sendBind(name, ps);
                    stream.send('E', EXECUTE_ALL);
                    stream.send('S', EMPTY);
                    stream.flush();
                    presetColumns = p.columns();
                } else {
                    sendBindExecuteSync(name, ps);
                }
            } catch (IOException e) {
                throw lost(e);
            }
            return last(collect(sql));
        } finally {
            lock.unlock();
        }
    }

    /** Closes a prepared statement (protocol Close, not SQL DEALLOCATE). */
    public void deallocate(String name) {
        lock.lock();
        try {
            ensureOpen();
            try {
                stream.send('C', stream.body().byte1('S').cstring(name).toBytes());
                stream.send('S', new byte[0]);
                stream.flush();
            } catch (IOException e) {
                throw lost(e);
            }
            prepared.remove(name);
            collect(null);
        } finally {
            lock.unlock();
        }
    }

    private static final byte[] EMPTY = new byte[0];
    /** Execute of the unnamed portal, all rows. */
    private static final byte[] EXECUTE_ALL = {0, 0, 0, 0, 0};
    private static final byte[] DESCRIBE_PORTAL = {'P', 0};

    private void sendBindExecuteSync(String statement, Param[] ps) throws IOException {
        sendBind(statement, ps);
        stream.send('D', DESCRIBE_PORTAL);
        stream.send('E', EXECUTE_ALL);
        stream.send('S', EMPTY);
        stream.flush();
    }

    private void sendBind(String statement, Param[] ps) throws IOException {
        MessageStream.Body bind = stream.body().cstring("").cstring(statement).int16(ps.length);
        for (Param p : ps) bind.int16(p.format());
        bind.int16(ps.length);
        for (Param p : ps) {
            if (p.bytes() == null) {
                bind.int32(-1);
            } else {
                bind.int32(p.bytes().length).bytes(p.bytes());
            }
        }
        bind.int16(0);
        stream.send('B', bind.toBytes());
    }

    private PgResult last(List<PgResult> results) {
        if (results.isEmpty()) return new PgResult(ResultStatus.EMPTY_QUERY, "", List.of(), List.of(), charset, null);
        return results.get(results.size() - 1);
    }

    /** Reads backend messages up to ReadyForQuery, building one result per completed statement. */
    private List<PgResult> collect(String sql) {
        return collect(sql, null, null);
    }

    /**
     * Reads backend messages up to ReadyForQuery, building one result per
     * completed statement. COPY TO STDOUT data goes to sink (or into the
     * result when sink is null); COPY FROM STDIN data comes from source (or
     * the COPY is refused with CopyFail when source is null).
     */
    private List<PgResult> collect(String sql, OutputStream sink, InputStream source) {
        List<PgResult> results = new ArrayList<>();
        PgDiagnostic error = null;
        List<PgColumn> columns = presetColumns;
        presetColumns = null;
        List<byte[][]> rows = new ArrayList<>();
        ByteArrayOutputStream copy = null;
        boolean copyOut = false;
        IOException sinkFailure = null;
        Exception sourceFailure = null;
        try {
            while (true) {
                Message m = stream.read();
                ByteBuffer b = m.body();
                switch (m.type()) {
                    case 'T':
                        columns = readRowDescription(b);
                        lastStatementColumns = columns;
                        rows = new ArrayList<>();
                        break;
                    case 'D':
                        rows.add(readDataRow(b));
                        break;
                    case 'C': {
                        String tag = stream.cstring(b);
                        ResultStatus st = copyOut ? ResultStatus.COPY_OUT
                                : columns != null ? ResultStatus.TUPLES_OK : ResultStatus.COMMAND_OK;
                        results.add(new PgResult(st, tag, columns == null ? List.of() : columns, rows, charset,
                                copy == null ? null : copy.toByteArray()));
                        columns = null;
                        rows = new ArrayList<>();
                        copy = null;
                        copyOut = false;
                        break;
                    }
                    case 's': // PortalSuspended: we always ask for all rows, so only with a row limit
                        results.add(new PgResult(ResultStatus.TUPLES_OK, "", columns == null ? List.of() : columns, rows, charset, null));
                        columns = null;
                        rows = new ArrayList<>();
                        break;
                    case 'I':
                        results.add(new PgResult(ResultStatus.EMPTY_QUERY, "", List.of(), List.of(), charset, null));
                        break;
                    case 'E':
                        error = readDiagnostic(b, sql);
                        break;
                    case 'G': // CopyInResponse
                        if (source == null) {
                            stream.send('f', stream.body().cstring("COPY from stdin is not supported by this client").toBytes());
                            stream.flush();
                        } else {
                            CopyInOutcome o = sendCopyData(source, sql);
                            if (o.error() != null) error = o.error();
                            if (o.sourceFailure() != null) sourceFailure = o.sourceFailure();
                        }
                        break;
                    case 'H':
                        copyOut = true;
                        if (sink == null) copy = new ByteArrayOutputStream();
                        break;
                    case 'd':
                        if (copy != null) {
                            copy.write(b.array(), b.arrayOffset(), b.remaining());
                        } else if (sink != null && sinkFailure == null) {
                            try {
                                sink.write(b.array(), b.arrayOffset(), b.remaining());
                            } catch (IOException e) {
                                // stop the server's COPY: the rest would only be thrown away
                                sinkFailure = e;
                                cancel();
                            }
                        }
                        break;
                    case 'c': case '1': case '2': case '3': case 'n':
                        break;
                    case 't': {
                        int n = b.getShort() & 0xffff;
                        int[] types = new int[n];
                        for (int i = 0; i < n; i++) types[i] = b.getInt();
                        lastParameterTypes = types;
                        break;
                    }
                    case 'Z':
                        transactionStatus = (char) b.get();
                        if (sinkFailure != null) {
                            String msg = "could not write COPY data: " + sinkFailure.getMessage();
                            throw new PgError(PgDiagnostic.local("ERROR", "58030", msg), results, msg + "\n", sinkFailure);
                        }
                        if (error != null) throw new PgError(error, results, null, sourceFailure);
                        return results;
                    default:
                        if (handleAsync(m)) break;
                        closeQuietly();
                        throw localError("08P01", "unexpected message type 0x" + Integer.toHexString(m.type()) + " from server");
                }
            }
        } catch (IOException e) {
            if (error != null) {
                closeQuietly();
                throw new PgError(error, results, null, e);
            }
            throw lost(e);
        }
    }

    byte[][] readDataRow(ByteBuffer b) {
        int n = b.getShort() & 0xffff;
        byte[][] row = new byte[n][];
        for (int i = 0; i < n; i++) {
            int len = b.getInt();
            if (len >= 0) {
                row[i] = new byte[len];
                b.get(row[i]);
            }
        }
        return row;
    }

    /**
     * Handles the messages that may come at any time: NoticeResponse,
     * NotificationResponse, ParameterStatus. False for any other type.
     */
    boolean handleAsync(Message m) {
        ByteBuffer b = m.body();
        switch (m.type()) {
            case 'N': {
                NoticeHandler h = noticeHandler;
                if (h != null) h.onNotice(readDiagnostic(b, null));
                return true;
            }
            case 'S':
                parameterStatus.put(stream.cstring(b), stream.cstring(b));
                return true;
            case 'A': {
                PgNotification n = new PgNotification(b.getInt(), stream.cstring(b), stream.cstring(b));
                lastDelivered = n;
                java.util.function.Consumer<PgNotification> h = notificationHandler;
                if (h != null) h.accept(n); else notifications.add(n);
                return true;
            }
            default:
                return false;
        }
    }

    private record CopyInOutcome(PgDiagnostic error, Exception sourceFailure) {}

    /**
     * Streams source to the server as CopyData messages, then CopyDone; on an
     * exception from source, CopyFail with its message (the server then
     * fails the COPY with 57014). Stops early if the server reports an error.
     */
    private CopyInOutcome sendCopyData(InputStream source, String sql) throws IOException {
        byte[] buf = new byte[COPY_CHUNK];
        int sinceCheck = 0;
        while (true) {
            int n;
            try {
                n = source.readNBytes(buf, 0, buf.length);
            } catch (IOException | RuntimeException e) {
                String why = e.getMessage() == null ? e.toString() : e.getMessage();
                stream.send('f', stream.body().cstring(why).toBytes());
                stream.flush();
                return new CopyInOutcome(null, e);
            }
            if (n <= 0) break;
            stream.send('d', buf, 0, n);
            sinceCheck += n;
            if (sinceCheck >= 1 << 20) {
                sinceCheck = 0;
                // the server may have failed the COPY already (bad data): then stop sending
                while (stream.hasPendingInput()) {
                    Message m = stream.read();
                    if (m.type() == 'E') return new CopyInOutcome(readDiagnostic(m.body(), sql), null);
                    if (!handleAsync(m)) throw new IOException("unexpected message type " + m.type() + " during COPY");
                }
            }
        }
        stream.send('c', new byte[0]);
        stream.flush();
        return new CopyInOutcome(null, null);
    }

    private List<PgColumn> readRowDescription(ByteBuffer b) {
        int n = b.getShort() & 0xffff;
        List<PgColumn> cols = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String name = stream.cstring(b);
            cols.add(new PgColumn(name, b.getInt(), b.getShort(), b.getInt(), b.getShort(), b.getInt(), b.getShort()));
        }
        return cols;
    }

    private PgError lost(IOException e) {
        closeQuietly();
        return new PgError(PgDiagnostic.local("FATAL", "08006", CONNECTION_LOST), List.of(), CONNECTION_LOST + "\n", e);
    }

    // ---- COPY ----

    /**
     * Runs a {@code COPY ... TO STDOUT} and writes the data to out as it
     * arrives (one CopyData message at a time, nothing is collected in
     * memory). Returns the number of rows copied. If out throws, the COPY is
     * cancelled and a PgError 58030 with the IOException as cause is thrown;
     * the connection stays usable.
     */
    public long copyOut(String sql, OutputStream out) {
        return copy(sql, out, null);
    }

    /**
     * Runs a {@code COPY ... FROM STDIN} and sends in's bytes as CopyData
     * messages, then CopyDone. Returns the number of rows copied. If reading
     * in throws, a CopyFail is sent and the server's error (57014, "COPY from
     * stdin failed: ...") is thrown with the stream's exception as cause.
     */
    public long copyIn(String sql, InputStream in) {
        return copy(sql, null, in);
    }

    private long copy(String sql, OutputStream out, InputStream in) {
        lock.lock();
        try {
            ensureOpen();
            try {
                stream.send('Q', stream.body().cstring(sql).toBytes());
                stream.flush();
            } catch (IOException e) {
                throw lost(e);
            }
            List<PgResult> rs = collect(sql, out, in);
            return rs.isEmpty() ? 0 : Math.max(0, rs.get(rs.size() - 1).affectedRows());
        } finally {
            lock.unlock();
        }
    }

    // ---- LISTEN / NOTIFY ----

    /**
     * Where NOTIFY messages go. With a handler, each notification is passed to
     * it (on the thread that reads it from the connection) instead of being
     * queued for {@link #getNotifications()}; null restores queueing.
     */
    public void setNotificationHandler(java.util.function.Consumer<PgNotification> handler) {
        this.notificationHandler = handler;
    }

    /** The next queued NOTIFY, or null (does not read from the server; see {@link #getNotifications()}). */
    public PgNotification pollNotification() { return notifications.poll(); }

    /**
     * Reads whatever the server has already sent without blocking (like
     * PQconsumeInput; skipped while another thread uses the connection), then
     * returns and removes all queued notifications, oldest first.
     */
    public List<PgNotification> getNotifications() {
        if (!closed && lock.tryLock()) {
            try {
                if (!closed && pipeline == null) {
                    while (stream.hasPendingInput()) readIdleMessage();
                }
            } catch (IOException e) {
                throw lost(e);
            } finally {
                lock.unlock();
            }
        }
        List<PgNotification> out = new ArrayList<>();
        for (PgNotification n; (n = notifications.poll()) != null; ) out.add(n);
        return out;
    }

    /**
     * Waits up to timeout for a NOTIFY (e.g. after {@code LISTEN channel}):
     * returns the oldest queued one at once, else reads from the server until
     * one arrives. Null on timeout. With a notification handler set, returns
     * the first notification delivered to the handler while waiting.
     */
    public PgNotification waitForNotification(java.time.Duration timeout) {
        PgNotification n = notifications.poll();
        if (n != null) return n;
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            ensureOpen();
            lastDelivered = null;
            while (true) {
                n = notifications.poll();
                if (n != null) return n;
                if (lastDelivered != null) return lastDelivered;
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) return null;
                if (!stream.waitReadable((int) Math.min(left, Integer.MAX_VALUE))) continue;
                readIdleMessage();
            }
        } catch (IOException e) {
            throw lost(e);
        } finally {
            lock.unlock();
        }
    }

    /** One message read while no request runs: notices, notifications, or a FATAL error (then closed). */
    private void readIdleMessage() throws IOException {
        Message m = stream.read();
        if (handleAsync(m)) return;
        closeQuietly();
        if (m.type() == 'E') {
            PgDiagnostic d = readDiagnostic(m.body(), null);
            throw new PgError(d, List.of(), d.format(true), null);
        }
        throw localError("08P01", "unexpected message type 0x" + Integer.toHexString(m.type()) + " from server");
    }

    // ---- asynchronous calls ----

    /** {@link #query} on this connection's worker thread; requests run one at a time, in call order. */
    public CompletableFuture<PgResult> queryAsync(String sql) {
        return async(() -> query(sql));
    }

    /** {@link #queryAll} on this connection's worker thread. */
    public CompletableFuture<List<PgResult>> queryAllAsync(String sql) {
        return async(() -> queryAll(sql));
    }

    /** {@link #execute} on this connection's worker thread. */
    public CompletableFuture<PgResult> executeAsync(String sql, Object... params) {
        Object[] copy = params.clone();
        return async(() -> execute(sql, copy));
    }

    /** {@link #executePrepared} on this connection's worker thread. */
    public CompletableFuture<PgResult> executePreparedAsync(String name, Object... params) {
        Object[] copy = params.clone();
        return async(() -> executePrepared(name, copy));
    }

    private <T> CompletableFuture<T> async(java.util.function.Supplier<T> call) {
        ExecutorService ex;
        synchronized (this) {
            if (closed) return CompletableFuture.failedFuture(localError("08003", "connection is closed"));
            if (asyncWorker == null) {
                String name = "tusk-libpq-" + backendPid;
                asyncWorker = Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, name);
                    t.setDaemon(true);
                    return t;
                });
            }
            ex = asyncWorker;
        }
        try {
            return CompletableFuture.supplyAsync(call, ex);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(localError("08003", "connection is closed"));
        }
    }

    // ---- pipeline mode ----

    /**
     * Enters pipeline mode (libpq 14's PQenterPipelineMode): returns a
     * {@link PgPipeline} that queues extended-protocol executions without
     * waiting for their results. The calling thread holds the connection
     * until the pipeline is closed; the blocking query methods then refuse
     * to run with libpq's error.
     */
    public PgPipeline pipeline() {
        lock.lock();
        if (pipeline != null || closed) {
            lock.unlock();
            if (closed) throw localError("08003", "connection is closed");
            throw localError("08P01", "cannot enter pipeline mode, connection is already in pipeline mode");
        }
        pipeline = new PgPipeline(this);
        return pipeline;
    }

    /** Called by PgPipeline.close(): leaves pipeline mode and releases the connection. */
    void pipelineClosed() {
        pipeline = null;
        lock.unlock();
    }

    MessageStream stream() { return stream; }
    Charset charset() { return charset; }
    PreparedInfo preparedInfo(String name) { return prepared.get(name); }
    PgDiagnostic diagnostic(ByteBuffer b, String query) { return readDiagnostic(b, query); }
    void setTransactionStatus(char c) { transactionStatus = c; }
    PgError lostConnection(IOException e) { return lost(e); }
    void ensureUsable() {
        if (closed) throw localError("08003", "connection is closed");
    }

    // ---- cancel ----

    /**
     * Asks the server to cancel the query running on this connection: sends a
     * CancelRequest (backend PID and secret key) on a new connection. Safe to
     * call from any thread. Returns quietly if nothing runs; the cancelled
     * query fails with SQLSTATE 57014.
     */
    public void cancel() {
        Transport t;
        try {
            t = address.open(resolved, 10_000);
        } catch (IOException e) {
            throw new PgError(PgDiagnostic.local("ERROR", "08001", "could not connect to server: " + osMessage(e)), List.of(),
                    "could not connect to server: " + osMessage(e) + "\n", e);
        }
        try (MessageStream s = new MessageStream(t, charset)) {
            t.setReadTimeout(10_000);
            s.sendUntyped(s.body().int32(CANCEL_REQUEST_CODE).int32(backendPid).int32(cancelKey).toBytes());
            s.flush();
            // The server closes the connection when done; wait for that so the
            // cancel has been delivered when we return.
            s.readByte();
        } catch (IOException e) {
            // A reset after sending is fine: the request was delivered.
        }
    }

    // ---- state ----

    /** Replaces the notice handler (null drops notices). Default: {@link #STDERR_NOTICES}. */
    public void setNoticeHandler(NoticeHandler handler) { this.noticeHandler = handler; }

    /** A ParameterStatus value the server reported (server_version, client_encoding, TimeZone...), or null. */
    public String parameterStatus(String name) { return parameterStatus.get(name); }

    public Map<String, String> parameterStatuses() { return Collections.unmodifiableMap(parameterStatus); }

    /** 'I' idle, 'T' in a transaction block, 'E' in a failed transaction block (as of the last ReadyForQuery). */
    public char transactionStatus() { return transactionStatus; }

    public int backendPid() { return backendPid; }


    /** The effective connection parameters (after defaults). */
    public ConnInfo connInfo() { return info; }

    public String user() { return info.get("user"); }
    public String dbname() { return info.get("dbname"); }
    /** The host parameter used: a socket directory or a host name. */
    public String host() { return address.isUnixSocket() && address.host().isEmpty() ? ConnInfo.DEFAULT_SOCKET_DIR : address.host(); }
    public String hostaddr() { return address.hostaddr(); }
    public int port() { return address.port(); }
    public boolean isUnixSocket() { return address.isUnixSocket(); }
    /** Whether the connection is encrypted with TLS (libpq's PQsslInUse). */
    public boolean sslInUse() { return sslInUse; }

    /** The negotiated TLS protocol ("TLSv1.3"), or null without TLS (like PQsslAttribute(conn, "protocol")). */
    public String sslProtocol() {
        java.net.Socket s = stream == null ? null : stream.transport().socket();
        return s instanceof SSLSocket ? ((SSLSocket) s).getSession().getProtocol() : null;
    }

    /**
     * The negotiated cipher suite, or null without TLS (PQsslAttribute(conn,
     * "cipher")). TLS 1.3 suites carry the same names in Java and OpenSSL;
     * older ones keep Java's IANA names.
     */
    public String sslCipher() {
        java.net.Socket s = stream == null ? null : stream.transport().socket();
        return s instanceof SSLSocket ? ((SSLSocket) s).getSession().getCipherSuite() : null;
    }

    /** server_version as PQserverVersion computes it (150018 for 15.18), 0 if unknown. */
    public int serverVersion() {
        String v = parameterStatus.get("server_version");
        if (v == null) return 0;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?").matcher(v);
        if (!m.find()) return 0;
        int major = Integer.parseInt(m.group(1));
        int minor = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
        if (major >= 10) return major * 10000 + minor;
        int rev = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        return (major * 100 + minor) * 100 + rev;
    }

    public boolean isClosed() { return closed; }

    /** Sends Terminate and closes the socket. Idempotent. */
    @Override
    public void close() {
        if (closed) return;
        if (lock.tryLock()) {
            try {
                if (!closed) {
                    stream.send('X', new byte[0]);
                    stream.flush();
                }
            } catch (IOException ignored) {
                // the server is gone already; closing is all that is left
            } finally {
                lock.unlock();
            }
        }
        closeQuietly();
    }

    private void closeQuietly() {
        closed = true;
        synchronized (this) {
            if (asyncWorker != null) asyncWorker.shutdown();
        }
        try {
            if (stream != null) stream.close();
        } catch (IOException ignored) {
            // nothing useful to do with a failed close
        }
    }
}
