package org.tusk.protocol.internal.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tusk_hba.conf parsing and first-match semantics, as PostgreSQL's hba.c. */
class HbaFileTest {
    /** alice is a member of staff; staff of admins. */
    static final Map<String, Set<String>> MEMBERS = Map.of("alice", Set.of("staff", "admins"), "bob", Set.of());
    static final BiPredicate<String, String> IS_MEMBER = (user, role) -> user.equals(role)
            || MEMBERS.getOrDefault(user, Set.of()).contains(role);

    static Integer lineFor(HbaFile hba, String addr, String db, String user) throws Exception {
        HbaLine l = hba.match(addr == null ? null : InetAddress.getByName(addr), db, user, IS_MEMBER);
        return l == null ? null : l.lineNumber();
    }

    @Test
    void firstMatchingLineWins() throws Exception {
        HbaFile hba = HbaFile.parse(List.of(
                "# comment",
                "local   all         bob                     reject",            // 2
                "local   sameuser    all                     md5",               // 3
                "local   all         +staff                  scram-sha-256",     // 4
                "host    db1,\"db 2\"  all    10.0.0.0/8       password",         // 5
                "host    all         all    192.168.1.0  255.255.255.0  md5",    // 6
                "hostssl all         all    0.0.0.0/0        trust",             // 7
                "hostnossl all       alice  ::1/128          trust  # comment",  // 8
                "host    \"all\"     all    127.0.0.1/32     trust",              // 9
                "host    all         all    all              reject"));          // 10
        assertEquals(2, lineFor(hba, null, "postgres", "bob"));
        assertEquals(3, lineFor(hba, null, "carol", "carol"));
        assertEquals(4, lineFor(hba, null, "postgres", "alice"));
        assertNull(lineFor(hba, null, "postgres", "carol"));
        assertEquals(5, lineFor(hba, "10.1.2.3", "db1", "carol"));
        assertEquals(5, lineFor(hba, "10.1.2.3", "db 2", "carol"));
        assertEquals(10, lineFor(hba, "10.1.2.3", "db3", "carol"));
        assertEquals(6, lineFor(hba, "192.168.1.77", "x", "y"));
        assertEquals(10, lineFor(hba, "192.168.2.77", "x", "y"), "hostssl never matches without TLS");
        assertEquals(8, lineFor(hba, "::1", "x", "alice"));
        assertEquals(9, lineFor(hba, "127.0.0.1", "all", "bob"), "a quoted \"all\" is a database named all");
        assertEquals(10, lineFor(hba, "127.0.0.1", "postgres", "bob"));
        assertEquals(9, lineFor(hba, "::ffff:127.0.0.1", "all", "bob"), "IPv4-mapped IPv6 compares as IPv4");
        assertEquals(AuthMethod.MD5, hba.lines().get(4).method());
    }

    @Test
    void samerolePlusGroupAndIncludes(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("users.txt"), "bob\ncarol, dave # friends\n");
        Files.writeString(dir.resolve(HbaFile.FILE_NAME), String.join("\n",
                "local samerole all trust",
                "local all @users.txt \\",
                "   md5",
                "local all all reject", ""));
        HbaFile hba = HbaFile.load(dir);
        assertEquals(1, lineFor(hba, null, "staff", "alice"));
        assertEquals(2, lineFor(hba, null, "postgres", "dave"));
        assertEquals(AuthMethod.MD5, hba.lines().get(1).method());
        assertEquals(4, lineFor(hba, null, "postgres", "alice"));
    }

    @Test
    void badLinesFailTheLoad() {
        assertEquals("invalid connection type \"hots\"", error("hots all all 127.0.0.1/32 trust"));
        assertEquals("invalid authentication method \"trusted\"", error("local all all trusted"));
        assertEquals("invalid authentication method \"peer\": not supported by this build", error("local all all peer"));
        assertEquals("end-of-line before authentication method", error("local all all"));
        assertEquals("end-of-line before role specification", error("local all"));
        assertEquals("invalid CIDR mask in address \"10.0.0.0/33\"", error("host all all 10.0.0.0/33 md5"));
        assertEquals("invalid IP mask \"255.0.255.0\"", error("host all all 10.0.0.0 255.0.255.0 md5"));
        assertEquals("unrecognized authentication option name: \"foo\"", error("host all all all md5 foo=bar"));
        assertEquals("unterminated quoted string", error("local \"all all trust"));
    }

    /** hba.c's rules for cert and the clientcert/clientname options (messages from PostgreSQL 15). */
    @Test
    void certMethodAndClientCertificateOptions() throws Exception {
        HbaFile hba = HbaFile.parse(List.of(
                "hostssl all certuser 127.0.0.1/32 cert",
                "hostssl all alice 127.0.0.1/32 md5 clientcert=verify-ca",
                "hostssl all bob 127.0.0.1/32 trust clientcert=verify-full clientname=DN",
                "hostssl all all 127.0.0.1/32 scram-sha-256"));
        HbaLine cert = hba.lines().get(0);
        assertEquals(AuthMethod.CERT, cert.method());
        assertEquals(HbaLine.ClientCert.VERIFY_FULL, cert.clientCert(), "cert implies clientcert=verify-full");
        assertEquals(HbaLine.ClientCert.VERIFY_CA, hba.lines().get(1).clientCert());
        assertEquals(HbaLine.ClientCert.VERIFY_FULL, hba.lines().get(2).clientCert());
        assertEquals(true, hba.lines().get(2).clientNameDn());
        assertEquals(HbaLine.ClientCert.OFF, hba.lines().get(3).clientCert());
        assertEquals("cert authentication is only supported on hostssl connections", error("host all all all cert"));
        assertEquals("clientcert can only be configured for \"hostssl\" rows",
                error("host all all all md5 clientcert=verify-ca"));
        assertEquals("clientcert only accepts \"verify-full\" when using \"cert\" authentication",
                error("hostssl all all all cert clientcert=verify-ca"));
        assertEquals("invalid value for clientcert: \"1\"", error("hostssl all all all md5 clientcert=1"));
        assertEquals("invalid value for clientname: \"UID\"", error("hostssl all all all cert clientname=UID"));
    }

    @Test
    void commonNameOfAnRfc2253Subject() {
        assertEquals("certuser", org.tusk.protocol.internal.secure.DistinguishedNames.commonName("CN=certuser"));
        assertEquals("a,b+c", org.tusk.protocol.internal.secure.DistinguishedNames.commonName(
                "CN=a\\,b\\+c,O=Example\\, Inc.,C=DE"));
        assertEquals("é", org.tusk.protocol.internal.secure.DistinguishedNames.commonName("CN=\\C3\\A9,OU=x"));
        assertEquals("outer", org.tusk.protocol.internal.secure.DistinguishedNames.commonName("CN=inner,CN=outer"),
                "the first CN of the certificate is the last of the RFC 2253 text");
        assertNull(org.tusk.protocol.internal.secure.DistinguishedNames.commonName("O=nobody"));
        // pg_stat_ssl.client_dn as PostgreSQL 15 shows subject "/O=Acme, Inc./CN=certuser"
        assertEquals("/O=Acme\\, Inc./CN=certuser",
                org.tusk.protocol.internal.secure.DistinguishedNames.slashForm("CN=certuser,O=Acme\\, Inc."));
    }

    static String error(String line) {
        return assertThrows(HbaException.class, () -> HbaFile.parse(List.of(line))).getMessage();
    }
}
