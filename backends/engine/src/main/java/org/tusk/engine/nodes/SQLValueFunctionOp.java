package org.tusk.engine.nodes;

/** SQLValueFunctionOp: keywords that act as functions; the _N forms carry a precision. */
public enum SQLValueFunctionOp {
    CURRENT_DATE, CURRENT_TIME, CURRENT_TIME_N, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP_N, LOCALTIME, LOCALTIME_N,
    LOCALTIMESTAMP, LOCALTIMESTAMP_N, CURRENT_ROLE, CURRENT_USER, USER, SESSION_USER, CURRENT_CATALOG, CURRENT_SCHEMA;
    /** The SQL keyword, lower case (current_timestamp for both CURRENT_TIMESTAMP forms). */
    public String keyword() {
        String n = name().toLowerCase(java.util.Locale.ROOT);
        return n.endsWith("_n") ? n.substring(0, n.length() - 2) : n;
    }
}
