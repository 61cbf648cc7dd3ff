package org.tusk.api.engine;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;
import org.tusk.api.error.PgException;

/** An analyzed statement with known parameter and result types (a CachedPlanSource). */
@ProviderType
public interface PreparedStatement {

    /** Parameter type OIDs, inferred where the client left them 0. */
    int[] parameterTypes();

    /** Result columns (format 0), or null when the statement returns no rows (NoData). */
    List<Column> resultColumns();

    /**
     * Creates a portal: decodes the parameter values (null entries are SQL NULL)
     * in the given formats (0 text, 1 binary; PostgreSQL's rules: no codes means
     * all text, one code applies to all) and fixes the result formats likewise.
     *
     * @throws PgException 08P01 for a wrong parameter count, 22P02/22P03 for bad values
     */
    Portal bind(List<byte[]> parameterValues, short[] parameterFormats, short[] resultFormats) throws PgException;
}
