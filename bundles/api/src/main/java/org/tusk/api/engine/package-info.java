/**
 * The query engine SPI: what the traffic cop (a protocol bundle) calls to parse,
 * bind and execute SQL, in PostgreSQL's terms of prepared statements and portals.
 * Values cross this boundary already encoded in the wire format the client asked
 * for (text or binary), as PostgreSQL's printtup does with type output functions.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package org.tusk.api.engine;
