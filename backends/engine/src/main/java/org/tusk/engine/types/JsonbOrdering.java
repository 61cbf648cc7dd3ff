package org.tusk.engine.types;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * compareJsonbContainers: jsonb's btree order, which is also its equality. Object > Array >
 * Boolean > Number > String > Null; objects with more pairs and arrays with more elements sort
 * higher, equal-sized ones compare pair by pair in key order (key, then value) or element by
 * element. A top-level scalar is a one-element "raw scalar" array that sorts below a real
 * array of one element (so {@code '1' < '[1]'} but {@code '[]' < '1'}). Strings compare by code
 * point (the C collation, as all of Tusk's text), numbers by value.
 */
public final class JsonbOrdering {
    private JsonbOrdering() {}

    public static int compare(Object a, Object b) {
        boolean aObject = a instanceof Map;
        boolean bObject = b instanceof Map;
        if (aObject || bObject) {
            return aObject && bObject ? compareNested(a, b) : aObject ? 1 : -1;
        }
        boolean aRaw = !(a instanceof List);
        boolean bRaw = !(b instanceof List);
        int na = aRaw ? 1 : ((List<?>) a).size();
        int nb = bRaw ? 1 : ((List<?>) b).size();
        if (na != nb) {
            return na > nb ? 1 : -1;
        }
        if (aRaw != bRaw) {
            return aRaw ? -1 : 1;
        }
        return compareNested(a, b);
    }

    private static int rank(Object node) {
        if (node == Jsonb.NULL) {
            return 0;
        }
        if (node instanceof String) {
            return 1;
        }
        if (node instanceof BigDecimal) {
            return 2;
        }
        if (node instanceof Boolean) {
            return 3;
        }
        return node instanceof List ? 4 : 5;
    }

    @SuppressWarnings("unchecked")
    private static int compareNested(Object a, Object b) {
        int ra = rank(a);
        int rb = rank(b);
        if (ra != rb) {
            return Integer.compare(ra, rb);
        }
        switch (ra) {
            case 0: return 0;
            case 1: return compareStrings((String) a, (String) b);
            case 2: return ((BigDecimal) a).compareTo((BigDecimal) b);
            case 3: return Boolean.compare((Boolean) a, (Boolean) b);
            case 4: {
                List<Object> x = (List<Object>) a;
                List<Object> y = (List<Object>) b;
                if (x.size() != y.size()) {
                    return x.size() > y.size() ? 1 : -1;
                }
                for (int i = 0; i < x.size(); i++) {
                    int c = compareNested(x.get(i), y.get(i));
                    if (c != 0) {
                        return c;
                    }
                }
                return 0;
            }
            default: {
                Map<String, Object> x = (Map<String, Object>) a;
                Map<String, Object> y = (Map<String, Object>) b;
                if (x.size() != y.size()) {
                    return x.size() > y.size() ? 1 : -1;
                }
                Iterator<Map.Entry<String, Object>> i = x.entrySet().iterator();
                Iterator<Map.Entry<String, Object>> j = y.entrySet().iterator();
                while (i.hasNext()) {
                    Map.Entry<String, Object> p = i.next();
                    Map.Entry<String, Object> q = j.next();
                    int c = compareStrings(p.getKey(), q.getKey());
                    if (c == 0) {
                        c = compareNested(p.getValue(), q.getValue());
                    }
                    if (c != 0) {
                        return c;
                    }
                }
                return 0;
            }
        }
    }

    private static int compareStrings(String a, String b) {
        return a.equals(b) ? 0 : org.tusk.engine.func.Comparisons.compare(a, b);
    }

    /** A hash consistent with {@link #compare}: numbers hashed by value (1.0 as 1). */
    @SuppressWarnings("unchecked")
    public static int hash(Object node) {
        if (node instanceof BigDecimal d) {
            return d.signum() == 0 ? 0 : d.stripTrailingZeros().hashCode();
        }
        if (node instanceof List<?> l) {
            int h = 1;
            for (Object e : l) {
                h = 31 * h + hash(e);
            }
            return h;
        }
        if (node instanceof Map<?, ?> m) {
            int h = 7;
            for (Map.Entry<String, Object> e : ((Map<String, Object>) m).entrySet()) {
                h = 31 * (31 * h + e.getKey().hashCode()) + hash(e.getValue());
            }
            return h;
        }
        return node.hashCode();
    }
}
