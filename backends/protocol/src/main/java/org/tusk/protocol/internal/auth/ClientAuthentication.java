package org.tusk.protocol.internal.auth;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tusk.api.auth.Md5Password;
import org.tusk.api.auth.PasswordEncryption;
import org.tusk.api.auth.RoleMembership;
import org.tusk.api.auth.RoleRecord;
import org.tusk.api.auth.RoleStore;
import org.tusk.api.auth.ScramSecret;
import org.tusk.api.error.PgException;
import org.tusk.api.error.SqlState;
import org.tusk.protocol.internal.pqcomm.PqReceiver;
import org.tusk.protocol.internal.pqcomm.PqSender;
import org.tusk.protocol.internal.pqformat.PqSendBuffer;
import org.tusk.protocol.internal.secure.TlsConnection;

/**
 * PostgreSQL's ClientAuthentication (libpq/auth.c): finds the tusk_hba.conf
 * line for the connection, then runs its method with the client — trust,
 * reject, cleartext password, md5 with a salt, or SCRAM-SHA-256 over SASL.
 * Returns when the client is authenticated (the caller sends AuthenticationOk);
 * throws a FATAL {@link PgException} when it is not, or {@link EOFException}
 * when the client went away in the middle (as psql does to ask for a password).
 *
 * <p>tusk_hba.conf is read again for every connection: the postmaster has no
 * SIGHUP path yet, and this way an edit takes effect at the next connection.
 */
public final class ClientAuthentication {
    private static final Logger LOG = LoggerFactory.getLogger(ClientAuthentication.class);
    /** PG_MAX_AUTH_TOKEN_LENGTH. */
    private static final int MAX_AUTH_TOKEN_LENGTH = 65535;
    /** AuthRequest codes of the 'R' message. */
    private static final int AUTH_REQ_PASSWORD = 3, AUTH_REQ_MD5 = 5, AUTH_REQ_SASL = 10, AUTH_REQ_SASL_CONT = 11,
            AUTH_REQ_SASL_FIN = 12;
    /** 2000-01-01 in Unix milliseconds: the epoch of rolvaliduntil. */
    private static final long PG_EPOCH_MILLIS = 946_684_800_000L;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final InputStream in;
    private final PqSender sender;
    private final Path dataDirectory;
    private final RoleStore roles;
    private final PasswordEncryption passwordEncryption;
    /** The connection's TLS session, or null (port->ssl_in_use). */
    private final TlsConnection tls;

    public ClientAuthentication(InputStream in, PqSender sender, Path dataDirectory, RoleStore roles,
            String passwordEncryptionSetting) {
        this(in, sender, dataDirectory, roles, passwordEncryptionSetting, null);
    }

    public ClientAuthentication(InputStream in, PqSender sender, Path dataDirectory, RoleStore roles,
            String passwordEncryptionSetting, TlsConnection tls) {
        this.tls = tls;
        this.in = in;
        this.sender = sender;
        this.dataDirectory = dataDirectory;
        this.roles = roles;
        this.passwordEncryption = PasswordEncryption.fromSetting(passwordEncryptionSetting);
    }

    /**
     * Authenticates {@code user} for {@code database}.
     *
     * @param remoteAddress the client's IP address, or null for a Unix-domain socket
     */
    public void authenticate(String remoteAddress, String user, String database) throws IOException {
        HbaFile hba;
        try {
            hba = HbaFile.load(dataDirectory);
        } catch (HbaException e) {
            LOG.warn("{}{}", e.line > 0 ? "line " + e.line + " of " + HbaFile.FILE_NAME + ": " : "", e.getMessage());
            throw PgException.fatal(SqlState.INTERNAL_ERROR, "could not load pg_hba.conf");
        }
        InetAddress remote = remoteAddress == null ? null : parseAddress(remoteAddress);
        String hostInfo = remoteAddress == null ? "[local]" : remoteAddress;
        HbaLine line = hba.match(remote, tls != null, database, user, this::isMemberOf);
        String encryption = tls != null ? "SSL encryption" : "no encryption";
        if (line == null) {
            throw PgException.fatal(SqlState.INVALID_AUTHORIZATION_SPECIFICATION, "no pg_hba.conf entry for host \""
                    + hostInfo + "\", user \"" + user + "\", database \"" + database + "\", " + encryption);
        }
        if (line.clientCert() != HbaLine.ClientCert.OFF) {
            if (tls == null || !tls.verifiesClientCertificates()) {
                throw PgException.fatal(SqlState.CONFIG_FILE_ERROR,
                        "client certificates can only be checked if a root certificate store is available");
            }
            if (tls.peerCertificate() == null) {
                throw PgException.fatal(SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
                        "connection requires a valid client certificate");
            }
        }
        RoleRecord role = roles.byName(user);
        switch (line.method()) {
            case TRUST, CERT -> { }
            case REJECT -> throw PgException.fatal(SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
                    "pg_hba.conf rejects connection for host \"" + hostInfo + "\", user \"" + user + "\", database \""
                            + database + "\", " + encryption);
            case PASSWORD -> check(line, user, cleartext(role, user));
            case MD5 -> check(line, user, md5OrScram(role, user));
            case SCRAM_SHA_256 -> check(line, user, scram(role, user));
        }
        if (line.clientCert() == HbaLine.ClientCert.VERIFY_FULL && !certificateNamesUser(line, user)) {
            // auth_failed: the words depend on the line's method, not on the certificate
            switch (line.method()) {
                case CERT -> throw PgException.fatal(SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
                        "certificate authentication failed for user \"" + user + "\"");
                case TRUST -> throw PgException.fatal(SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
                        "\"trust\" authentication failed for user \"" + user + "\"");
                default -> throw PgException.fatal(SqlState.INVALID_PASSWORD,
                        "password authentication failed for user \"" + user + "\"");
            }
        }
        if (role != null && !role.canLogin()) {
            throw PgException.fatal(SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
                    "role \"" + user + "\" is not permitted to log in");
        }
    }

    /**
     * CheckCertAuth: the verified client certificate's CN (or, with
     * {@code clientname=DN}, its whole subject) must equal the user name, as
     * check_usermap compares them without a map: exactly.
     */
    private boolean certificateNamesUser(HbaLine line, String user) {
        String name = line.clientNameDn() ? tls.peerDistinguishedName() : tls.peerCommonName();
        if (name == null || name.isEmpty()) {
            LOG.info("certificate authentication failed for user \"{}\": client certificate contains no user name", user);
            return false;
        }
        if (!name.equals(user)) {
            LOG.info("provided user name ({}) and authenticated user name ({}) do not match", user, name);
            if (line.method() != AuthMethod.CERT) {
                LOG.info("certificate validation (clientcert=verify-full) failed for user \"{}\": {} mismatch", user,
                        line.clientNameDn() ? "DN" : "CN");
            }
            return false;
        }
        return true;
    }

    private void check(HbaLine line, String user, boolean ok) {
        if (!ok) {
            LOG.info("password authentication failed for user \"{}\" (tusk_hba.conf line {})", user, line.lineNumber());
            throw PgException.fatal(SqlState.INVALID_PASSWORD, "password authentication failed for user \"" + user + "\"");
        }
    }

    /** get_role_password: the stored secret, or null for no role, no password, or an expired one. */
    private String storedPassword(RoleRecord role) {
        if (role == null || role.password() == null || role.password().isEmpty()) {
            return null;
        }
        if (role.validUntil() != null) {
            long nowMicros = (System.currentTimeMillis() - PG_EPOCH_MILLIS) * 1000;
            if (role.validUntil() < nowMicros) {
                LOG.info("User \"{}\" has an expired password.", role.name());
                return null;
            }
        }
        return role.password();
    }

    private boolean cleartext(RoleRecord role, String user) throws IOException {
        sender.buffer().begin('R').int32(AUTH_REQ_PASSWORD).end();
        sender.flush();
        String password = passwordPacket();
        String stored = storedPassword(role);
        if (stored == null) {
            return false;
        }
        ScramSecret secret = ScramSecret.parse(stored);
        if (secret != null) {
            return secret.matches(password);
        }
        if (Md5Password.isMd5(stored)) {
            return MessageDigest.isEqual(Md5Password.encrypt(password, user).getBytes(StandardCharsets.UTF_8),
                    stored.getBytes(StandardCharsets.UTF_8));
        }
        return false;
    }

    /** The md5 method: md5 for an md5 hash, SCRAM for a SCRAM secret (CheckPWChallengeAuth). */
    private boolean md5OrScram(RoleRecord role, String user) throws IOException {
        String stored = storedPassword(role);
        boolean useScram = stored == null ? passwordEncryption == PasswordEncryption.SCRAM_SHA_256 : !Md5Password.isMd5(stored);
        if (useScram) {
            return scram(role, user);
        }
        byte[] salt = new byte[4];
        RANDOM.nextBytes(salt);
        sender.buffer().begin('R').int32(AUTH_REQ_MD5).bytes(salt).end();
        sender.flush();
        String answer = passwordPacket();
        if (stored == null) {
            return false;
        }
        return MessageDigest.isEqual(Md5Password.salted(stored, salt).getBytes(StandardCharsets.UTF_8),
                answer.getBytes(StandardCharsets.UTF_8));
    }

    private boolean scram(RoleRecord role, String user) throws IOException {
        String stored = storedPassword(role);
        ScramSecret secret = stored == null ? null : ScramSecret.parse(stored);
        if (stored != null && secret == null) {
            LOG.info("User \"{}\" does not have a valid SCRAM secret.", user);
        }
        ScramExchange exchange = secret != null ? ScramExchange.real(secret)
                : ScramExchange.mock(user, dataDirectory.toAbsolutePath().toString());
        PqSendBuffer out = sender.buffer();
        out.begin('R').int32(AUTH_REQ_SASL);
        if (tls != null) {
            out.cstring(ScramExchange.MECHANISM_PLUS); // offered first, as scram_get_mechanisms does
        }
        out.cstring(ScramExchange.MECHANISM).int8(0).end();
        sender.flush();

        byte[] initial = readPasswordMessage();
        Body body = new Body(initial);
        String mechanism = body.cstring();
        if (mechanism.equals(ScramExchange.MECHANISM_PLUS) && tls != null) {
            exchange.bindChannel(tls.certificateHash());
        } else if (!mechanism.equals(ScramExchange.MECHANISM)) {
            throw PgException.fatal(SqlState.PROTOCOL_VIOLATION, "client selected an invalid SASL authentication mechanism");
        }
        exchange.serverSupportsChannelBinding(tls != null);
        int len = body.int32();
        if (len < 0 || len != body.remaining()) {
            throw PgException.fatal(SqlState.PROTOCOL_VIOLATION, "invalid message format");
        }
        String serverFirst = exchange.first(new String(body.rest(), StandardCharsets.UTF_8));
        out.begin('R').int32(AUTH_REQ_SASL_CONT).bytes(serverFirst.getBytes(StandardCharsets.UTF_8)).end();
        sender.flush();

        String clientFinal = new String(readPasswordMessage(), StandardCharsets.UTF_8);
        String serverFinal = exchange.last(clientFinal);
        if (serverFinal == null) {
            return false;
        }
        out.begin('R').int32(AUTH_REQ_SASL_FIN).bytes(serverFinal.getBytes(StandardCharsets.UTF_8)).end();
        return true;
    }

    /** recv_password_packet: a 'p' message holding one non-empty string. */
    private String passwordPacket() throws IOException {
        byte[] body = readPasswordMessage();
        int nul = body.length - 1;
        if (body.length == 0 || body[nul] != 0 || indexOfNul(body) != nul) {
            throw PgException.fatal(SqlState.PROTOCOL_VIOLATION, "invalid password packet size");
        }
        if (body.length == 1) {
            throw PgException.fatal(SqlState.INVALID_PASSWORD, "empty password returned by client");
        }
        return new String(body, 0, nul, StandardCharsets.UTF_8);
    }

    private byte[] readPasswordMessage() throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new EOFException("EOF during authentication");
        }
        if (type != 'p') {
            throw PgException.fatal(SqlState.PROTOCOL_VIOLATION, "expected password response, got message type " + type);
        }
        int len = PqReceiver.readInt32(in);
        if (len < 4 || len - 4 > MAX_AUTH_TOKEN_LENGTH) {
            throw PgException.fatal(SqlState.PROTOCOL_VIOLATION, "invalid message length");
        }
        return PqReceiver.readFully(in, len - 4);
    }

    private static int indexOfNul(byte[] b) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    /** is_member_of_role_nosuper by names: any chain of memberships, INHERIT or not. */
    private boolean isMemberOf(String user, String roleName) {
        RoleRecord member = roles.byName(user);
        RoleRecord role = roles.byName(roleName);
        if (member == null || role == null) {
            return false;
        }
        if (member.oid() == role.oid()) {
            return true;
        }
        List<RoleMembership> all = roles.memberships();
        Set<Long> seen = new HashSet<>();
        Deque<Long> todo = new ArrayDeque<>();
        todo.add(member.oid());
        while (!todo.isEmpty()) {
            long m = todo.poll();
            for (RoleMembership rm : all) {
                if (rm.member() == m && seen.add(rm.role())) {
                    if (rm.role() == role.oid()) {
                        return true;
                    }
                    todo.add(rm.role());
                }
            }
        }
        return false;
    }

    private static InetAddress parseAddress(String text) {
        try {
            // Literal addresses only: getByName does no DNS lookup for them.
            return InetAddress.getByName(text.startsWith("[") ? text.substring(1, text.length() - 1) : text);
        } catch (UnknownHostException e) {
            throw PgException.fatal(SqlState.INTERNAL_ERROR, "could not parse client address \"" + text + "\"");
        }
    }

    /** A cursor over a SASLInitialResponse body. */
    private static final class Body {
        private final byte[] b;
        private int pos;

        Body(byte[] b) {
            this.b = b;
        }

        String cstring() {
            int end = pos;
            while (end < b.length && b[end] != 0) {
                end++;
            }
            if (end >= b.length) {
                throw PgException.fatal(SqlState.PROTOCOL_VIOLATION, "invalid string in message");
            }
            String s = new String(b, pos, end - pos, StandardCharsets.UTF_8);
            pos = end + 1;
            return s;
        }

        int int32() {
            if (b.length - pos < 4) {
                throw PgException.fatal(SqlState.PROTOCOL_VIOLATION, "insufficient data left in message");
            }
            int v = ((b[pos] & 0xff) << 24) | ((b[pos + 1] & 0xff) << 16) | ((b[pos + 2] & 0xff) << 8) | (b[pos + 3] & 0xff);
            pos += 4;
            return v;
        }

        int remaining() {
            return b.length - pos;
        }

        byte[] rest() {
            return java.util.Arrays.copyOfRange(b, pos, b.length);
        }
    }
}
