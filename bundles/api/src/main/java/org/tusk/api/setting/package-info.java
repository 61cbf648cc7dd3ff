/**
 * How configuration values are written: PostgreSQL's memory and time units
 * (GUC_UNIT_*), shared by every bundle that reads server settings.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.tusk.api.setting;
