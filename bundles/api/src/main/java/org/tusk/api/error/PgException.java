package org.tusk.api.error;

/**
 * An error or notice as PostgreSQL reports it (ereport). Carries everything an
 * ErrorResponse or NoticeResponse needs. Position is 1-based in characters of
 * the query text, 0 when unknown, as in PostgreSQL.
 */
public class PgException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Severity severity;
    private final String sqlState;
    private final String detail;
    private final String hint;
    private final int position;

    public PgException(Severity severity, String sqlState, String message, String detail, String hint, int position, Throwable cause) {
        super(message, cause);
        this.severity = severity;
        this.sqlState = sqlState;
        this.detail = detail;
        this.hint = hint;
        this.position = position;
    }

    public PgException(String sqlState, String message) {
        this(Severity.ERROR, sqlState, message, null, null, 0, null);
    }

    public static PgException error(String sqlState, String message) {
        return new PgException(Severity.ERROR, sqlState, message, null, null, 0, null);
    }

    public static PgException fatal(String sqlState, String message) {
        return new PgException(Severity.FATAL, sqlState, message, null, null, 0, null);
    }

    public Severity severity() { return severity; }
    public String sqlState() { return sqlState; }
    public String detail() { return detail; }
    public String hint() { return hint; }
    /** 1-based character position in the query text, or 0. */
    public int position() { return position; }

    public PgException withPosition(int newPosition) {
        return new PgException(severity, sqlState, getMessage(), detail, hint, newPosition, getCause());
    }
    public PgException withDetail(String newDetail) {
        return new PgException(severity, sqlState, getMessage(), newDetail, hint, position, getCause());
    }
    public PgException withHint(String newHint) {
        return new PgException(severity, sqlState, getMessage(), detail, newHint, position, getCause());
    }
    public PgException withSeverity(Severity newSeverity) {
        return new PgException(newSeverity, sqlState, getMessage(), detail, hint, position, getCause());
    }
}
