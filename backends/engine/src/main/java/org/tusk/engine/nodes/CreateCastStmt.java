package org.tusk.engine.nodes;

/**
 * CreateCastStmt: CREATE CAST (source AS target) WITH FUNCTION f(args) | WITHOUT FUNCTION | WITH INOUT
 * [AS ASSIGNMENT | AS IMPLICIT]. {@code func} is null for WITHOUT FUNCTION and WITH INOUT; {@code context}
 * is 'e' explicit, 'a' assignment, 'i' implicit.
 */
public record CreateCastStmt(TypeName sourcetype, TypeName targettype, ObjectWithArgs func, char context,
        boolean inout) implements RawStmt {
    @Override
    public String commandName() {
        return "CREATE CAST";
    }
}
