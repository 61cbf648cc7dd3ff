package org.tusk.engine.func.sysinfo;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.tusk.engine.catalog.PartitionCatalog;
import org.tusk.engine.catalog.PartitionCatalog.Bound;

/**
 * A partition's constraint as pg_get_partition_constraintdef deparses it (partbounds.c
 * get_qual_for_list / get_qual_for_range / get_qual_for_hash, ruleutils.c's constant
 * printing): an AND list, the ancestors' items first, e.g.
 * {@code ((a IS NOT NULL) AND (a = ANY (ARRAY['x'::text, 'y'::text])))} or
 * {@code (NOT ((a IS NOT NULL) AND ((a >= 1) AND (a < 10))))} for a default partition.
 * Also the partition tree walks of pg_partition_ancestors and pg_partition_root.
 *
 * <p>Bound datums are relpartbound's source texts; they are printed as constants of the
 * key's type (columns: the attribute's type; expressions: text when quoted, else integer
 * or numeric). A default partition's siblings are taken in OID order, their list values
 * sorted as PostgreSQL's bound info keeps them.
 */
final class PartitionConstraints {

    private static final int PG_INHERITS = 2611;
    private static final int PG_PARTITIONED_TABLE = 3350;

    private final SysCache cache;

    PartitionConstraints(SysInfoContext ctx) {
        this.cache = ctx.cache();
    }

    /** pg_get_partition_constraintdef: null for a table that is not a partition (or has no constraint). */
    String constraintDef(int relOid) {
        List<String> items = qual(relOid);
        if (items.isEmpty()) {
            return null;
        }
        return items.size() == 1 ? items.get(0) : "(" + String.join(" AND ", items) + ")";
    }

    /** The partition's parent, or 0. */
    int parent(int relOid) {
        CatalogRow rel = cache.relation(relOid);
        if (rel == null || !rel.bool("relispartition")) {
            return 0;
        }
        List<CatalogRow> inh = cache.find(PG_INHERITS, "inhrelid", Integer.toUnsignedLong(relOid));
        return inh.isEmpty() ? 0 : inh.get(0).oid("inhparent");
    }

    /** pg_partition_ancestors: the relation, then each ancestor up to the root. */
    List<Object> ancestors(int relOid) {
        List<Object> out = new ArrayList<>();
        CatalogRow rel = cache.relation(relOid);
        if (rel == null || !rel.bool("relispartition") && rel.ch("relkind") != 'p') {
            return out;
        }
        for (int r = relOid; r != 0; r = parent(r)) {
            out.add(Integer.toUnsignedLong(r));
        }
        return out;
    }

    /**
     * pg_partition_tree: rows (relid, parentrelid, isleaf, level) for the
     * relation and, breadth first in OID order per parent as find_all_inheritors
     * walks them, every partition below it; no rows for a relation that is not
     * a table or index (of either kind).
     */
    List<Object[]> tree(int relOid) {
        List<Object[]> out = new ArrayList<>();
        CatalogRow rel = cache.relation(relOid);
        if (rel == null || "rpiI".indexOf(rel.ch("relkind")) < 0) {
            return out;
        }
        int top = relOid;
        int topParent = parent(relOid);
        List<int[]> level = new ArrayList<>();
        level.add(new int[] {top, topParent});
        for (int depth = 0; !level.isEmpty(); depth++) {
            List<int[]> next = new ArrayList<>();
            for (int[] r : level) {
                CatalogRow row = cache.relation(r[0]);
                char kind = row == null ? 'r' : row.ch("relkind");
                out.add(new Object[] {Integer.toUnsignedLong(r[0]), r[1] == 0 ? null : Integer.toUnsignedLong(r[1]),
                        kind != 'p' && kind != 'I', depth});
                List<Integer> children = new ArrayList<>();
                for (CatalogRow inh : cache.find(PG_INHERITS, "inhparent", Integer.toUnsignedLong(r[0]))) {
                    children.add(inh.oid("inhrelid"));
                }
                children.sort(Integer::compareUnsigned);
                for (int c : children) {
                    next.add(new int[] {c, r[0]});
                }
            }
            level = next;
        }
        return out;
    }

    /** pg_partition_root: the top-most ancestor, null for a table outside any partition tree. */
    Long root(int relOid) {
        List<Object> up = ancestors(relOid);
        return up.isEmpty() ? null : (Long) up.get(up.size() - 1);
    }

    private List<String> qual(int relOid) {
        CatalogRow rel = cache.relation(relOid);
        String bound = rel == null ? null : rel.str("relpartbound");
        int parent = parent(relOid);
        if (bound == null || parent == 0) {
            return new ArrayList<>();
        }
        List<String> items = qual(parent);
        Key key = key(parent, relOid);
        if (key == null) {
            return items;
        }
        Bound b = PartitionCatalog.parse(bound);
        if (b.isDefault()) {
            String d = defaultQual(parent, relOid, key);
            if (d != null) {
                items.add(d);
            }
        } else {
            items.addAll(own(key, b, parent));
        }
        return items;
    }

    /** A partition key: how each item is shown and the type it has. */
    private record Key(char strategy, List<String> shown, List<Integer> types) {
    }

    private Key key(int parent, int child) {
        List<CatalogRow> rows = cache.find(PG_PARTITIONED_TABLE, "partrelid", Integer.toUnsignedLong(parent));
        if (rows.isEmpty()) {
            return null;
        }
        CatalogRow pt = rows.get(0);
        String exprText = pt.str("partexprs");
        String[] exprs = exprText == null ? new String[0] : exprText.split("\n");
        List<String> shown = new ArrayList<>();
        List<Integer> types = new ArrayList<>();
        int e = 0;
        for (int attnum : pt.ints("partattrs")) {
            if (attnum > 0) {
                shown.add(Identifiers.quote(cache.attributeName(parent, attnum)));
                CatalogRow att = cache.attribute(parent, attnum);
                types.add(att == null ? 25 : att.oid("atttypid"));
            } else {
                String line = exprs[e++];
                String text = PartitionCatalog.keyExpressionText(line).trim();
                while (text.startsWith("(") && text.endsWith(")")) {
                    text = text.substring(1, text.length() - 1).trim();
                }
                CatalogRow parentRel = cache.relation(parent);
                CatalogRow childRel = cache.relation(child);
                if (parentRel != null && childRel != null && (text.equalsIgnoreCase(parentRel.str("relname"))
                        || text.equals(Identifiers.quote(parentRel.str("relname"))))) {
                    // the whole row: the partition's row converted to the parent's row type
                    int rowType = parentRel.oid("reltype");
                    shown.add("(" + Identifiers.quote(childRel.str("relname")) + ".*)::" + typeName(rowType));
                    types.add(rowType);
                    continue;
                }
                shown.add(PartitionCatalog.shownExpression(PartitionCatalog.keyExpressionText(line)));
                types.add(PartitionCatalog.keyExpressionType(line));
            }
        }
        return new Key(pt.ch("partstrat"), shown, types);
    }

    private List<String> own(Key key, Bound b, int parent) {
        List<String> items = new ArrayList<>();
        if (b.strategy() == 'h') {
            items.add("satisfies_hash_partition('" + Integer.toUnsignedLong(parent) + "'::oid, " + b.modulus() + ", "
                    + b.remainder() + ", " + String.join(", ", key.shown()) + ")");
        } else if (b.strategy() == 'l') {
            List<String> values = new ArrayList<>();
            boolean hasNull = false;
            for (String v : b.list()) {
                if (v.equals("NULL")) {
                    hasNull = true;
                } else {
                    values.add(v);
                }
            }
            items.addAll(listQual(key, values, hasNull));
        } else {
            items.addAll(rangeQual(key, b, true));
        }
        return items;
    }

    private List<String> listQual(Key key, List<String> values, boolean hasNull) {
        String k = key.shown().get(0);
        String eq = null;
        if (isArray(key.types().get(0)) && !values.isEmpty()) {
            // an array-typed key: one equality per value ORed (no ANY over an array of arrays)
            List<String> ors = new ArrayList<>();
            for (String v : values) {
                ors.add("(" + k + " = " + constant(v, key.types().get(0)) + ")");
            }
            eq = ors.size() == 1 ? ors.get(0) : "(" + String.join(" OR ", ors) + ")";
        } else if (values.size() == 1) {
            eq = "(" + k + " = " + constant(values.get(0), key.types().get(0)) + ")";
        } else if (!values.isEmpty()) {
            List<String> cs = new ArrayList<>();
            for (String v : values) {
                cs.add(constant(v, key.types().get(0)));
            }
            eq = "(" + k + " = ANY (ARRAY[" + String.join(", ", cs) + "]))";
        }
        if (hasNull) {
            return List.of(eq == null ? "(" + k + " IS NULL)" : "((" + k + " IS NULL) OR " + eq + ")");
        }
        return eq == null ? List.of() : List.of(notNull(k, key.types().get(0)), eq);
    }

    /** get_qual_for_range: IS NOT NULL per key item (when {@code nullTests}), the equal prefix, the arms. */
    private List<String> rangeQual(Key key, Bound b, boolean nullTests) {
        List<String> items = new ArrayList<>();
        int n = key.shown().size();
        if (nullTests) {
            for (int k = 0; k < n; k++) {
                items.add(notNull(key.shown().get(k), key.types().get(k)));
            }
        }
        int i = 0;
        while (i < n && !infinite(b.lower().get(i)) && !infinite(b.upper().get(i))
                && unquote(b.lower().get(i)).equals(unquote(b.upper().get(i)))) {
            items.add("(" + key.shown().get(i) + " = " + constant(b.lower().get(i), key.types().get(i)) + ")");
            i++;
        }
        for (boolean lower : new boolean[] {true, false}) {
            List<String> arms = arms(key, lower ? b.lower() : b.upper(), i, lower);
            if (arms.size() == 1) {
                items.add(arms.get(0));
            } else if (!arms.isEmpty()) {
                items.add("(" + String.join(" OR ", arms) + ")");
            }
        }
        return items;
    }

    private List<String> arms(Key key, List<String> d, int from, boolean lower) {
        List<String> arms = new ArrayList<>();
        int n = d.size();
        for (int j = from; j < n; j++) {
            if (infinite(d.get(j))) {
                break;
            }
            String next = j == n - 1 ? null : d.get(j + 1);
            String op;
            if (lower) {
                op = next == null || next.equals("MINVALUE") ? ">=" : ">";
            } else {
                op = next != null && next.equals("MAXVALUE") ? "<=" : "<";
            }
            List<String> parts = new ArrayList<>();
            for (int k = from; k < j; k++) {
                parts.add("(" + key.shown().get(k) + " = " + constant(d.get(k), key.types().get(k)) + ")");
            }
            parts.add("(" + key.shown().get(j) + " " + op + " " + constant(d.get(j), key.types().get(j)) + ")");
            arms.add(parts.size() == 1 ? parts.get(0) : "(" + String.join(" AND ", parts) + ")");
            if (next == null || infinite(next)) {
                break;
            }
        }
        return arms;
    }

    /** The default partition's constraint: NOT of what its siblings accept; null without siblings. */
    private String defaultQual(int parent, int self, Key key) {
        List<Bound> siblings = new ArrayList<>();
        List<Integer> children = new ArrayList<>();
        for (CatalogRow r : cache.find(PG_INHERITS, "inhparent", Integer.toUnsignedLong(parent))) {
            children.add(r.oid("inhrelid"));
        }
        children.sort(Integer::compareUnsigned);
        for (int child : children) {
            CatalogRow rel = child == self ? null : cache.relation(child);
            String text = rel == null ? null : rel.str("relpartbound");
            if (text != null) {
                Bound b = PartitionCatalog.parse(text);
                if (!b.isDefault()) {
                    siblings.add(b);
                }
            }
        }
        if (siblings.isEmpty()) {
            return null;
        }
        List<String> inner;
        if (key.strategy() == 'l') {
            List<String> values = new ArrayList<>();
            boolean hasNull = false;
            for (Bound b : siblings) {
                for (String v : b.list()) {
                    if (v.equals("NULL")) {
                        hasNull = true;
                    } else {
                        values.add(v);
                    }
                }
            }
            values.sort(PartitionCatalog::compareDatum);
            inner = listQual(key, values, hasNull);
        } else {
            inner = new ArrayList<>();
            for (int i = 0; i < key.shown().size(); i++) {
                inner.add(notNull(key.shown().get(i), key.types().get(i)));
            }
            // the siblings in PartitionDesc order: by lower bound
            siblings.sort((x, y) -> {
                for (int i = 0; i < Math.min(x.lower().size(), y.lower().size()); i++) {
                    int c = PartitionCatalog.compareDatum(x.lower().get(i), y.lower().get(i));
                    if (c != 0) {
                        return c;
                    }
                }
                return 0;
            });
            List<String> arms = new ArrayList<>();
            for (Bound b : siblings) {
                List<String> parts = rangeQual(key, b, false);
                arms.add(parts.size() == 1 ? parts.get(0) : "(" + String.join(" AND ", parts) + ")");
            }
            inner.add(arms.size() == 1 ? arms.get(0) : "(" + String.join(" OR ", arms) + ")");
        }
        if (inner.isEmpty()) {
            return null;
        }
        return "(NOT " + (inner.size() == 1 ? inner.get(0) : "(" + String.join(" AND ", inner) + ")") + ")";
    }

    /** A key item's NOT NULL test as ruleutils prints it: IS DISTINCT FROM NULL for a composite-typed item. */
    private String notNull(String k, int typeOid) {
        CatalogRow t = typeOid == 0 ? null : cache.type(typeOid);
        boolean composite = t != null && t.ch("typtype") == 'c';
        return "(" + k + (composite ? " IS DISTINCT FROM NULL)" : " IS NOT NULL)");
    }

    private static boolean infinite(String d) {
        return d.equals("MINVALUE") || d.equals("MAXVALUE");
    }

    private static String unquote(String d) {
        String t = d.trim();
        int cast = t.lastIndexOf("::");
        if (t.startsWith("'") && cast > 0 && t.charAt(cast - 1) == '\'') {
            t = t.substring(0, cast);
        }
        if (t.length() >= 2 && t.startsWith("'") && t.endsWith("'")) {
            return t.substring(1, t.length() - 1).replace("''", "'");
        }
        return t;
    }

    /** A datum as ruleutils prints a Const of the type (get_const_expr). */
    private String constant(String datum, int typeOid) {
        String v = unquote(datum);
        if (typeOid == 0) {
            typeOid = datum.trim().startsWith("'") ? 25 : v.contains(".") ? 1700 : 23;
        }
        switch (typeOid) {
            case 23:
                return v.startsWith("-") ? "'" + v + "'::integer" : v;
            case 1700:
                return !v.isEmpty() && Character.isDigit(v.charAt(0)) && (v.contains(".") || v.contains("e")
                        || v.contains("E")) ? v : "'" + v + "'::numeric";
            case 16:
                return v.toLowerCase(Locale.ROOT).startsWith("t") ? "true" : "false";
            default:
                return "'" + v.replace("'", "''") + "'::" + typeName(typeOid);
        }
    }

    private boolean isArray(int typeOid) {
        CatalogRow t = typeOid == 0 ? null : cache.type(typeOid);
        return t != null && t.oid("typelem") != 0 && "A".equals(t.str("typcategory"));
    }

    private String typeName(int typeOid) {
        if (isArray(typeOid)) {
            return typeName(cache.type(typeOid).oid("typelem")) + "[]";
        }
        return switch (typeOid) {
            case 23 -> "integer";
            case 16 -> "boolean";
            case 1700 -> "numeric";
            case 20 -> "bigint";
            case 21 -> "smallint";
            case 25 -> "text";
            case 700 -> "real";
            case 701 -> "double precision";
            case 1042 -> "bpchar";
            case 1043 -> "character varying";
            case 1082 -> "date";
            case 1114 -> "timestamp without time zone";
            case 1184 -> "timestamp with time zone";
            default -> {
                CatalogRow t = cache.type(typeOid);
                yield t == null ? "text" : Identifiers.quote(t.str("typname"));
            }
        };
    }
}
