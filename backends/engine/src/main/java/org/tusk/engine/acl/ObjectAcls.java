package org.tusk.engine.acl;

import java.util.ArrayList;
import java.util.List;

import org.tusk.api.auth.RoleRecord;
import org.tusk.api.auth.RoleStore;
import org.tusk.api.error.PgException;
import org.tusk.api.error.SqlState;
import org.tusk.engine.catalog.CatalogAccess;
import org.tusk.engine.catalog.CatalogAccess.CatalogTuple;
import org.tusk.engine.catalog.SystemCatalogs;

/**
 * The owner and ACL of catalog objects (pg_class.relacl, pg_namespace.nspacl,
 * pg_database.datacl, pg_proc.proacl) read and written through
 * {@link CatalogAccess}. Stored ACLs are aclitem[] values, which catalog rows
 * hold as arrays of aclitem text; this class turns them into {@link Acl}s with
 * the role store's names.
 *
 * <p>initdb grants some privileges PostgreSQL's catalogs show in their ACL
 * columns (SELECT on system catalogs and views to PUBLIC, USAGE on pg_catalog,
 * information_schema and public to PUBLIC). Tusk's bootstrap rows leave those
 * columns NULL, so {@link #effective} supplies the same grants for built-in
 * objects (OID below 16384) whose ACL is NULL.
 */
public final class ObjectAcls {
    /** FirstNormalObjectId. */
    public static final long FIRST_NORMAL_OBJECT_ID = 16384;

    /**
     * The system catalogs initdb leaves without PUBLIC's SELECT (their relacl is the owner's
     * rights only): pg_authid (passwords), pg_statistic, pg_statistic_ext_data, pg_user_mapping,
     * pg_subscription and pg_largeobject.
     */
    static final java.util.Set<Long> OWNER_ONLY_CATALOGS = java.util.Set.of(1260L, 2619L, 3429L, 1418L, 6100L, 2613L);

    /** One object: the catalog row, its name, owner, kind and stored ACL (null when the column is NULL). */
    public record ObjectAcl(int catalogOid, CatalogTuple tuple, long oid, String name, long owner, AclObjectKind kind,
            Acl stored, char relkind) {

        /** The ACL checks use: the stored one, initdb's grants for built-in objects, else acldefault. */
        public Acl effective() {
            if (stored != null) {
                return stored;
            }
            Acl dflt = Acl.defaultFor(kind, owner);
            if (oid < FIRST_NORMAL_OBJECT_ID) {
                int publicGrant = switch (kind) {
                    case TABLE -> OWNER_ONLY_CATALOGS.contains(oid) ? 0 : AclMode.SELECT;
                    case SCHEMA -> AclMode.USAGE;
                    default -> 0;
                };
                if (publicGrant != 0) {
                    List<AclItem> items = new ArrayList<>(dflt.items());
                    items.add(new AclItem(AclItem.PUBLIC, owner, publicGrant));
                    return new Acl(items);
                }
            }
            return dflt;
        }

        /** The word aclcheck_error uses for this relation kind. */
        public String word() {
            if (kind != AclObjectKind.TABLE && kind != AclObjectKind.SEQUENCE) {
                return kind.word;
            }
            return switch (relkind) {
                case 'S' -> "sequence";
                case 'v' -> "view";
                case 'm' -> "materialized view";
                case 'f' -> "foreign table";
                default -> "table";
            };
        }
    }

    private final CatalogAccess access;
    private final RoleStore roles;

    public ObjectAcls(CatalogAccess access, RoleStore roles) {
        this.access = access;
        this.roles = roles;
    }

    /** The role store's names for aclitem text (unknown OIDs print as numbers, as PostgreSQL does). */
    public AclItem.RoleNames names() {
        return new AclItem.RoleNames() {
            @Override
            public String name(long oid) {
                RoleRecord r = roles.byOid(oid);
                if (r == null) {
                    String predefined = PredefinedRoles.name(oid);
                    return predefined == null ? Long.toString(oid) : predefined;
                }
                return r.name();
            }

            @Override
            public long oid(String name) {
                RoleRecord r = roles.byName(name);
                if (r == null) {
                    Long predefined = PredefinedRoles.oid(name);
                    if (predefined != null) {
                        return predefined;
                    }
                    if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
                        return Long.parseLong(name);   // an item naming a role this store does not know, as printed
                    }
                    throw PgException.error(SqlState.UNDEFINED_OBJECT, "role \"" + name + "\" does not exist");
                }
                return r.oid();
            }
        };
    }

    /** A stored aclitem[] value (array of aclitem text) as an Acl; null stays null. */
    public Acl fromStored(Object value) {
        if (value == null) {
            return null;
        }
        List<AclItem> items = new ArrayList<>();
        AclItem.RoleNames names = names();
        for (Object o : (Object[]) value) {
            if (o != null) {
                items.add(AclItem.parse(o.toString(), names, null));
            }
        }
        return new Acl(items);
    }

    /** The value to store for an Acl. */
    public Object[] toStored(Acl acl) {
        AclItem.RoleNames names = names();
        Object[] out = new Object[acl.items().size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = acl.items().get(i).format(names);
        }
        return out;
    }

    private static long asLong(Object v) {
        return v instanceof Number n ? n.longValue() : 0L;
    }

    /** A relation by OID (kind TABLE, or SEQUENCE for relkind 'S'), or null. */
    public ObjectAcl relation(long relOid) {
        SystemCatalogs.Catalog c = SystemCatalogs.require(SystemCatalogs.PG_CLASS);
        int oidCol = c.columnIndex("oid");
        for (CatalogTuple t : access.scan(SystemCatalogs.PG_CLASS, row -> asLong(row[oidCol]) == relOid)) {
            return relation(t);
        }
        return null;
    }

    /** The pg_class row as an object. */
    public ObjectAcl relation(CatalogTuple t) {
        SystemCatalogs.Catalog c = SystemCatalogs.require(SystemCatalogs.PG_CLASS);
        char relkind = t.get(c, "relkind").toString().charAt(0);
        return new ObjectAcl(SystemCatalogs.PG_CLASS, t, asLong(t.get(c, "oid")), (String) t.get(c, "relname"),
                asLong(t.get(c, "relowner")), relkind == 'S' ? AclObjectKind.SEQUENCE : AclObjectKind.TABLE,
                fromStored(t.get(c, "relacl")), relkind);
    }

    /**
     * The relation's columns (pg_attribute rows with attnum > 0, not dropped) as objects of kind
     * COLUMN: {@code oid} is the attnum, the owner the relation's, the ACL attacl (NULL: no rights).
     */
    public List<ObjectAcl> columns(ObjectAcl relation) {
        SystemCatalogs.Catalog c = SystemCatalogs.require(SystemCatalogs.PG_ATTRIBUTE);
        int relCol = c.columnIndex("attrelid");
        int numCol = c.columnIndex("attnum");
        int droppedCol = c.columnIndex("attisdropped");
        long relOid = relation.oid();
        List<ObjectAcl> out = new ArrayList<>();
        for (CatalogTuple t : access.scan(SystemCatalogs.PG_ATTRIBUTE, row -> asLong(row[relCol]) == relOid
                && asLong(row[numCol]) > 0 && !Boolean.TRUE.equals(row[droppedCol]))) {
            out.add(new ObjectAcl(SystemCatalogs.PG_ATTRIBUTE, t, asLong(t.get(c, "attnum")), (String) t.get(c, "attname"),
                    relation.owner(), AclObjectKind.COLUMN, fromStored(t.get(c, "attacl")), 'c'));
        }
        out.sort(java.util.Comparator.comparingLong(ObjectAcl::oid));
        return out;
    }

    /** Every relation in a schema (for ALL TABLES / ALL SEQUENCES IN SCHEMA). */
    public List<ObjectAcl> relationsIn(long namespaceOid) {
        SystemCatalogs.Catalog c = SystemCatalogs.require(SystemCatalogs.PG_CLASS);
        int nsCol = c.columnIndex("relnamespace");
        List<ObjectAcl> out = new ArrayList<>();
        for (CatalogTuple t : access.scan(SystemCatalogs.PG_CLASS, row -> asLong(row[nsCol]) == namespaceOid)) {
            out.add(relation(t));
        }
        out.sort(java.util.Comparator.comparing(ObjectAcl::name));
        return out;
    }

    /** A schema by name, or null. */
    public ObjectAcl namespace(String name) {
        return byName(SystemCatalogs.PG_NAMESPACE, "nspname", name, "nspowner", "nspacl", AclObjectKind.SCHEMA);
    }

    /** A schema by OID, or null. */
    public ObjectAcl namespace(long oid) {
        SystemCatalogs.Catalog c = SystemCatalogs.require(SystemCatalogs.PG_NAMESPACE);
        int oidCol = c.columnIndex("oid");
        for (CatalogTuple t : access.scan(SystemCatalogs.PG_NAMESPACE, row -> asLong(row[oidCol]) == oid)) {
            return new ObjectAcl(SystemCatalogs.PG_NAMESPACE, t, oid, (String) t.get(c, "nspname"),
                    asLong(t.get(c, "nspowner")), AclObjectKind.SCHEMA, fromStored(t.get(c, "nspacl")), 'n');
        }
        return null;
    }

    /** A database by name, or null. */
    public ObjectAcl database(String name) {
        return byName(SystemCatalogs.PG_DATABASE, "datname", name, "datdba", "datacl", AclObjectKind.DATABASE);
    }

    /** Functions named {@code name} (in any schema when {@code namespaceOid} is null). */
    public List<ObjectAcl> functions(String name, Long namespaceOid) {
        SystemCatalogs.Catalog c = SystemCatalogs.require(SystemCatalogs.PG_PROC);
        int nameCol = c.columnIndex("proname");
        int nsCol = c.columnIndex("pronamespace");
        List<ObjectAcl> out = new ArrayList<>();
        for (CatalogTuple t : access.scan(SystemCatalogs.PG_PROC, row -> name.equals(row[nameCol])
                && (namespaceOid == null || asLong(row[nsCol]) == namespaceOid))) {
            out.add(function(t));
        }
        return out;
    }

    /** A function by OID, or null. */
    public ObjectAcl function(long oid) {
        SystemCatalogs.Catalog c = SystemCatalogs.require(SystemCatalogs.PG_PROC);
        int oidCol = c.columnIndex("oid");
        for (CatalogTuple t : access.scan(SystemCatalogs.PG_PROC, row -> asLong(row[oidCol]) == oid)) {
            return function(t);
        }
        return null;
    }

    private ObjectAcl function(CatalogTuple t) {
        SystemCatalogs.Catalog c = SystemCatalogs.require(SystemCatalogs.PG_PROC);
        return new ObjectAcl(SystemCatalogs.PG_PROC, t, asLong(t.get(c, "oid")), (String) t.get(c, "proname"),
                asLong(t.get(c, "proowner")), AclObjectKind.FUNCTION, fromStored(t.get(c, "proacl")), 'f');
    }

    /** The argument type OIDs of a pg_proc row. */
    public static List<Long> argTypes(ObjectAcl function) {
        SystemCatalogs.Catalog c = SystemCatalogs.require(SystemCatalogs.PG_PROC);
        Object v = function.tuple().get(c, "proargtypes");
        List<Long> out = new ArrayList<>();
        if (v instanceof Object[] a) {
            for (Object o : a) {
                out.add(asLong(o));
            }
        }
        return out;
    }

    private ObjectAcl byName(int catalogOid, String nameColumn, String name, String ownerColumn, String aclColumn,
            AclObjectKind kind) {
        SystemCatalogs.Catalog c = SystemCatalogs.require(catalogOid);
        int nameCol = c.columnIndex(nameColumn);
        for (CatalogTuple t : access.scan(catalogOid, row -> name.equals(row[nameCol]))) {
            return new ObjectAcl(catalogOid, t, asLong(t.get(c, "oid")), name, asLong(t.get(c, ownerColumn)), kind,
                    fromStored(t.get(c, aclColumn)), kind.code);
        }
        return null;
    }

    /** Stores a new ACL (null: the column NULL) in the object's row (CatalogTupleUpdate) and makes it visible. */
    public void store(ObjectAcl object, Acl acl) {
        SystemCatalogs.Catalog c = SystemCatalogs.require(object.catalogOid());
        String column = switch (object.catalogOid()) {
            case SystemCatalogs.PG_CLASS -> "relacl";
            case SystemCatalogs.PG_NAMESPACE -> "nspacl";
            case SystemCatalogs.PG_DATABASE -> "datacl";
            case SystemCatalogs.PG_PROC -> "proacl";
            case SystemCatalogs.PG_ATTRIBUTE -> "attacl";
            default -> throw new IllegalArgumentException("no ACL column in catalog " + object.catalogOid());
        };
        Object[] row = object.tuple().values().clone();
        row[c.columnIndex(column)] = acl == null ? null : toStored(acl);
        access.update(object.catalogOid(), object.tuple().tid(), row);
        access.commandCounterIncrement();
    }
}
