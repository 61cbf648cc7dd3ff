package org.tusk.engine.nodes;

import java.util.List;

/**
 * CreateConversionStmt: CREATE [DEFAULT] CONVERSION name FOR 'source_encoding' TO 'dest_encoding' FROM
 * function_name.
 */
public record CreateConversionStmt(List<String> conversionName, String forEncodingName, String toEncodingName,
        List<String> funcName, boolean def) implements RawStmt {
    @Override
    public String commandName() {
        return "CREATE CONVERSION";
    }
}
