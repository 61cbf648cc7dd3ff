package org.tusk.libpq;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
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
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

import org.tusk.libpq.internal.Md5Password;
import org.tusk.libpq.internal.MessageStream;
import org.tusk.libpq.internal.MessageStream.Message;
import org.tusk.libpq.internal.ParameterEncoder;
import org.tusk.libpq.internal.ParameterEncoder.Param;
import org.tusk.libpq.internal.PassFile;
import org.tusk.libpq.internal.ScramSha256;
import org.tusk.libpq.internal.ServerAddress;

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

    private record PreparedInfo(String sql, int[] parameterTypes) {}

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

    /** Connects, trying each host of a comma-separated host list in turn, as libpq does. */
    public static PgConnection connect(ConnInfo given) {
        ConnInfo info = given.withDefaults();
        List<String> hosts = splitList(info.get("host"));
        List<String> addrs = splitList(info.get("hostaddr"));
        List<String> ports = splitList(info.get("port"));
        int n = Math.max(hosts.size(), addrs.size());
        StringBuilder failures = new StringBuilder();
        PgError last = null;
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
            try {
                return open(info, sa);
            } catch (PgError e) {
                failures.append(e.libpqMessage());
                last = e;
            }
        }
        if (last == null) throw localError("08001", "no host given");
        if (n == 1) throw last;
        throw new PgError(last.diagnostic(), List.of(), failures.toString(), last.getCause());
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
        PgConnection c = new PgConnection(info, sa, resolved);
        c.startup();
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

    private void startup() {
        int timeout = connectTimeoutMillis();
        ServerAddress.Opened opened;
        try {
            opened = address.open(resolved, timeout);
        } catch (SocketTimeoutException e) {
            throw connectFailure("timeout expired", e);
        } catch (IOException e) {
            String m = osMessage(e);
            String text = failurePrefix() + m + "\n" + (isRefusal(m) ? address.refusedHint() : "");
            throw new PgError(PgDiagnostic.local("FATAL", "08001", text.strip()), List.of(), text, e);
        }
        stream = new MessageStream(opened.in(), opened.out(), opened.socket(), charset);
        if (opened.socket() instanceof java.net.Socket && timeout > 0) {
            try {
                ((java.net.Socket) opened.socket()).setSoTimeout(timeout);
            } catch (IOException ignored) {
                // the startup then simply waits as long as the server takes
            }
        }
        try {
            negotiateSsl();
            sendStartupPacket();
            authenticateAndWaitReady();
            if (opened.socket() instanceof java.net.Socket) ((java.net.Socket) opened.socket()).setSoTimeout(0);
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

    private void negotiateSsl() throws IOException {
        String mode = info.get("sslmode");
        if (mode == null || mode.equals("disable") || mode.equals("allow") || mode.equals("prefer")) return;
        if (!mode.equals("require") && !mode.equals("verify-ca") && !mode.equals("verify-full")) {
            throw localError("08001", "invalid sslmode value: \"" + mode + "\"");
        }
        stream.sendUntyped(stream.body().int32(SSL_REQUEST_CODE).toBytes());
        stream.flush();
        int answer = stream.readByte();
        String why = answer == 'S' ? "SSL is not supported by this client"
                : "server does not support SSL, but SSL was required";
        throw connectFailure(why, null);
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
            collect(sql);
            prepared.put(name, new PreparedInfo(sql, lastParameterTypes));
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
                sendBindExecuteSync(name, ps);
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

    private void sendBindExecuteSync(String statement, Param[] ps) throws IOException {
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
        stream.send('D', stream.body().byte1('P').cstring("").toBytes());
        stream.send('E', stream.body().cstring("").int32(0).toBytes());
        stream.send('S', new byte[0]);
        stream.flush();
    }

    private PgResult last(List<PgResult> results) {
        if (results.isEmpty()) return new PgResult(ResultStatus.EMPTY_QUERY, "", List.of(), List.of(), charset, null);
        return results.get(results.size() - 1);
    }

    /** Reads backend messages up to ReadyForQuery, building one result per completed statement. */
    private List<PgResult> collect(String sql) {
        List<PgResult> results = new ArrayList<>();
        PgDiagnostic error = null;
        List<PgColumn> columns = null;
        List<byte[][]> rows = new ArrayList<>();
        ByteArrayOutputStream copy = null;
        try {
            while (true) {
                Message m = stream.read();
                ByteBuffer b = m.body();
                switch (m.type()) {
                    case 'T':
                        columns = readRowDescription(b);
                        rows = new ArrayList<>();
                        break;
                    case 'D': {
                        int n = b.getShort() & 0xffff;
                        byte[][] row = new byte[n][];
                        for (int i = 0; i < n; i++) {
                            int len = b.getInt();
                            if (len >= 0) {
                                row[i] = new byte[len];
                                b.get(row[i]);
                            }
                        }
                        rows.add(row);
                        break;
                    }
                    case 'C': {
                        String tag = stream.cstring(b);
                        ResultStatus st = copy != null ? ResultStatus.COPY_OUT
                                : columns != null ? ResultStatus.TUPLES_OK : ResultStatus.COMMAND_OK;
                        results.add(new PgResult(st, tag, columns == null ? List.of() : columns, rows, charset,
                                copy == null ? null : copy.toByteArray()));
                        columns = null;
                        rows = new ArrayList<>();
                        copy = null;
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
                    case 'N': {
                        NoticeHandler h = noticeHandler;
                        if (h != null) h.onNotice(readDiagnostic(b, sql));
                        break;
                    }
                    case 'S':
                        parameterStatus.put(stream.cstring(b), stream.cstring(b));
                        break;
                    case 'A':
                        notifications.add(new PgNotification(b.getInt(), stream.cstring(b), stream.cstring(b)));
                        break;
                    case 'G': // CopyInResponse: no data source in this API
                        stream.send('f', stream.body().cstring("COPY from stdin is not supported by this client").toBytes());
                        stream.flush();
                        break;
                    case 'H':
                        copy = new ByteArrayOutputStream();
                        break;
                    case 'd':
                        if (copy != null) copy.write(b.array(), b.arrayOffset(), b.remaining());
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
                        if (error != null) throw new PgError(error, results, null, null);
                        return results;
                    default:
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

    // ---- cancel ----

    /**
     * Asks the server to cancel the query running on this connection: sends a
     * CancelRequest (backend PID and secret key) on a new connection. Safe to
     * call from any thread. Returns quietly if nothing runs; the cancelled
     * query fails with SQLSTATE 57014.
     */
    public void cancel() {
        ServerAddress.Opened o;
        try {
            o = address.open(resolved, 10_000);
        } catch (IOException e) {
            throw new PgError(PgDiagnostic.local("ERROR", "08001", "could not connect to server: " + osMessage(e)), List.of(),
                    "could not connect to server: " + osMessage(e) + "\n", e);
        }
        try (MessageStream s = new MessageStream(o.in(), o.out(), o.socket(), charset)) {
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

    /** The next NOTIFY received, or null. */
    public PgNotification pollNotification() { return notifications.poll(); }

    /** The effective connection parameters (after defaults). */
    public ConnInfo connInfo() { return info; }

    public String user() { return info.get("user"); }
    public String dbname() { return info.get("dbname"); }
    /** The host parameter used: a socket directory or a host name. */
    public String host() { return address.isUnixSocket() && address.host().isEmpty() ? ConnInfo.DEFAULT_SOCKET_DIR : address.host(); }
    public String hostaddr() { return address.hostaddr(); }
    public int port() { return address.port(); }
    public boolean isUnixSocket() { return address.isUnixSocket(); }

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
        try {
            if (stream != null) stream.close();
        } catch (IOException ignored) {
            // nothing useful to do with a failed close
        }
    }
}
