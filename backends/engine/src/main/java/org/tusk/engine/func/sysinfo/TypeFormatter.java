package org.tusk.engine.func.sysinfo;

import java.util.List;

import org.tusk.engine.catalog.SystemCatalogs;

/**
 * format_type: a type's SQL name as PostgreSQL prints it (format_type.c):
 * the SQL-standard spellings of the built-in types ("integer", "character
 * varying(20)", "timestamp(3) with time zone"), "[]" after an array's
 * element type, and the schema-qualified name of a type that is not
 * visible in the search path.
 */
public final class TypeFormatter {

    private static final int ARRAY_SUBSCRIPT_HANDLER = 6179;
    private static final int VARHDRSZ = 4;

    private final SysInfoContext ctx;

    public TypeFormatter(SysInfoContext ctx) {
        this.ctx = ctx;
    }

    /**
     * format_type(type, typmod). {@code typmodGiven} is false when the SQL
     * caller passed NULL: then "bpchar" is "character" and "bit" is "bit".
     */
    public String format(int typeOid, int typmod, boolean typmodGiven) {
        return format(typeOid, typmod, typmodGiven, false);
    }

    /** With {@code forceQualify}, user types are always schema-qualified (FORMAT_TYPE_FORCE_QUALIFY). */
    public String format(int typeOid, int typmod, boolean typmodGiven, boolean forceQualify) {
        if (typeOid == 0) {
            return "-";
        }
        CatalogRow type = ctx.cache().type(typeOid);
        if (type == null) {
            return "???";
        }
        boolean isArray = false;
        if (type.oid("typelem") != 0 && type.oid("typsubscript") == ARRAY_SUBSCRIPT_HANDLER
                && type.ch("typstorage") != 'p') {
            CatalogRow element = ctx.cache().type(type.oid("typelem"));
            if (element == null) {
                return "???[]";
            }
            type = element;
            typeOid = element.oid("oid");
            isArray = true;
        }
        boolean withTypmod = typmodGiven && typmod >= 0;
        String name = builtinName(typeOid, typmod, withTypmod, typmodGiven);
        if (name == null) {
            String typname = type.str("typname");
            String schema = forceQualify || !typeIsVisible(type)
                    ? ctx.cache().namespaceName(type.oid("typnamespace")) : null;
            name = Identifiers.qualified(schema, typname);
            if (withTypmod) {
                name = name + "(" + typmod + ")";
            }
        }
        return isArray ? name + "[]" : name;
    }

    /** The special-cased spellings of format_type_extended; null for other types. */
    private static String builtinName(int oid, int typmod, boolean withTypmod, boolean typmodGiven) {
        switch (oid) {
            case 1560: // bit
                if (withTypmod) {
                    return "bit(" + typmod + ")";
                }
                // bit with typmod -1 is not BIT (which means BIT(1)): show the type's own name
                return typmodGiven ? "\"bit\"" : "bit";
            case 16: return "boolean";
            case 1042: // bpchar
                if (withTypmod) {
                    return "character" + charLength(typmod);
                }
                return typmodGiven ? "bpchar" : "character";
            case 700: return "real";
            case 701: return "double precision";
            case 21: return "smallint";
            case 23: return "integer";
            case 20: return "bigint";
            case 1700: return withTypmod ? "numeric" + numericTypmod(typmod) : "numeric";
            case 1186: return withTypmod ? "interval" + intervalTypmod(typmod) : "interval";
            case 1083: return withTypmod ? "time(" + typmod + ") without time zone" : "time without time zone";
            case 1266: return withTypmod ? "time(" + typmod + ") with time zone" : "time with time zone";
            case 1114: return withTypmod ? "timestamp(" + typmod + ") without time zone" : "timestamp without time zone";
            case 1184: return withTypmod ? "timestamp(" + typmod + ") with time zone" : "timestamp with time zone";
            case 1562: return withTypmod ? "bit varying(" + typmod + ")" : "bit varying";
            case 1043: return withTypmod ? "character varying" + charLength(typmod) : "character varying";
            default: return null;
        }
    }

    private static String charLength(int typmod) {
        return typmod > VARHDRSZ ? "(" + (typmod - VARHDRSZ) + ")" : "";
    }

    /** numerictypmodout: (precision,scale); the scale may be negative since PostgreSQL 15. */
    static String numericTypmod(int typmod) {
        if (typmod < VARHDRSZ) {
            return "";
        }
        int t = typmod - VARHDRSZ;
        int precision = (t >> 16) & 0xffff;
        int scale = ((t & 0x7ff) ^ 1024) - 1024;
        return "(" + precision + "," + scale + ")";
    }

    // interval typmod: range mask in the high 16 bits, precision in the low 16 (0xFFFF = unspecified)
    private static final int MONTH = 1 << 1, YEAR = 1 << 2, DAY = 1 << 3, HOUR = 1 << 10, MINUTE = 1 << 11,
            SECOND = 1 << 12, FULL_RANGE = 0x7FFF, FULL_PRECISION = 0xFFFF;

    /** intervaltypmodout: the field restriction and the seconds precision. */
    static String intervalTypmod(int typmod) {
        if (typmod < 0) {
            return "";
        }
        int range = (typmod >> 16) & 0x7FFF;
        int precision = typmod & 0xFFFF;
        String fields;
        if (range == YEAR) {
            fields = " year";
        } else if (range == MONTH) {
            fields = " month";
        } else if (range == DAY) {
            fields = " day";
        } else if (range == HOUR) {
            fields = " hour";
        } else if (range == MINUTE) {
            fields = " minute";
        } else if (range == SECOND) {
            fields = " second";
        } else if (range == (YEAR | MONTH)) {
            fields = " year to month";
        } else if (range == (DAY | HOUR)) {
            fields = " day to hour";
        } else if (range == (DAY | HOUR | MINUTE)) {
            fields = " day to minute";
        } else if (range == (DAY | HOUR | MINUTE | SECOND)) {
            fields = " day to second";
        } else if (range == (HOUR | MINUTE)) {
            fields = " hour to minute";
        } else if (range == (HOUR | MINUTE | SECOND)) {
            fields = " hour to second";
        } else if (range == (MINUTE | SECOND)) {
            fields = " minute to second";
        } else {
            fields = "";
        }
        if (precision != FULL_PRECISION) {
            return fields + "(" + precision + ")";
        }
        return range == FULL_RANGE ? "" : fields;
    }

    /** TypeIsVisible: no type of the same name comes earlier in the search path. */
    public boolean typeIsVisible(CatalogRow type) {
        int ns = type.oid("typnamespace");
        List<Integer> path = ctx.activeSearchPath();
        if (!path.contains(ns)) {
            return false;
        }
        String name = type.str("typname");
        for (int p : path) {
            if (p == ns) {
                return true;
            }
            if (!ctx.cache().find(SystemCatalogs.PG_TYPE, "typname", name, "typnamespace", (long) p).isEmpty()) {
                return false;
            }
        }
        return true;
    }
}
