package org.tusk.protocol.internal.auth;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiPredicate;

import org.tusk.protocol.internal.auth.HbaLine.AddressKind;
import org.tusk.protocol.internal.auth.HbaLine.ClientCert;
import org.tusk.protocol.internal.auth.HbaLine.ConnType;

/**
 * tusk_hba.conf, PostgreSQL's pg_hba.conf under Tusk's name: parsed as hba.c's
 * parse_hba_line does, and matched as check_hba does (the first line whose
 * connection type, database, role and address all match decides).
 */
public final class HbaFile {
    public static final String FILE_NAME = "tusk_hba.conf";

    private final List<HbaLine> lines;

    HbaFile(List<HbaLine> lines) {
        this.lines = List.copyOf(lines);
    }

    List<HbaLine> lines() {
        return lines;
    }

    /** Loads {@code DATA/tusk_hba.conf}. A missing file, or any bad line, fails the whole load, as in PostgreSQL. */
    static HbaFile load(Path dataDirectory) throws IOException, HbaException {
        Path file = dataDirectory.resolve(FILE_NAME);
        try {
            return fromLines(HbaTokenizer.tokenize(file));
        } catch (NoSuchFileException e) {
            throw new HbaException(0, "could not open configuration file \"" + file + "\": No such file or directory");
        }
    }

    static HbaFile parse(List<String> text) throws HbaException {
        return fromLines(HbaTokenizer.tokenize(text, null, 0));
    }

    static HbaFile fromLines(List<HbaTokenizer.Line> tokenized) throws HbaException {
        List<HbaLine> out = new ArrayList<>();
        for (HbaTokenizer.Line l : tokenized) {
            out.add(parseLine(l));
        }
        return new HbaFile(out);
    }

    private static HbaLine parseLine(HbaTokenizer.Line l) throws HbaException {
        int n = l.number();
        List<List<HbaToken>> f = l.fields();
        String type = single(f.get(0), n, "connection type");
        ConnType connType = switch (type) {
            case "local" -> ConnType.LOCAL;
            case "host" -> ConnType.HOST;
            case "hostssl" -> ConnType.HOSTSSL;
            case "hostnossl" -> ConnType.HOSTNOSSL;
            case "hostgssenc", "hostnogssenc" -> throw new HbaException(n,
                    "hostgssenc record cannot match because GSSAPI is not supported by this build");
            default -> throw new HbaException(n, "invalid connection type \"" + type + "\"");
        };
        int i = 1;
        if (f.size() <= i) {
            throw new HbaException(n, "end-of-line before database specification");
        }
        List<HbaToken> databases = f.get(i++);
        if (f.size() <= i) {
            throw new HbaException(n, "end-of-line before role specification");
        }
        List<HbaToken> roles = f.get(i++);
        AddressKind kind = AddressKind.NONE;
        InetAddress address = null;
        int maskBits = 0;
        if (connType != ConnType.LOCAL) {
            if (f.size() <= i) {
                throw new HbaException(n, "end-of-line before IP address specification");
            }
            String addr = single(f.get(i++), n, "IP address");
            switch (addr) {
                case "all" -> kind = AddressKind.ALL;
                case "samehost" -> kind = AddressKind.SAMEHOST;
                case "samenet" -> kind = AddressKind.SAMENET;
                default -> {
                    kind = AddressKind.CIDR;
                    int slash = addr.indexOf('/');
                    String host = slash < 0 ? addr : addr.substring(0, slash);
                    address = numericAddress(host, n);
                    int width = address instanceof Inet4Address ? 32 : 128;
                    if (slash >= 0) {
                        maskBits = prefixLength(addr.substring(slash + 1), width, n, addr);
                    } else {
                        // address and netmask in two fields
                        if (f.size() <= i) {
                            throw new HbaException(n, "end-of-line before netmask specification");
                        }
                        String mask = single(f.get(i++), n, "netmask");
                        InetAddress m = numericAddress(mask, n);
                        if (m.getAddress().length != address.getAddress().length) {
                            throw new HbaException(n, "IP address and mask do not match in file");
                        }
                        maskBits = maskToBits(m.getAddress(), n, mask);
                    }
                }
            }
        }
        if (f.size() <= i) {
            throw new HbaException(n, "end-of-line before authentication method");
        }
        String methodName = single(f.get(i++), n, "authentication method");
        AuthMethod method = AuthMethod.of(methodName);
        if (method == null) {
            if (AuthMethod.NOT_SUPPORTED.contains(methodName)) {
                throw new HbaException(n, "invalid authentication method \"" + methodName + "\": not supported by this build");
            }
            throw new HbaException(n, "invalid authentication method \"" + methodName + "\"");
        }
        if (method == AuthMethod.CERT && connType != ConnType.HOSTSSL) {
            throw new HbaException(n, "cert authentication is only supported on hostssl connections");
        }
        ClientCert clientCert = method == AuthMethod.CERT ? ClientCert.VERIFY_FULL : ClientCert.OFF;
        boolean clientNameDn = false;
        for (; i < f.size(); i++) {
            for (HbaToken option : f.get(i)) {
                int eq = option.text().indexOf('=');
                if (eq < 0) {
                    throw new HbaException(n, "authentication option not in name=value format: " + option.text());
                }
                String name = option.text().substring(0, eq);
                String value = option.text().substring(eq + 1);
                switch (name) {
                    case "clientcert" -> {
                        if (connType != ConnType.HOSTSSL) {
                            throw new HbaException(n, "clientcert can only be configured for \"hostssl\" rows");
                        }
                        if (value.equals("verify-full")) {
                            clientCert = ClientCert.VERIFY_FULL;
                        } else if (value.equals("verify-ca")) {
                            if (method == AuthMethod.CERT) {
                                throw new HbaException(n,
                                        "clientcert only accepts \"verify-full\" when using \"cert\" authentication");
                            }
                            clientCert = ClientCert.VERIFY_CA;
                        } else {
                            throw new HbaException(n, "invalid value for clientcert: \"" + value + "\"");
                        }
                    }
                    case "clientname" -> {
                        if (connType != ConnType.HOSTSSL) {
                            throw new HbaException(n, "clientname can only be configured for \"hostssl\" rows");
                        }
                        if (value.equals("DN")) {
                            clientNameDn = true;
                        } else if (value.equals("CN")) {
                            clientNameDn = false;
                        } else {
                            throw new HbaException(n, "invalid value for clientname: \"" + value + "\"");
                        }
                    }
                    default -> throw new HbaException(n, "unrecognized authentication option name: \"" + name + "\"");
                }
            }
        }
        return new HbaLine(n, connType, databases, roles, kind, address, maskBits, method, clientCert, clientNameDn);
    }

    private static String single(List<HbaToken> field, int n, String what) throws HbaException {
        if (field.size() != 1) {
            throw new HbaException(n, "multiple values specified for " + what);
        }
        return field.get(0).text();
    }

    private static InetAddress numericAddress(String text, int n) throws HbaException {
        boolean numeric = text.indexOf(':') >= 0 || text.matches("[0-9.]+");
        if (!numeric) {
            // Host names would need DNS lookups on every connection; PostgreSQL allows them, Tusk not yet.
            throw new HbaException(n, "invalid IP address \"" + text + "\": host names are not supported");
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new HbaException(n, "invalid IP address \"" + text + "\": " + e.getMessage());
        }
    }

    private static int prefixLength(String text, int width, int n, String whole) throws HbaException {
        try {
            int bits = Integer.parseInt(text);
            if (bits >= 0 && bits <= width) {
                return bits;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new HbaException(n, "invalid CIDR mask in address \"" + whole + "\"");
    }

    private static int maskToBits(byte[] mask, int n, String text) throws HbaException {
        int bits = 0;
        boolean ended = false;
        for (byte b : mask) {
            for (int bit = 7; bit >= 0; bit--) {
                boolean set = ((b >> bit) & 1) != 0;
                if (set && ended) {
                    throw new HbaException(n, "invalid IP mask \"" + text + "\"");
                }
                if (set) {
                    bits++;
                } else {
                    ended = true;
                }
            }
        }
        return bits;
    }

    /**
     * check_hba: the first line that matches, or null (the caller's "no pg_hba.conf entry").
     *
     * @param remote   the client's address, null for a Unix-domain socket
     * @param isMember whether the role (by name) is a member, directly or not, of the role named by the
     *                 second argument; used for {@code +role} and {@code samerole}
     */
    HbaLine match(InetAddress remote, String database, String user, BiPredicate<String, String> isMember) {
        return match(remote, false, database, user, isMember);
    }

    /** As above for a connection that uses TLS ({@code ssl}) or not: hostssl and hostnossl lines look at it. */
    HbaLine match(InetAddress remote, boolean ssl, String database, String user, BiPredicate<String, String> isMember) {
        for (HbaLine line : lines) {
            if (line.connType() == ConnType.LOCAL) {
                if (remote != null) {
                    continue;
                }
            } else {
                // host matches every TCP connection, hostssl only TLS ones, hostnossl only plain ones.
                if (remote == null || (line.connType() == ConnType.HOSTSSL && !ssl)
                        || (line.connType() == ConnType.HOSTNOSSL && ssl)) {
                    continue;
                }
                if (!addressMatches(line, remote)) {
                    continue;
                }
            }
            if (!databaseMatches(line.databases(), database, user, isMember)) {
                continue;
            }
            if (!roleMatches(line.roles(), user, isMember)) {
                continue;
            }
            return line;
        }
        return null;
    }

    private static boolean databaseMatches(List<HbaToken> tokens, String database, String user,
            BiPredicate<String, String> isMember) {
        for (HbaToken t : tokens) {
            if (t.isKeyword("all")) {
                return true;
            } else if (t.isKeyword("sameuser")) {
                if (database.equals(user)) {
                    return true;
                }
            } else if (t.isKeyword("samerole") || t.isKeyword("samegroup")) {
                if (isMember.test(user, database)) {
                    return true;
                }
            } else if (t.isKeyword("replication")) {
                continue; // replication connections are refused before authentication
            } else if (t.text().equals(database)) {
                return true;
            }
        }
        return false;
    }

    private static boolean roleMatches(List<HbaToken> tokens, String user, BiPredicate<String, String> isMember) {
        for (HbaToken t : tokens) {
            if (!t.quoted() && t.text().startsWith("+")) {
                if (isMember.test(user, t.text().substring(1))) {
                    return true;
                }
            } else if (t.isKeyword("all") || t.text().equals(user)) {
                return true;
            }
        }
        return false;
    }

    private static boolean addressMatches(HbaLine line, InetAddress remote) {
        switch (line.addressKind()) {
            case ALL:
                return true;
            case CIDR:
                return inSubnet(remote, line.address(), line.maskBits());
            case SAMEHOST:
            case SAMENET:
                return matchesOwnInterfaces(remote, line.addressKind() == AddressKind.SAMENET);
            default:
                return false;
        }
    }

    static boolean inSubnet(InetAddress remote, InetAddress network, int bits) {
        byte[] a = unmapped(remote).getAddress();
        byte[] b = network.getAddress();
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < bits; i++) {
            int byteIndex = i / 8;
            int mask = 0x80 >> (i % 8);
            if ((a[byteIndex] & mask) != (b[byteIndex] & mask)) {
                return false;
            }
        }
        return true;
    }

    /** An IPv4-mapped IPv6 address (::ffff:a.b.c.d) compares as the IPv4 address. */
    private static InetAddress unmapped(InetAddress a) {
        if (a instanceof Inet6Address) {
            byte[] b = a.getAddress();
            boolean mapped = b[10] == (byte) 0xff && b[11] == (byte) 0xff;
            for (int i = 0; i < 10 && mapped; i++) {
                mapped = b[i] == 0;
            }
            if (mapped) {
                try {
                    return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
                } catch (UnknownHostException e) {
                    return a;
                }
            }
        }
        return a;
    }

    private static boolean matchesOwnInterfaces(InetAddress remote, boolean wholeNet) {
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (var ia : nif.getInterfaceAddresses()) {
                    int bits = wholeNet ? ia.getNetworkPrefixLength() : ia.getAddress().getAddress().length * 8;
                    if (inSubnet(remote, ia.getAddress(), bits)) {
                        return true;
                    }
                }
            }
        } catch (SocketException e) {
            return false;
        }
        return false;
    }
}
