package org.tusk.engine.commands;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tusk.api.error.SqlState;
import org.tusk.engine.catalog.bootstrap.CsvReader;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.nodes.TypeName;
import org.tusk.engine.types.TimePrecision;

/**
 * typenameTypeIdAndMod for DDL: a column's TypeName to a pg_type row and a
 * typmod (varchar(n)/bpchar(n) store n+4, numeric(p,s) ((p<<16)|s)+4, the
 * time types their precision), as PostgreSQL's typmodin functions do. The
 * built-in types are PostgreSQL's facts, so they are read once from the
 * bootstrap rows (user-defined types do not exist yet).
 */
public final class TypeLookup {

    /** The parts of a pg_type row a column needs. */
    public record TypeInfo(int oid, String name, int len, boolean byVal, char align, char storage, int collation,
            int array, char typtype) {
    }

    private static final Map<String, TypeInfo> BY_NAME = new HashMap<>();
    private static final Map<Integer, TypeInfo> BY_OID = new HashMap<>();

    static {
        for (Map<String, String> r : CsvReader.read("pg_type")) {
            TypeInfo t = new TypeInfo(Integer.parseInt(r.get("oid")), r.get("typname"),
                    Integer.parseInt(r.get("typlen")), "t".equals(r.get("typbyval")), r.get("typalign").charAt(0),
                    r.get("typstorage").charAt(0), Integer.parseInt(r.get("typcollation")),
                    Integer.parseInt(r.get("typarray")), r.get("typtype").charAt(0));
            BY_NAME.putIfAbsent(t.name(), t);
            BY_OID.put(t.oid(), t);
        }
    }

    private TypeLookup() {
    }

    public static TypeInfo byOid(int oid) {
        TypeInfo t = BY_OID.get(oid);
        return t != null ? t : userType(org.tusk.engine.types.UserTypes.byOid(oid));
    }

    /**
     * A user-defined type (the session's pg_type syscache) as a column sees it: its own OID and
     * name with the storage properties of its representation.
     */
    private static TypeInfo userType(org.tusk.engine.types.UserTypes.UserType u) {
        if (u == null || u.representation() == null || !u.defined()) {
            return null;
        }
        TypeInfo r = BY_OID.get(u.representation().oid());
        if (r == null) {
            return null;
        }
        // an enum's array travels as text[] but, as the enum, is not collatable (typcollation 0)
        int collation = u.typtype() == 'b' && u.representation() == org.tusk.engine.types.PgType.TEXT_ARRAY
                && ProcCatalog.isEnum(u.baseOid()) ? 0 : r.collation();
        return new TypeInfo(u.oid(), u.name(), r.len(), r.byVal(), r.align(), r.storage(), collation, u.arrayOid(),
                u.typtype());
    }

    public static TypeInfo byName(String name) {
        return BY_NAME.get(name);
    }

    /** The type a column of this TypeName has; 42704 {@code type "x" does not exist} at its position. */
    public static TypeInfo resolve(TypeName tn, int queryOffset) {
        String name = tn.lastName();
        boolean qualifiedElsewhere = tn.names().size() > 1 && !tn.names().get(0).equals("pg_catalog");
        TypeInfo t = qualifiedElsewhere ? null : BY_NAME.get(name);
        if (t == null) {
            t = userType(org.tusk.engine.types.UserTypes.byName(
                    tn.names().size() > 1 ? tn.names().get(tn.names().size() - 2) : null, name));
            if (t != null && tn.isArray()) {
                TypeInfo array = byOid(t.array());
                if (array == null) {
                    throw Ereport.error(SqlState.UNDEFINED_OBJECT, "could not find array type for data type " + name,
                            position(tn.location(), queryOffset));
                }
                return array;
            }
        }
        if (t == null || t.typtype() == 'p' && !name.equals("record")) {
            throw Ereport.error(SqlState.UNDEFINED_OBJECT, "type \"" + String.join(".", tn.names()) + "\" does not exist",
                    position(tn.location(), queryOffset));
        }
        if (tn.isArray()) {
            TypeInfo array = BY_OID.get(t.array());
            if (array == null) {
                throw Ereport.error(SqlState.UNDEFINED_OBJECT, "could not find array type for data type " + name,
                        position(tn.location(), queryOffset));
            }
            return array;
        }
        return t;
    }

    /** The typmod for the type's modifiers, -1 without any. */
    public static int typmod(TypeName tn, TypeInfo type, int queryOffset) {
        List<Integer> mods = tn.intTypmods();
        if (mods.isEmpty()) {
            return -1;
        }
        int location = position(tn.location(), queryOffset);
        if (mods.contains(null)) {
            throw Ereport.error(SqlState.SYNTAX_ERROR, "type modifiers must be simple constants or identifiers", location);
        }
        String base = tn.lastName();
        switch (base) {
            case "varchar":
            case "bpchar": {
                if (mods.size() != 1) {
                    throw Ereport.error(SqlState.SYNTAX_ERROR, "invalid type modifier", location);
                }
                int n = mods.get(0);
                if (n < 1) {
                    throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE,
                            "length for type " + base + " must be at least 1", location);
                }
                if (n > 10 * 1024 * 1024) {
                    throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE,
                            "length for type " + base + " cannot exceed 10485760", location);
                }
                return n + 4;
            }
            case "numeric": {
                if (mods.size() > 2) {
                    throw Ereport.error(SqlState.SYNTAX_ERROR, "invalid NUMERIC type modifier", location);
                }
                int precision = mods.get(0);
                int scale = mods.size() > 1 ? mods.get(1) : 0;
                if (precision < 1 || precision > 1000) {
                    throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE,
                            "NUMERIC precision " + precision + " must be between 1 and 1000", location);
                }
                if (scale < -1000 || scale > 1000) {
                    throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE,
                            "NUMERIC scale " + scale + " must be between -1000 and 1000", location);
                }
                return ((precision << 16) | (scale & 0x7ff)) + 4;
            }
            case "timestamp":
                return TimePrecision.typmodIn("TIMESTAMP", mods, location);
            case "timestamptz":
                return TimePrecision.typmodIn("TIMESTAMP WITH TIME ZONE", mods, location);
            case "time":
                return TimePrecision.typmodIn("TIME", mods, location);
            case "timetz":
                return TimePrecision.typmodIn("TIME WITH TIME ZONE", mods, location);
            case "interval":
                return org.tusk.engine.types.IntervalTypmod.typmodIn(mods, location);
            case "bit":
            case "varbit":
                return mods.get(0);
            default:
                throw Ereport.error(SqlState.SYNTAX_ERROR,
                        "type modifier is not allowed for type \"" + base + "\"", location);
        }
    }

    /**
     * DefineRelation's (and ATExecAddColumn's) second typenameTypeIdAndMod, after parse analysis
     * resolved the column's type: without a parse position, so typmodin's WARNINGs ("TIME(9)
     * precision reduced to maximum allowed, 6") come a second time without one, as in PostgreSQL.
     */
    public static void resolveAgain(TypeName tn) {
        if (tn.typmods().isEmpty()) {
            return;
        }
        TypeName unplaced = new TypeName(tn.names(), tn.typmods(), tn.arrayBounds(), tn.setof(), tn.pctType(), -1);
        typmod(unplaced, resolve(unplaced, 0), 0);
    }

    /** A parse-tree location for Ereport (0-based in the query string, -1 unknown). */
    static int position(int location, int queryOffset) {
        return location < 0 ? -1 : location + queryOffset;
    }
}
