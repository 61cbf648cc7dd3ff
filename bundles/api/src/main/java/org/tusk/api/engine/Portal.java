package org.tusk.api.engine;

import java.io.IOException;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;
import org.tusk.api.error.PgException;

/** A bound statement ready to run, possibly in several Execute steps. */
@ProviderType
public interface Portal {

    /** Result columns with their output formats, or null when the portal returns no rows. */
    List<Column> columns();

    /**
     * Runs the portal until it completes or {@code maxRows} rows have been sent
     * (0 means no limit). Rows go to {@code receiver} already encoded. Returns
     * the command tag ("SELECT 3", "SET", "BEGIN") when the portal completed, or
     * null when it stopped at maxRows and can be resumed (PortalSuspended).
     */
    String execute(long maxRows, RowReceiver receiver) throws PgException, IOException;

    /** Releases the portal. */
    void close();
}
