/**
 * The control channel between the postmaster and each backend process: a Unix
 * stream socket per backend carrying small typed messages, and, with a handoff,
 * the client's socket descriptor (SCM_RIGHTS).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.tusk.ipc;
