package org.tusk.libpq;

import java.util.List;

/**
 * An error reported by the server (ErrorResponse) or found by the client
 * (connection failure, protocol violation). Carries the SQLSTATE and the
 * other fields; never wraps a raw I/O exception without one.
 */
public class PgError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient PgDiagnostic diagnostic;
    private final transient List<PgResult> precedingResults;
    private final String libpqMessage;

    public PgError(PgDiagnostic diagnostic, List<PgResult> precedingResults, String libpqMessage, Throwable cause) {
        super(diagnostic.message(), cause);
        this.diagnostic = diagnostic;
        this.precedingResults = List.copyOf(precedingResults);
        this.libpqMessage = libpqMessage;
    }

    public PgError(PgDiagnostic diagnostic) {
        this(diagnostic, List.of(), null, null);
    }

    public PgDiagnostic diagnostic() { return diagnostic; }
    public String severity() { return diagnostic.severity(); }
    public String sqlState() { return diagnostic.sqlState(); }
    public String detail() { return diagnostic.detail(); }
    public String hint() { return diagnostic.hint(); }
    /** 1-based character position in the query, 0 if none. */
    public int position() { return diagnostic.position(); }
    /** The query text the error is about (null for connection errors). */
    public String query() { return diagnostic.query(); }

    /** Results of the statements of a multi-statement query that completed before the error. */
    public List<PgResult> precedingResults() { return precedingResults; }

    /**
     * What libpq's PQerrorMessage would hold: for a query error, the formatted
     * error with LINE/caret, DETAIL, HINT and CONTEXT; for a connection failure,
     * "connection to server ... failed: ...". Ends with a newline.
     */
    public String libpqMessage() {
        return libpqMessage != null ? libpqMessage : diagnostic.format(true);
    }
}
