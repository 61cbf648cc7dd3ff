package org.tusk.libpq;

/** What kind of result a statement produced (libpq's ExecStatusType, minus the error cases, which throw). */
public enum ResultStatus {
    /** A statement that returns rows (SELECT, FETCH, SHOW, ... or anything with a RowDescription). */
    TUPLES_OK,
    /** A statement that returns no rows (INSERT, SET, BEGIN, ...). */
    COMMAND_OK,
    /** The query string was empty. */
    EMPTY_QUERY,
    /** COPY TO STDOUT: the data is in {@link PgResult#copyData()}. */
    COPY_OUT,
    /** In pipeline mode: not run because an earlier statement failed before the next sync point (PGRES_PIPELINE_ABORTED). */
    PIPELINE_ABORTED
}
