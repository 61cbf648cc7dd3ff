package org.tusk.protocol.internal.startup;

import java.util.List;
import java.util.Map;

/**
 * What a protocol 3 StartupMessage asked for.
 *
 * @param protocolVersion          the requested version (major in the high 16 bits)
 * @param user                     role name, truncated to NAMEDATALEN - 1 bytes
 * @param database                 database name, defaulting to the user name
 * @param options                  the raw {@code options} parameter, or null
 * @param settings                 the other parameters (GUCs such as application_name), in packet order
 * @param unrecognizedProtocolOptions {@code _pq_.} parameters, all of them unknown to this server
 */
public record StartupPacket(int protocolVersion, String user, String database, String options,
        Map<String, String> settings, List<String> unrecognizedProtocolOptions) {

    public int minorVersion() {
        return protocolVersion & 0xffff;
    }
}
