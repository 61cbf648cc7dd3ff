package org.tusk.engine.analyze;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tusk.engine.catalog.bootstrap.CsvReader;
import org.tusk.engine.error.Ereport;
import org.tusk.api.error.PgException;
import org.tusk.api.error.SqlState;
import org.tusk.engine.func.CastCatalog;
import org.tusk.engine.types.PgType;

/**
 * get_sort_group_operators (parse_oper.c): ORDER BY needs a type's "&lt;" from its
 * default btree operator class; DISTINCT, GROUP BY and UNION need its "=" from a
 * default btree or hash operator class. A built-in type without one (json,
 * point, xml...) cannot be sorted or grouped, and PostgreSQL says so instead of
 * comparing values some arbitrary way. As in the type cache, an array needs its
 * element type's operator, and a type binary-coercible to an opclass's input
 * type (varchar to text, regclass to oid) uses that opclass. Composite, enum,
 * range, domain and user-defined types are left to their own opclasses.
 */
final class SortGroupOperators {
    private SortGroupOperators() {}

    private static final int BTREE = 403;
    private static final int HASH = 405;

    /** The input types of the default btree and hash operator classes, read once from pg_opclass. */
    private static final class DefaultOpclasses {
        static final List<PgType> BTREE_INPUTS = inputTypes(BTREE);
        static final List<PgType> HASH_INPUTS = inputTypes(HASH);

        private static List<PgType> inputTypes(int method) {
            List<PgType> out = new ArrayList<>();
            for (Map<String, String> r : CsvReader.read("pg_opclass")) {
                if (String.valueOf(method).equals(r.get("opcmethod")) && "t".equals(r.get("opcdefault"))) {
                    PgType t = PgType.byOid(Integer.parseInt(r.get("opcintype")));
                    if (t != null) {
                        out.add(t);
                    }
                }
            }
            return out;
        }
    }

    /** 42883 unless {@code type} has an ordering operator (ORDER BY, a merge join). */
    static void requireOrdering(PgType type, int location) {
        if (!hasOrdering(type)) {
            throw missing("ordering", type, location)
                    .withHint("Use an explicit ordering operator or modify the query.");
        }
    }

    /** 42883 unless {@code type} has an equality operator (DISTINCT, GROUP BY, UNION). */
    static void requireEquality(PgType type, int location) {
        if (!hasEquality(type)) {
            throw missing("equality", type, location);
        }
    }

    static boolean hasOrdering(PgType type) {
        return hasOperator(type, DefaultOpclasses.BTREE_INPUTS, List.of());
    }

    static boolean hasEquality(PgType type) {
        return hasOperator(type, DefaultOpclasses.BTREE_INPUTS, DefaultOpclasses.HASH_INPUTS);
    }

    private static PgException missing(String which, PgType type, int location) {
        return Ereport.error(SqlState.UNDEFINED_FUNCTION,
                "could not identify an " + which + " operator for type " + type.displayName(), location);
    }

    private static boolean hasOperator(PgType type, List<PgType> btreeInputs, List<PgType> hashInputs) {
        if (type == null) {
            return true;
        }
        if (type.isArray() && !type.elementType().isPseudo()) {
            return hasOperator(type.elementType(), btreeInputs, hashInputs);
        }
        if (type.typtype() != 'b' && !type.isArray()) {
            return true;
        }
        return coveredBy(type, btreeInputs) || coveredBy(type, hashInputs);
    }

    private static boolean coveredBy(PgType type, List<PgType> opclassInputs) {
        for (PgType input : opclassInputs) {
            if (input == type || !input.isPseudo() && CastCatalog.isBinaryCoercible(type, input)) {
                return true;
            }
        }
        return false;
    }
}
