/**
 * What scripts run by {@code ./tusk script} see: {@link org.tusk.script.Db}, bound as
 * {@code db}, and the {@link org.tusk.script.Row}s its queries return. Exported so that
 * scripts (and their class loader inside OSGi) can name these types.
 */
@Export
@Version("1.0.0")
package org.tusk.script;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
