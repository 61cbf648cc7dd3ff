package org.tusk.engine.func.sysinfo;

import java.math.BigDecimal;
import java.util.function.BiConsumer;

import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.expr.FunctionBody;
import org.tusk.engine.types.ArrayValue;
import org.tusk.engine.types.PgType;

/**
 * The system information functions that read the catalogs, bound into the
 * FunctionRegistry: by pg_proc.prosrc for internal functions, by OID for
 * the SQL-language ones (obj_description, col_description,
 * pg_relation_size(regclass)...). Argument values follow the engine's
 * representation: oid/regclass Long, int4 Integer, text/name String.
 */
public final class SysInfoFunctions {
    private SysInfoFunctions() {}

    /** Binds every function; {@code byProsrc} and {@code byOid} are the registry's binders. */
    public static void register(BiConsumer<String, FunctionBody> byProsrc, BiConsumer<Integer, FunctionBody> byOid) {
        // format_type is not strict: a NULL type gives NULL, a NULL typmod means "no typmod given"
        byProsrc.accept("format_type", (a, c) -> a[0] == null ? null
                : new TypeFormatter(ctx(c)).format(oid(a[0]), a[1] == null ? -1 : (Integer) a[1], a[1] != null));

        byProsrc.accept("pg_get_expr", (a, c) -> ObjectDefinitions.expression((String) a[0], false));
        byProsrc.accept("pg_get_expr_ext", (a, c) -> ObjectDefinitions.expression((String) a[0], (Boolean) a[2]));
        byProsrc.accept("pg_get_indexdef", (a, c) -> new ObjectDefinitions(ctx(c)).indexDef(oid(a[0])));
        byProsrc.accept("pg_get_indexdef_ext",
                (a, c) -> new ObjectDefinitions(ctx(c)).indexDef(oid(a[0]), (Integer) a[1], Boolean.TRUE.equals(a[2])));
        byProsrc.accept("pg_get_constraintdef", (a, c) -> new ObjectDefinitions(ctx(c)).constraintDef(oid(a[0])));
        byProsrc.accept("pg_get_constraintdef_ext",
                (a, c) -> new ObjectDefinitions(ctx(c)).constraintDef(oid(a[0])));
        byProsrc.accept("pg_get_ruledef", (a, c) -> new ObjectDefinitions(ctx(c)).ruleDef(oid(a[0]), false));
        byProsrc.accept("pg_get_ruledef_ext", (a, c) -> new ObjectDefinitions(ctx(c)).ruleDef(oid(a[0]),
                Boolean.TRUE.equals(a[1])));
        // is_publishable_class: a permanent user table (psql's \d asks, for its "Publications:" footer)
        byProsrc.accept("pg_relation_is_publishable", (a, c) -> {
            CatalogRow rel = ctx(c).cache().relation(oid(a[0]));
            if (rel == null) {
                return null;
            }
            String kind = rel.str("relkind");
            return ("r".equals(kind) || "p".equals(kind)) && "p".equals(rel.str("relpersistence"))
                    && oid(a[0]) >= 16384;
        });
        // pretty (PRETTYFLAG_PAREN) only when asked: pg_get_viewdef(view, true) and the wrapping form
        byProsrc.accept("pg_get_viewdef", (a, c) -> viewDef(c, oid(a[0]), false));
        byProsrc.accept("pg_get_viewdef_ext", (a, c) -> viewDef(c, oid(a[0]), Boolean.TRUE.equals(a[1])));
        byProsrc.accept("pg_get_viewdef_wrap", (a, c) -> viewDef(c, oid(a[0]), true));
        byProsrc.accept("pg_get_viewdef_name",
                (a, c) -> viewDef(c, new RelationNames(ctx(c)).resolve((String) a[0]), false));
        byProsrc.accept("pg_get_viewdef_name_ext", (a, c) -> viewDef(c, new RelationNames(ctx(c)).resolve((String) a[0]),
                Boolean.TRUE.equals(a[1])));
        byProsrc.accept("pg_get_triggerdef", (a, c) -> new ObjectDefinitions(ctx(c)).triggerDef(oid(a[0]), false));
        byProsrc.accept("pg_get_triggerdef_ext",
                (a, c) -> new ObjectDefinitions(ctx(c)).triggerDef(oid(a[0]), Boolean.TRUE.equals(a[1])));
        byProsrc.accept("pg_get_userbyid", (a, c) -> {
            // the session's role store first: CREATE ROLE writes there, pg_authid holds the bootstrap superuser
            if (c.session() instanceof org.tusk.engine.acl.PrivilegeSession ps && ps.roleStore() != null) {
                org.tusk.api.auth.RoleRecord r = ps.roleStore().byOid((Long) a[0]);
                if (r != null) {
                    return r.name();
                }
            }
            String predefined = org.tusk.engine.acl.PredefinedRoles.name((Long) a[0]);
            if (predefined != null) {
                return predefined;      // pg_database_owner owns schema public
            }
            return new ObjectDefinitions(ctx(c)).userById((Long) a[0]);
        });
        byProsrc.accept("pg_get_serial_sequence", SysInfoFunctions::serialSequence);
        byProsrc.accept("pg_get_function_arguments", (a, c) -> new FunctionSignatures(ctx(c)).arguments(oid(a[0])));
        byProsrc.accept("pg_get_function_identity_arguments",
                (a, c) -> new FunctionSignatures(ctx(c)).identityArguments(oid(a[0])));
        byProsrc.accept("pg_get_function_result", (a, c) -> new FunctionSignatures(ctx(c)).result(oid(a[0])));
        // partitioning, extended statistics and triggers do not exist in Tusk yet: nothing to show
        byProsrc.accept("pg_get_partkeydef", (a, c) -> new ObjectDefinitions(ctx(c)).partitionKeyDef(oid(a[0])));
        byProsrc.accept("pg_get_partition_constraintdef",
                (a, c) -> new PartitionConstraints(ctx(c)).constraintDef(oid(a[0])));
        byProsrc.accept("pg_partition_root", (a, c) -> new PartitionConstraints(ctx(c)).root(oid(a[0])));
        byProsrc.accept("pg_describe_object", (a, c) -> a[0] == null || a[1] == null || a[2] == null ? null
                : new ObjectDescriptions(ctx(c)).describe(oid(a[0]), oid(a[1]), (Integer) a[2]));
        byProsrc.accept("pg_get_statisticsobjdef_columns", (a, c) -> null);
        byProsrc.accept("pg_tablespace_location", (a, c) -> "");

        // is_publishable_class: a permanent user table (not a catalog, not temporary or unlogged); NULL if none
        byProsrc.accept("pg_relation_is_publishable", (a, c) -> {
            CatalogRow rel = ctx(c).cache().relation(oid(a[0]));
            if (rel == null) {
                return null;
            }
            char kind = rel.ch("relkind");
            return (kind == 'r' || kind == 'p') && "p".equals(rel.str("relpersistence"))
                    && Integer.toUnsignedLong(oid(a[0])) >= 16384;
        });
        byProsrc.accept("pg_table_is_visible", (a, c) -> new Visibility(ctx(c)).relationIsVisible(oid(a[0])));
        byProsrc.accept("pg_type_is_visible", (a, c) -> new Visibility(ctx(c)).typeIsVisible(oid(a[0])));
        byProsrc.accept("pg_function_is_visible", (a, c) -> new Visibility(ctx(c)).functionIsVisible(oid(a[0])));
        byProsrc.accept("pg_operator_is_visible", (a, c) -> new Visibility(ctx(c)).operatorIsVisible(oid(a[0])));
        byProsrc.accept("pg_conversion_is_visible", (a, c) -> new Visibility(ctx(c)).conversionIsVisible(oid(a[0])));
        // Tusk keeps no SQL-standard function bodies (prosqlbody): psql's \df+ then shows prosrc
        byProsrc.accept("pg_get_function_sqlbody", (a, c) -> null);
        byProsrc.accept("current_schema", (a, c) -> {
            SysInfoContext x = SysInfoContext.ofOrNull(c);
            if (x != null) {
                return new Visibility(x).currentSchema();
            }
            String[] path = Visibility.withoutCatalogs(c, false);
            return path.length == 0 ? null : path[0];
        });
        byProsrc.accept("current_schemas", (a, c) -> {
            SysInfoContext x = SysInfoContext.ofOrNull(c);
            String[] names = x != null ? new Visibility(x).currentSchemas((Boolean) a[0])
                    : Visibility.withoutCatalogs(c, (Boolean) a[0]);
            return ArrayValue.of(PgType.NAME, (Object[]) names);
        });
        // the session's own temporary schema (0 until it creates a temporary object); another one is any
        // pg_temp_N / pg_toast_temp_N that is not this session's (isOtherTempNamespace)
        byProsrc.accept("pg_my_temp_schema", (a, c) -> {
            SysInfoContext x = SysInfoContext.ofOrNull(c);
            return x == null ? 0L : (long) x.tempNamespace();
        });
        byProsrc.accept("pg_is_other_temp_schema", (a, c) -> {
            SysInfoContext x = SysInfoContext.ofOrNull(c);
            if (x == null) {
                return false;
            }
            int ns = oid(a[0]);
            if (ns == x.tempNamespace()) {
                return false;
            }
            String name = x.cache().namespaceName(ns);
            return name != null && (name.startsWith("pg_temp_") || name.startsWith("pg_toast_temp_"))
                    && !(c.session() instanceof org.tusk.engine.storage.StorageSession s
                            && name.equals("pg_toast_temp_" + s.relcache().backendId()));
        });

        byOid.accept(1215, (a, c) -> new Descriptions(ctx(c)).object((Long) a[0], (String) a[1]));
        byOid.accept(1348, (a, c) -> new Descriptions(ctx(c)).object((Long) a[0]));
        byOid.accept(1216, (a, c) -> new Descriptions(ctx(c)).column((Long) a[0], (Integer) a[1]));
        byOid.accept(1993, (a, c) -> new Descriptions(ctx(c)).shared((Long) a[0], (String) a[1]));

        byProsrc.accept("PG_encoding_to_char", (a, c) -> Encodings.name((Integer) a[0]));
        byProsrc.accept("PG_char_to_encoding", (a, c) -> Encodings.id((String) a[0]));

        byOid.accept(2325, (a, c) -> new RelationSizes(ctx(c)).relationSize(oid(a[0]), "main"));
        byProsrc.accept("pg_relation_size", (a, c) -> new RelationSizes(ctx(c)).relationSize(oid(a[0]), (String) a[1]));
        byProsrc.accept("pg_relation_filenode", (a, c) -> new RelationSizes(ctx(c)).relationFilenode(oid(a[0])));
        byProsrc.accept("pg_filenode_relation", (a, c) -> new RelationSizes(ctx(c)).filenodeRelation(oid(a[0]),
                oid(a[1])));
        byProsrc.accept("pg_table_size", (a, c) -> new RelationSizes(ctx(c)).tableSize(oid(a[0])));
        byProsrc.accept("pg_indexes_size", (a, c) -> new RelationSizes(ctx(c)).indexesSize(oid(a[0])));
        byProsrc.accept("pg_total_relation_size", (a, c) -> new RelationSizes(ctx(c)).totalRelationSize(oid(a[0])));
        byProsrc.accept("pg_column_size", (a, c) -> org.tusk.engine.access.ColumnSize.of(a[0]));
        byProsrc.accept("pg_size_pretty", (a, c) -> RelationSizes.sizePretty((Long) a[0]));
        byProsrc.accept("pg_size_pretty_numeric", (a, c) -> a[0] instanceof BigDecimal d
                ? RelationSizes.sizePretty(d) : null);
    }

    /** pg_partition_ancestors (set-returning): the relation and its ancestors, as regclass OIDs. */
    public static java.util.List<Object> partitionAncestors(Object[] a, EvalContext c) {
        return new PartitionConstraints(ctx(c)).ancestors(oid(a[0]));
    }

    /** pg_partition_tree (set-returning, four columns): see {@link PartitionConstraints#tree}. */
    public static java.util.List<Object[]> partitionTree(Object relOid, EvalContext c) {
        return new PartitionConstraints(ctx(c)).tree(oid(relOid));
    }

    private static SysInfoContext ctx(EvalContext c) {
        return SysInfoContext.of(c);
    }

    private static int oid(Object v) {
        return ((Number) v).intValue();
    }

    /** pg_get_serial_sequence(table, column): the sequence a serial or identity column owns. */
    private static Object serialSequence(Object[] a, EvalContext c) {
        SysInfoContext x = ctx(c);
        int rel = new RelationNames(x).resolve((String) a[0]);
        String column = (String) a[1];
        CatalogRow att = x.cache().attribute(rel, column);
        if (att == null || att.oid("attnum") <= 0) {
            throw Ereport.error(SqlState.UNDEFINED_COLUMN, "column \"" + column + "\" of relation \""
                    + x.cache().relation(rel).str("relname") + "\" does not exist");
        }
        return new ObjectDefinitions(x).ownedSequence(rel, att.oid("attnum"));
    }

    /** pg_get_viewdef's text: the stored (pretty) query, or without pretty the query printed again fully parenthesized. */
    private static String viewDef(org.tusk.engine.expr.EvalContext c, int viewOid, boolean pretty) {
        String stored = new ObjectDefinitions(ctx(c)).viewDef(viewOid);
        if (pretty || stored == null) {
            return stored;
        }
        String plain = c.session().unprettyViewDefinition(viewOid, stored);
        return plain != null ? plain : stored;
    }
}
