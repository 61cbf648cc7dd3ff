/**
 * A libpq-like PostgreSQL client: {@link org.tusk.libpq.PgConnection} speaks the
 * frontend/backend protocol version 3 over TCP or a Unix-domain socket.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.tusk.libpq;
