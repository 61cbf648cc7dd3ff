package org.tusk.engine.tcop;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.tusk.engine.catalog.CatalogAccess;
import org.tusk.engine.catalog.CatalogAccess.CatalogTuple;
import org.tusk.engine.catalog.SystemCatalogs;
import org.tusk.engine.catalog.SystemCatalogs.Catalog;
import org.tusk.engine.catalog.bootstrap.CsvReader;
import org.tusk.engine.types.PgType;
import org.tusk.engine.types.UserTypes;
import org.tusk.engine.types.UserTypes.UserCast;
import org.tusk.engine.types.UserTypes.UserType;

/**
 * The session's syscache of user-defined types (pg_type rows at or above
 * FirstNormalObjectId with their pg_enum labels and domain CHECKs from
 * pg_constraint) and user-created pg_cast rows, installed as the thread's
 * {@link UserTypes.Provider}. Loaded by one scan of each catalog, dropped on
 * CATCACHE invalidations of those catalogs (our own DDL at once, other
 * backends' at their commit) and on relcache resets.
 */
final class SessionTypes implements UserTypes.Provider {
    private static final int PG_ENUM = 3501;
    private static final int PG_CAST = 2605;

    /** Built-in typinput function name -> its type (int4in -> int4), for base types with internal I/O. */
    private static final Map<String, PgType> BY_INPUT = new HashMap<>();

    static {
        for (Map<String, String> r : CsvReader.read("pg_type")) {
            PgType t = PgType.byOid(Integer.parseInt(r.get("oid")));
            if (t != null && "b".equals(r.get("typtype"))) {
                BY_INPUT.putIfAbsent(r.get("typinput"), t);
            }
        }
    }

    private final TuskSession session;
    private Map<Integer, UserType> byOid;
    private Map<Long, UserCast> casts;
    /** Composite type OID -> pg_type.typrelid, and the reverse (a relation's row type). */
    private Map<Integer, Integer> relOfType;
    private Map<Integer, Integer> typeOfRel;

    SessionTypes(TuskSession session) {
        this.session = session;
        if (session.relcache() != null) {
            session.relcache().addCatcacheListener(catalog -> {
                if (catalog == 0 || catalog == SystemCatalogs.PG_TYPE || catalog == PG_ENUM || catalog == PG_CAST
                        || catalog == SystemCatalogs.PG_CONSTRAINT || catalog == SystemCatalogs.PG_PROC
                        || catalog == SystemCatalogs.PG_NAMESPACE || catalog == SystemCatalogs.PG_CLASS) {
                    byOid = null;
                    casts = null;
                }
            });
        }
    }

    private void load() {
        if (byOid != null) {
            return;
        }
        Map<Integer, UserType> types = new HashMap<>();
        Map<Long, UserCast> castRows = new HashMap<>();
        if (session.storage() == null) {
            byOid = types;
            casts = castRows;
            relOfType = Map.of();
            typeOfRel = Map.of();
            return;
        }
        CatalogAccess access = session.catalogAccess();
        access.transaction().catalogSnapshot(access.level());
        Catalog pgType = SystemCatalogs.require(SystemCatalogs.PG_TYPE);
        int oidCol = pgType.columnIndex("oid");
        // information_schema's domains (cardinal_number, sql_identifier, ...) are bootstrap facts below
        // FirstNormalObjectId that PgType does not list: they are described like user types
        Integer infoSchema = session.relcache() == null ? null : session.relcache().namespaceOid("information_schema");
        int nsCol = pgType.columnIndex("typnamespace");
        List<CatalogTuple> rows = access.scan(SystemCatalogs.PG_TYPE,
                r -> Long.compareUnsigned((Long) r[oidCol], UserTypes.FIRST_NORMAL_OBJECT_ID) >= 0
                        || infoSchema != null && ((Long) r[nsCol]).intValue() == infoSchema);
        Map<Integer, Object[]> raw = new HashMap<>();
        Map<Integer, Integer> rels = new HashMap<>();
        Map<Integer, Integer> rowTypes = new HashMap<>();
        int relidCol = pgType.columnIndex("typrelid");
        for (CatalogTuple t : rows) {
            int oid = ((Long) t.values()[oidCol]).intValue();
            raw.put(oid, t.values());
            int relid = ((Long) t.values()[relidCol]).intValue();
            if (relid != 0) {
                rels.put(oid, relid);
                rowTypes.put(relid, oid);
            }
        }
        relOfType = rels;
        typeOfRel = rowTypes;
        Map<Long, String> schemas = new HashMap<>();
        Catalog ns = SystemCatalogs.require(SystemCatalogs.PG_NAMESPACE);
        for (CatalogTuple t : access.scan(SystemCatalogs.PG_NAMESPACE)) {
            schemas.put((Long) t.get(ns, "oid"), (String) t.get(ns, "nspname"));
        }
        Map<Integer, TreeMap<Float, String>> labels = new HashMap<>();
        Map<Integer, TreeMap<Float, Long>> labelOids = new HashMap<>();
        Catalog en = SystemCatalogs.require(PG_ENUM);
        for (CatalogTuple t : access.scan(PG_ENUM)) {
            int type = ((Long) t.get(en, "enumtypid")).intValue();
            Float order = (Float) t.get(en, "enumsortorder");
            labels.computeIfAbsent(type, k -> new TreeMap<>()).put(order, (String) t.get(en, "enumlabel"));
            labelOids.computeIfAbsent(type, k -> new TreeMap<>()).put(order, (Long) t.get(en, "oid"));
        }
        Map<Integer, List<UserTypes.DomainCheck>> checks = new HashMap<>();
        Catalog con = SystemCatalogs.require(SystemCatalogs.PG_CONSTRAINT);
        int typCol = con.columnIndex("contypid");
        List<CatalogTuple> conRows = new ArrayList<>(access.scan(SystemCatalogs.PG_CONSTRAINT, r -> (Long) r[typCol] != 0L));
        // domain constraints are checked in name order (as PostgreSQL's domain constraint cache sorts them)
        conRows.sort((x, y) -> ((String) x.get(con, "conname")).compareTo((String) y.get(con, "conname")));
        for (CatalogTuple t : conRows) {
            if ("c".equals(t.get(con, "contype"))) {
                checks.computeIfAbsent(((Long) t.get(con, "contypid")).intValue(), k -> new ArrayList<>())
                        .add(new UserTypes.DomainCheck((String) t.get(con, "conname"), (String) t.get(con, "conbin")));
            }
        }
        Catalog proc = SystemCatalogs.require(SystemCatalogs.PG_PROC);
        int procOid = proc.columnIndex("oid");
        Map<Long, String> prosrc = new HashMap<>();
        for (CatalogTuple t : access.scan(SystemCatalogs.PG_PROC,
                r -> Long.compareUnsigned((Long) r[procOid], UserTypes.FIRST_NORMAL_OBJECT_ID) >= 0)) {
            prosrc.put((Long) t.get(proc, "oid"), (String) t.get(proc, "prosrc"));
        }
        for (Integer oid : raw.keySet()) {
            build(oid, raw, schemas, labels, labelOids, checks, prosrc, types, pgType, 0);
        }
        Catalog cast = SystemCatalogs.require(PG_CAST);
        int castOid = cast.columnIndex("oid");
        for (CatalogTuple t : access.scan(PG_CAST,
                r -> Long.compareUnsigned((Long) r[castOid], UserTypes.FIRST_NORMAL_OBJECT_ID) >= 0)) {
            int s = ((Long) t.get(cast, "castsource")).intValue();
            int d = ((Long) t.get(cast, "casttarget")).intValue();
            castRows.put(key(s, d), new UserCast(s, d, ((String) t.get(cast, "castmethod")).charAt(0),
                    ((Long) t.get(cast, "castfunc")).intValue(), ((String) t.get(cast, "castcontext")).charAt(0)));
        }
        byOid = types;
        casts = castRows;
    }

    private static long key(int s, int d) {
        return ((long) s << 32) | (d & 0xffffffffL);
    }

    private static UserType build(int oid, Map<Integer, Object[]> raw, Map<Long, String> schemas,
            Map<Integer, TreeMap<Float, String>> labels, Map<Integer, TreeMap<Float, Long>> labelOids,
            Map<Integer, List<UserTypes.DomainCheck>> checks,
            Map<Long, String> prosrc, Map<Integer, UserType> out, Catalog c, int depth) {
        UserType done = out.get(oid);
        if (done != null) {
            return done;
        }
        Object[] r = raw.get(oid);
        if (r == null || depth > 20) {
            return null;
        }
        char typtype = ((String) r[c.columnIndex("typtype")]).charAt(0);
        int elem = ((Long) r[c.columnIndex("typelem")]).intValue();
        int base = ((Long) r[c.columnIndex("typbasetype")]).intValue();
        PgType repr = null;
        int typmod = (Integer) r[c.columnIndex("typtypmod")];
        switch (typtype) {
            case 'd': {
                repr = PgType.byOid(base);
                if (repr == null) {
                    UserType b = build(base, raw, schemas, labels, labelOids, checks, prosrc, out, c, depth + 1);
                    repr = b == null ? null : b.representation();
                    if (b != null && typmod < 0) {
                        typmod = b.typmod();
                    }
                }
                break;
            }
            case 'e':
                repr = PgType.ANYENUM;          // values are EnumValues
                break;
            case 'c':
                repr = PgType.RECORD;
                break;
            case 'b': {
                if (elem != 0 && "A".equals(r[c.columnIndex("typcategory")])) {
                    PgType e = PgType.byOid(elem);
                    if (e == null) {
                        UserType u = build(elem, raw, schemas, labels, labelOids, checks, prosrc, out, c, depth + 1);
                        e = u == null ? null : u.representation();
                    }
                    // arrays of an enum keep their labels as text elements
                    repr = e == PgType.ANYENUM ? PgType.TEXT_ARRAY : e == null ? null : e.arrayType();
                    base = elem;    // an array type's UserType names its element type where a domain names its base
                } else {
                    String in = prosrc.get((Long) r[c.columnIndex("typinput")]);
                    repr = in == null ? null : BY_INPUT.get(in);
                }
                break;
            }
            default:
                break;
        }
        TreeMap<Float, String> l = labels.get(oid);
        UserType t = new UserType(oid, (String) r[c.columnIndex("typname")],
                schemas.get((Long) r[c.columnIndex("typnamespace")]), typtype, repr, base, typtype == 'd' ? typmod : -1,
                (Boolean) r[c.columnIndex("typnotnull")], (String) r[c.columnIndex("typdefault")],
                checks.getOrDefault(oid, List.of()), ((Long) r[c.columnIndex("typarray")]).intValue(),
                l == null ? List.of() : List.copyOf(l.values()), (Boolean) r[c.columnIndex("typisdefined")],
                l == null ? List.of() : List.copyOf(l.keySet()),
                l == null ? List.of() : List.copyOf(labelOids.get(oid).values()));
        out.put(oid, t);
        return t;
    }

    @Override
    public UserType byName(String schema, String name) {
        if (session.storage() == null) {
            return null;
        }
        load();
        List<String> path = schema != null ? List.of(schema) : session.searchPath();
        for (String s : path) {
            for (UserType t : byOid.values()) {
                if (t.name().equals(name) && s.equals(t.schema())) {
                    return t;
                }
            }
        }
        return null;
    }

    @Override
    public UserType byOid(int oid) {
        if (session.storage() == null) {
            return null;
        }
        load();
        return byOid.get(oid);
    }

    @Override
    public UserCast cast(int source, int target) {
        if (session.storage() == null) {
            return null;
        }
        load();
        return casts.get(key(source, target));
    }

    @Override
    public org.tusk.engine.types.RowType rowType(int oid) {
        if (session.storage() == null) {
            return null;
        }
        load();
        Integer relid = relOfType.get(oid);
        if (relid == null && byOid.get(oid) == null) {
            byOid = null;
            load();
            relid = relOfType.get(oid);
        }
        if (relid == null) {
            return null;
        }
        org.tusk.engine.relcache.RelationDesc rel = session.relcache().byOid(relid);
        if (rel == null) {
            return null;
        }
        List<org.tusk.engine.types.RowType.Field> fields = new ArrayList<>();
        for (org.tusk.engine.relcache.AttributeDesc a : rel.liveAttributes()) {
            PgType t = UserTypes.columnType(a.typeOid());
            fields.add(new org.tusk.engine.types.RowType.Field(a.name(), t == null ? PgType.TEXT : t, a.typmod(),
                    a.typeOid()));
        }
        return new org.tusk.engine.types.RowType(oid, fields);
    }

    @Override
    public int rowTypeOfRelation(int relOid) {
        if (session.storage() == null) {
            return 0;
        }
        load();
        Integer type = typeOfRel.get(relOid);
        if (type == null) {
            // a table created in this transaction may be newer than the cache: look once more
            byOid = null;
            load();
            type = typeOfRel.get(relOid);
        }
        return type == null ? 0 : type;
    }
}
