/**
 * What other frontends may use of the terminal monitor: {@link org.tusk.monitor.SqlScript}
 * runs a SQL script the way {@code psql -f} does, with the monitor's meta-commands and
 * printer. Everything else stays in {@code org.tusk.monitor.internal}.
 */
@Export
@Version("1.0.0")
package org.tusk.monitor;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
