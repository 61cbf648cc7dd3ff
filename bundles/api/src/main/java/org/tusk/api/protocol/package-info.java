/**
 * The protocol SPI: a protocol handler serves one client connection, from the
 * startup packet to Terminate, inside a backend process. PostgreSQL's v3
 * protocol is one implementation; another bundle can replace or join it.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.tusk.api.protocol;
