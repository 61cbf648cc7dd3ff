package org.tusk.engine.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.tusk.api.error.PgException;
import org.tusk.api.error.Severity;
import org.tusk.api.error.SqlState;
import org.tusk.engine.catalog.CatalogAccess.CatalogTuple;
import org.tusk.engine.catalog.SystemCatalogs;
import org.tusk.engine.catalog.SystemCatalogs.Catalog;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.nodes.AnyName;
import org.tusk.engine.nodes.DropStmt;
import org.tusk.engine.nodes.ObjectType;
import org.tusk.engine.nodes.ObjectWithArgs;
import org.tusk.engine.nodes.RawNode;
import org.tusk.engine.nodes.TypeName;
import org.tusk.engine.types.PgType;

/**
 * DROP of the object kinds Tusk cannot create yet (collations, conversions, statistics objects,
 * text search objects, extensions, languages, access methods, operator classes and families,
 * operators, foreign-data wrappers, servers, event triggers, publications, policies): the name is
 * looked up in its system catalog as RemoveObjects does, so a missing object gives PostgreSQL's
 * error, or with IF EXISTS its "does not exist, skipping" NOTICE (dropcmds.c's
 * does_not_exist_skipping, including a missing schema or argument type). The only rows these
 * catalogs hold are the built-in ones, which the database system requires (2BP01, as
 * findDependentObjects says for pinned objects); anything else found is 0A000.
 */
public final class DropCatalogObjects {

    /** Where a kind's objects live: catalog, name column, namespace column (null: not schema-qualified). */
    private record Kind(int catalog, String nameColumn, String namespaceColumn, String word) {
    }

    private static final Map<ObjectType, Kind> KINDS = Map.ofEntries(
            Map.entry(ObjectType.COLLATION, new Kind(3456, "collname", "collnamespace", "collation")),
            Map.entry(ObjectType.CONVERSION, new Kind(2607, "conname", "connamespace", "conversion")),
            Map.entry(ObjectType.STATISTIC_EXT, new Kind(3381, "stxname", "stxnamespace", "statistics object")),
            Map.entry(ObjectType.TSPARSER, new Kind(3601, "prsname", "prsnamespace", "text search parser")),
            Map.entry(ObjectType.TSDICTIONARY, new Kind(3600, "dictname", "dictnamespace", "text search dictionary")),
            Map.entry(ObjectType.TSTEMPLATE, new Kind(3764, "tmplname", "tmplnamespace", "text search template")),
            Map.entry(ObjectType.TSCONFIGURATION, new Kind(3602, "cfgname", "cfgnamespace",
                    "text search configuration")),
            Map.entry(ObjectType.EXTENSION, new Kind(3079, "extname", null, "extension")),
            Map.entry(ObjectType.LANGUAGE, new Kind(2612, "lanname", null, "language")),
            Map.entry(ObjectType.ACCESS_METHOD, new Kind(2601, "amname", null, "access method")),
            Map.entry(ObjectType.FDW, new Kind(2328, "fdwname", null, "foreign-data wrapper")),
            Map.entry(ObjectType.FOREIGN_SERVER, new Kind(1417, "srvname", null, "server")),
            Map.entry(ObjectType.EVENT_TRIGGER, new Kind(3466, "evtname", null, "event trigger")),
            Map.entry(ObjectType.PUBLICATION, new Kind(6104, "pubname", null, "publication")),
            Map.entry(ObjectType.OPCLASS, new Kind(2616, "opcname", "opcnamespace", "operator class")),
            Map.entry(ObjectType.OPFAMILY, new Kind(2753, "opfname", "opfnamespace", "operator family")));

    private static final int PG_OPERATOR = 2617;
    private static final int PG_POLICY = 3256;
    private static final int FIRST_NORMAL_OBJECT_ID = 16384;

    private DropCatalogObjects() {
    }

    /** Whether this DROP is one of the kinds handled here. */
    public static boolean handles(DropStmt stmt) {
        return KINDS.containsKey(stmt.removeType()) || stmt.removeType() == ObjectType.OPERATOR
                || stmt.removeType() == ObjectType.POLICY;
    }

    public static String execute(DdlContext ctx, DropStmt stmt) {
        for (RawNode object : stmt.objects()) {
            if (stmt.removeType() == ObjectType.OPERATOR) {
                operator(ctx, (ObjectWithArgs) object, stmt.missingOk(),
                        stmt.behavior() == org.tusk.engine.nodes.DropBehavior.CASCADE);
            } else if (stmt.removeType() == ObjectType.POLICY) {
                policy(ctx, (AnyName) object, stmt.missingOk());
            } else {
                named(ctx, KINDS.get(stmt.removeType()), stmt.removeType(), (AnyName) object, stmt.missingOk(),
                        stmt.behavior() == org.tusk.engine.nodes.DropBehavior.CASCADE);
            }
        }
        return stmt.commandName();
    }

    private static void named(DdlContext ctx, Kind kind, ObjectType type, AnyName object, boolean missingOk,
            boolean cascade) {
        List<String> names = new ArrayList<>(object.names());
        Long amOid = null;
        String amName = null;
        if (type == ObjectType.OPCLASS || type == ObjectType.OPFAMILY) {
            amName = names.remove(0);
            amOid = accessMethod(ctx, amName);
        }
        String name = names.get(names.size() - 1);
        List<Integer> namespaces = kind.namespaceColumn() == null ? List.of() : namespaces(ctx, names, missingOk);
        if (namespaces == null) {
            return;
        }
        Catalog catalog = SystemCatalogs.require(kind.catalog());
        int nameCol = catalog.columnIndex(kind.nameColumn());
        int nsCol = kind.namespaceColumn() == null ? -1 : catalog.columnIndex(kind.namespaceColumn());
        int amCol = amOid == null ? -1 : catalog.columnIndex(type == ObjectType.OPCLASS ? "opcmethod" : "opfmethod");
        Long am = amOid;
        List<CatalogTuple> hits = ctx.rows(kind.catalog(), r -> name.equals(String.valueOf(r[nameCol]))
                && (nsCol < 0 || namespaces.contains(((Number) r[nsCol]).intValue()))
                && (am == null || am == ((Number) r[amCol]).longValue()));
        String shown = String.join(".", names);
        String forAm = amName == null ? "" : " for access method \"" + amName + "\"";
        if (hits.isEmpty()) {
            if (missingOk) {
                ctx.notice(skipping(kind.word() + " \"" + shown + "\" does not exist" + forAm));
                return;
            }
            String message = type == ObjectType.COLLATION
                    ? "collation \"" + shown + "\" for encoding \"UTF8\" does not exist"
                    : kind.word() + " \"" + shown + "\" does not exist" + forAm;
            throw Ereport.error(SqlState.UNDEFINED_OBJECT, message);
        }
        long oid = ((Number) hits.get(0).values()[catalog.columnIndex("oid")]).longValue();
        if (oid >= FIRST_NORMAL_OBJECT_ID && (type == ObjectType.OPCLASS || type == ObjectType.OPFAMILY
                || type == ObjectType.CONVERSION || type == ObjectType.TSDICTIONARY
                || type == ObjectType.TSCONFIGURATION)) {
            DropObjects.performDeletion(ctx, List.of(new DropObjects.ObjectAddress(kind.catalog(), oid)), cascade);
            ctx.commandCounterIncrement();
            return;
        }
        String description = kind.word() + " " + quote(name) + forAm.replace("\"", "");
        throw cannotDrop(oid, description);
    }

    /** An access method's OID; 42704 even with IF EXISTS (get_am_oid with missing_ok false, as opclasscmds.c). */
    private static long accessMethod(DdlContext ctx, String amName) {
        Catalog pgAm = SystemCatalogs.require(2601);
        int nameCol = pgAm.columnIndex("amname");
        List<CatalogTuple> am = ctx.rows(2601, r -> amName.equals(String.valueOf(r[nameCol])));
        if (am.isEmpty()) {
            throw Ereport.error(SqlState.UNDEFINED_OBJECT, "access method \"" + amName + "\" does not exist");
        }
        return ((Number) am.get(0).values()[pgAm.columnIndex("oid")]).longValue();
    }

    /** The namespaces to search for a possibly qualified name; null when its schema is missing and that was noticed. */
    private static List<Integer> namespaces(DdlContext ctx, List<String> names, boolean missingOk) {
        List<Integer> out = new ArrayList<>();
        if (names.size() > 1) {
            String schema = names.get(names.size() - 2);
            Integer ns = ctx.relcache().namespaceOid(schema);
            if (ns == null) {
                if (missingOk) {
                    ctx.notice(skipping("schema \"" + schema + "\" does not exist"));
                    return null;
                }
                throw Ereport.error(SqlState.INVALID_SCHEMA_NAME, "schema \"" + schema + "\" does not exist");
            }
            out.add(ns);
            return out;
        }
        out.add(SystemCatalogs.PG_CATALOG_NAMESPACE);
        for (String s : ctx.searchPath()) {
            Integer ns = ctx.relcache().namespaceOid(s);
            if (ns != null) {
                out.add(ns);
            }
        }
        return out;
    }

    /** DROP OPERATOR name (left, right): LookupOperWithArgs. */
    private static void operator(DdlContext ctx, ObjectWithArgs op, boolean missingOk, boolean cascade) {
        List<String> names = op.objname();
        List<Integer> namespaces = namespaces(ctx, names, missingOk);
        if (namespaces == null) {
            return;
        }
        long[] types = new long[2];
        for (int i = 0; i < 2; i++) {
            TypeName tn = op.objargs().get(i);
            if (tn == null) {
                continue;
            }
            if (tn.names().size() > 1 && !tn.names().get(0).equals("pg_catalog")
                    && ctx.relcache().namespaceOid(tn.names().get(0)) == null) {
                if (missingOk) {
                    ctx.notice(skipping("schema \"" + tn.names().get(0) + "\" does not exist"));
                    return;
                }
                throw Ereport.error(SqlState.INVALID_SCHEMA_NAME, "schema \"" + tn.names().get(0) + "\" does not exist");
            }
            try {
                types[i] = CreateFunction.typeOid(tn, ctx);
            } catch (PgException e) {
                if (missingOk) {
                    ctx.notice(skipping(e.getMessage()));
                    return;
                }
                throw e;
            }
        }
        String name = names.get(names.size() - 1);
        Catalog pgOperator = SystemCatalogs.require(PG_OPERATOR);
        int nameCol = pgOperator.columnIndex("oprname");
        int nsCol = pgOperator.columnIndex("oprnamespace");
        int leftCol = pgOperator.columnIndex("oprleft");
        int rightCol = pgOperator.columnIndex("oprright");
        List<CatalogTuple> hits = ctx.rows(PG_OPERATOR, r -> name.equals(String.valueOf(r[nameCol]))
                && namespaces.contains(((Number) r[nsCol]).intValue())
                && ((Number) r[leftCol]).longValue() == types[0] && ((Number) r[rightCol]).longValue() == types[1]);
        if (hits.isEmpty()) {
            if (missingOk) {
                ctx.notice(skipping("operator " + String.join(".", names) + " does not exist"));
                return;
            }
            String left = op.objargs().get(0) == null ? "" : typeName(types[0]) + " ";
            throw Ereport.error(SqlState.UNDEFINED_FUNCTION, "operator does not exist: " + left
                    + String.join(".", names) + " " + typeName(types[1]));
        }
        long oid = ((Number) hits.get(0).values()[pgOperator.columnIndex("oid")]).longValue();
        if (oid >= FIRST_NORMAL_OBJECT_ID) {
            DropObjects.performDeletion(ctx, List.of(new DropObjects.ObjectAddress(PG_OPERATOR, oid)), cascade);
            ctx.commandCounterIncrement();
            return;
        }
        throw cannotDrop(oid, "operator " + name + "(" + (op.objargs().get(0) == null ? "NONE" : typeName(types[0]))
                + "," + typeName(types[1]) + ")");
    }

    /** DROP POLICY name ON table: the table must exist (42P01), then the policy. */
    private static void policy(DdlContext ctx, AnyName object, boolean missingOk) {
        List<String> names = object.names();
        String policy = names.get(names.size() - 1);
        List<String> table = names.subList(0, names.size() - 1);
        String relName = table.get(table.size() - 1);
        String schema = table.size() > 1 ? table.get(table.size() - 2) : null;
        if (schema != null && ctx.relcache().namespaceOid(schema) == null) {
            if (missingOk) {
                ctx.notice(skipping("schema \"" + schema + "\" does not exist"));
                return;
            }
            throw Ereport.error(SqlState.INVALID_SCHEMA_NAME, "schema \"" + schema + "\" does not exist");
        }
        Integer rel = ctx.relcache().relationOid(schema, relName, ctx.searchPath());
        String shownRel = String.join(".", table);
        if (rel == null) {
            if (missingOk) {
                ctx.notice(skipping("relation \"" + shownRel + "\" does not exist"));
                return;
            }
            throw Ereport.error(DdlStates.UNDEFINED_TABLE, "relation \"" + shownRel + "\" does not exist");
        }
        Catalog pgPolicy = SystemCatalogs.require(PG_POLICY);
        int nameCol = pgPolicy.columnIndex("polname");
        int relCol = pgPolicy.columnIndex("polrelid");
        List<CatalogTuple> hits = ctx.rows(PG_POLICY, r -> policy.equals(String.valueOf(r[nameCol]))
                && ((Number) r[relCol]).intValue() == rel);
        if (hits.isEmpty()) {
            if (missingOk) {
                ctx.notice(skipping("policy \"" + policy + "\" for relation \"" + shownRel + "\" does not exist"));
                return;
            }
            throw Ereport.error(SqlState.UNDEFINED_OBJECT, "policy \"" + policy + "\" for table \"" + relName
                    + "\" does not exist");
        }
        ctx.relcache().open(rel, org.tusk.lmgr.LockMode.ACCESS_EXCLUSIVE);
        PolicyCommands.drop(ctx, hits.get(0), rel);
    }

    private static PgException cannotDrop(long oid, String description) {
        if (oid < FIRST_NORMAL_OBJECT_ID) {
            return Ereport.error(DdlStates.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop " + description
                    + " because it is required by the database system");
        }
        return Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "dropping " + description + " is not supported yet");
    }

    private static String typeName(long oid) {
        PgType t = PgType.byOid((int) oid);
        return t == null ? Long.toString(oid) : t.displayName();
    }

    /** quote_identifier for an object description: lower-case simple names stay bare. */
    private static String quote(String name) {
        return name.matches("[a-z_][a-z0-9_$]*") ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static PgException skipping(String message) {
        return new PgException(Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION, message + ", skipping", null, null, 0,
                null);
    }
}
