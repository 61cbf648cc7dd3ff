package org.tusk.engine.types;

/**
 * regprocin / regprocout need the function catalogs (built-in and the
 * session's CREATE FUNCTION rows), which the type I/O functions do not
 * receive: as for {@link RegclassIo}, the session installs a {@link Resolver}
 * for the thread it runs on. Without one, regproc reads and prints OIDs only.
 */
public final class RegprocIo {

    /** The session's function name lookups. */
    public interface Resolver {
        /** regprocin of a (possibly qualified) name: the only function so named; 42883 / 42725 otherwise. */
        long procOid(String name);

        /** regprocout: the function's name, or null if there is no such function. */
        String procName(long oid);
    }

    private static final ThreadLocal<Resolver> CURRENT = new ThreadLocal<>();

    private RegprocIo() {
    }

    public static void install(Resolver resolver) {
        CURRENT.set(resolver);
    }

    static Object input(String s) {
        String t = s.trim();
        if (!t.isEmpty() && t.chars().allMatch(Character::isDigit)) {
            return Long.parseLong(t);      // an OID as digits is taken as is
        }
        if (t.equals("-")) {
            return 0L;
        }
        Resolver r = CURRENT.get();
        if (r == null) {
            throw org.tusk.engine.error.Ereport.error(org.tusk.api.error.SqlState.FEATURE_NOT_SUPPORTED,
                    "cannot accept a value of type regproc");
        }
        return r.procOid(t);
    }

    static String output(Object value) {
        long oid = ((Number) value).longValue();
        if (oid == 0) {
            return "-";
        }
        Resolver r = CURRENT.get();
        String name = r == null ? null : r.procName(oid);
        return name != null ? name : Long.toString(oid);
    }
}
