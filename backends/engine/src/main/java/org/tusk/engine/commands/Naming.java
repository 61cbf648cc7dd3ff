package org.tusk.engine.commands;

import java.util.List;

import org.tusk.api.error.PgException;
import org.tusk.api.error.Severity;
import org.tusk.api.error.SqlState;
import org.tusk.engine.catalog.SystemCatalogs;
import org.tusk.engine.catalog.SystemCatalogs.Catalog;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.nodes.RangeVar;

/**
 * Names of new relations and constraints (namespace.c's
 * RangeVarGetCreationNamespace and indexcmds.c's ChooseRelationName).
 */
final class Naming {

    /** NAMEDATALEN - 1. */
    static final int MAX_IDENTIFIER = 63;

    private Naming() {
    }

    /** The schema a new object named by {@code rv} goes into: its own, else the first existing one of search_path. */
    static int creationNamespace(DdlContext ctx, String schema, int location) {
        if (schema != null) {
            Integer ns = ctx.relcache().namespaceOid(schema);
            if (ns == null) {
                throw Ereport.error(SqlState.INVALID_SCHEMA_NAME, "schema \"" + schema + "\" does not exist", location);
            }
            return ns;
        }
        for (String s : ctx.searchPath()) {
            Integer ns = ctx.relcache().namespaceOid(s);
            if (ns != null && !s.equals("pg_catalog")) {
                return ns;
            }
        }
        throw Ereport.error(SqlState.INVALID_SCHEMA_NAME, "no schema has been selected to create in", location);
    }

    /**
     * RangeVarGetCreationNamespace + RangeVarAdjustRelationPersistence: a TEMP
     * relation goes into the session's temporary schema (created on first use),
     * as does one named {@code pg_temp.x}; a TEMP relation in another schema is
     * 42P16.
     */
    static int creationNamespace(DdlContext ctx, RangeVar rv) {
        String schema = rv.schemaname();
        if (rv.relpersistence() == 't') {
            if (schema != null && !schema.equals("pg_temp")) {
                Integer ns = ctx.relcache().namespaceOid(schema);
                if (ns == null || ns != ctx.relcache().tempNamespace()) {
                    throw Ereport.error(DdlStates.INVALID_TABLE_DEFINITION,
                            "cannot create temporary relation in non-temporary schema", rv.location());
                }
            }
            return TempNamespaces.ensure(ctx);
        }
        if ("pg_temp".equals(schema)) {
            if (rv.relpersistence() == 'u') {
                throw Ereport.error(DdlStates.INVALID_TABLE_DEFINITION,
                        "only temporary relations may be created in temporary schemas", rv.location());
            }
            return TempNamespaces.ensure(ctx);
        }
        int ns = creationNamespace(ctx, schema, rv.location());
        if (ns != 0 && ns == ctx.relcache().tempNamespace() && rv.relpersistence() == 'u') {
            throw Ereport.error(DdlStates.INVALID_TABLE_DEFINITION,
                    "only temporary relations may be created in temporary schemas", rv.location());
        }
        return ns;
    }

    /** The relpersistence a new relation in schema {@code ns} gets: 't' in the temporary schema. */
    static String persistence(DdlContext ctx, RangeVar rv, int ns) {
        if (ns == ctx.relcache().tempNamespace() && ns != 0) {
            return "t";
        }
        return String.valueOf(rv.relpersistence());
    }

    /** The OID of relation {@code name} in schema {@code ns}, or null. */
    static Integer relationIn(DdlContext ctx, String name, int ns) {
        Catalog pgClass = SystemCatalogs.require(SystemCatalogs.PG_CLASS);
        int nameCol = pgClass.columnIndex("relname");
        int nsCol = pgClass.columnIndex("relnamespace");
        long nsOid = ns;
        List<org.tusk.engine.catalog.CatalogAccess.CatalogTuple> hits = ctx.rows(SystemCatalogs.PG_CLASS,
                r -> name.equals(r[nameCol]) && nsOid == (Long) r[nsCol]);
        return hits.isEmpty() ? null : ((Long) hits.get(0).get(pgClass, "oid")).intValue();
    }

    /** Whether a type named {@code name} exists in schema {@code ns} (a new table's rowtype must not clash). */
    static boolean typeExists(DdlContext ctx, String name, int ns) {
        Catalog pgType = SystemCatalogs.require(SystemCatalogs.PG_TYPE);
        int nameCol = pgType.columnIndex("typname");
        int nsCol = pgType.columnIndex("typnamespace");
        long nsOid = ns;
        return !ctx.rows(SystemCatalogs.PG_TYPE, r -> name.equals(r[nameCol]) && nsOid == (Long) r[nsCol]).isEmpty();
    }

    /**
     * ChooseRelationName: {@code name1_name2_label}, shortened to fit, with a
     * number appended until no relation of that name exists in the schema.
     */
    static String chooseRelationName(DdlContext ctx, String name1, String name2, String label, int ns,
            java.util.Set<String> alsoTaken) {
        String base = makeObjectName(name1, name2, label);
        String candidate = base;
        for (int pass = 1; ; pass++) {
            if (relationIn(ctx, candidate, ns) == null && !alsoTaken.contains(candidate)) {
                return candidate;
            }
            candidate = makeObjectName(name1, name2, label + pass);
        }
    }

    /** makeObjectName: the parts joined with '_', the longer of name1/name2 truncated to fit 63 bytes. */
    static String makeObjectName(String name1, String name2, String label) {
        String n1 = name1;
        String n2 = name2;
        int overhead = (label == null ? 0 : label.length() + 1) + (n2 == null ? 0 : 1);
        while (n1.length() + (n2 == null ? 0 : n2.length()) + overhead > MAX_IDENTIFIER) {
            if (n2 != null && n2.length() > n1.length()) {
                n2 = n2.substring(0, n2.length() - 1);
            } else {
                n1 = n1.substring(0, n1.length() - 1);
            }
        }
        StringBuilder sb = new StringBuilder(n1);
        if (n2 != null) {
            sb.append('_').append(n2);
        }
        if (label != null) {
            sb.append('_').append(label);
        }
        return sb.toString();
    }

    static PgException alreadyExists(String kind, String name, int location) {
        return Ereport.error(DdlStates.DUPLICATE_TABLE, kind + " \"" + name + "\" already exists", location);
    }

    static PgException skippingNotice(String sqlState, String message) {
        return new PgException(Severity.NOTICE, sqlState, message, null, null, 0, null);
    }
}
