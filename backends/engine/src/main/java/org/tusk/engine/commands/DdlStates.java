package org.tusk.engine.commands;

/** SQLSTATEs of DDL errors that {@code SqlState} does not name (kept here to leave the API bundle alone). */
final class DdlStates {
    static final String DUPLICATE_TABLE = "42P07";
    static final String INVALID_OBJECT_DEFINITION = "42P17";
    static final String DUPLICATE_SCHEMA = "42P06";
    static final String DUPLICATE_COLUMN = "42701";
    static final String DEPENDENT_OBJECTS_STILL_EXIST = "2BP01";
    static final String WRONG_OBJECT_TYPE = "42809";
    static final String INVALID_FOREIGN_KEY = "42830";
    static final String INVALID_TABLE_DEFINITION = "42P16";
    static final String UNDEFINED_TABLE = "42P01";

    private DdlStates() {
    }
}
