package org.tusk.protocol.internal.auth;

import java.net.InetAddress;
import java.util.List;

/**
 * One parsed tusk_hba.conf line (hba.c's HbaLine).
 *
 * @param address null for {@code local} lines and for {@code all}
 * @param maskBits the prefix length that {@code address} is compared under
 */
record HbaLine(int lineNumber, ConnType connType, List<HbaToken> databases, List<HbaToken> roles,
        AddressKind addressKind, InetAddress address, int maskBits, AuthMethod method) {

    enum ConnType { LOCAL, HOST, HOSTSSL, HOSTNOSSL }

    enum AddressKind { NONE, ALL, SAMEHOST, SAMENET, CIDR }
}
