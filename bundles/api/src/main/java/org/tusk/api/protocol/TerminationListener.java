package org.tusk.api.protocol;

import org.osgi.annotation.versioning.ConsumerType;
import org.tusk.api.error.PgException;

/** Told when a session must end from outside; sends the FATAL to the client if it can. */
@ConsumerType
public interface TerminationListener {
    void terminate(PgException fatal);
}
