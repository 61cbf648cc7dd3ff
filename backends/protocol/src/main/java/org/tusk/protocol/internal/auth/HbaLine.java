package org.tusk.protocol.internal.auth;

import java.net.InetAddress;
import java.util.List;

/**
 * One parsed tusk_hba.conf line (hba.c's HbaLine).
 *
 * @param address null for {@code local} lines and for {@code all}
 * @param maskBits the prefix length that {@code address} is compared under
 * @param clientCert whether a verified client certificate is required, and whether its name must be the user's
 * @param clientNameDn {@code clientname=DN}: the user name is compared with the whole subject, not its CN
 */
record HbaLine(int lineNumber, ConnType connType, List<HbaToken> databases, List<HbaToken> roles,
        AddressKind addressKind, InetAddress address, int maskBits, AuthMethod method,
        ClientCert clientCert, boolean clientNameDn) {

    enum ConnType { LOCAL, HOST, HOSTSSL, HOSTNOSSL }

    /** hba.h's ClientCertMode: the {@code clientcert} option ({@code cert} implies verify-full). */
    enum ClientCert { OFF, VERIFY_CA, VERIFY_FULL }

    enum AddressKind { NONE, ALL, SAMEHOST, SAMENET, CIDR }
}
