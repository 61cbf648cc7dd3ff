/** The frontend SPI: programs run as {@code ./tusk NAME [args]} (the terminal monitor, scripts, ...). */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.tusk.api.frontend;
