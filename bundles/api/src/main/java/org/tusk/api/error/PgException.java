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
    private final String context;

    public PgException(Severity severity, String sqlState, String message, String detail, String hint, int position, Throwable cause) {
        this(severity, sqlState, message, detail, hint, position, null, cause);
    }

    /** (1.2) With a CONTEXT line (errcontext), e.g. {@code COPY t, line 3, column a: "x"}. */
    public PgException(Severity severity, String sqlState, String message, String detail, String hint, int position,
            String context, Throwable cause) {
        super(message, cause);
        this.severity = severity;
        this.sqlState = sqlState;
        this.detail = detail;
        this.hint = hint;
        this.position = position;
        this.context = context;
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
    /** The CONTEXT field, or null. */
    public String context() { return context; }

    /** Adds a context line; an existing context stays first, as errcontext callbacks stack. */
    public PgException withContext(String newContext) {
        String combined = context == null ? newContext : context + "\n" + newContext;
        return new PgException(severity, sqlState, getMessage(), detail, hint, position, combined, getCause());
    }

    public PgException withPosition(int newPosition) {
        return new PgException(severity, sqlState, getMessage(), detail, hint, newPosition, context, getCause());
    }
    public PgException withDetail(String newDetail) {
        return new PgException(severity, sqlState, getMessage(), newDetail, hint, position, context, getCause());
    }
    public PgException withHint(String newHint) {
        return new PgException(severity, sqlState, getMessage(), detail, newHint, position, context, getCause());
    }
    public PgException withSeverity(Severity newSeverity) {
        return new PgException(newSeverity, sqlState, getMessage(), detail, hint, position, context, getCause());
    }
}
