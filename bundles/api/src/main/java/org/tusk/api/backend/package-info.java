/**
 * Services of a backend process as seen by the code running a session in it:
 * its identity, interrupts (cancel, terminate, crash of another backend),
 * activity reporting for pg_stat_activity, and signals to other backends. 1.5: countsInStatistics (warm-up sessions do not).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.5.0")
package org.tusk.api.backend;
