package org.tusk.engine.commands;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tusk.api.error.SqlState;
import org.tusk.engine.catalog.CatalogAccess.CatalogTuple;
import org.tusk.engine.catalog.SystemCatalogs;
import org.tusk.engine.catalog.SystemCatalogs.Catalog;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.nodes.CreateOpClassItem;
import org.tusk.engine.nodes.CreateOpClassStmt;
import org.tusk.engine.nodes.ObjectWithArgs;
import org.tusk.engine.nodes.RawStmt;
import org.tusk.engine.nodes.TypeName;

/**
 * CREATE OPERATOR CLASS (opclasscmds.c DefineOpClass): a pg_opclass row, its pg_opfamily row (the
 * named FAMILY, else one of the class's own name, made when missing), and a pg_amop row per OPERATOR
 * and a pg_amproc row per FUNCTION item, after PostgreSQL's checks of strategy and support numbers
 * and of the support functions' signatures for btree and hash. The class depends on its family
 * (auto); members depend on the class (internal) and on their operator or function (normal), so
 * DROP FUNCTION refuses while an operator class uses it.
 */
public final class OpClassCommands {

    public static final int PG_AM = 2601;
    public static final int PG_AMOP = 2602;
    public static final int PG_AMPROC = 2603;
    public static final int PG_OPCLASS = 2616;
    public static final int PG_OPERATOR = 2617;
    public static final int PG_OPFAMILY = 2753;

    private static final long BTREE = 403;
    private static final long HASH = 405;

    private OpClassCommands() {
    }

    public static boolean handles(RawStmt stmt) {
        return stmt instanceof CreateOpClassStmt;
    }

    public static String execute(DdlContext ctx, RawStmt stmt) {
        String tag = create(ctx, (CreateOpClassStmt) stmt);
        ctx.commandCounterIncrement();
        for (int c : new int[] {PG_OPCLASS, PG_OPFAMILY, PG_AMOP, PG_AMPROC}) {
            ctx.relcache().invalidateCatalog(c);
        }
        return tag;
    }

    private static String create(DdlContext ctx, CreateOpClassStmt stmt) {
        List<String> names = stmt.opclassname();
        String schema = names.size() > 1 ? names.get(names.size() - 2) : null;
        String name = names.get(names.size() - 1);
        long ns = Naming.creationNamespace(ctx, schema, -1);
        long am = accessMethod(ctx, stmt.amname());
        int maxStrategy = am == BTREE ? 5 : am == HASH ? 1 : 0;
        int maxProc = am == BTREE ? 5 : am == HASH ? 3 : 0;
        TypeCatalog.TypeRow type = TypeCatalog.require(ctx, stmt.datatype());
        long typeOid = type.oid();

        long family;
        if (stmt.opfamilyname() != null) {
            family = findFamily(ctx, stmt.opfamilyname(), am, stmt.amname());
        } else {
            Long existing = familyIn(ctx, name, ns, am);
            family = existing != null ? existing : createFamily(ctx, name, ns, am);
            ctx.commandCounterIncrement();
        }

        long storage = 0;
        List<Map<String, Object>> amops = new ArrayList<>();
        List<Map<String, Object>> amprocs = new ArrayList<>();
        for (CreateOpClassItem item : stmt.items()) {
            switch (item.itemtype()) {
                case CreateOpClassItem.OPERATOR -> {
                    if (item.number() <= 0 || maxStrategy > 0 && item.number() > maxStrategy) {
                        throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "invalid operator number "
                                + item.number() + ", must be between 1 and " + maxStrategy);
                    }
                    addMember(ctx, amops, operatorMember(ctx, item, typeOid, family, am), "amoplefttype",
                            "amoprighttype", "amopstrategy", "operator");
                }
                case CreateOpClassItem.FUNCTION -> {
                    if (item.number() <= 0 || maxProc > 0 && item.number() > maxProc) {
                        throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "invalid function number "
                                + item.number() + ", must be between 1 and " + maxProc);
                    }
                    addMember(ctx, amprocs, procMember(ctx, item, typeOid, family, am), "amproclefttype",
                            "amprocrighttype", "amprocnum", "function");
                }
                default -> {
                    if (storage != 0) {
                        throw Ereport.error(SqlState.SYNTAX_ERROR, "storage type specified more than once");
                    }
                    storage = TypeCatalog.require(ctx, item.storedtype()).oid();
                    if (storage == typeOid) {
                        storage = 0;
                    }
                }
            }
        }
        if (storage != 0 && (am == BTREE || am == HASH)) {
            throw Ereport.error("42P17", "storage type cannot be different from data type "
                    + "for access method \"" + stmt.amname() + "\"");
        }

        Catalog opclass = SystemCatalogs.require(PG_OPCLASS);
        int cName = opclass.columnIndex("opcname");
        int cNs = opclass.columnIndex("opcnamespace");
        int cAm = opclass.columnIndex("opcmethod");
        int cType = opclass.columnIndex("opcintype");
        int cDefault = opclass.columnIndex("opcdefault");
        if (!ctx.rows(PG_OPCLASS, r -> name.equals(String.valueOf(r[cName])) && ((Number) r[cNs]).longValue() == ns
                && ((Number) r[cAm]).longValue() == am).isEmpty()) {
            throw Ereport.error(SqlState.DUPLICATE_OBJECT, "operator class \"" + name + "\" for access method \""
                    + stmt.amname() + "\" already exists");
        }
        if (stmt.isDefault()) {
            List<CatalogTuple> other = ctx.rows(PG_OPCLASS, r -> Boolean.TRUE.equals(r[cDefault])
                    && ((Number) r[cType]).longValue() == typeOid && ((Number) r[cAm]).longValue() == am);
            if (!other.isEmpty()) {
                throw Ereport.error(SqlState.DUPLICATE_OBJECT, "could not make operator class \"" + name
                        + "\" be default for type " + String.join(".", stmt.datatype().names()))
                        .withDetail("Operator class \"" + other.get(0).values()[cName] + "\" already is the default.");
            }
        }

        long oid = ctx.newOid();
        Map<String, Object> row = new HashMap<>();
        row.put("oid", oid);
        row.put("opcmethod", am);
        row.put("opcname", name);
        row.put("opcnamespace", ns);
        row.put("opcowner", ctx.userOid());
        row.put("opcfamily", family);
        row.put("opcintype", typeOid);
        row.put("opcdefault", stmt.isDefault());
        row.put("opckeytype", storage);
        ctx.insert(PG_OPCLASS, row);
        CreateTable.recordDependency(ctx, PG_OPCLASS, oid, 0, PG_OPFAMILY, family, 0, "a");
        CreateTable.recordDependency(ctx, PG_OPCLASS, oid, 0, SystemCatalogs.PG_NAMESPACE, ns, 0, "n");
        if (typeOid >= org.tusk.engine.func.UserProcs.FIRST_NORMAL_OBJECT_ID) {
            CreateTable.recordDependency(ctx, PG_OPCLASS, oid, 0, SystemCatalogs.PG_TYPE, typeOid, 0, "n");
        }
        insertMembers(ctx, PG_AMOP, amops, "amopopr", PG_OPERATOR, oid, "amopfamily", "amoplefttype",
                "amoprighttype", "amopstrategy", "operator", familyName(ctx, family));
        insertMembers(ctx, PG_AMPROC, amprocs, "amproc", SystemCatalogs.PG_PROC, oid, "amprocfamily",
                "amproclefttype", "amprocrighttype", "amprocnum", "function", familyName(ctx, family));
        return "CREATE OPERATOR CLASS";
    }

    /** storeOperators/storeProcedures: a row per member, refusing one the family already has. */
    private static void insertMembers(DdlContext ctx, int catalogId, List<Map<String, Object>> members,
            String refColumn, int refCatalog, long opclassOid, String famCol, String leftCol, String rightCol,
            String numCol, String word, String familyName) {
        Catalog catalog = SystemCatalogs.require(catalogId);
        int f = catalog.columnIndex(famCol);
        int l = catalog.columnIndex(leftCol);
        int r = catalog.columnIndex(rightCol);
        int n = catalog.columnIndex(numCol);
        for (Map<String, Object> m : members) {
            boolean duplicate = !ctx.rows(catalogId, x -> ((Number) x[f]).longValue() == (Long) m.get(famCol)
                    && ((Number) x[l]).longValue() == (Long) m.get(leftCol)
                    && ((Number) x[r]).longValue() == (Long) m.get(rightCol)
                    && ((Number) x[n]).intValue() == ((Short) m.get(numCol))).isEmpty();
            if (duplicate) {
                throw Ereport.error(SqlState.DUPLICATE_OBJECT, word + " " + m.get(numCol) + "("
                        + TypeCatalog.formatType(ctx, (Long) m.get(leftCol)) + ","
                        + TypeCatalog.formatType(ctx, (Long) m.get(rightCol)) + ") already exists in operator family \""
                        + familyName + "\"");
            }
            long oid = ctx.newOid();
            m.put("oid", oid);
            ctx.insert(catalogId, m);
            if (isHard(m, catalogId)) {
                CreateTable.recordDependency(ctx, catalogId, oid, 0, PG_OPCLASS, opclassOid, 0, "i");
                if ((Long) m.get(refColumn) >= org.tusk.engine.func.UserProcs.FIRST_NORMAL_OBJECT_ID) {
                    CreateTable.recordDependency(ctx, catalogId, oid, 0, refCatalog, (Long) m.get(refColumn), 0, "n");
                }
            } else {
                if ((Long) m.get(refColumn) >= org.tusk.engine.func.UserProcs.FIRST_NORMAL_OBJECT_ID) {
                    CreateTable.recordDependency(ctx, catalogId, oid, 0, refCatalog, (Long) m.get(refColumn), 0, "a");
                }
                CreateTable.recordDependency(ctx, catalogId, oid, 0, PG_OPFAMILY, (Long) m.get(famCol), 0, "a");
            }
        }
    }

    /**
     * Whether a member belongs to the class itself (hashadjustmembers / btadjustmembers): operators and
     * the required support function (1) of the class's own type; optional support functions and
     * cross-type members are soft members of the family, auto-dropped with their function.
     */
    private static boolean isHard(Map<String, Object> m, int catalogId) {
        if (catalogId == PG_AMOP) {
            return m.get("amoplefttype").equals(m.get("amoprighttype"));
        }
        return ((Short) m.get("amprocnum")) == 1 && m.get("amproclefttype").equals(m.get("amprocrighttype"));
    }

    /** addFamilyMember: one statement may name a member (number, left, right) only once. */
    private static void addMember(DdlContext ctx, List<Map<String, Object>> members, Map<String, Object> m,
            String leftCol, String rightCol, String numCol, String word) {
        for (Map<String, Object> d : members) {
            if (d.get(leftCol).equals(m.get(leftCol)) && d.get(rightCol).equals(m.get(rightCol))
                    && d.get(numCol).equals(m.get(numCol))) {
                throw Ereport.error("42P17", word + " number " + m.get(numCol)
                        + " for (" + TypeCatalog.formatType(ctx, (Long) m.get(leftCol)) + ","
                        + TypeCatalog.formatType(ctx, (Long) m.get(rightCol)) + ") appears more than once");
            }
        }
        members.add(m);
    }

    private static String familyName(DdlContext ctx, long family) {
        Catalog fam = SystemCatalogs.require(PG_OPFAMILY);
        return String.valueOf(ctx.rowsWhere(PG_OPFAMILY, "oid", family).get(0).get(fam, "opfname"));
    }

    /** OPERATOR n op [(left, right)]: the operator's pg_amop row (search purpose). */
    private static Map<String, Object> operatorMember(DdlContext ctx, CreateOpClassItem item, long typeOid,
            long family, long am) {
        ObjectWithArgs op = item.name();
        long left = typeOid;
        long right = typeOid;
        if (!op.argsUnspecified()) {
            left = op.objargs().get(0) == null ? 0 : TypeCatalog.require(ctx, op.objargs().get(0)).oid();
            right = op.objargs().get(1) == null ? 0 : TypeCatalog.require(ctx, op.objargs().get(1)).oid();
        }
        String opName = op.objname().get(op.objname().size() - 1);
        Catalog oper = SystemCatalogs.require(PG_OPERATOR);
        int nameCol = oper.columnIndex("oprname");
        int leftCol = oper.columnIndex("oprleft");
        int rightCol = oper.columnIndex("oprright");
        long l = left;
        long r = right;
        List<CatalogTuple> hits = ctx.rows(PG_OPERATOR, x -> opName.equals(String.valueOf(x[nameCol]))
                && ((Number) x[leftCol]).longValue() == l && ((Number) x[rightCol]).longValue() == r);
        if (hits.isEmpty()) {
            throw Ereport.error(SqlState.UNDEFINED_FUNCTION, "operator does not exist: "
                    + (l == 0 ? "" : TypeCatalog.formatType(ctx, l) + " ") + String.join(".", op.objname()) + " "
                    + TypeCatalog.formatType(ctx, r));
        }
        CatalogTuple o = hits.get(0);
        if (((Number) o.get(oper, "oprresult")).longValue() != 16) {
            throw Ereport.error("42P17", "index search operators must return boolean");
        }
        if (l == 0 || r == 0) {
            throw Ereport.error("42P17", "index operators must be binary");
        }
        Map<String, Object> m = new HashMap<>();
        m.put("amopfamily", family);
        m.put("amoplefttype", l);
        m.put("amoprighttype", r);
        m.put("amopstrategy", (short) item.number());
        m.put("amoppurpose", "s");
        m.put("amopopr", ((Number) o.get(oper, "oid")).longValue());
        m.put("amopmethod", am);
        m.put("amopsortfamily", 0L);
        return m;
    }

    /** FUNCTION n [(types)] f(args): the support function's pg_amproc row after assignProcTypes' checks. */
    private static Map<String, Object> procMember(DdlContext ctx, CreateOpClassItem item, long typeOid,
            long family, long am) {
        ObjectWithArgs fn = item.name();
        List<String> qname = fn.objname();
        String fname = qname.get(qname.size() - 1);
        Catalog proc = SystemCatalogs.require(SystemCatalogs.PG_PROC);
        int nameCol = proc.columnIndex("proname");
        int argsCol = proc.columnIndex("proargtypes");
        Object[] wanted = null;
        if (!fn.argsUnspecified()) {
            wanted = new Object[fn.objargs().size()];
            for (int i = 0; i < wanted.length; i++) {
                wanted[i] = TypeCatalog.require(ctx, fn.objargs().get(i)).oid();
            }
        }
        Object[] args = wanted;
        List<CatalogTuple> hits = ctx.rows(SystemCatalogs.PG_PROC, x -> fname.equals(x[nameCol])
                && (args == null || java.util.Arrays.equals((Object[]) x[argsCol], args)));
        if (hits.isEmpty()) {
            StringBuilder sb = new StringBuilder();
            for (TypeName tn : fn.objargs()) {
                sb.append(sb.length() == 0 ? "" : ", ").append(TypeCatalog.formatType(ctx,
                        TypeCatalog.require(ctx, tn).oid()));
            }
            throw Ereport.error(SqlState.UNDEFINED_FUNCTION, "function " + String.join(".", qname) + "(" + sb
                    + ") does not exist");
        }
        CatalogTuple f = hits.get(hits.size() - 1);
        Object[] fargs = (Object[]) f.get(proc, "proargtypes");
        long rettype = ((Number) f.get(proc, "prorettype")).longValue();
        long left = typeOid;
        long right = typeOid;
        int n = item.number();
        if (am == BTREE && n == 1) {
            if (fargs.length != 2) {
                throw Ereport.error("42P17", "btree comparison functions must have two arguments");
            }
            if (rettype != 23) {
                throw Ereport.error("42P17", "btree comparison functions must return integer");
            }
            left = (Long) fargs[0];
            right = (Long) fargs[1];
        } else if (am == HASH && (n == 1 || n == 2)) {
            if (n == 1 && fargs.length != 1) {
                throw Ereport.error("42P17", "hash function 1 must have one argument");
            }
            if (n == 2 && (fargs.length != 2 || (Long) fargs[1] != 20)) {
                throw Ereport.error("42P17", "hash function 2 must have two arguments");
            }
            if (rettype != (n == 1 ? 23 : 20)) {
                throw Ereport.error("42P17", "hash function " + n + " must return "
                        + (n == 1 ? "integer" : "bigint"));
            }
            left = (Long) fargs[0];
            right = left;
        }
        if (item.classArgs() != null) {
            left = TypeCatalog.require(ctx, item.classArgs().get(0)).oid();
            right = item.classArgs().size() > 1 ? TypeCatalog.require(ctx, item.classArgs().get(1)).oid() : left;
        }
        Map<String, Object> m = new HashMap<>();
        m.put("amprocfamily", family);
        m.put("amproclefttype", left);
        m.put("amprocrighttype", right);
        m.put("amprocnum", (short) n);
        m.put("amproc", ((Number) f.get(proc, "oid")).longValue());
        return m;
    }

    static long accessMethod(DdlContext ctx, String amName) {
        Catalog pgAm = SystemCatalogs.require(PG_AM);
        int nameCol = pgAm.columnIndex("amname");
        List<CatalogTuple> am = ctx.rows(PG_AM, r -> amName.equals(String.valueOf(r[nameCol])));
        if (am.isEmpty()) {
            throw Ereport.error(SqlState.UNDEFINED_OBJECT, "access method \"" + amName + "\" does not exist");
        }
        if (!"i".equals(String.valueOf(am.get(0).get(pgAm, "amtype")))) {
            throw Ereport.error(SqlState.WRONG_OBJECT_TYPE, "access method \"" + amName + "\" is not of type INDEX");
        }
        return ((Number) am.get(0).get(pgAm, "oid")).longValue();
    }

    private static Long familyIn(DdlContext ctx, String name, long ns, long am) {
        Catalog fam = SystemCatalogs.require(PG_OPFAMILY);
        int n = fam.columnIndex("opfname");
        int s = fam.columnIndex("opfnamespace");
        int a = fam.columnIndex("opfmethod");
        List<CatalogTuple> hits = ctx.rows(PG_OPFAMILY, r -> name.equals(String.valueOf(r[n]))
                && ((Number) r[s]).longValue() == ns && ((Number) r[a]).longValue() == am);
        return hits.isEmpty() ? null : ((Number) hits.get(0).get(fam, "oid")).longValue();
    }

    /** FAMILY f: an existing family of this access method, by schema or search_path. */
    private static long findFamily(DdlContext ctx, List<String> names, long am, String amName) {
        String name = names.get(names.size() - 1);
        List<Long> namespaces = new ArrayList<>();
        if (names.size() > 1) {
            namespaces.add((long) Naming.creationNamespace(ctx, names.get(names.size() - 2), -1));
        } else {
            namespaces.add((long) SystemCatalogs.PG_CATALOG_NAMESPACE);
            for (String s : ctx.searchPath()) {
                Integer ns = ctx.relcache().namespaceOid(s);
                if (ns != null) {
                    namespaces.add((long) ns);
                }
            }
        }
        for (long ns : namespaces) {
            Long f = familyIn(ctx, name, ns, am);
            if (f != null) {
                return f;
            }
        }
        throw Ereport.error(SqlState.UNDEFINED_OBJECT, "operator family \"" + String.join(".", names)
                + "\" does not exist for access method \"" + amName + "\"");
    }

    private static long createFamily(DdlContext ctx, String name, long ns, long am) {
        long oid = ctx.newOid();
        Map<String, Object> row = new HashMap<>();
        row.put("oid", oid);
        row.put("opfmethod", am);
        row.put("opfname", name);
        row.put("opfnamespace", ns);
        row.put("opfowner", ctx.userOid());
        ctx.insert(PG_OPFAMILY, row);
        CreateTable.recordDependency(ctx, PG_OPFAMILY, oid, 0, SystemCatalogs.PG_NAMESPACE, ns, 0, "n");
        return oid;
    }

    /** getObjectDescription for the four catalogs of operator classes. */
    static String describe(DdlContext ctx, int classId, long oid) {
        Catalog catalog = SystemCatalogs.require(classId);
        List<CatalogTuple> rows = ctx.rowsWhere(classId, "oid", oid);
        if (rows.isEmpty()) {
            return "object " + classId + "/" + oid;
        }
        CatalogTuple t = rows.get(0);
        switch (classId) {
            case PG_OPCLASS:
                return "operator class " + t.get(catalog, "opcname") + " for access method "
                        + amName(ctx, ((Number) t.get(catalog, "opcmethod")).longValue());
            case PG_OPFAMILY:
                return "operator family " + t.get(catalog, "opfname") + " for access method "
                        + amName(ctx, ((Number) t.get(catalog, "opfmethod")).longValue());
            case PG_AMOP:
                return "operator " + t.get(catalog, "amopstrategy") + " ("
                        + TypeCatalog.formatType(ctx, ((Number) t.get(catalog, "amoplefttype")).longValue()) + ", "
                        + TypeCatalog.formatType(ctx, ((Number) t.get(catalog, "amoprighttype")).longValue())
                        + ") of " + describe(ctx, PG_OPFAMILY, ((Number) t.get(catalog, "amopfamily")).longValue());
            default:
                return "function " + t.get(catalog, "amprocnum") + " ("
                        + TypeCatalog.formatType(ctx, ((Number) t.get(catalog, "amproclefttype")).longValue()) + ", "
                        + TypeCatalog.formatType(ctx, ((Number) t.get(catalog, "amprocrighttype")).longValue())
                        + ") of " + describe(ctx, PG_OPFAMILY, ((Number) t.get(catalog, "amprocfamily")).longValue());
        }
    }

    private static String amName(DdlContext ctx, long am) {
        return String.valueOf(ctx.rowsWhere(PG_AM, "oid", am).get(0).get(SystemCatalogs.require(PG_AM), "amname"));
    }
}
