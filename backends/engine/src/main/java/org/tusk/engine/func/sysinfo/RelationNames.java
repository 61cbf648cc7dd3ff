package org.tusk.engine.func.sysinfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.tusk.api.error.SqlState;
import org.tusk.engine.catalog.SystemCatalogs;
import org.tusk.engine.error.Ereport;

/**
 * Relation names given as text (textToQualifiedNameList + RangeVarGetRelid):
 * {@code schema.name} with SQL quoting rules, unquoted parts folded to lower
 * case, unqualified names looked up through the search path.
 */
public final class RelationNames {

    /** ERRCODE_INVALID_NAME. */
    private static final String INVALID_NAME = "42602";

    private final SysInfoContext ctx;

    public RelationNames(SysInfoContext ctx) {
        this.ctx = ctx;
    }

    /** The relation's OID; 42P01 when it does not exist, 42602 for a malformed name. */
    public int resolve(String text) {
        List<String> parts = split(text);
        String shown = String.join(".", parts);
        if (parts.size() > 3) {
            throw Ereport.error(SqlState.SYNTAX_ERROR, "improper relation name (too many dotted names): " + shown);
        }
        String name = parts.get(parts.size() - 1);
        List<Integer> spaces = new ArrayList<>();
        if (parts.size() >= 2) {
            String schema = parts.get(parts.size() - 2);
            int ns = ctx.cache().namespaceOid(schema);
            if (ns == 0) {
                throw Ereport.error(SqlState.INVALID_SCHEMA_NAME, "schema \"" + schema + "\" does not exist");
            }
            spaces.add(ns);
        } else {
            spaces.addAll(ctx.activeSearchPath());
        }
        for (int ns : spaces) {
            List<CatalogRow> rows = ctx.cache().find(SystemCatalogs.PG_CLASS, "relname", name, "relnamespace", (long) ns);
            if (!rows.isEmpty()) {
                return rows.get(0).oid("oid");
            }
        }
        throw Ereport.error(SqlState.UNDEFINED_TABLE, "relation \"" + shown + "\" does not exist");
    }

    /** SplitIdentifierString on '.': "a"."B".c → [a, B, c]; 42602 invalid name syntax. */
    static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (true) {
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            StringBuilder part = new StringBuilder();
            if (i < n && text.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= n) {
                        throw invalid();
                    }
                    char c = text.charAt(i++);
                    if (c == '"') {
                        if (i < n && text.charAt(i) == '"') {
                            part.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        part.append(c);
                    }
                }
            } else {
                while (i < n && text.charAt(i) != '.' && !Character.isWhitespace(text.charAt(i))) {
                    part.append(text.charAt(i++));
                }
                if (part.length() == 0) {
                    throw invalid();
                }
                String folded = part.toString().toLowerCase(Locale.ROOT);
                part.setLength(0);
                part.append(folded);
            }
            out.add(part.toString());
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i >= n) {
                return out;
            }
            if (text.charAt(i) != '.') {
                throw invalid();
            }
            i++;
        }
    }

    private static RuntimeException invalid() {
        return Ereport.error(INVALID_NAME, "invalid name syntax");
    }
}
