package org.tusk.engine.commands;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.tusk.api.error.SqlState;
import org.tusk.engine.catalog.CatalogAccess.CatalogTuple;
import org.tusk.engine.catalog.SystemCatalogs;
import org.tusk.engine.catalog.SystemCatalogs.Catalog;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.nodes.AConst;
import org.tusk.engine.nodes.AnyName;
import org.tusk.engine.nodes.ColumnDef;
import org.tusk.engine.nodes.CompositeTypeStmt;
import org.tusk.engine.nodes.Constraint;
import org.tusk.engine.nodes.CreateDomainStmt;
import org.tusk.engine.nodes.CreateEnumStmt;
import org.tusk.engine.nodes.CreateRangeStmt;
import org.tusk.engine.nodes.DefElem;
import org.tusk.engine.nodes.DefineStmt;
import org.tusk.engine.nodes.DropBehavior;
import org.tusk.engine.nodes.DropStmt;
import org.tusk.engine.nodes.ObjectType;
import org.tusk.engine.nodes.RawNode;
import org.tusk.engine.nodes.RawStmt;
import org.tusk.engine.nodes.TypeName;

/**
 * CREATE TYPE / CREATE DOMAIN / DROP TYPE / DROP DOMAIN (typecmds.c): the
 * pg_type rows of user-defined types with their array types, pg_enum labels,
 * pg_range rows (with the multirange type PostgreSQL 14+ creates beside each
 * range), domain CHECK constraints in pg_constraint, and pg_depend links
 * (array -> element 'i', constraint -> domain 'a', column -> type 'n') so that
 * DROP ... CASCADE removes what depends on a type through
 * {@link DropObjects#performDeletion}.
 *
 * <p>What the analyzer and executor make of these rows is the syscache side
 * (`tcop.SessionTypes`); this class only writes the catalog facts.
 */
public final class TypeCommands {

    private static final long ARRAY_SUBSCRIPT_HANDLER = 6179L;

    private TypeCommands() {
    }

    /** Whether this statement is one of the type commands. */
    public static boolean handles(RawStmt stmt) {
        return stmt instanceof CreateDomainStmt || stmt instanceof CreateEnumStmt || stmt instanceof CreateRangeStmt
                || stmt instanceof CompositeTypeStmt
                || stmt instanceof org.tusk.engine.nodes.AlterDomainStmt || stmt instanceof org.tusk.engine.nodes.AlterEnumStmt
                || stmt instanceof DefineStmt d && d.kind() == ObjectType.TYPE
                || stmt instanceof DropStmt s && (s.removeType() == ObjectType.TYPE || s.removeType() == ObjectType.DOMAIN);
    }

    public static String execute(DdlContext ctx, RawStmt stmt) {
        String tag;
        if (stmt instanceof CreateDomainStmt d) {
            tag = createDomain(ctx, d);
        } else if (stmt instanceof CreateEnumStmt e) {
            tag = createEnum(ctx, e);
        } else if (stmt instanceof CreateRangeStmt r) {
            tag = createRange(ctx, r);
        } else if (stmt instanceof CompositeTypeStmt c) {
            tag = createComposite(ctx, c);
        } else if (stmt instanceof org.tusk.engine.nodes.AlterDomainStmt ad) {
            tag = alterDomain(ctx, ad);
        } else if (stmt instanceof org.tusk.engine.nodes.AlterEnumStmt ae) {
            tag = alterEnum(ctx, ae);
        } else if (stmt instanceof DefineStmt d) {
            tag = d.definition().isEmpty() ? createShell(ctx, d.defnames()) : createBase(ctx, d);
        } else {
            tag = drop(ctx, (DropStmt) stmt);
        }
        ctx.commandCounterIncrement();
        ctx.relcache().invalidateAll();
        ctx.relcache().invalidateCatalog(SystemCatalogs.PG_TYPE);
        return tag;
    }

    // ---- ALTER DOMAIN ----

    private static TypeCatalog.TypeRow domain(DdlContext ctx, List<String> names) {
        TypeCatalog.TypeRow t = TypeCatalog.lookup(ctx, names, false);
        if (t == null) {
            throw Ereport.error(SqlState.UNDEFINED_OBJECT, "type \"" + String.join(".", names) + "\" does not exist");
        }
        if (t.typtype() != 'd') {
            throw Ereport.error(DdlStates.WRONG_OBJECT_TYPE, "\"" + String.join(".", names) + "\" is not a domain");
        }
        return t;
    }

    private static void updateType(DdlContext ctx, TypeCatalog.TypeRow t, Map<String, Object> changes) {
        Catalog pgType = SystemCatalogs.require(SystemCatalogs.PG_TYPE);
        Object[] row = t.tuple().values().clone();
        for (Map.Entry<String, Object> e : changes.entrySet()) {
            row[pgType.columnIndex(e.getKey())] = e.getValue();
        }
        ctx.access().update(SystemCatalogs.PG_TYPE, t.tuple().tid(), row);
    }

    /**
     * AlterDomainDefault / AlterDomainNotNull / AlterDomainAddConstraint / AlterDomainDropConstraint.
     * Existing column values are not re-validated yet by SET NOT NULL and ADD CONSTRAINT.
     */
    private static String alterDomain(DdlContext ctx, org.tusk.engine.nodes.AlterDomainStmt stmt) {
        TypeCatalog.TypeRow d = domain(ctx, stmt.typeName());
        Map<String, Object> changes = new HashMap<>();
        switch (stmt.subtype()) {
            case 'T' -> {
                String text = stmt.def() == null ? null : SourceText.expression(ctx.queryString(), stmt.defLocation());
                changes.put("typdefault", text);
                changes.put("typdefaultbin", text);
                updateType(ctx, d, changes);
            }
            case 'O', 'N' -> {
                changes.put("typnotnull", stmt.subtype() == 'O');
                updateType(ctx, d, changes);
            }
            case 'C' -> {
                Constraint c = (Constraint) stmt.def();
                switch (c.contype()) {
                    case CHECK -> addDomainCheck(ctx, d.oid(), d.name(), (int) d.namespace(), c);
                    case NOTNULL -> {
                        changes.put("typnotnull", true);
                        updateType(ctx, d, changes);
                    }
                    case UNIQUE -> throw Ereport.error(SqlState.SYNTAX_ERROR, "unique constraints not possible for domains");
                    case PRIMARY -> throw Ereport.error(SqlState.SYNTAX_ERROR,
                            "primary key constraints not possible for domains");
                    case FOREIGN -> throw Ereport.error(SqlState.SYNTAX_ERROR,
                            "foreign key constraints not possible for domains");
                    default -> throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED,
                            "use ALTER DOMAIN .. [ SET | DROP ] NOT NULL instead");
                }
            }
            case 'X', 'V' -> {
                Catalog con = SystemCatalogs.require(SystemCatalogs.PG_CONSTRAINT);
                int typCol = con.columnIndex("contypid");
                int nameCol = con.columnIndex("conname");
                long oid = d.oid();
                List<CatalogTuple> rows = ctx.rows(SystemCatalogs.PG_CONSTRAINT,
                        r -> (Long) r[typCol] == oid && stmt.name().equals(r[nameCol]));
                if (rows.isEmpty()) {
                    String msg = "constraint \"" + stmt.name() + "\" of domain \"" + d.name() + "\" does not exist";
                    if (stmt.missingOk()) {
                        ctx.notice(Naming.skippingNotice(SqlState.SUCCESSFUL_COMPLETION, msg + ", skipping"));
                        break;
                    }
                    throw Ereport.error(SqlState.UNDEFINED_OBJECT, msg);
                }
                if (stmt.subtype() == 'V') {
                    Object[] row = rows.get(0).values().clone();
                    row[con.columnIndex("convalidated")] = true;
                    ctx.access().update(SystemCatalogs.PG_CONSTRAINT, rows.get(0).tid(), row);
                } else {
                    DropObjects.performDeletion(ctx, List.of(new DropObjects.ObjectAddress(SystemCatalogs.PG_CONSTRAINT,
                            (Long) rows.get(0).get(con, "oid"))), stmt.behavior() == DropBehavior.CASCADE);
                }
            }
            default -> throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "this ALTER DOMAIN form is not supported yet");
        }
        return "ALTER DOMAIN";
    }

    // ---- ALTER TYPE ... ADD VALUE / RENAME VALUE ----

    private static String alterEnum(DdlContext ctx, org.tusk.engine.nodes.AlterEnumStmt stmt) {
        TypeCatalog.TypeRow t = TypeCatalog.lookup(ctx, stmt.typeName(), false);
        String shown = String.join(".", stmt.typeName());
        if (t == null) {
            throw Ereport.error(SqlState.UNDEFINED_OBJECT, "type \"" + shown + "\" does not exist");
        }
        if (t.typtype() != 'e') {
            throw Ereport.error(DdlStates.WRONG_OBJECT_TYPE, TypeCatalog.displayName(ctx, t) + " is not an enum");
        }
        Catalog en = SystemCatalogs.require(PG_ENUM_OID);
        int typCol = en.columnIndex("enumtypid");
        long oid = t.oid();
        List<CatalogTuple> labels = new ArrayList<>(ctx.rows(PG_ENUM_OID, r -> (Long) r[typCol] == oid));
        labels.sort((x, y) -> Float.compare((Float) x.get(en, "enumsortorder"), (Float) y.get(en, "enumsortorder")));
        CatalogTuple existing = null;
        for (CatalogTuple l : labels) {
            if (stmt.newVal().equals(l.get(en, "enumlabel"))) {
                existing = l;
            }
        }
        if (stmt.oldVal() != null) {
            CatalogTuple old = null;
            for (CatalogTuple l : labels) {
                if (stmt.oldVal().equals(l.get(en, "enumlabel"))) {
                    old = l;
                }
            }
            if (old == null) {
                throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "\"" + stmt.oldVal() + "\" is not an existing enum label");
            }
            if (existing != null) {
                throw Ereport.error(SqlState.DUPLICATE_OBJECT, "enum label \"" + stmt.newVal() + "\" already exists");
            }
            checkLabel(stmt.newVal());
            Object[] row = old.values().clone();
            row[en.columnIndex("enumlabel")] = stmt.newVal();
            ctx.access().update(PG_ENUM_OID, old.tid(), row);
            return "ALTER TYPE";
        }
        if (existing != null) {
            if (stmt.skipIfNewValExists()) {
                ctx.notice(Naming.skippingNotice(SqlState.SUCCESSFUL_COMPLETION,
                        "enum label \"" + stmt.newVal() + "\" already exists, skipping"));
                return "ALTER TYPE";
            }
            throw Ereport.error(SqlState.DUPLICATE_OBJECT, "enum label \"" + stmt.newVal() + "\" already exists");
        }
        checkLabel(stmt.newVal());
        float order;
        if (stmt.newValNeighbor() == null) {
            order = labels.isEmpty() ? 1 : (Float) labels.get(labels.size() - 1).get(en, "enumsortorder") + 1;
        } else {
            int at = -1;
            for (int i = 0; i < labels.size(); i++) {
                if (stmt.newValNeighbor().equals(labels.get(i).get(en, "enumlabel"))) {
                    at = i;
                }
            }
            if (at < 0) {
                throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "\"" + stmt.newValNeighbor()
                        + "\" is not an existing enum label");
            }
            order = midpoint(labels, en, at, stmt.newValIsAfter());
            if (Float.isNaN(order)) {
                // no float4 strictly between the neighbours: RenumberEnumType gives every label
                // its position (1, 2, ...) and the midpoint is taken again
                int sortCol = en.columnIndex("enumsortorder");
                List<CatalogTuple> renumbered = new ArrayList<>();
                for (int i = 0; i < labels.size(); i++) {
                    CatalogTuple l = labels.get(i);
                    Object[] row = l.values().clone();
                    row[sortCol] = (float) (i + 1);
                    if (!row[sortCol].equals(l.values()[sortCol])) {
                        ctx.access().update(PG_ENUM_OID, l.tid(), row);
                    }
                    renumbered.add(new CatalogTuple(l.tid(), row));
                }
                labels = renumbered;
                order = midpoint(labels, en, at, stmt.newValIsAfter());
            }
        }
        insertEnumLabel(ctx, oid, order, stmt.newVal());
        return "ALTER TYPE";
    }

    /**
     * AddEnumLabel's sort order beside label {@code at} of the sorted {@code labels}: one past an end, else
     * the float4 midpoint with the other neighbour, NaN when that equals one of them (renumbering needed).
     */
    private static float midpoint(List<CatalogTuple> labels, Catalog en, int at, boolean after) {
        float here = (Float) labels.get(at).get(en, "enumsortorder");
        int other = after ? at + 1 : at - 1;
        if (other < 0 || other >= labels.size()) {
            return after ? here + 1 : here - 1;
        }
        float there = (Float) labels.get(other).get(en, "enumsortorder");
        float mid = here + (there - here) / 2;
        return mid == here || mid == there ? Float.NaN : mid;
    }

    // ---- naming ----

    private record Target(String name, int ns) {
    }

    private static Target target(DdlContext ctx, List<String> names) {
        String name = names.get(names.size() - 1);
        String schema = names.size() > 1 ? names.get(names.size() - 2) : null;
        int ns = Naming.creationNamespace(ctx, schema, -1);
        return new Target(name, ns);
    }

    /** 42710 when a type of this name exists (a shell is replaced only by CREATE TYPE name (...)). */
    private static void checkFree(DdlContext ctx, Target t) {
        TypeCatalog.TypeRow existing = TypeCatalog.in(ctx, t.name(), t.ns());
        if (existing != null && moveArrayTypeName(ctx, existing, t)) {
            return;
        }
        if (existing != null) {
            throw Ereport.error(SqlState.DUPLICATE_OBJECT, "type \"" + t.name() + "\" already exists");
        }
    }

    /**
     * moveArrayTypeName: an implicit array type ("_foo" of foo) that holds the wanted name is
     * renamed out of the way (to "__foo", ...), so the name becomes free; false if it is not one.
     */
    private static boolean moveArrayTypeName(DdlContext ctx, TypeCatalog.TypeRow existing, Target t) {
        Catalog pgType = SystemCatalogs.require(SystemCatalogs.PG_TYPE);
        long elem = (Long) existing.tuple().get(pgType, "typelem");
        if (elem == 0 || !"A".equals(existing.tuple().get(pgType, "typcategory"))) {
            return false;
        }
        TypeCatalog.TypeRow element = TypeCatalog.byOid(ctx, elem);
        if (element == null || element.array() != existing.oid()) {
            return false;
        }
        String newName = arrayName(ctx, t.name(), t.ns());
        Object[] row = existing.tuple().values().clone();
        row[pgType.columnIndex("typname")] = newName;
        ctx.access().update(SystemCatalogs.PG_TYPE, existing.tuple().tid(), row);
        ctx.commandCounterIncrement();
        return true;
    }

    /**
     * makeArrayTypeName: "_name", truncated to 63 bytes, with more
     * underscores in front while the name is taken.
     */
    private static String arrayName(DdlContext ctx, String name, int ns) {
        String candidate = "_" + name;
        for (int i = 1; ; i++) {
            String c = truncate(candidate);
            if (TypeCatalog.in(ctx, c, ns) == null) {
                return c;
            }
            candidate = "_" + candidate;
            if (i > 60) {
                throw Ereport.error(SqlState.DUPLICATE_OBJECT, "could not form array type name for type \"" + name + "\"");
            }
        }
    }

    private static String truncate(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length <= Naming.MAX_IDENTIFIER) {
            return s;
        }
        int n = Naming.MAX_IDENTIFIER;
        while (n > 0 && (b[n] & 0xC0) == 0x80) {
            n--;
        }
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }

    // ---- pg_type rows ----

    /** A pg_type row with PostgreSQL's defaults for what {@code fields} leaves out. */
    private static Map<String, Object> typeRow(long oid, String name, int ns, String typtype, String category,
            short len, boolean byVal, String align, String storage) {
        Map<String, Object> t = new HashMap<>();
        t.put("oid", oid);
        t.put("typname", name);
        t.put("typnamespace", (long) ns);
        t.put("typowner", 10L);
        t.put("typlen", len);
        t.put("typbyval", byVal);
        t.put("typtype", typtype);
        t.put("typcategory", category);
        t.put("typispreferred", false);
        t.put("typisdefined", true);
        t.put("typdelim", ",");
        t.put("typrelid", 0L);
        t.put("typsubscript", 0L);
        t.put("typelem", 0L);
        t.put("typarray", 0L);
        t.put("typalign", align);
        t.put("typstorage", storage);
        t.put("typnotnull", false);
        t.put("typbasetype", 0L);
        t.put("typtypmod", -1);
        t.put("typndims", 0);
        t.put("typcollation", 0L);
        return t;
    }

    /** The array type "_name" over {@code elementOid} (AssignTypeArrayOid + TypeCreate for the array). */
    private static void insertArrayType(DdlContext ctx, long arrayOid, String elementName, int ns, long elementOid,
            String elementAlign, long collation) {
        Map<String, Object> a = typeRow(arrayOid, arrayName(ctx, elementName, ns), ns, "b", "A", (short) -1, false,
                "d".equals(elementAlign) ? "d" : "i", "x");
        a.put("typelem", elementOid);
        a.put("typsubscript", ARRAY_SUBSCRIPT_HANDLER);
        a.put("typinput", TypeCatalog.builtinProc("array_in"));
        a.put("typoutput", TypeCatalog.builtinProc("array_out"));
        a.put("typreceive", TypeCatalog.builtinProc("array_recv"));
        a.put("typsend", TypeCatalog.builtinProc("array_send"));
        a.put("typanalyze", TypeCatalog.builtinProc("array_typanalyze"));
        a.put("typcollation", collation);
        ctx.insert(SystemCatalogs.PG_TYPE, a);
        CreateTable.recordDependency(ctx, SystemCatalogs.PG_TYPE, arrayOid, 0, SystemCatalogs.PG_TYPE, elementOid, 0, "i");
    }

    private static void io(Map<String, Object> t, String in, String out, String recv, String send) {
        t.put("typinput", TypeCatalog.builtinProc(in));
        t.put("typoutput", TypeCatalog.builtinProc(out));
        t.put("typreceive", recv == null ? 0L : TypeCatalog.builtinProc(recv));
        t.put("typsend", send == null ? 0L : TypeCatalog.builtinProc(send));
    }

    // ---- CREATE TYPE ... AS ENUM ----

    private static String createEnum(DdlContext ctx, CreateEnumStmt stmt) {
        Target target = target(ctx, stmt.typeName());
        checkFree(ctx, target);
        long arrayOid = ctx.newOid();
        long oid = ctx.newOid();
        Map<String, Object> t = typeRow(oid, target.name(), target.ns(), "e", "E", (short) 4, true, "i", "p");
        io(t, "enum_in", "enum_out", "enum_recv", "enum_send");
        t.put("typarray", arrayOid);
        ctx.insert(SystemCatalogs.PG_TYPE, t);
        insertArrayType(ctx, arrayOid, target.name(), target.ns(), oid, "i", 0L);
        Set<String> seen = new HashSet<>();
        float order = 1;
        for (String label : stmt.vals()) {
            checkLabel(label);
            if (!seen.add(label)) {
                throw Ereport.error(SqlState.DUPLICATE_OBJECT, "enum label \"" + label + "\" used more than once");
            }
            insertEnumLabel(ctx, oid, order++, label);
        }
        return "CREATE TYPE";
    }

    static void checkLabel(String label) {
        if (label.isEmpty() || label.getBytes(StandardCharsets.UTF_8).length > Naming.MAX_IDENTIFIER) {
            throw Ereport.error("42602", "invalid enum label \"" + label + "\"")
                    .withDetail("Labels must be 63 bytes or less.");
        }
    }

    static void insertEnumLabel(DdlContext ctx, long typeOid, float sortOrder, String label) {
        Map<String, Object> e = new HashMap<>();
        e.put("oid", ctx.newOid());
        e.put("enumtypid", typeOid);
        e.put("enumsortorder", sortOrder);
        e.put("enumlabel", label);
        ctx.insert(PG_ENUM_OID, e);
    }

    // ---- CREATE TYPE ... AS RANGE ----

    private static String createRange(DdlContext ctx, CreateRangeStmt stmt) {
        Target target = target(ctx, stmt.typeName());
        checkFree(ctx, target);
        TypeName subtypeName = null;
        String subdiff = null;
        String multirangeName = null;
        for (DefElem d : stmt.params()) {
            switch (d.defname()) {
                case "subtype" -> subtypeName = typeNameArg(d);
                case "subtype_diff" -> subdiff = wordArg(d);
                case "multirange_type_name" -> multirangeName = wordArg(d);
                case "subtype_opclass", "collation", "canonical" -> {
                }
                default -> throw Ereport.error(SqlState.SYNTAX_ERROR,
                        "type attribute \"" + d.defname() + "\" not recognized", d.location() + 1);
            }
        }
        if (subtypeName == null) {
            throw Ereport.error("42P17", "type attribute \"subtype\" is required");
        }
        TypeCatalog.TypeRow subtype = TypeCatalog.require(ctx, subtypeName);
        if (subtype.typtype() == 'p') {
            throw Ereport.error("42P17", "range subtype cannot be " + subtype.name());
        }
        Catalog pgType = SystemCatalogs.require(SystemCatalogs.PG_TYPE);
        String subAlign = (String) subtype.tuple().get(pgType, "typalign");
        String align = "d".equals(subAlign) ? "d" : "i";
        long rangeArray = ctx.newOid();
        long multi = ctx.newOid();
        long multiArray = ctx.newOid();
        long oid = ctx.newOid();
        Map<String, Object> t = typeRow(oid, target.name(), target.ns(), "r", "R", (short) -1, false, align, "x");
        io(t, "range_in", "range_out", "range_recv", "range_send");
        t.put("typanalyze", TypeCatalog.builtinProc("range_typanalyze"));
        t.put("typarray", rangeArray);
        ctx.insert(SystemCatalogs.PG_TYPE, t);
        insertArrayType(ctx, rangeArray, target.name(), target.ns(), oid, align, 0L);

        String mname = multirangeName != null ? multirangeName : multirangeName(target.name());
        if (TypeCatalog.in(ctx, mname, target.ns()) != null) {
            throw Ereport.error(SqlState.DUPLICATE_OBJECT, "type \"" + mname + "\" already exists")
                    .withHint("Failed while creating a multirange type for type \"" + target.name() + "\".");
        }
        Map<String, Object> m = typeRow(multi, mname, target.ns(), "m", "R", (short) -1, false, align, "x");
        io(m, "multirange_in", "multirange_out", "multirange_recv", "multirange_send");
        m.put("typanalyze", TypeCatalog.builtinProc("multirange_typanalyze"));
        m.put("typarray", multiArray);
        ctx.insert(SystemCatalogs.PG_TYPE, m);
        CreateTable.recordDependency(ctx, SystemCatalogs.PG_TYPE, multi, 0, SystemCatalogs.PG_TYPE, oid, 0, "i");
        insertArrayType(ctx, multiArray, mname, target.ns(), multi, align, 0L);

        Map<String, Object> r = new HashMap<>();
        r.put("rngtypid", oid);
        r.put("rngsubtype", subtype.oid());
        r.put("rngmultitypid", multi);
        r.put("rngcollation", "text".equals(subtype.name()) || "varchar".equals(subtype.name())
                ? 950L : 0L);
        r.put("rngsubopc", 0L);
        r.put("rngcanonical", 0L);
        long diff = 0;
        if (subdiff != null) {
            diff = TypeCatalog.builtinProc(subdiff);
            if (diff == 0) {
                throw Ereport.error(SqlState.UNDEFINED_FUNCTION, "function " + subdiff + "(" + subtype.name() + ", "
                        + subtype.name() + ") does not exist");
            }
        }
        r.put("rngsubdiff", diff);
        ctx.insert(PG_RANGE_OID, r);
        return "CREATE TYPE";
    }

    /** makeMultirangeTypeName: "range" in the name becomes "multirange", else "_multirange" is appended. */
    private static String multirangeName(String rangeName) {
        int at = rangeName.indexOf("range");
        return truncate(at >= 0 ? rangeName.substring(0, at) + "multirange" + rangeName.substring(at + 5)
                : rangeName + "_multirange");
    }

    // ---- CREATE TYPE ... AS (composite) ----

    private static String createComposite(DdlContext ctx, CompositeTypeStmt stmt) {
        String schema = stmt.typevar().schemaname();
        int ns = Naming.creationNamespace(ctx, schema, -1);
        Target target = new Target(stmt.typevar().relname(), ns);
        checkFree(ctx, target);
        if (Naming.relationIn(ctx, target.name(), ns) != null) {
            throw Ereport.error(DdlStates.DUPLICATE_TABLE, "relation \"" + target.name() + "\" already exists");
        }
        Set<String> names = new HashSet<>();
        for (ColumnDef cd : stmt.coldeflist()) {
            if (!names.add(cd.colname())) {
                throw Ereport.error(DdlStates.DUPLICATE_COLUMN, "column \"" + cd.colname() + "\" specified more than once");
            }
            TypeCatalog.TypeRow ft = TypeCatalog.require(ctx, cd.typeName());
            if (ft.typtype() == 'p') {
                // CheckAttributeType
                throw Ereport.error(DdlStates.INVALID_TABLE_DEFINITION, "column \"" + cd.colname()
                        + "\" has pseudo-type " + ft.name());
            }
        }
        long arrayOid = ctx.newOid();
        long oid = ctx.newOid();
        int relOid = ctx.newRelationOid();
        Map<String, Object> t = typeRow(oid, target.name(), ns, "c", "C", (short) -1, false, "d", "x");
        io(t, "record_in", "record_out", "record_recv", "record_send");
        t.put("typarray", arrayOid);
        t.put("typrelid", (long) relOid);
        ctx.insert(SystemCatalogs.PG_TYPE, t);
        // the composite's attributes live in pg_attribute under a pg_class row of relkind 'c'
        // (heap_create_with_catalog for a composite type), which goes with the type
        Map<String, Object> cls = new HashMap<>();
        cls.put("oid", (long) relOid);
        cls.put("relname", target.name());
        cls.put("relnamespace", (long) ns);
        cls.put("reltype", oid);
        cls.put("relowner", ctx.userOid() == 0 ? 10L : ctx.userOid());
        cls.put("relam", 0L);
        cls.put("relfilenode", 0L);
        cls.put("reltuples", -1f);
        cls.put("relpersistence", "p");
        cls.put("relkind", "c");
        cls.put("relnatts", (short) stmt.coldeflist().size());
        cls.put("relispopulated", true);
        cls.put("relreplident", "n");
        cls.put("relfrozenxid", 0L);
        cls.put("relminmxid", 0L);
        ctx.insert(SystemCatalogs.PG_CLASS, cls);
        CreateTable.recordDependency(ctx, SystemCatalogs.PG_CLASS, relOid, 0, SystemCatalogs.PG_TYPE, oid, 0, "i");
        int attnum = 1;
        for (ColumnDef cd : stmt.coldeflist()) {
            TypeCatalog.TypeRow ft = TypeCatalog.require(ctx, cd.typeName());
            TypeLookup.TypeInfo info = TypeLookup.byOid((int) ft.oid());
            int typmod = info == null ? -1 : TypeLookup.typmod(cd.typeName(), info, 0);
            CreateTable.insertAttribute(ctx, relOid, attnum++, cd.colname(), (int) ft.oid(), typmod, false);
        }
        insertArrayType(ctx, arrayOid, target.name(), ns, oid, "d", 0L);
        for (ColumnDef cd : stmt.coldeflist()) {
            TypeCatalog.TypeRow ft = TypeCatalog.require(ctx, cd.typeName());
            if (ft.oid() >= org.tusk.engine.func.UserProcs.FIRST_NORMAL_OBJECT_ID) {
                CreateTable.recordDependency(ctx, SystemCatalogs.PG_TYPE, oid, 0, SystemCatalogs.PG_TYPE, ft.oid(), 0, "n");
            }
        }
        return "CREATE TYPE";
    }

    // ---- shell and base types ----

    private static String createShell(DdlContext ctx, List<String> names) {
        Target target = target(ctx, names);
        checkFree(ctx, target);
        long oid = ctx.newOid();
        Map<String, Object> t = typeRow(oid, target.name(), target.ns(), "p", "P", (short) 4, true, "i", "p");
        t.put("typisdefined", false);
        io(t, "shell_in", "shell_out", null, null);
        ctx.insert(SystemCatalogs.PG_TYPE, t);
        return "CREATE TYPE";
    }

    /** DefineType: a base type whose I/O functions exist (LANGUAGE internal ones bound to built-in symbols). */
    private static String createBase(DdlContext ctx, DefineStmt stmt) {
        Target target = target(ctx, stmt.defnames());
        TypeCatalog.TypeRow shell = TypeCatalog.in(ctx, target.name(), target.ns());
        if (shell != null && shell.defined()) {
            throw Ereport.error(SqlState.DUPLICATE_OBJECT, "type \"" + target.name() + "\" already exists");
        }
        String input = null;
        String output = null;
        String receive = null;
        String send = null;
        short len = -1;
        boolean byVal = false;
        String align = "i";
        String storage = "p";
        String category = "U";
        boolean preferred = false;
        String delimiter = ",";
        for (DefElem d : stmt.definition()) {
            switch (d.defname().toLowerCase(java.util.Locale.ROOT)) {
                case "input" -> input = wordArg(d);
                case "output" -> output = wordArg(d);
                case "receive" -> receive = wordArg(d);
                case "send" -> send = wordArg(d);
                case "internallength" -> {
                    String v = wordArg(d);
                    len = "variable".equalsIgnoreCase(v) ? -1 : Short.parseShort(v);
                }
                case "passedbyvalue" -> byVal = true;
                case "alignment" -> align = switch (wordArg(d).toLowerCase(java.util.Locale.ROOT)) {
                    case "double" -> "d";
                    case "int2" -> "s";
                    case "char" -> "c";
                    default -> "i";
                };
                case "storage" -> storage = switch (wordArg(d).toLowerCase(java.util.Locale.ROOT)) {
                    case "external" -> "e";
                    case "extended" -> "x";
                    case "main" -> "m";
                    default -> "p";
                };
                case "category" -> category = wordArg(d).substring(0, 1);
                case "preferred" -> preferred = d.arg() == null || "true".equalsIgnoreCase(wordArg(d));
                case "delimiter" -> delimiter = wordArg(d).substring(0, 1);
                case "like" -> {
                    TypeCatalog.TypeRow like = TypeCatalog.require(ctx, typeNameArg(d));
                    Catalog pgType = SystemCatalogs.require(SystemCatalogs.PG_TYPE);
                    len = (Short) like.tuple().get(pgType, "typlen");
                    byVal = (Boolean) like.tuple().get(pgType, "typbyval");
                    align = (String) like.tuple().get(pgType, "typalign");
                    storage = (String) like.tuple().get(pgType, "typstorage");
                }
                case "default", "element", "typmod_in", "typmod_out", "analyze", "subscript", "collatable" -> {
                }
                default -> ctx.notice(new org.tusk.api.error.PgException(org.tusk.api.error.Severity.WARNING,
                        SqlState.SYNTAX_ERROR, "type attribute \"" + d.defname() + "\" not recognized", null, null, 0,
                        null));
            }
        }
        if (input == null) {
            throw Ereport.error("42P17", "type input function must be specified");
        }
        if (output == null) {
            throw Ereport.error("42P17", "type output function must be specified");
        }
        long oid = shell != null ? shell.oid() : ctx.newOid();
        long inOid = userProc(ctx, input, target.name(), true);
        long outOid = userProc(ctx, output, target.name(), false);
        long arrayOid = ctx.newOid();
        Map<String, Object> t = typeRow(oid, target.name(), target.ns(), "b", category, len, byVal, align, storage);
        t.put("typispreferred", preferred);
        t.put("typdelim", delimiter);
        t.put("typinput", inOid);
        t.put("typoutput", outOid);
        t.put("typreceive", receive == null ? 0L : userProc(ctx, receive, target.name(), true));
        t.put("typsend", send == null ? 0L : userProc(ctx, send, target.name(), false));
        t.put("typarray", arrayOid);
        if (shell != null) {
            Catalog pgType = SystemCatalogs.require(SystemCatalogs.PG_TYPE);
            Object[] row = shell.tuple().values().clone();
            for (Map.Entry<String, Object> e : t.entrySet()) {
                row[pgType.columnIndex(e.getKey())] = e.getValue();
            }
            ctx.access().update(SystemCatalogs.PG_TYPE, shell.tuple().tid(), row);
        } else {
            ctx.insert(SystemCatalogs.PG_TYPE, t);
        }
        CreateTable.recordDependency(ctx, SystemCatalogs.PG_TYPE, oid, 0, SystemCatalogs.PG_PROC, inOid, 0, "n");
        CreateTable.recordDependency(ctx, SystemCatalogs.PG_TYPE, oid, 0, SystemCatalogs.PG_PROC, outOid, 0, "n");
        insertArrayType(ctx, arrayOid, target.name(), target.ns(), oid, align, 0L);
        return "CREATE TYPE";
    }

    /** The OID of I/O function {@code name} (a user function, else a built-in one); 42883 if none. */
    private static long userProc(DdlContext ctx, String name, String typeName, boolean input) {
        Catalog proc = SystemCatalogs.require(SystemCatalogs.PG_PROC);
        int nameCol = proc.columnIndex("proname");
        List<CatalogTuple> rows = ctx.rows(SystemCatalogs.PG_PROC, r -> name.equals(r[nameCol]));
        long best = 0;
        for (CatalogTuple r : rows) {
            long oid = (Long) r.get(proc, "oid");
            if (oid >= org.tusk.engine.func.UserProcs.FIRST_NORMAL_OBJECT_ID || best == 0) {
                best = oid;
            }
        }
        if (best == 0) {
            throw Ereport.error(SqlState.UNDEFINED_FUNCTION, "function " + name + "("
                    + (input ? "cstring" : typeName) + ") does not exist");
        }
        return best;
    }

    // ---- CREATE DOMAIN ----

    private static String createDomain(DdlContext ctx, CreateDomainStmt stmt) {
        Target target = target(ctx, stmt.domainname());
        checkFree(ctx, target);
        TypeCatalog.TypeRow base = TypeCatalog.require(ctx, stmt.typeName());
        char baseKind = base.typtype();
        if (baseKind != 'b' && baseKind != 'c' && baseKind != 'd' && baseKind != 'e' && baseKind != 'r'
                && baseKind != 'm') {
            throw Ereport.error(SqlState.DATATYPE_MISMATCH, "\"" + base.name() + "\" is not a valid base type for a domain",
                    stmt.typeName().location() + 1);
        }
        int typmod = -1;
        TypeLookup.TypeInfo builtin = TypeLookup.byOid((int) base.oid());
        if (builtin != null) {
            typmod = TypeLookup.typmod(stmt.typeName(), builtin, 0);
        }
        Catalog pgType = SystemCatalogs.require(SystemCatalogs.PG_TYPE);
        Object[] b = base.tuple().values();
        boolean notNull = false;
        boolean sawNull = false;
        String defaultText = null;
        List<Constraint> checks = new ArrayList<>();
        for (Constraint c : stmt.constraints()) {
            switch (c.contype()) {
                case NOTNULL -> {
                    if (sawNull) {
                        throw Ereport.error(SqlState.SYNTAX_ERROR, "conflicting NULL/NOT NULL constraints",
                                c.location() + 1);
                    }
                    notNull = true;
                }
                case NULL -> {
                    if (notNull) {
                        throw Ereport.error(SqlState.SYNTAX_ERROR, "conflicting NULL/NOT NULL constraints",
                                c.location() + 1);
                    }
                    sawNull = true;
                }
                case DEFAULT -> {
                    if (defaultText != null) {
                        throw Ereport.error(SqlState.SYNTAX_ERROR, "multiple default expressions", c.location() + 1);
                    }
                    int from = SourceText.afterKeyword(ctx.queryString(), Math.max(0, c.location()), "default");
                    defaultText = SourceText.expression(ctx.queryString(), from);
                }
                case CHECK -> checks.add(c);
                case UNIQUE -> throw Ereport.error(SqlState.SYNTAX_ERROR, "unique constraints not possible for domains",
                        c.location() + 1);
                case PRIMARY -> throw Ereport.error(SqlState.SYNTAX_ERROR,
                        "primary key constraints not possible for domains", c.location() + 1);
                case FOREIGN -> throw Ereport.error(SqlState.SYNTAX_ERROR,
                        "foreign key constraints not possible for domains", c.location() + 1);
                default -> throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED,
                        "specifying constraint deferrability not supported for domains", c.location() + 1);
            }
        }
        long arrayOid = ctx.newOid();
        long oid = ctx.newOid();
        Map<String, Object> t = typeRow(oid, target.name(), target.ns(), "d", (String) b[pgType.columnIndex("typcategory")],
                (Short) b[pgType.columnIndex("typlen")], (Boolean) b[pgType.columnIndex("typbyval")],
                (String) b[pgType.columnIndex("typalign")], (String) b[pgType.columnIndex("typstorage")]);
        t.put("typinput", TypeCatalog.builtinProc("domain_in"));
        t.put("typoutput", b[pgType.columnIndex("typoutput")]);
        t.put("typreceive", TypeCatalog.builtinProc("domain_recv"));
        t.put("typsend", b[pgType.columnIndex("typsend")]);
        t.put("typdelim", b[pgType.columnIndex("typdelim")]);
        t.put("typnotnull", notNull);
        t.put("typbasetype", base.oid());
        t.put("typtypmod", typmod);
        t.put("typcollation", b[pgType.columnIndex("typcollation")]);
        t.put("typdefault", defaultText);
        t.put("typdefaultbin", defaultText);
        t.put("typarray", arrayOid);
        ctx.insert(SystemCatalogs.PG_TYPE, t);
        insertArrayType(ctx, arrayOid, target.name(), target.ns(), oid, (String) b[pgType.columnIndex("typalign")],
                (Long) b[pgType.columnIndex("typcollation")]);
        if (base.oid() >= org.tusk.engine.func.UserProcs.FIRST_NORMAL_OBJECT_ID) {
            CreateTable.recordDependency(ctx, SystemCatalogs.PG_TYPE, oid, 0, SystemCatalogs.PG_TYPE, base.oid(), 0, "n");
        }
        ctx.commandCounterIncrement();
        for (Constraint c : checks) {
            addDomainCheck(ctx, oid, target.name(), target.ns(), c);
        }
        return "CREATE DOMAIN";
    }

    /** domainAddConstraint: a pg_constraint row (contypid = the domain) holding the CHECK's source text. */
    static String addDomainCheck(DdlContext ctx, long domainOid, String domainName, int ns, Constraint c) {
        if (c.isNoInherit()) {
            throw Ereport.error("42P17", "check constraints for domains cannot be marked NO INHERIT",
                    c.location() + 1);
        }
        String name = c.conname();
        Catalog con = SystemCatalogs.require(SystemCatalogs.PG_CONSTRAINT);
        int typCol = con.columnIndex("contypid");
        int nameCol = con.columnIndex("conname");
        if (name == null) {
            String base = Naming.makeObjectName(domainName, null, "check");
            name = base;
            for (int i = 1; ; i++) {
                String candidate = name;
                if (ctx.rows(SystemCatalogs.PG_CONSTRAINT, r -> (Long) r[typCol] == domainOid
                        && candidate.equals(r[nameCol])).isEmpty()) {
                    break;
                }
                name = Naming.makeObjectName(domainName, null, "check" + i);
            }
        } else {
            String wanted = name;
            if (!ctx.rows(SystemCatalogs.PG_CONSTRAINT, r -> (Long) r[typCol] == domainOid
                    && wanted.equals(r[nameCol])).isEmpty()) {
                throw Ereport.error(SqlState.DUPLICATE_OBJECT, "constraint \"" + name + "\" for domain \"" + domainName
                        + "\" already exists");
            }
        }
        int from = SourceText.afterKeyword(ctx.queryString(), Math.max(0, c.location()), "check");
        String source = SourceText.parenthesized(ctx.queryString(), from < 0 ? c.location() : from);
        long oid = ctx.newOid();
        Map<String, Object> row = new HashMap<>();
        row.put("oid", oid);
        row.put("conname", name);
        row.put("connamespace", (long) ns);
        row.put("contype", "c");
        row.put("convalidated", !c.skipValidation());
        row.put("contypid", domainOid);
        row.put("confupdtype", " ");
        row.put("confdeltype", " ");
        row.put("confmatchtype", " ");
        row.put("conislocal", true);
        row.put("coninhcount", 0);
        row.put("connoinherit", false);
        row.put("conbin", source);
        ctx.insert(SystemCatalogs.PG_CONSTRAINT, row);
        CreateTable.recordDependency(ctx, SystemCatalogs.PG_CONSTRAINT, oid, 0, SystemCatalogs.PG_TYPE, domainOid, 0, "a");
        return name;
    }

    // ---- DROP TYPE / DROP DOMAIN ----

    private static String drop(DdlContext ctx, DropStmt stmt) {
        boolean domain = stmt.removeType() == ObjectType.DOMAIN;
        List<DropObjects.ObjectAddress> targets = new ArrayList<>();
        for (RawNode object : stmt.objects()) {
            List<String> names = object instanceof TypeName tn ? tn.names() : ((AnyName) object).names();
            String shown = String.join(".", names);
            if (names.size() > 1 && ctx.relcache().namespaceOid(names.get(names.size() - 2)) == null) {
                if (stmt.missingOk()) {
                    ctx.notice(Naming.skippingNotice(SqlState.SUCCESSFUL_COMPLETION,
                            "schema \"" + names.get(names.size() - 2) + "\" does not exist, skipping"));
                    continue;
                }
                throw Ereport.error(SqlState.INVALID_SCHEMA_NAME, "schema \"" + names.get(names.size() - 2)
                        + "\" does not exist");
            }
            TypeCatalog.TypeRow t = TypeCatalog.lookup(ctx, names, false);
            if (t == null || !t.defined() && t.typtype() != 'p') {
                if (stmt.missingOk()) {
                    ctx.notice(Naming.skippingNotice(SqlState.SUCCESSFUL_COMPLETION,
                            "type \"" + shown + "\" does not exist, skipping"));
                    continue;
                }
                throw Ereport.error(SqlState.UNDEFINED_OBJECT, "type \"" + shown + "\" does not exist");
            }
            if (domain && t.typtype() != 'd') {
                throw Ereport.error(DdlStates.WRONG_OBJECT_TYPE, "\"" + shown + "\" is not a domain");
            }
            if (t.oid() < org.tusk.engine.func.UserProcs.FIRST_NORMAL_OBJECT_ID) {
                throw Ereport.error(DdlStates.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop type " + t.name()
                        + " because it is required by the database system");
            }
            Catalog pgType = SystemCatalogs.require(SystemCatalogs.PG_TYPE);
            long elem = (Long) t.tuple().get(pgType, "typelem");
            if (elem != 0 && "A".equals(t.tuple().get(pgType, "typcategory"))) {
                TypeCatalog.TypeRow element = TypeCatalog.byOid(ctx, elem);
                if (element != null && element.array() == t.oid()) {
                    // RemoveTypes: an implicit array type goes with its element type
                    throw Ereport.error(DdlStates.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop type " + shown
                            + " because type " + element.name() + " requires it")
                            .withHint("You can drop type " + element.name() + " instead.");
                }
            }
            if ((Long) t.tuple().get(pgType, "typrelid") != 0L && t.typtype() == 'c') {
                RelationOfType rel = relationOfRowType(ctx, (Long) t.tuple().get(pgType, "typrelid"));
                if (rel != null && rel.kind() != 'c') {
                    throw Ereport.error(DdlStates.WRONG_OBJECT_TYPE, "\"" + shown + "\" is a table's row type")
                            .withHint("Use DROP TABLE instead.");
                }
            }
            targets.add(new DropObjects.ObjectAddress(SystemCatalogs.PG_TYPE, t.oid()));
        }
        if (!targets.isEmpty()) {
            DropObjects.performDeletion(ctx, targets, stmt.behavior() == DropBehavior.CASCADE);
        }
        return stmt.commandName();
    }

    private record RelationOfType(long oid, char kind) {
    }

    private static RelationOfType relationOfRowType(DdlContext ctx, long relOid) {
        Catalog pgClass = SystemCatalogs.require(SystemCatalogs.PG_CLASS);
        for (CatalogTuple r : ctx.rowsWhere(SystemCatalogs.PG_CLASS, "oid", relOid)) {
            return new RelationOfType(relOid, ((String) r.get(pgClass, "relkind")).charAt(0));
        }
        return null;
    }

    /** Removes the rows that belong to type {@code oid} beyond its pg_type row (DropObjects' deleteObject). */
    static void deleteTypeExtras(DdlContext ctx, long oid) {
        Catalog e = SystemCatalogs.require(PG_ENUM_OID);
        int typ = e.columnIndex("enumtypid");
        ctx.deleteWhere(PG_ENUM_OID, r -> (Long) r[typ] == oid);
        Catalog rng = SystemCatalogs.require(PG_RANGE_OID);
        int rt = rng.columnIndex("rngtypid");
        ctx.deleteWhere(PG_RANGE_OID, r -> (Long) r[rt] == oid);
    }

    static final int PG_ENUM_OID = 3501;
    static final int PG_RANGE_OID = 3541;

    // ---- definition arguments ----

    private static String wordArg(DefElem d) {
        RawNode a = d.arg();
        if (a instanceof AConst c) {
            return c.val();
        }
        if (a instanceof TypeName tn) {
            return tn.lastName();
        }
        if (a instanceof AnyName n) {
            return n.names().get(n.names().size() - 1);
        }
        if (a == null) {
            throw Ereport.error(SqlState.SYNTAX_ERROR, d.defname() + " requires a parameter");
        }
        return String.valueOf(a);
    }

    private static TypeName typeNameArg(DefElem d) {
        if (d.arg() instanceof TypeName tn) {
            return tn;
        }
        return new TypeName(List.of(wordArg(d)), List.of(), List.of(), false, false, -1);
    }
}
