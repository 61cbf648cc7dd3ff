package org.tusk.engine.commands;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import org.tusk.api.error.SqlState;
import org.tusk.engine.catalog.CatalogAccess.CatalogTuple;
import org.tusk.engine.catalog.PartitionCatalog;
import org.tusk.engine.catalog.PartitionCatalog.Bound;
import org.tusk.engine.catalog.PartitionCatalog.PartitionKey;
import org.tusk.engine.catalog.PgInherits;
import org.tusk.engine.catalog.SystemCatalogs;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.nodes.PartitionBoundSpec;
import org.tusk.engine.nodes.PartitionElem;
import org.tusk.engine.nodes.PartitionSpec;
import org.tusk.engine.relcache.AttributeDesc;
import org.tusk.engine.relcache.RelationDesc;

/**
 * Declarative partitioning's DDL (tablecmds.c ComputePartitionAttrs/StorePartitionKey,
 * partbounds.c check_new_partition_bound): the key of a PARTITION BY table in
 * pg_partitioned_table, and a new partition's bound checked against its siblings
 * (empty ranges, overlaps, a second default) and stored in relpartbound.
 * Bound datums are compared as values of the key's type, evaluated through the session.
 */
final class Partitioning {

    static final String INVALID_OBJECT_DEFINITION = "42P17";

    private Partitioning() {
    }

    /** Checks PARTITION BY and writes the pg_partitioned_table row of {@code table} (without expression analysis). */
    static void storeKey(DdlContext ctx, RelationDesc table, PartitionSpec spec) {
        storeKey(ctx, null, table, spec);
    }

    /**
     * Checks PARTITION BY (transformPartitionSpec, ComputePartitionAttrs) and writes the
     * pg_partitioned_table row of {@code table}: key columns by attnum, key expressions as
     * text lines with their type ({@link PartitionCatalog#keyExpressionLine}), the operator
     * classes named when they are not the type's default, explicit collations; the table
     * depends on the user functions its key calls. {@code sql} analyzes key expressions
     * (their type, volatility); without it they are taken as written.
     */
    static void storeKey(DdlContext ctx, SqlRunner sql, RelationDesc table, PartitionSpec spec) {
        String strategy = spec.strategy().toLowerCase(Locale.ROOT);
        char strat = switch (strategy) {
            case "range" -> 'r';
            case "list" -> 'l';
            case "hash" -> 'h';
            default -> throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE,
                    "unrecognized partitioning strategy \"" + strategy + "\"");
        };
        if (strat == 'l' && spec.partParams().size() > 1) {
            throw Ereport.error(INVALID_OBJECT_DEFINITION, "cannot use \"list\" partition strategy with more than one column");
        }
        for (PartitionElem e : spec.partParams()) {
            if (e.expr() != null) {
                ExprKindChecks.check(ctx, e.expr(), ExprKindChecks.Kind.PARTITION_EXPRESSION);
            }
        }
        Object[] attrs = new Object[spec.partParams().size()];
        Object[] classes = new Object[attrs.length];
        Object[] collations = new Object[attrs.length];
        List<String> exprs = new ArrayList<>();
        for (int i = 0; i < attrs.length; i++) {
            PartitionElem e = spec.partParams().get(i);
            String columnName = e.name() != null ? e.name() : simpleColumn(e.expr());
            if (e.name() == null && columnName != null && table.attribute(columnName) == null) {
                columnName = null;                  // "(t)": the table's whole row, an expression
            }
            int typeOid;
            if (columnName != null) {
                if (org.tusk.engine.analyze.SystemColumnRefs.isSystemColumn(columnName)) {
                    throw Ereport.error(INVALID_OBJECT_DEFINITION, "cannot use system column \"" + columnName
                            + "\" in partition key", e.location());
                }
                AttributeDesc a = table.attribute(columnName);
                if (a == null) {
                    throw Ereport.error(SqlState.UNDEFINED_COLUMN, "column \"" + columnName
                            + "\" named in partition key does not exist", e.location());
                }
                attrs[i] = (short) a.attnum();
                typeOid = a.typeOid();
            } else {
                attrs[i] = (short) 0;
                String q = ctx.queryString();
                int at = e.location();
                String text = q.charAt(at) == '(' ? SourceText.parenthesized(q, at) : SourceText.expression(q, at);
                if (text.endsWith(")") && q.charAt(at) == '(') {
                    text = text.substring(0, text.length() - 1).trim();
                }
                typeOid = 0;
                if (sql != null) {
                    org.tusk.engine.expr.Expr x = sql.indexExpression(e.expr(), table, false);
                    org.tusk.engine.types.PgType t = x.type();
                    // a row cast to a named composite, or the whole row, is not the pseudo-type record
                    boolean namedRow = t == org.tusk.engine.types.PgType.RECORD
                            && (e.expr() instanceof org.tusk.engine.nodes.TypeCast
                                    || e.expr() instanceof org.tusk.engine.nodes.ColumnRef);
                    TypeLookup.TypeInfo info = t == null ? null : TypeLookup.byOid(t.oid());
                    if (info != null && info.typtype() == 'p' && !namedRow) {
                        throw Ereport.error(DdlStates.INVALID_TABLE_DEFINITION, "partition key column " + (i + 1)
                                + " has pseudo-type " + info.name());
                    }
                    typeOid = namedRow || t == null ? 0 : t.oid();
                }
                if (ExprKindChecks.containsMutableFunctions(ctx, e.expr(), 0)) {
                    throw Ereport.error(INVALID_OBJECT_DEFINITION,
                            "functions in partition key expression must be marked IMMUTABLE");
                }
                if (org.tusk.engine.analyze.SystemColumnRefs.mentioned(e.expr(),
                        org.tusk.engine.analyze.SystemColumnRefs.ALL_NAMES)) {
                    throw Ereport.error(INVALID_OBJECT_DEFINITION,
                            "partition key expressions cannot contain system column references");
                }
                if (!ExprKindChecks.mentionsColumns(e.expr())) {
                    throw Ereport.error(INVALID_OBJECT_DEFINITION, "cannot use constant expression as partition key");
                }
                exprs.add(PartitionCatalog.keyExpressionLine(text.replace("\n", " "), typeOid));
            }
            collations[i] = collation(e);
            classes[i] = opclass(ctx, e, strat, typeOid);
        }
        Map<String, Object> row = new HashMap<>();
        row.put("partrelid", Integer.toUnsignedLong(table.oid()));
        row.put("partstrat", String.valueOf(strat));
        row.put("partnatts", (short) attrs.length);
        row.put("partdefid", 0L);
        row.put("partattrs", attrs);
        row.put("partclass", classes);
        row.put("partcollation", collations);
        row.put("partexprs", exprs.isEmpty() ? null : String.join("\n", exprs));
        ctx.insert(PartitionCatalog.PG_PARTITIONED_TABLE, row);
        // StorePartitionKey: each key column depends internally on its table (pg_describe_object shows it)
        java.util.Set<Integer> keyColumns = new java.util.TreeSet<>();
        for (int i = 0; i < attrs.length; i++) {
            if ((Short) attrs[i] != 0) {
                keyColumns.add((int) (Short) attrs[i]);
            } else {
                for (AttributeDesc a : table.liveAttributes()) {
                    if (org.tusk.engine.analyze.SystemColumnRefs.mentioned(spec.partParams().get(i).expr(),
                            java.util.Set.of(a.name()))) {
                        keyColumns.add(a.attnum());
                    }
                }
            }
        }
        for (int attnum : keyColumns) {
            CreateTable.recordDependency(ctx, SystemCatalogs.PG_CLASS, table.oid(), attnum,
                    SystemCatalogs.PG_CLASS, table.oid(), 0, "i");
        }
        // and normally on the functions its expressions call
        java.util.Set<Long> functions = new java.util.TreeSet<>();
        for (PartitionElem e : spec.partParams()) {
            userFunctions(ctx, e.expr(), functions);
        }
        for (long fn : functions) {
            CreateTable.recordDependency(ctx, SystemCatalogs.PG_CLASS, table.oid(), 0, 1255, fn, 0, "n");
        }
    }

    /** A key expression that is only a column, "(column)" or "(column COLLATE x)": ComputePartitionAttrs treats it as the column. */
    private static String simpleColumn(org.tusk.engine.nodes.RawNode expr) {
        org.tusk.engine.nodes.RawNode x = expr;
        while (x instanceof org.tusk.engine.nodes.CollateClause c) {
            x = c.arg();
        }
        if (x instanceof org.tusk.engine.nodes.ColumnRef ref && !ref.star() && ref.fields().size() == 1) {
            return ref.fields().get(0);
        }
        return null;
    }

    /** An explicit COLLATE of a key item as pg_collation OID, 0 without one. */
    private static long collation(PartitionElem e) {
        List<String> c = e.collation();
        org.tusk.engine.nodes.RawNode x = e.expr();
        if ((c == null || c.isEmpty()) && x instanceof org.tusk.engine.nodes.CollateClause cc) {
            c = cc.collname();
        }
        if (c == null || c.isEmpty()) {
            return 0L;
        }
        String name = c.get(c.size() - 1);
        return switch (name) {
            case "C" -> 950L;
            case "POSIX" -> 951L;
            case "default" -> 100L;
            case "ucs_basic" -> 12546L;
            default -> 0L;
        };
    }

    /** User-defined functions (OIDs at or above FirstNormalObjectId) a raw expression may call. */
    private static void userFunctions(DdlContext ctx, Object node, java.util.Set<Long> out) {
        if (node == null) {
            return;
        }
        if (node instanceof org.tusk.engine.nodes.FuncCall f) {
            SystemCatalogs.Catalog pgProc = SystemCatalogs.require(1255);
            for (CatalogTuple p : ExprKindChecks.procs(ctx, f.lastName(), f.args().size())) {
                long oid = (Long) p.get(pgProc, "oid");
                if (oid >= org.tusk.engine.types.UserTypes.FIRST_NORMAL_OBJECT_ID) {
                    out.add(oid);
                }
            }
        }
        if (node instanceof java.util.Collection<?> list) {
            for (Object o : list) {
                userFunctions(ctx, o, out);
            }
            return;
        }
        if (!node.getClass().isRecord()) {
            return;
        }
        for (java.lang.reflect.RecordComponent c : node.getClass().getRecordComponents()) {
            Class<?> t = c.getType();
            if (t.isPrimitive() || t == String.class || t.isEnum()) {
                continue;
            }
            try {
                userFunctions(ctx, c.getAccessor().invoke(node), out);
            } catch (ReflectiveOperationException ex) {
                throw new IllegalStateException("cannot read " + c, ex);
            }
        }
    }

    /**
     * The key item's operator class (ComputePartitionAttrs/ResolveOpClass): a named one must exist
     * for the strategy's access method (42704); without one, a built-in type must have a default
     * btree class for list and range keys. Recorded in partclass only when named and not the
     * type's default (pg_get_partkeydef then shows it; hash routing hashes through its support
     * function); 0 otherwise.
     */
    private static long opclass(DdlContext ctx, PartitionElem e, char strat, int typeOid) {
        boolean hash = strat == 'h';
        if (e.opclass() == null || e.opclass().isEmpty()) {
            int base = baseType(typeOid);
            if (!hash && base != 0 && base < org.tusk.engine.types.UserTypes.FIRST_NORMAL_OBJECT_ID
                    && !DefineIndex.hasDefaultBtreeOpclass(base)) {
                TypeLookup.TypeInfo t = TypeLookup.byOid(base);
                throw Ereport.error(SqlState.UNDEFINED_OBJECT, "data type " + (t == null ? String.valueOf(base)
                        : t.name()) + " has no default operator class for access method \"btree\"")
                        .withHint("You must specify a btree operator class or define a default btree operator class"
                                + " for the data type.");
            }
            return 0L;
        }
        String name = e.opclass().get(e.opclass().size() - 1);
        long am = hash ? 405L : 403L;
        SystemCatalogs.Catalog opc = SystemCatalogs.require(2616);
        int nameCol = opc.columnIndex("opcname");
        int amCol = opc.columnIndex("opcmethod");
        List<CatalogTuple> rows = ctx.rows(2616, r -> name.equals(r[nameCol]) && r[amCol] instanceof Long l && l == am);
        if (rows.isEmpty()) {
            throw Ereport.error(SqlState.UNDEFINED_OBJECT, "operator class \"" + name
                    + "\" does not exist for access method \"" + (hash ? "hash" : "btree") + "\"");
        }
        CatalogTuple t = rows.get(0);
        long intype = ((Number) t.get(opc, "opcintype")).longValue();
        boolean isDefault = Boolean.TRUE.equals(t.get(opc, "opcdefault"))
                && (typeOid == 0 || intype == baseType(typeOid) || hash);
        return isDefault ? 0L : (Long) t.get(opc, "oid");
    }

    /** A domain's base type (the type itself otherwise); 0 stays 0. */
    private static int baseType(int typeOid) {
        org.tusk.engine.types.UserTypes.UserType u = typeOid == 0 ? null
                : org.tusk.engine.types.UserTypes.byOid(typeOid);
        if (u != null && u.typtype() == 'd' && u.representation() != null) {
            return u.representation().oid();
        }
        return typeOid;
    }

    /** Whether column {@code a} is a key column of partitioned table {@code table}, or used by a key expression. */
    static boolean isKeyColumn(DdlContext ctx, RelationDesc table, AttributeDesc a) {
        SystemCatalogs.Catalog pt = SystemCatalogs.require(PartitionCatalog.PG_PARTITIONED_TABLE);
        int relCol = pt.columnIndex("partrelid");
        List<CatalogTuple> rows = ctx.rows(PartitionCatalog.PG_PARTITIONED_TABLE,
                r -> ((Long) r[relCol]).intValue() == table.oid());
        if (rows.isEmpty()) {
            return false;
        }
        for (Object attnum : (Object[]) rows.get(0).get(pt, "partattrs")) {
            if (((Number) attnum).intValue() == a.attnum()) {
                return true;
            }
        }
        String exprs = (String) rows.get(0).get(pt, "partexprs");
        if (exprs == null) {
            return false;
        }
        for (String line : exprs.split("\n")) {
            org.tusk.engine.nodes.RawNode raw = ((org.tusk.engine.nodes.SelectStmt) org.tusk.engine.parser.Parser
                    .parse("SELECT " + PartitionCatalog.keyExpressionText(line)).get(0).stmt()).targetList().get(0).val();
            if (org.tusk.engine.analyze.SystemColumnRefs.mentioned(raw, java.util.Set.of(a.name()))) {
                return true;
            }
        }
        return false;
    }

    /** The key of a partitioned table as the catalogs hold it. */
    static PartitionKey key(DdlContext ctx, RelationDesc parent) {
        List<String> names = new ArrayList<>();
        for (AttributeDesc a : parent.attributes()) {
            names.add(a.name());
        }
        return PartitionCatalog.key(ctx.access(), parent.oid(), names);
    }

    /**
     * check_new_partition_bound: the bound's strategy fits the parent's, a range is not
     * empty and overlaps no sibling, a list value is in no sibling, one default at most.
     * Returns relpartbound's text.
     */
    static String checkBound(DdlContext ctx, SqlRunner sql, RelationDesc parent, String name, PartitionBoundSpec spec) {
        PartitionKey key = key(ctx, parent);
        Bound bound = PartitionCatalog.bound(spec, ctx.queryString());
        List<Integer> siblings = PgInherits.children(ctx.access(), parent.oid());
        if (bound.isDefault()) {
            if (key.strategy() == 'h') {
                throw Ereport.error(DdlStates.INVALID_TABLE_DEFINITION,
                        "a hash-partitioned table may not have a default partition");
            }
            if (key.defaultPartition() != 0) {
                String other = CreateTable.classRow(ctx, key.defaultPartition()).get(
                        SystemCatalogs.require(SystemCatalogs.PG_CLASS), "relname").toString();
                throw Ereport.error(INVALID_OBJECT_DEFINITION, "partition \"" + name
                        + "\" conflicts with existing default partition \"" + other + "\"", spec.location());
            }
            return PartitionCatalog.boundText(bound);
        }
        String strategyName = key.strategy() == 'l' ? "list" : key.strategy() == 'r' ? "range" : "hash";
        if (bound.strategy() != key.strategy()) {
            throw Ereport.error(DdlStates.INVALID_TABLE_DEFINITION, "invalid bound specification for a " + strategyName
                    + " partition", spec.location());
        }
        if (bound.strategy() == 'r') {
            if (bound.lower().size() != key.exprs().size() || bound.upper().size() != key.exprs().size()) {
                throw Ereport.error(DdlStates.INVALID_TABLE_DEFINITION, (bound.lower().size() != key.exprs().size()
                        ? "FROM" : "TO") + " must specify exactly one value per partitioning column");
            }
            if (bound.lower().contains("NULL") || bound.upper().contains("NULL")) {
                throw Ereport.error(INVALID_OBJECT_DEFINITION, "cannot specify NULL in range bound");
            }
            for (int s = 0; s < 2; s++) {
                List<String> side = s == 0 ? bound.lower() : bound.upper();
                List<org.tusk.engine.nodes.RawNode> nodes = s == 0 ? spec.lowerdatums() : spec.upperdatums();
                for (int i = 1; i < side.size(); i++) {
                    String prev = side.get(i - 1);
                    if ((prev.equals("MINVALUE") || prev.equals("MAXVALUE")) && !side.get(i).equals(prev)) {
                        // PostgreSQL points at the first datum that breaks the rule
                        int at = nodes != null && i < nodes.size() ? nodes.get(i).location() : -1;
                        throw Ereport.error(SqlState.DATATYPE_MISMATCH, "every bound following " + prev
                                + " must also be " + prev, at);
                    }
                }
            }
        }
        if (sql == null) {
            return PartitionCatalog.boundText(bound);
        }
        List<String> types = keyTypes(ctx, sql, parent, key);
        if (bound.strategy() != 'h') {
            bound = transformValues(ctx, sql, key, types, spec, bound);
        }
        if (bound.strategy() == 'r') {
            Object[] lo = values(sql, bound.lower(), types);
            Object[] hi = values(sql, bound.upper(), types);
            int[] cmp = compareRange(lo, hi);
            if (cmp[0] >= 0) {
                throw Ereport.error(INVALID_OBJECT_DEFINITION, "empty range bound specified for partition \"" + name
                        + "\"", bound.lowerAt().get(0)).withDetail("Specified lower bound ("
                        + String.join(", ", bound.lower()) + ") is greater than or equal to upper bound ("
                        + String.join(", ", bound.upper()) + ").");
            }
            // check_new_partition_bound: a partition containing the new lower bound is the one
            // overlapped (pointing at the lower datum that decided, the first one on equality);
            // else the next partition starting below the new upper bound (pointing at the upper datum)
            int inside = 0;
            int insideAt = -1;
            int next = 0;
            Object[] nextLower = null;
            for (int sib : siblings) {
                Bound other = siblingBound(ctx, sib);
                if (other == null || other.isDefault() || other.strategy() != 'r') {
                    continue;
                }
                Object[] olo = values(sql, other.lower(), types);
                Object[] ohi = values(sql, other.upper(), types);
                if (compareRange(lo, ohi)[0] >= 0 || compareRange(olo, hi)[0] >= 0) {
                    continue;
                }
                int[] loVsOlo = compareRange(lo, olo);
                if (loVsOlo[0] >= 0) {
                    inside = sib;
                    // equal to a bound that also ends another partition: partition_rbound_cmp tells
                    // them apart by inclusivity only, past the last datum
                    insideAt = loVsOlo[0] != 0 ? loVsOlo[1]
                            : endsAPartition(ctx, sql, siblings, types, lo) ? lo.length - 1 : 0;
                    break;
                }
                if (nextLower == null || compareRange(olo, nextLower)[0] < 0) {
                    next = sib;
                    nextLower = olo;
                }
            }
            if (inside != 0) {
                throw Ereport.error(INVALID_OBJECT_DEFINITION, "partition \"" + name + "\" would overlap partition \""
                        + relname(ctx, inside) + "\"", datumLocation(spec.lowerdatums(), insideAt,
                                bound.lowerAt().get(0)));
            }
            if (next != 0) {
                int idx = compareRange(nextLower, hi)[1];
                throw Ereport.error(INVALID_OBJECT_DEFINITION, "partition \"" + name + "\" would overlap partition \""
                        + relname(ctx, next) + "\"", datumLocation(spec.upperdatums(), idx, bound.lowerAt().get(0)));
            }
        } else if (bound.strategy() == 'l') {
            Object[] mine = values(sql, bound.list(), List.of(types.get(0)));
            for (int sib : siblings) {
                Bound other = siblingBound(ctx, sib);
                if (other == null || other.isDefault() || other.strategy() != 'l') {
                    continue;
                }
                Object[] theirs = values(sql, other.list(), List.of(types.get(0)));
                for (int i = 0; i < mine.length; i++) {
                    for (Object t : theirs) {
                        boolean bothNull = mine[i] == null && t == null;
                        if (bothNull || (mine[i] != null && t != null && compare(mine[i], t) == 0)) {
                            throw Ereport.error(INVALID_OBJECT_DEFINITION, "partition \"" + name
                                    + "\" would overlap partition \"" + relname(ctx, sib) + "\"",
                                    bound.listAt().get(i));
                        }
                    }
                }
            }
        } else {
            if (bound.modulus() <= 0) {
                throw Ereport.error(INVALID_OBJECT_DEFINITION, "modulus for hash partition must be an integer value greater than zero");
            }
            if (bound.remainder() < 0 || bound.remainder() >= bound.modulus()) {
                throw Ereport.error(INVALID_OBJECT_DEFINITION, "remainder for hash partition must be less than modulus");
            }
            checkHashBound(ctx, name, bound, siblings, spec.location());
        }
        checkDefaultPartitionContents(ctx, sql, parent, key, bound);
        return PartitionCatalog.boundText(bound);
    }

    /**
     * transformPartitionBound's values: each datum checked as EXPR_KIND_PARTITION_BOUND,
     * coerced to its key column's type and evaluated; the bound's texts become the constants
     * as pg_get_expr prints them (get_const_expr without type labels), duplicates in a list dropped.
     */
    private static Bound transformValues(DdlContext ctx, SqlRunner sql, PartitionKey key, List<String> types,
            PartitionBoundSpec spec, Bound bound) {
        if (bound.strategy() == 'l') {
            List<String> values = new ArrayList<>();
            List<Integer> at = new ArrayList<>();
            for (int i = 0; i < bound.list().size() && i < spec.listdatums().size(); i++) {
                String v = value(ctx, sql, key, types, 0, spec.listdatums().get(i), bound.list().get(i));
                if (!values.contains(v)) {
                    values.add(v);
                    at.add(bound.listAt().get(i));
                }
            }
            return new Bound('l', false, values, List.of(), List.of(), 0, 0, at, List.of());
        }
        List<String> lower = new ArrayList<>();
        List<String> upper = new ArrayList<>();
        for (int i = 0; i < bound.lower().size(); i++) {
            lower.add(value(ctx, sql, key, types, i, spec.lowerdatums().get(i), bound.lower().get(i)));
        }
        for (int i = 0; i < bound.upper().size(); i++) {
            upper.add(value(ctx, sql, key, types, i, spec.upperdatums().get(i), bound.upper().get(i)));
        }
        return new Bound('r', false, List.of(), lower, upper, 0, 0, List.of(), bound.lowerAt());
    }

    private static String value(DdlContext ctx, SqlRunner sql, PartitionKey key, List<String> types, int i,
            org.tusk.engine.nodes.RawNode node, String written) {
        if (written.equals("NULL") || written.equals("MINVALUE") || written.equals("MAXVALUE")) {
            return written;
        }
        ExprKindChecks.check(ctx, node, ExprKindChecks.Kind.PARTITION_BOUND);
        String shown = key.shown().get(i);
        String column = shown.startsWith("\"") ? shown.substring(1, shown.length() - 1).replace("\"\"", "\"") : shown;
        org.tusk.engine.analyze.PartitionBoundValue.Value v = sql.boundValue(node,
                types.get(Math.min(i, types.size() - 1)), column);
        return constant(v);
    }

    /** ruleutils' get_const_expr with showtype -1: a constant as pg_get_expr prints a bound's datum. */
    static String constant(org.tusk.engine.analyze.PartitionBoundValue.Value v) {
        if (v.value() == null) {
            return "NULL";
        }
        String t = v.text();
        switch (v.type()) {
            case INT4:
                return t.startsWith("-") ? quote(t) : t;
            case NUMERIC:
                return !t.isEmpty() && Character.isDigit(t.charAt(0)) && t.matches(".*[eE.].*") ? t : quote(t);
            case BOOL:
                return "t".equals(t) ? "true" : "false";
            default:
                return quote(t);
        }
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    /**
     * check_default_partition_contents: a new partition takes its rows away from the default
     * partition, so no row already in the default partition (or below it) may satisfy the new
     * partition's constraint.
     */
    private static void checkDefaultPartitionContents(DdlContext ctx, SqlRunner sql, RelationDesc parent,
            PartitionKey key, Bound bound) {
        if (key.defaultPartition() == 0 || bound.isDefault()) {
            return;
        }
        String constraint = PartitionCatalog.constraint(key, bound, parent.oid());
        if (constraint == null) {
            return;
        }
        RelationDesc def = ctx.relcache().byOid(key.defaultPartition());
        if (def == null) {
            return;
        }
        String table = "\"" + def.namespaceName().replace("\"", "\"\"") + "\".\"" + def.name().replace("\"", "\"\"") + "\"";
        if (sql.anyRow("SELECT 1 FROM " + table + " WHERE " + constraint + " LIMIT 1")) {
            throw Ereport.error(SqlState.CHECK_VIOLATION, "updated partition constraint for default partition \""
                    + def.name() + "\" would be violated by some row");
        }
    }

    /** Whether some range partition among {@code siblings} has {@code bound} as its upper bound. */
    private static boolean endsAPartition(DdlContext ctx, SqlRunner sql, List<Integer> siblings, List<String> types,
            Object[] bound) {
        for (int sib : siblings) {
            Bound other = siblingBound(ctx, sib);
            if (other != null && !other.isDefault() && other.strategy() == 'r'
                    && compareRange(values(sql, other.upper(), types), bound)[0] == 0) {
                return true;
            }
        }
        return false;
    }

    /** The location of datum {@code i} of a bound list, {@code fallback} when unknown. */
    private static int datumLocation(List<org.tusk.engine.nodes.RawNode> datums, int i, int fallback) {
        if (datums == null || i < 0 || i >= datums.size() || datums.get(i).location() < 0) {
            return fallback;
        }
        return datums.get(i).location();
    }

    /** Hash bounds: moduli must divide each other in order, and no remainder slot may be taken twice. */
    private static void checkHashBound(DdlContext ctx, String name, Bound bound, List<Integer> siblings, int location) {
        List<int[]> existing = new ArrayList<>();             // {modulus, remainder, oid}
        for (int sib : siblings) {
            Bound other = siblingBound(ctx, sib);
            if (other != null && !other.isDefault() && other.strategy() == 'h') {
                existing.add(new int[] {other.modulus(), other.remainder(), sib});
            }
        }
        if (existing.isEmpty()) {
            return;
        }
        existing.sort((x, y) -> x[0] != y[0] ? Integer.compare(x[0], y[0]) : Integer.compare(x[1], y[1]));
        int m = bound.modulus();
        int offset = -1;
        for (int i = 0; i < existing.size(); i++) {
            int[] e = existing.get(i);
            if (e[0] < m || (e[0] == m && e[1] <= bound.remainder())) {
                offset = i;
            }
        }
        String factor = "every hash partition modulus must be a factor of the next larger modulus";
        if (offset < 0) {
            int[] next = existing.get(0);
            if (next[0] % m != 0) {
                throw Ereport.error(INVALID_OBJECT_DEFINITION, factor).withDetail("The new modulus " + m
                        + " is not a factor of " + next[0] + ", the modulus of existing partition \""
                        + relname(ctx, next[2]) + "\".");
            }
        } else {
            int[] prev = existing.get(offset);
            if (m % prev[0] != 0) {
                throw Ereport.error(INVALID_OBJECT_DEFINITION, factor).withDetail("The new modulus " + m
                        + " is not divisible by " + prev[0] + ", the modulus of existing partition \""
                        + relname(ctx, prev[2]) + "\".");
            }
            if (offset + 1 < existing.size()) {
                int[] next = existing.get(offset + 1);
                if (next[0] % m != 0) {
                    throw Ereport.error(INVALID_OBJECT_DEFINITION, factor).withDetail("The new modulus " + m
                            + " is not a factor of " + next[0] + ", the modulus of existing partition \""
                            + relname(ctx, next[2]) + "\".");
                }
            }
        }
        int greatest = Math.max(m, existing.get(existing.size() - 1)[0]);
        for (int r = bound.remainder(); r < greatest; r += m) {
            for (int[] e : existing) {
                if (r % e[0] == e[1]) {
                    throw Ereport.error(INVALID_OBJECT_DEFINITION, "partition \"" + name + "\" would overlap partition \""
                            + relname(ctx, e[2]) + "\"", location);
                }
            }
        }
    }

    private static String relname(DdlContext ctx, int oid) {
        return (String) CreateTable.classRow(ctx, oid).get(SystemCatalogs.require(SystemCatalogs.PG_CLASS), "relname");
    }

    private static Bound siblingBound(DdlContext ctx, int oid) {
        String text = (String) CreateTable.classRow(ctx, oid).get(SystemCatalogs.require(SystemCatalogs.PG_CLASS),
                "relpartbound");
        return text == null ? null : PartitionCatalog.parse(text);
    }

    /** Each key item's type name (pg_typeof over a row of NULLs). */
    private static List<String> keyTypes(DdlContext ctx, SqlRunner sql, RelationDesc parent, PartitionKey key) {
        List<String> out = new ArrayList<>();
        String table = "\"" + parent.namespaceName().replace("\"", "\"\"") + "\".\"" + parent.name().replace("\"", "\"\"") + "\"";
        for (String e : key.exprs()) {
            Object[] row = sql.firstRow("SELECT pg_catalog.format_type(pg_catalog.pg_typeof(" + e
                    + ")::oid, NULL) FROM (SELECT 1) AS s LEFT JOIN ONLY " + table + " ON false");
            out.add(row == null ? "text" : (String) row[0]);
        }
        return out;
    }

    /** The datums as values of the key types; MINVALUE/MAXVALUE as markers, NULL as null. */
    private static Object[] values(SqlRunner sql, List<String> datums, List<String> types) {
        Object[] out = new Object[datums.size()];
        for (int i = 0; i < out.length; i++) {
            String d = datums.get(i);
            if (d.equals("MINVALUE") || d.equals("MAXVALUE")) {
                out[i] = d;
                continue;
            }
            if (d.equals("NULL")) {
                out[i] = null;
                continue;
            }
            String type = types.get(Math.min(i, types.size() - 1));
            Supplier<Object> v = sql.expression(d, type);
            out[i] = v.get();
        }
        return out;
    }

    /** partition_rbound_cmp for two bounds: {sign, index of the deciding datum}. */
    private static int[] compareRange(Object[] a, Object[] b) {
        for (int i = 0; i < a.length; i++) {
            int ka = kind(a[i]);
            int kb = kind(b[i]);
            if (ka != 0 || kb != 0) {
                if (ka != kb) {
                    return new int[] {Integer.compare(ka, kb), i};
                }
                return new int[] {0, i};              // both MINVALUE or both MAXVALUE: equal from here on
            }
            int c = compare(a[i], b[i]);
            if (c != 0) {
                return new int[] {c, i};
            }
        }
        return new int[] {0, a.length - 1};
    }

    private static int kind(Object v) {
        return "MINVALUE".equals(v) ? -1 : "MAXVALUE".equals(v) ? 1 : 0;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compare(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y && !(a instanceof java.math.BigDecimal)
                && !(b instanceof java.math.BigDecimal)) {
            if (a instanceof Double || a instanceof Float || b instanceof Double || b instanceof Float) {
                return Double.compare(x.doubleValue(), y.doubleValue());
            }
            return Long.compare(x.longValue(), y.longValue());
        }
        if (a instanceof Comparable ca && a.getClass() == b.getClass()) {
            return Integer.signum(ca.compareTo(b));
        }
        return a.toString().compareTo(b.toString());
    }

    /** A new partition: relpartbound stored by the caller; here pg_partitioned_table.partdefid for a default. */
    static void setDefault(DdlContext ctx, int parentOid, int partitionOid) {
        int relCol = SystemCatalogs.require(PartitionCatalog.PG_PARTITIONED_TABLE).columnIndex("partrelid");
        List<CatalogTuple> rows = ctx.rows(PartitionCatalog.PG_PARTITIONED_TABLE,
                r -> ((Long) r[relCol]).intValue() == parentOid);
        if (rows.isEmpty()) {
            return;
        }
        Object[] row = rows.get(0).values().clone();
        row[SystemCatalogs.require(PartitionCatalog.PG_PARTITIONED_TABLE).columnIndex("partdefid")] =
                Integer.toUnsignedLong(partitionOid);
        ctx.access().update(PartitionCatalog.PG_PARTITIONED_TABLE, rows.get(0).tid(), row);
    }
}
