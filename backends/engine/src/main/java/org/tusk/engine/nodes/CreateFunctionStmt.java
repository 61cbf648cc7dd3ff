package org.tusk.engine.nodes;

import java.util.List;

/** CreateFunctionStmt: CREATE [OR REPLACE] FUNCTION/PROCEDURE name (params) [RETURNS type | RETURNS TABLE (...)] options (AS 'body', LANGUAGE, IMMUTABLE, STRICT, ...: DefElems) [BEGIN ATOMIC ... END / RETURN expr as sqlBody]. */
public record CreateFunctionStmt(boolean isProcedure, boolean replace, List<String> funcname,
        List<FunctionParameter> parameters, TypeName returnType, List<DefElem> options, RawNode sqlBody)
        implements RawStmt {

    @Override
    public String commandName() {
        return isProcedure ? "CREATE PROCEDURE" : "CREATE FUNCTION";
    }
}
