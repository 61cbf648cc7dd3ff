package org.tusk.engine.types;

import java.util.List;

/**
 * User-defined types (pg_type rows made by CREATE TYPE / CREATE DOMAIN) as the
 * analyzer and executor see them. {@link PgType} stays the enum of built-in
 * types; a user type is described by a {@link UserType} found by OID or name
 * through the session's syscache over pg_type, pg_enum, pg_constraint and
 * pg_cast, which the session installs for the thread it runs on (as
 * {@code func.UserProcs} does for functions). Without a provider no user
 * types exist.
 *
 * <p>Inside expressions a value of a user type is carried as its
 * <em>representation</em>, a built-in type: a domain as its base type (after
 * its constraints were checked), an enum as text (its label), a base type
 * whose I/O functions are internal ones as the built-in type those functions
 * belong to (xfloat4 with int4in/int4out is an int4), a composite as record.
 */
public final class UserTypes {

    /** A domain CHECK constraint: its name and its expression's source text (VALUE stands for the value). */
    public record DomainCheck(String name, String source) {
    }

    /**
     * A user type. {@code typtype} is pg_type's ('b' base, 'c' composite, 'd' domain, 'e' enum, 'r' range,
     * 'm' multirange, 'p' shell); {@code baseOid} the domain's base type (may itself be a user type), or for an
     * array type its element type (typelem);
     * {@code typmod} the domain's base typmod; {@code enumLabels} in enumsortorder, {@code enumSortOrders} and {@code enumOids} theirs (pg_enum.enumsortorder, oid).
     */
    public record UserType(int oid, String name, String schema, char typtype, PgType representation, int baseOid,
            int typmod, boolean notNull, String defaultText, List<DomainCheck> checks, int arrayOid,
            List<String> enumLabels, boolean defined, List<Float> enumSortOrders, List<Long> enumOids) {

        /** A type without enum sort orders (not an enum, or one described without them). */
        public UserType(int oid, String name, String schema, char typtype, PgType representation, int baseOid,
                int typmod, boolean notNull, String defaultText, List<DomainCheck> checks, int arrayOid,
                List<String> enumLabels, boolean defined) {
            this(oid, name, schema, typtype, representation, baseOid, typmod, notNull, defaultText, checks, arrayOid,
                    enumLabels, defined, List.of(), List.of());
        }

        /** pg_enum.oid of {@code label}, 0 when unknown. */
        public long enumOid(String label) {
            int at = enumLabels.indexOf(label);
            return at < 0 || at >= enumOids.size() ? 0 : enumOids.get(at);
        }

        /** The label whose pg_enum row is {@code oid} (it may have been renamed), or null. */
        public String enumLabelOf(long oid) {
            int at = enumOids.indexOf(oid);
            return at < 0 ? null : enumLabels.get(at);
        }

        /** pg_enum.enumsortorder of {@code label}, or NaN when this type has no such label (or no sort orders). */
        public float enumSortOrder(String label) {
            int at = enumLabels.indexOf(label);
            return at < 0 || at >= enumSortOrders.size() ? Float.NaN : enumSortOrders.get(at);
        }

        public boolean isDomain() {
            return typtype == 'd';
        }
    }

    /** A pg_cast row between types of which at least one is user-defined. */
    public record UserCast(int source, int target, char method, int funcOid, char context) {
    }

    /** What a session offers. */
    public interface Provider {
        /** The user type {@code name} visible in the search path (in {@code schema} when qualified), or null. */
        UserType byName(String schema, String name);

        UserType byOid(int oid);

        /** The user-created pg_cast row from {@code source} to {@code target}, or null. */
        UserCast cast(int source, int target);

        /** The fields of composite type {@code oid} (its pg_class row's pg_attribute rows), or null. */
        default RowType rowType(int oid) {
            return null;
        }

        /** pg_class.reltype of relation {@code relOid}: the composite type whose typrelid it is, or 0. */
        default int rowTypeOfRelation(int relOid) {
            return 0;
        }
    }

    /** The first OID a user object gets (FirstNormalObjectId). */
    public static final int FIRST_NORMAL_OBJECT_ID = 16384;

    private static final ThreadLocal<Provider> CURRENT = new ThreadLocal<>();

    private UserTypes() {
    }

    public static void install(Provider provider) {
        CURRENT.set(provider);
    }

    /** The thread's provider (null when none), for code that installs another one for a while. */
    public static Provider current() {
        return CURRENT.get();
    }

    public static UserType byName(String schema, String name) {
        Provider p = CURRENT.get();
        return p == null ? null : p.byName(schema, name);
    }

    public static UserType byOid(int oid) {
        // below FirstNormalObjectId only the bootstrap facts PgType does not list (information_schema's domains)
        if (Integer.compareUnsigned(oid, FIRST_NORMAL_OBJECT_ID) < 0 && PgType.byOid(oid) != null) {
            return null;
        }
        Provider p = CURRENT.get();
        return p == null ? null : p.byOid(oid);
    }

    /** The shape of composite type {@code oid} (a CREATE TYPE ... AS or a table's row type), or null. */
    public static RowType rowType(int oid) {
        Provider p = CURRENT.get();
        return p == null ? null : p.rowType(oid);
    }

    public static UserCast cast(int source, int target) {
        Provider p = CURRENT.get();
        return p == null ? null : p.cast(source, target);
    }

    /**
     * The typmod an expression reading a column of type {@code oid} (with pg_attribute's
     * {@code typmod}) carries: for a composite, its shape's {@link RecordTypmods} typmod.
     */
    public static int columnTypmod(int oid, int typmod) {
        UserType u = byOid(oid);
        if (u != null && u.isDomain() && u.representation() != null
                && (u.representation() == PgType.RECORD || u.representation() == PgType._RECORD)) {
            return columnTypmod(u.baseOid(), typmod);                 // a domain over a composite: its shape
        }
        if (u != null && u.typtype() == 'c') {
            RowType t = rowType(oid);
            return t == null ? -1 : RecordTypmods.register(t);
        }
        if (u != null && u.representation() == PgType._RECORD && u.baseOid() != 0) {
            // an array of a composite: the element's shape (baseOid is the array type's typelem)
            return columnTypmod(u.baseOid(), typmod);
        }
        return typmod;
    }

    /** The row type (composite type OID) of relation {@code relOid}, 0 when unknown. */
    public static int rowTypeOfRelation(int relOid) {
        Provider p = CURRENT.get();
        return p == null ? 0 : p.rowTypeOfRelation(relOid);
    }

    /**
     * The built-in type a column of type {@code oid} carries its values as:
     * the built-in type itself, a user type's representation, or null.
     */
    public static PgType columnType(int oid) {
        PgType t = PgType.byOid(oid);
        if (t != null) {
            return t;
        }
        UserType u = byOid(oid);
        return u == null ? null : u.representation();
    }
}
