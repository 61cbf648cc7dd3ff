/**
 * Roles and passwords as client authentication and the role commands see them:
 * the {@link org.tusk.api.auth.RoleStore} interface (pg_authid and
 * pg_auth_members), its file-based implementation for clusters whose shared
 * catalogs are still initdb's text files, and the password verifiers of
 * PostgreSQL's src/common (SCRAM-SHA-256 secrets, md5 hashes) shared by the
 * protocol bundle (which checks them) and the engine (which stores them).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.tusk.api.auth;
