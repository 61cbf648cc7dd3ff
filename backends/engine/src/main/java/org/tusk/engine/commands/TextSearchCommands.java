package org.tusk.engine.commands;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tusk.api.error.SqlState;
import org.tusk.engine.catalog.CatalogAccess.CatalogTuple;
import org.tusk.engine.catalog.SystemCatalogs;
import org.tusk.engine.catalog.SystemCatalogs.Catalog;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.nodes.AConst;
import org.tusk.engine.nodes.AnyName;
import org.tusk.engine.nodes.DefElem;
import org.tusk.engine.nodes.DefineStmt;
import org.tusk.engine.nodes.ObjectType;
import org.tusk.engine.nodes.RawNode;
import org.tusk.engine.nodes.TypeName;

/**
 * CREATE TEXT SEARCH DICTIONARY / CONFIGURATION (tsearchcmds.c DefineTSDictionary, DefineTSConfiguration):
 * pg_ts_dict and pg_ts_config rows. A dictionary names its template (TEMPLATE = name) and keeps its other
 * options as dictinitoption text ({@code name = 'value', ...}, serialize_deflist); a configuration takes its
 * parser from PARSER = name or from the configuration named by COPY = name. Tusk has no text search, so the
 * template's init method does not check the options and pg_ts_config_map holds no token mappings; the rows
 * exist for the catalogs, COMMENT and DROP. Parsers and templates (superuser-only C objects) are not created.
 */
public final class TextSearchCommands {

    public static final int PG_TS_DICT = 3600;
    public static final int PG_TS_PARSER = 3601;
    public static final int PG_TS_CONFIG = 3602;
    public static final int PG_TS_TEMPLATE = 3764;

    private TextSearchCommands() {
    }

    public static boolean handles(Object stmt) {
        return stmt instanceof DefineStmt d && (d.kind() == ObjectType.TSDICTIONARY
                || d.kind() == ObjectType.TSCONFIGURATION || d.kind() == ObjectType.TSPARSER
                || d.kind() == ObjectType.TSTEMPLATE);
    }

    public static String execute(DdlContext ctx, DefineStmt stmt) {
        switch (stmt.kind()) {
            case TSDICTIONARY -> defineDictionary(ctx, stmt);
            case TSCONFIGURATION -> defineConfiguration(ctx, stmt);
            default -> throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, stmt.commandName()
                    + " is not supported yet");
        }
        ctx.commandCounterIncrement();
        return stmt.commandName();
    }

    private static void defineDictionary(DdlContext ctx, DefineStmt stmt) {
        List<String> names = stmt.defnames();
        String name = names.get(names.size() - 1);
        int ns = CatalogNames.creationNamespace(ctx, names);
        long template = 0;
        StringBuilder options = new StringBuilder();
        for (DefElem d : stmt.definition()) {
            if (d.defname().equals("template")) {
                template = lookup(ctx, PG_TS_TEMPLATE, "tmplname", "tmplnamespace", qualifiedName(d.arg()),
                        "text search template");
            } else {
                options.append(options.length() == 0 ? "" : ", ").append(d.defname()).append(" = ")
                        .append(quote(text(d.arg())));
            }
        }
        if (template == 0) {
            throw Ereport.error("42P17", "text search template is required");
        }
        checkUnique(ctx, PG_TS_DICT, "dictname", "dictnamespace", name, ns, "pg_ts_dict_dictname_index",
                "dictname, dictnamespace");
        long oid = ctx.newOid();
        Map<String, Object> row = new HashMap<>();
        row.put("oid", oid);
        row.put("dictname", name);
        row.put("dictnamespace", (long) ns);
        row.put("dictowner", 10L);
        row.put("dicttemplate", template);
        row.put("dictinitoption", options.length() == 0 ? null : options.toString());
        ctx.insert(PG_TS_DICT, row);
        CreateTable.recordDependency(ctx, PG_TS_DICT, oid, 0, SystemCatalogs.PG_NAMESPACE, ns, 0, "n");
        CreateTable.recordDependency(ctx, PG_TS_DICT, oid, 0, PG_TS_TEMPLATE, template, 0, "n");
    }

    private static void defineConfiguration(DdlContext ctx, DefineStmt stmt) {
        List<String> names = stmt.defnames();
        String name = names.get(names.size() - 1);
        int ns = CatalogNames.creationNamespace(ctx, names);
        long parser = 0;
        long source = 0;
        for (DefElem d : stmt.definition()) {
            if (d.defname().equals("parser")) {
                parser = lookup(ctx, PG_TS_PARSER, "prsname", "prsnamespace", qualifiedName(d.arg()),
                        "text search parser");
            } else if (d.defname().equals("copy")) {
                source = lookup(ctx, PG_TS_CONFIG, "cfgname", "cfgnamespace", qualifiedName(d.arg()),
                        "text search configuration");
            } else {
                throw Ereport.error(SqlState.SYNTAX_ERROR, "text search configuration parameter \"" + d.defname()
                        + "\" not recognized");
            }
        }
        if (parser != 0 && source != 0) {
            throw Ereport.error(SqlState.SYNTAX_ERROR, "cannot specify both PARSER and COPY options");
        }
        if (source != 0) {
            Catalog cfg = SystemCatalogs.require(PG_TS_CONFIG);
            for (CatalogTuple t : ctx.rowsWhere(PG_TS_CONFIG, "oid", source)) {
                parser = ((Number) t.get(cfg, "cfgparser")).longValue();
            }
        }
        if (parser == 0) {
            throw Ereport.error("42P17", "text search parser is required");
        }
        checkUnique(ctx, PG_TS_CONFIG, "cfgname", "cfgnamespace", name, ns, "pg_ts_config_cfgname_index",
                "cfgname, cfgnamespace");
        long oid = ctx.newOid();
        Map<String, Object> row = new HashMap<>();
        row.put("oid", oid);
        row.put("cfgname", name);
        row.put("cfgnamespace", (long) ns);
        row.put("cfgowner", 10L);
        row.put("cfgparser", parser);
        ctx.insert(PG_TS_CONFIG, row);
        CreateTable.recordDependency(ctx, PG_TS_CONFIG, oid, 0, SystemCatalogs.PG_NAMESPACE, ns, 0, "n");
        CreateTable.recordDependency(ctx, PG_TS_CONFIG, oid, 0, PG_TS_PARSER, parser, 0, "n");
    }

    /** get_ts_*_oid: the object's OID in the search path or its schema; 42704 when there is none. */
    private static long lookup(DdlContext ctx, int catalog, String nameColumn, String nsColumn, List<String> names,
            String word) {
        String name = names.get(names.size() - 1);
        List<Integer> namespaces = CatalogNames.searchNamespaces(ctx, names);
        Catalog c = SystemCatalogs.require(catalog);
        int nameCol = c.columnIndex(nameColumn);
        int nsCol = c.columnIndex(nsColumn);
        long best = 0;
        int bestRank = Integer.MAX_VALUE;
        for (CatalogTuple t : ctx.rows(catalog, r -> name.equals(r[nameCol])
                && namespaces.contains(((Number) r[nsCol]).intValue()))) {
            int rank = namespaces.indexOf(((Number) t.get(c, nsColumn)).intValue());
            if (rank < bestRank) {
                best = ((Number) t.get(c, "oid")).longValue();
                bestRank = rank;
            }
        }
        if (best == 0) {
            throw Ereport.error(SqlState.UNDEFINED_OBJECT, word + " \"" + String.join(".", names)
                    + "\" does not exist");
        }
        return best;
    }

    /** The catalog's unique name index, as the heap insert would find it violated. */
    private static void checkUnique(DdlContext ctx, int catalog, String nameColumn, String nsColumn, String name,
            int ns, String index, String columns) {
        Catalog c = SystemCatalogs.require(catalog);
        int nameCol = c.columnIndex(nameColumn);
        int nsCol = c.columnIndex(nsColumn);
        if (!ctx.rows(catalog, r -> name.equals(r[nameCol]) && ((Number) r[nsCol]).intValue() == ns).isEmpty()) {
            throw Ereport.error(SqlState.UNIQUE_VIOLATION, "duplicate key value violates unique constraint \""
                    + index + "\"").withDetail("Key (" + columns + ")=(" + name + ", " + ns + ") already exists.");
        }
    }

    /** defGetQualifiedName: a name given as an identifier, a qualified name or a string. */
    static List<String> qualifiedName(RawNode arg) {
        if (arg instanceof TypeName tn) {
            return tn.names();
        }
        if (arg instanceof AnyName an) {
            return an.names();
        }
        if (arg instanceof AConst c && c.val() != null) {
            return List.of(c.val());
        }
        throw Ereport.error(SqlState.SYNTAX_ERROR, "argument of a text search option must be a name");
    }

    /** defGetString. */
    private static String text(RawNode arg) {
        if (arg instanceof AConst c) {
            return String.valueOf(c.val());
        }
        return String.join(".", qualifiedName(arg));
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
