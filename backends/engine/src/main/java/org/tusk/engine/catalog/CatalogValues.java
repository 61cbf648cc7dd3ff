package org.tusk.engine.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Catalog column values in the engine's Java representation, from their
 * text form (the bootstrap CSVs) and back (for display until the types
 * module knows every catalog type). The representation: bool Boolean, int2
 * Short, int4 Integer, int8 Long, oid/xid/reg* Long, float4 Float, float8
 * Double, name/text/"char"/pg_node_tree/aclitem String, int2vector and
 * oidvector and arrays Object[] of their elements.
 */
public final class CatalogValues {

    public static final int BOOL = 16;
    public static final int CHAR = 18;
    public static final int NAME = 19;
    public static final int INT8 = 20;
    public static final int INT2 = 21;
    public static final int INT2VECTOR = 22;
    public static final int INT4 = 23;
    public static final int REGPROC = 24;
    public static final int TEXT = 25;
    public static final int OID = 26;
    public static final int XID = 28;
    public static final int OIDVECTOR = 30;
    public static final int FLOAT4 = 700;
    public static final int FLOAT8 = 701;

    private CatalogValues() {
    }

    /** The element type of the array types catalogs use, or 0. */
    public static int elementType(int arrayType) {
        switch (arrayType) {
            case 1000: return BOOL;
            case 1002: return CHAR;
            case 1005: return INT2;
            case 1007: return INT4;
            case 1009: return TEXT;
            case 1021: return FLOAT4;
            case 1022: return FLOAT8;
            case 1028: return OID;
            case 1034: return 1033;   // aclitem
            default: return 0;
        }
    }

    /** A value from its text form; {@code procOid} resolves regproc names. Null stays null. */
    public static Object parse(int typeOid, String text, ToLongFunction<String> procOid) {
        if (text == null) {
            return null;
        }
        switch (typeOid) {
            case BOOL: return text.equals("t") || text.equals("true");
            case INT2: return Short.valueOf(text);
            case INT4: return Integer.valueOf(text);
            case INT8: return Long.valueOf(text);
            case OID: case XID: case 2205: case 2206: case 4191: return Long.valueOf(text);
            case REGPROC:
                if (text.equals("-")) {
                    return 0L;
                }
                if (Character.isDigit(text.charAt(0))) {
                    return Long.valueOf(text);
                }
                return procOid.applyAsLong(text);
            case FLOAT4: return Float.valueOf(text);
            case FLOAT8: return Double.valueOf(text);
            case INT2VECTOR: case OIDVECTOR: {
                String[] parts = text.isBlank() ? new String[0] : text.trim().split(" +");
                Object[] out = new Object[parts.length];
                for (int i = 0; i < parts.length; i++) {
                    out[i] = typeOid == INT2VECTOR ? (Object) Short.valueOf(parts[i]) : (Object) Long.valueOf(parts[i]);
                }
                return out;
            }
            default:
                break;
        }
        int element = elementType(typeOid);
        if (element != 0) {
            List<String> items = arrayItems(text);
            Object[] out = new Object[items.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = parse(element, items.get(i), procOid);
            }
            return out;
        }
        return text;
    }

    /**
     * A catalog value as SQL sees it: catalog code keeps int2vector, oidvector
     * and arrays as bare Object[] element lists, the executor and the types'
     * I/O functions want {@link org.tusk.engine.types.ArrayValue} (the vector
     * types are zero-based one-dimensional arrays, as PostgreSQL's are).
     */
    public static Object toSqlValue(int typeOid, Object value) {
        if (!(value instanceof Object[] a)) {
            return value;
        }
        org.tusk.engine.types.PgType element;
        int lowerBound = 1;
        if (typeOid == INT2VECTOR || typeOid == OIDVECTOR) {
            element = typeOid == INT2VECTOR ? org.tusk.engine.types.PgType.INT2 : org.tusk.engine.types.PgType.OID;
            lowerBound = 0;
        } else {
            org.tusk.engine.types.PgType t = org.tusk.engine.types.PgType.byOid(typeOid);
            element = t == null ? null : t.elementType();
        }
        if (element == null) {
            return value;
        }
        return a.length == 0 ? org.tusk.engine.types.ArrayValue.empty(element)
                : new org.tusk.engine.types.ArrayValue(element, new int[] {a.length}, new int[] {lowerBound}, a);
    }

    /** The text form (array_out / oidvectorout / boolout ...). */
    public static String format(int typeOid, Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Boolean b) {
            return b ? "t" : "f";
        }
        if (value instanceof Object[] a) {
            boolean vector = typeOid == INT2VECTOR || typeOid == OIDVECTOR;
            StringBuilder sb = new StringBuilder(vector ? "" : "{");
            for (int i = 0; i < a.length; i++) {
                if (i > 0) {
                    sb.append(vector ? " " : ",");
                }
                String s = format(elementType(typeOid), a[i]);
                sb.append(s == null ? "NULL" : vector ? s : quoteArrayItem(s));
            }
            return vector ? sb.toString() : sb.append('}').toString();
        }
        return String.valueOf(value);
    }

    private static String quoteArrayItem(String s) {
        boolean plain = !s.isEmpty() && !s.equalsIgnoreCase("NULL");
        for (int i = 0; i < s.length() && plain; i++) {
            char c = s.charAt(i);
            plain = !(c == ',' || c == '{' || c == '}' || c == '"' || c == '\\' || Character.isWhitespace(c));
        }
        return plain ? s : "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** The items of an array literal {a,"b c",NULL} (one dimension). */
    static List<String> arrayItems(String text) {
        List<String> out = new ArrayList<>();
        String body = text.trim();
        if (body.startsWith("{")) {
            body = body.substring(1, body.length() - 1);
        }
        int i = 0;
        int n = body.length();
        while (i < n) {
            StringBuilder sb = new StringBuilder();
            boolean quoted = false;
            if (body.charAt(i) == '"') {
                quoted = true;
                i++;
                while (i < n && body.charAt(i) != '"') {
                    if (body.charAt(i) == '\\') {
                        i++;
                    }
                    sb.append(body.charAt(i++));
                }
                i++;
            } else {
                while (i < n && body.charAt(i) != ',') {
                    sb.append(body.charAt(i++));
                }
            }
            String item = sb.toString();
            out.add(!quoted && item.equals("NULL") ? null : item);
            i++;   // the comma
        }
        return out;
    }
}
