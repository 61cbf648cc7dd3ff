package org.tusk.engine.func.sysinfo;

import org.tusk.engine.parser.Keywords;

/** ruleutils.c's quote_identifier and quote_qualified_identifier. */
public final class Identifiers {
    private Identifiers() {}

    /**
     * The identifier as SQL text: bare when it is lower-case letters, digits
     * and underscores not starting with a digit and not a keyword other than
     * an unreserved one; otherwise double-quoted with quotes doubled.
     */
    public static String quote(String ident) {
        boolean safe = !ident.isEmpty() && ((ident.charAt(0) >= 'a' && ident.charAt(0) <= 'z') || ident.charAt(0) == '_');
        for (int i = 0; i < ident.length() && safe; i++) {
            char c = ident.charAt(i);
            safe = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
        }
        if (safe && Keywords.isKeyword(ident) && !Keywords.UNRESERVED.contains(ident)) {
            safe = false;
        }
        return safe ? ident : '"' + ident.replace("\"", "\"\"") + '"';
    }

    /** {@code schema.name}, each part quoted as needed; just the name when schema is null. */
    public static String qualified(String schema, String name) {
        return schema == null ? quote(name) : quote(schema) + "." + quote(name);
    }
}
