package org.tusk.engine.nodes;

/** CoercionForm: how a function call or row was written (f(x), x::t, ROW(..) vs (..), special SQL syntax). */
public enum CoercionForm {
    EXPLICIT_CALL, EXPLICIT_CAST, IMPLICIT_CAST, SQL_SYNTAX
}
