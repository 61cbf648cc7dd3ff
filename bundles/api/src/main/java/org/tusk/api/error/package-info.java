/** PostgreSQL-style errors: severity, SQLSTATE, message, detail, hint, position. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package org.tusk.api.error;
