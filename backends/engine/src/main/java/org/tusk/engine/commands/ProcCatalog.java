package org.tusk.engine.commands;

import java.util.ArrayList;
import java.util.List;

import org.tusk.engine.catalog.CatalogAccess;
import org.tusk.engine.catalog.CatalogAccess.CatalogTuple;
import org.tusk.engine.catalog.SystemCatalogs;
import org.tusk.engine.catalog.SystemCatalogs.Catalog;
import org.tusk.engine.func.ProcEntry;
import org.tusk.engine.func.UserProcs;
import org.tusk.engine.types.PgType;

/**
 * Reading user-defined pg_proc rows (those CREATE FUNCTION wrote, OID at or
 * above FirstNormalObjectId) into what resolution and fmgr need. Built-in rows
 * are the bootstrap facts and come from {@code func.BuiltinCatalog} instead.
 */
public final class ProcCatalog {
    public static final int LANG_INTERNAL = 12;
    public static final int LANG_C = 13;
    public static final int LANG_SQL = 14;
    public static final int LANG_PLPGSQL = 13563;

    /**
     * One user-defined pg_proc row.
     *
     * @param argNames proargnames per input argument (null entries for unnamed ones), empty when none are named
     * @param probin the C library for LANGUAGE c, else null
     * @param sqlBody prosqlbody's source text for RETURN / BEGIN ATOMIC bodies, else null
     */
    public record ProcRow(CatalogTuple tuple, ProcEntry entry, int namespace, List<String> argNames, String probin,
            String sqlBody) {
    }

    private ProcCatalog() {
    }

    /** Every visible user-defined pg_proc row whose types Tusk can represent. */
    public static List<ProcRow> userProcs(CatalogAccess access) {
        Catalog c = SystemCatalogs.require(SystemCatalogs.PG_PROC);
        int oidCol = c.columnIndex("oid");
        List<ProcRow> out = new ArrayList<>();
        for (CatalogTuple t : access.scan(SystemCatalogs.PG_PROC,
                r -> (Long) r[oidCol] >= UserProcs.FIRST_NORMAL_OBJECT_ID)) {
            ProcRow row = toRow(c, t);
            if (row != null) {
                out.add(row);
            }
        }
        return out;
    }

    static ProcRow toRow(Catalog c, CatalogTuple t) {
        Object[] r = t.values();
        Object[] argOids = (Object[]) r[c.columnIndex("proargtypes")];
        List<PgType> args = new ArrayList<>();
        for (Object o : argOids) {
            PgType type = signatureType(((Number) o).intValue());
            if (type == null) {
                return null;     // a user-defined type the analyzer cannot represent yet
            }
            args.add(type);
        }
        PgType result = signatureType(((Long) r[c.columnIndex("prorettype")]).intValue());
        if (result == null) {
            return null;
        }
        long variadic = (Long) r[c.columnIndex("provariadic")];
        PgType variadicType = variadic == 0 ? null : PgType.byOid((int) variadic);
        String prosrc = (String) r[c.columnIndex("prosrc")];
        ProcEntry e = new ProcEntry(((Long) r[c.columnIndex("oid")]).intValue(), (String) r[c.columnIndex("proname")],
                List.copyOf(args), result, (Boolean) r[c.columnIndex("proisstrict")],
                (Boolean) r[c.columnIndex("proretset")], charOf(r[c.columnIndex("provolatile")]),
                charOf(r[c.columnIndex("prokind")]), variadicType,
                ((Number) r[c.columnIndex("pronargdefaults")]).intValue(), prosrc,
                ((Long) r[c.columnIndex("prolang")]).intValue());
        List<String> names = new ArrayList<>();
        Object[] allNames = (Object[]) r[c.columnIndex("proargnames")];
        Object[] modes = (Object[]) r[c.columnIndex("proargmodes")];
        if (allNames != null) {
            for (int i = 0; i < allNames.length; i++) {
                String mode = modes == null ? "i" : String.valueOf(modes[i]);
                if (mode.equals("i") || mode.equals("b") || mode.equals("v")) {
                    String n = (String) allNames[i];
                    names.add(n == null || n.isEmpty() ? null : n);
                }
            }
        }
        return new ProcRow(t, e, ((Long) r[c.columnIndex("pronamespace")]).intValue(), names,
                (String) r[c.columnIndex("probin")], (String) r[c.columnIndex("prosqlbody")]);
    }

    /**
     * The built-in type standing for a parameter or result type in resolution: the type
     * itself, record for a composite type (CREATE TYPE ... AS, a table's row type) and
     * record[] for an array of one (their values are records, see types.UserTypes), else
     * null (enums and domains would lose their checks if resolved as their representation).
     */
    public static PgType signatureType(int oid) {
        PgType t = PgType.byOid(oid);
        if (t != null) {
            return t;
        }
        org.tusk.engine.types.UserTypes.UserType u = org.tusk.engine.types.UserTypes.byOid(oid);
        if (u == null || u.representation() == null) {
            return null;
        }
        if (u.typtype() == 'c') {
            return PgType.RECORD;
        }
        if (u.typtype() == 'b' && u.representation() == PgType._RECORD) {
            return PgType._RECORD;
        }
        if (u.typtype() == 'e') {
            // an enum parameter resolves as anyenum (values of every enum travel as one representation);
            // the analyzer coerces unknown literals to the declared enum and types the result as it
            return PgType.ANYENUM;
        }
        if (u.typtype() == 'b' && u.representation() == PgType.TEXT_ARRAY && isEnum(u.baseOid())) {
            return PgType.TEXT_ARRAY;        // an array of an enum carries its labels as text (types.UserTypes)
        }
        return null;
    }

    /** Whether {@code oid} is a user-defined enum type. */
    public static boolean isEnum(int oid) {
        org.tusk.engine.types.UserTypes.UserType u = org.tusk.engine.types.UserTypes.byOid(oid);
        return u != null && u.typtype() == 'e';
    }

    private static char charOf(Object v) {
        String s = String.valueOf(v);
        return s.isEmpty() ? ' ' : s.charAt(0);
    }
}
