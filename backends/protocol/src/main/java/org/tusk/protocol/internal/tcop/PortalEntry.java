package org.tusk.protocol.internal.tcop;

import org.tusk.api.engine.Portal;

/**
 * A portal created by Bind. Tracks what PostgreSQL's PortalData tracks for the
 * protocol: a portal that returns no rows (PORTAL_MULTI_QUERY) is done after
 * its first complete run and refuses to run again, while a row-returning one
 * may be executed again and just reports no more rows.
 */
final class PortalEntry {
    final String name;
    final String sourceText;
    /** Null for the portal of an empty query. */
    final Portal portal;
    boolean done;

    PortalEntry(String name, String sourceText, Portal portal) {
        this.name = name;
        this.sourceText = sourceText;
        this.portal = portal;
    }

    void close() {
        if (portal != null) {
            portal.close();
        }
    }
}
