package org.tusk.engine.types;

/**
 * regclassin / regclassout need the session's catalogs and search path,
 * which the type I/O functions do not receive: the session installs its
 * {@link Resolver} for the thread it runs on (at every entry from the
 * protocol), and {@link TextFormat} asks it. Without one, regclass reads
 * and prints numeric OIDs only.
 */
public final class RegclassIo {

    /** The session's relation name lookups. */
    public interface Resolver {
        /** regclassin of a (possibly qualified, possibly quoted) name: the OID; 42P01 if there is none. */
        long relationOid(String name);

        /** regclassout: the name, qualified when not visible in the search path; null if there is no such relation. */
        String relationName(long oid);

        /** regnamespacein of a (possibly quoted) schema name: the OID; 3F000 if there is none. */
        default long namespaceOid(String name) {
            throw org.tusk.engine.error.Ereport.error(org.tusk.api.error.SqlState.FEATURE_NOT_SUPPORTED,
                    "cannot accept a value of type regnamespace");
        }

        /** regnamespaceout: the schema's quoted name, or null if there is no such schema. */
        default String namespaceName(long oid) {
            return null;
        }
    }

    private static final ThreadLocal<Resolver> CURRENT = new ThreadLocal<>();

    private RegclassIo() {
    }

    public static void install(Resolver resolver) {
        CURRENT.set(resolver);
    }

    /** regclassin (also text_regclass, the text-to-regclass cast nextval(text) uses). */
    public static Object input(String s) {
        String t = s.trim();
        if (!t.isEmpty() && t.chars().allMatch(Character::isDigit)) {
            return Long.parseLong(t);      // an OID as digits is taken as is
        }
        Resolver r = CURRENT.get();
        if (r == null) {
            throw org.tusk.engine.error.Ereport.error(org.tusk.api.error.SqlState.FEATURE_NOT_SUPPORTED,
                    "cannot accept a value of type regclass");
        }
        return r.relationOid(t);
    }

    /** regnamespacein. */
    public static Object namespaceInput(String s) {
        String t = s.trim();
        if (!t.isEmpty() && t.chars().allMatch(Character::isDigit)) {
            return Long.parseLong(t);
        }
        Resolver r = CURRENT.get();
        if (r == null) {
            throw org.tusk.engine.error.Ereport.error(org.tusk.api.error.SqlState.FEATURE_NOT_SUPPORTED,
                    "cannot accept a value of type regnamespace");
        }
        return r.namespaceOid(t);
    }

    /** regnamespaceout: "-" for 0, the digits when no schema has the OID. */
    static String namespaceOutput(Object value) {
        long oid = ((Number) value).longValue();
        if (oid == 0) {
            return "-";
        }
        Resolver r = CURRENT.get();
        String name = r == null ? null : r.namespaceName(oid);
        return name != null ? name : Long.toString(oid);
    }

    static String output(Object value) {
        long oid = ((Number) value).longValue();
        if (oid == 0) {
            return "-";
        }
        Resolver r = CURRENT.get();
        String name = r == null ? null : r.relationName(oid);
        return name != null ? name : Long.toString(oid);
    }
}
