package org.tusk.api.engine;

import org.osgi.annotation.versioning.ProviderType;

/** One statement out of a query string, parsed but not analyzed. */
@ProviderType
public interface RawStatement {
    /** The statement's own text (for pg_stat_activity and logging). */
    String sourceText();

    /** The command tag's first word(s), e.g. "SELECT", "BEGIN", known before execution. */
    String commandName();
}
