package org.tusk.api.frontend;

import java.io.InputStream;
import java.io.PrintStream;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A client program plugged into {@code ./tusk}. Registered as an OSGi service
 * with the property {@code tusk.frontend} giving the command name (e.g. "sql").
 */
@ConsumerType
public interface Frontend {

    /** One line for {@code ./tusk help}. */
    String description();

    /** Runs the program and returns its exit status. */
    int run(String[] args, InputStream in, PrintStream out, PrintStream err);
}
