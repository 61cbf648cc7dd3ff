package org.tusk.protocol.internal.startup;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tusk.api.backend.BackendContext;
import org.tusk.api.error.PgException;
import org.tusk.api.error.SqlState;
import org.tusk.protocol.internal.pqcomm.PqReceiver;
import org.tusk.protocol.internal.pqcomm.PqSender;

/**
 * PostgreSQL's ProcessStartupPacket: reads length-prefixed startup packets,
 * answers an SSLRequest with 'S' and a TLS handshake when the server has TLS,
 * refuses encryption requests with 'N' otherwise (once each, as PostgreSQL does), passes
 * a CancelRequest on, and parses a protocol 3 StartupMessage.
 */
public final class ProcessStartupPacket {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessStartupPacket.class);

    public static final int CANCEL_REQUEST_CODE = (1234 << 16) | 5678;
    public static final int NEGOTIATE_SSL_CODE = (1234 << 16) | 5679;
    public static final int NEGOTIATE_GSS_CODE = (1234 << 16) | 5680;
    /** MAX_STARTUP_PACKET_LENGTH: the body after the length word. */
    public static final int MAX_STARTUP_PACKET_LENGTH = 10000;
    /** NAMEDATALEN - 1: identifiers are cut to this many bytes. */
    private static final int NAME_MAX_BYTES = 63;

    /** Starts TLS after an SSLRequest, when the server offers it. */
    @FunctionalInterface
    public interface TlsNegotiation {
        /**
         * Answers the SSLRequest: 'N' and false when TLS is not available;
         * otherwise 'S', the handshake, and true (the session's streams then
         * run over TLS).
         */
        boolean negotiate() throws IOException;
    }

    private final InputStream in;
    private final PqSender sender;
    private final BackendContext backend;
    private final TlsNegotiation tls;

    public ProcessStartupPacket(InputStream in, PqSender sender, BackendContext backend) {
        this(in, sender, backend, null);
    }

    /** @param tls null when the server has no TLS: every SSLRequest is answered 'N' */
    public ProcessStartupPacket(InputStream in, PqSender sender, BackendContext backend, TlsNegotiation tls) {
        this.in = in;
        this.sender = sender;
        this.backend = backend;
        this.tls = tls;
    }

    /**
     * Reads until a StartupMessage or CancelRequest arrives.
     *
     * @throws PgException FATAL for a packet PostgreSQL would refuse
     */
    public StartupResult read() throws IOException {
        boolean sslDone = false;
        boolean gssDone = false;
        while (true) {
            byte[] body;
            try {
                int first = in.read();
                if (first < 0) {
                    return StartupResult.GONE; // connection probe: PostgreSQL does not even log it
                }
                int b1 = in.read();
                int b2 = in.read();
                int b3 = in.read();
                if ((b1 | b2 | b3) < 0) {
                    LOG.debug("incomplete startup packet");
                    return StartupResult.GONE;
                }
                int len = ((first << 24) | (b1 << 16) | (b2 << 8) | b3) - 4;
                if (len < 4 || len > MAX_STARTUP_PACKET_LENGTH) {
                    throw PgException.fatal(SqlState.PROTOCOL_VIOLATION, "invalid length of startup packet");
                }
                body = PqReceiver.readFully(in, len);
            } catch (EOFException e) {
                LOG.debug("incomplete startup packet");
                return StartupResult.GONE;
            }
            int proto = int32(body, 0);
            if (proto == CANCEL_REQUEST_CODE) {
                if (body.length >= 12) {
                    backend.cancelRequest(int32(body, 4), int32(body, 8));
                } else {
                    LOG.info("invalid length of cancel request packet");
                }
                return StartupResult.CANCEL;
            }
            if (proto == NEGOTIATE_SSL_CODE && !sslDone) {
                sslDone = true;
                if (tls == null) {
                    refuseEncryption();
                } else {
                    try {
                        if (tls.negotiate()) {
                            gssDone = true; // inside TLS no GSS encryption is negotiated, as in PostgreSQL
                        }
                    } catch (javax.net.ssl.SSLException | EOFException e) {
                        LOG.info("could not accept SSL connection: {}", e.getMessage());
                        return StartupResult.GONE;
                    }
                }
                continue;
            }
            if (proto == NEGOTIATE_GSS_CODE && !gssDone) {
                gssDone = true;
                refuseEncryption();
                continue;
            }
            return StartupResult.session(parse(proto, body));
        }
    }

    /** The one-byte 'N' answer, also used by the TLS negotiation when TLS is not available. */
    public void refuseEncryption() throws IOException {
        sender.buffer().int8('N');
        sender.flush();
    }

    static StartupPacket parse(int proto, byte[] buf) {
        int major = proto >>> 16;
        int minor = proto & 0xffff;
        if (major != 3) {
            throw new PgException(org.tusk.api.error.Severity.FATAL, SqlState.FEATURE_NOT_SUPPORTED,
                    "unsupported frontend protocol " + major + "." + minor + ": server supports 3.0 to 3.0",
                    null, null, 0, null);
        }
        String user = null;
        String database = null;
        String options = null;
        Map<String, String> settings = new LinkedHashMap<>();
        List<String> unrecognized = new ArrayList<>();
        int len = buf.length;
        int offset = 4;
        while (offset < len) {
            if (buf[offset] == 0) {
                break; // the packet terminator
            }
            int nameEnd = cstringEnd(buf, offset);
            int valueOffset = nameEnd + 1;
            if (valueOffset >= len) {
                break; // a name without a value: reported as a layout error below
            }
            int valueEnd = cstringEnd(buf, valueOffset);
            String name = new String(buf, offset, nameEnd - offset, StandardCharsets.UTF_8);
            // Startup strings are not verified: client_encoding is not even known yet.
            String value = new String(buf, valueOffset, valueEnd - valueOffset, StandardCharsets.UTF_8);
            switch (name) {
                case "database": database = value; break;
                case "user": user = value; break;
                case "options": options = value; break;
                case "replication": checkReplication(value); break;
                default:
                    if (name.startsWith("_pq_.")) {
                        unrecognized.add(name);
                    } else {
                        settings.put(name, value);
                    }
            }
            offset = valueEnd + 1;
        }
        // PostgreSQL reads past a missing terminator into its own NUL; the packet is still refused.
        if (offset != len - 1) {
            throw PgException.fatal(SqlState.PROTOCOL_VIOLATION,
                    "invalid startup packet layout: expected terminator as last byte");
        }
        if (user == null || user.isEmpty()) {
            throw PgException.fatal(SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
                    "no PostgreSQL user name specified in startup packet");
        }
        if (database == null || database.isEmpty()) {
            database = user;
        }
        return new StartupPacket(proto, clipName(user), clipName(database), options, settings, unrecognized);
    }

    /** The end of a C string, or the end of the buffer (where PostgreSQL's palloc'd copy has its extra NUL). */
    private static int cstringEnd(byte[] buf, int from) {
        int i = from;
        while (i < buf.length && buf[i] != 0) {
            i++;
        }
        return i;
    }

    /** Physical replication and logical walsenders are not served by this protocol handler. */
    private static void checkReplication(String value) {
        switch (value.toLowerCase()) {
            case "false": case "off": case "no": case "0": case "f": case "n": case "of":
                return;
            case "true": case "on": case "yes": case "1": case "t": case "y": case "database":
                throw PgException.fatal(SqlState.FEATURE_NOT_SUPPORTED, "replication connections are not supported");
            default:
                throw new PgException(org.tusk.api.error.Severity.FATAL, SqlState.INVALID_PARAMETER_VALUE,
                        "invalid value for parameter \"replication\": \"" + value + "\"",
                        null, "Valid values are: \"false\", 0, \"true\", 1, \"database\".", 0, null);
        }
    }

    /** pg_mbcliplen to NAMEDATALEN - 1 bytes, never splitting a UTF-8 character. */
    static String clipName(String name) {
        byte[] b = name.getBytes(StandardCharsets.UTF_8);
        if (b.length <= NAME_MAX_BYTES) {
            return name;
        }
        int cut = NAME_MAX_BYTES;
        while (cut > 0 && (b[cut] & 0xc0) == 0x80) {
            cut--;
        }
        return new String(b, 0, cut, StandardCharsets.UTF_8);
    }

    private static int int32(byte[] b, int off) {
        return ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
    }
}
