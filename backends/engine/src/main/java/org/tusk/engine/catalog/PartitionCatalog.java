package org.tusk.engine.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.tusk.engine.catalog.CatalogAccess.CatalogTuple;
import org.tusk.engine.nodes.CreateStmt;
import org.tusk.engine.nodes.PartitionBoundSpec;
import org.tusk.engine.nodes.RawNode;
import org.tusk.engine.parser.Parser;

/**
 * Partitioning facts from the catalogs (PostgreSQL's partcache.c and partbounds.c):
 * a partitioned table's key (pg_partitioned_table), a partition's bound
 * (pg_class.relpartbound) and the partition constraint a bound implies
 * (get_qual_from_partbound), as SQL text over the parent's columns.
 *
 * <p>Storage conventions (Tusk keeps expressions as SQL text, not node trees):
 * pg_partitioned_table.partattrs holds each key column's attnum, 0 for an
 * expression; partexprs the expressions' source texts, one per line, in key
 * order. relpartbound holds the bound as pg_get_expr prints it
 * ({@code FOR VALUES FROM ('a', 1) TO ('a', 10)}, {@code FOR VALUES IN (1, NULL)},
 * {@code DEFAULT}).
 */
public final class PartitionCatalog {

    public static final int PG_PARTITIONED_TABLE = 3350;

    private PartitionCatalog() {
    }

    /**
     * A partition key: strategy 'r', 'l' or 'h', and per key item the SQL text that computes
     * it from a row (a quoted column name or a parenthesized expression) and how
     * pg_get_partkeydef shows it.
     */
    public record PartitionKey(char strategy, List<String> exprs, List<String> shown, int defaultPartition) {
        public String strategyName() {
            return strategy == 'r' ? "RANGE" : strategy == 'l' ? "LIST" : "HASH";
        }
    }

    /** A partition's bound, parsed back from relpartbound: datums as SQL text, MINVALUE/MAXVALUE upper-cased. */
    public record Bound(char strategy, boolean isDefault, List<String> list, List<String> lower, List<String> upper,
            int modulus, int remainder, List<Integer> listAt, List<Integer> lowerAt) {
    }

    /**
     * One line of partexprs: the expression's source text and, after a tab, its type's OID
     * when it was known at CREATE TABLE (the constraint's constants are printed as that type).
     */
    public static String keyExpressionLine(String text, int typeOid) {
        return typeOid == 0 ? text : text + "\t" + Integer.toUnsignedLong(typeOid);
    }

    /** The source text of a partexprs line. */
    public static String keyExpressionText(String line) {
        int tab = line.indexOf('\t');
        return tab < 0 ? line : line.substring(0, tab);
    }

    /** The type OID of a partexprs line, 0 when not recorded. */
    public static int keyExpressionType(String line) {
        int tab = line.indexOf('\t');
        return tab < 0 ? 0 : (int) Long.parseLong(line.substring(tab + 1).trim());
    }

    /** The key of the partitioned table {@code relOid} with these live columns (attnum order), or null. */
    public static PartitionKey key(CatalogAccess access, int relOid, List<String> columnNamesByAttnum) {
        SystemCatalogs.Catalog pt = SystemCatalogs.require(PG_PARTITIONED_TABLE);
        int relCol = pt.columnIndex("partrelid");
        List<CatalogTuple> rows = access.scan(PG_PARTITIONED_TABLE, r -> ((Long) r[relCol]).intValue() == relOid);
        if (rows.isEmpty()) {
            return null;
        }
        CatalogTuple t = rows.get(0);
        char strategy = ((String) t.get(pt, "partstrat")).charAt(0);
        Object[] attrs = (Object[]) t.get(pt, "partattrs");
        String exprText = (String) t.get(pt, "partexprs");
        String[] exprLines = exprText == null ? new String[0] : exprText.split("\n");
        List<String> exprs = new ArrayList<>();
        List<String> shown = new ArrayList<>();
        int e = 0;
        for (Object a : attrs) {
            int attnum = ((Number) a).intValue();
            if (attnum > 0) {
                String name = columnNamesByAttnum.get(attnum - 1);
                exprs.add(quoteIdent(name));
                shown.add(quoteIdent(name));
            } else {
                String x = keyExpressionText(exprLines[e++]);
                exprs.add("(" + x + ")");
                shown.add(shownExpression(x));
            }
        }
        int def = ((Long) t.get(pt, "partdefid")).intValue();
        return new PartitionKey(strategy, exprs, shown, def);
    }

    /**
     * A partitioned table's leaves and sub-partitioned tables, depth first, each level in bound order
     * (PartitionDesc order, as expand_partitioned_rtentry appends them): list partitions by their
     * smallest value, a NULL-only one after them; range partitions by lower bound; hash by modulus
     * and remainder; the default partition last. The table itself comes first. Datums compare as
     * numbers when both are numeric, else as strings.
     */
    public static List<Integer> inBoundOrder(CatalogAccess access, int parent) {
        List<Integer> out = new ArrayList<>();
        out.add(parent);
        List<Integer> children = new ArrayList<>(PgInherits.children(access, parent));
        List<Bound> bounds = new ArrayList<>();
        for (int c : children) {
            String text = boundText(access, c);
            bounds.add(text == null ? null : parse(text));
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < children.size(); i++) {
            order.add(i);
        }
        order.sort((x, y) -> compareBounds(bounds.get(x), bounds.get(y)));
        for (int i : order) {
            out.addAll(inBoundOrder(access, children.get(i)));
        }
        return out;
    }

    private static int compareBounds(Bound a, Bound b) {
        int ra = rank(a);
        int rb = rank(b);
        if (ra != rb || ra != 0) {
            return Integer.compare(ra, rb);
        }
        if (a.strategy() == 'h') {
            return a.modulus() != b.modulus() ? Integer.compare(a.modulus(), b.modulus())
                    : Integer.compare(a.remainder(), b.remainder());
        }
        if (a.strategy() == 'l') {
            return compareDatum(smallest(a.list()), smallest(b.list()));
        }
        for (int i = 0; i < Math.min(a.lower().size(), b.lower().size()); i++) {
            int c = compareDatum(a.lower().get(i), b.lower().get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** 0 an ordinary bound, 1 a NULL-only list partition, 2 the default, 3 not a partition. */
    private static int rank(Bound b) {
        if (b == null) {
            return 3;
        }
        if (b.isDefault()) {
            return 2;
        }
        return b.strategy() == 'l' && smallest(b.list()) == null ? 1 : 0;
    }

    private static String smallest(List<String> datums) {
        String best = null;
        for (String d : datums) {
            if (!d.equals("NULL") && (best == null || compareDatum(d, best) < 0)) {
                best = d;
            }
        }
        return best;
    }

    /**
     * The order of two bound datums as relpartbound prints them: MINVALUE first, MAXVALUE last,
     * numbers as numbers, anything else as its unquoted string.
     */
    public static int compareDatum(String x, String y) {
        if (x.equals(y)) {
            return 0;
        }
        if (x.equals("MINVALUE") || y.equals("MAXVALUE")) {
            return -1;
        }
        if (x.equals("MAXVALUE") || y.equals("MINVALUE")) {
            return 1;
        }
        String a = unquoted(x);
        String b = unquoted(y);
        try {
            return new java.math.BigDecimal(a).compareTo(new java.math.BigDecimal(b));
        } catch (NumberFormatException e) {
            return a.compareTo(b);
        }
    }

    private static String unquoted(String d) {
        String t = d.trim();
        if (t.length() >= 2 && t.startsWith("'") && t.endsWith("'")) {
            return t.substring(1, t.length() - 1).replace("''", "'");
        }
        return t;
    }

    /** relpartbound of {@code relOid}, or null when it is not a partition. */
    public static String boundText(CatalogAccess access, int relOid) {
        SystemCatalogs.Catalog cls = SystemCatalogs.require(SystemCatalogs.PG_CLASS);
        int oidCol = cls.columnIndex("oid");
        List<CatalogTuple> rows = access.scan(SystemCatalogs.PG_CLASS, r -> ((Long) r[oidCol]).intValue() == relOid);
        return rows.isEmpty() ? null : (String) rows.get(0).get(cls, "relpartbound");
    }

    /** Parses a relpartbound text back into its datums. */
    public static Bound parse(String text) {
        String sql = "CREATE TABLE x PARTITION OF y " + text;
        CreateStmt stmt = (CreateStmt) Parser.parse(sql).get(0).stmt();
        return bound(stmt.partbound(), sql);
    }

    /** A bound spec of a statement as datum texts ({@code sql}: the statement's text). */
    public static Bound bound(PartitionBoundSpec spec, String sql) {
        if (spec.isDefault()) {
            return new Bound('\0', true, List.of(), List.of(), List.of(), 0, 0, List.of(), List.of());
        }
        // the datums' texts: the items of the parenthesized lists after IN / FROM ... TO
        List<Integer> first = new ArrayList<>();
        List<Integer> second = new ArrayList<>();
        int at = items(sql, spec.location(), first);
        if (spec.strategy() == 'r') {
            items(sql, at, second);
        }
        List<String> a = texts(first, sql);
        List<String> b = texts(second, sql);
        return spec.strategy() == 'l'
                ? new Bound('l', false, a, List.of(), List.of(), 0, 0, first, List.of())
                : spec.strategy() == 'r'
                ? new Bound('r', false, List.of(), a, b, 0, 0, List.of(), first)
                : new Bound(spec.strategy(), false, List.of(), List.of(), List.of(), spec.modulus(), spec.remainder(),
                        List.of(), List.of());
    }

    private static List<String> texts(List<Integer> starts, String sql) {
        List<String> out = new ArrayList<>();
        for (int s : starts) {
            out.add(datumText(sql, s));
        }
        return out;
    }

    /** The start offsets of the items of the next parenthesized list at or after {@code from}; returns its end. */
    private static int items(String sql, int from, List<Integer> starts) {
        int open = sql.indexOf('(', from);
        if (open < 0) {
            return sql.length();
        }
        int i = open + 1;
        int depth = 0;
        int itemStart = i;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                int j = i + 1;
                while (j < sql.length() && !(sql.charAt(j) == c && (j + 1 >= sql.length() || sql.charAt(j + 1) != c))) {
                    j += sql.charAt(j) == c ? 2 : 1;
                }
                i = j + 1;
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')' || c == ',') {
                if (depth == 0) {
                    int s = itemStart;
                    while (s < i && Character.isWhitespace(sql.charAt(s))) {
                        s++;
                    }
                    if (s < i) {
                        starts.add(s);
                    }
                    if (c == ')') {
                        return i + 1;
                    }
                    itemStart = i + 1;
                } else if (c == ')') {
                    depth--;
                }
            }
            i++;
        }
        return i;
    }

    /** The source text of one bound datum, with MINVALUE, MAXVALUE and NULL upper-cased as PostgreSQL prints them. */
    public static String datumText(String sql, int from) {
        int depth = 0;
        int i = from;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                char q = c;
                i++;
                while (i < sql.length()) {
                    if (sql.charAt(i) == q) {
                        if (i + 1 < sql.length() && sql.charAt(i + 1) == q) {
                            i += 2;
                            continue;
                        }
                        break;
                    }
                    i++;
                }
                i++;
                continue;
            }
            if (c == '(' || c == '[') {
                depth++;
            } else if (c == ')' || c == ']') {
                if (depth == 0) {
                    break;
                }
                depth--;
            } else if (c == ',' && depth == 0) {
                break;
            }
            i++;
        }
        String text = sql.substring(from, Math.min(i, sql.length())).trim();
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.equals("minvalue") || lower.equals("maxvalue") || lower.equals("null")) {
            return text.toUpperCase(Locale.ROOT);
        }
        if (text.matches("-\\s*[0-9]+(\\.[0-9]*)?")) {
            return "'" + text.replaceAll("\\s", "") + "'";    // pg_get_expr quotes a negative constant
        }
        return text;
    }

    /** relpartbound's text for a bound. */
    public static String boundText(Bound b) {
        if (b.isDefault()) {
            return "DEFAULT";
        }
        return switch (b.strategy()) {
            case 'l' -> "FOR VALUES IN (" + String.join(", ", b.list()) + ")";
            case 'r' -> "FOR VALUES FROM (" + String.join(", ", b.lower()) + ") TO (" + String.join(", ", b.upper()) + ")";
            default -> "FOR VALUES WITH (modulus " + b.modulus() + ", remainder " + b.remainder() + ")";
        };
    }

    /**
     * The partition constraint of a non-default bound as a boolean SQL expression over the
     * parent's key (get_qual_for_list / get_qual_for_range); null for hash bounds.
     */
    public static String constraint(PartitionKey key, Bound b) {
        return constraint(key, b, 0);
    }

    /**
     * The partition constraint of a bound of partitioned table {@code parentOid}: for a hash
     * bound {@code satisfies_hash_partition('parent'::oid, modulus, remainder, key...)}, as
     * get_qual_for_hash builds it (null when the parent is not given).
     */
    public static String constraint(PartitionKey key, Bound b, int parentOid) {
        if (b.strategy() == 'h') {
            if (parentOid == 0) {
                return null;
            }
            return "satisfies_hash_partition('" + Integer.toUnsignedLong(parentOid) + "'::oid, " + b.modulus() + ", "
                    + b.remainder() + ", " + String.join(", ", key.exprs()) + ")";
        }
        if (b.strategy() == 'l') {
            List<String> values = new ArrayList<>();
            boolean hasNull = false;
            for (String v : b.list()) {
                if (v.equals("NULL")) {
                    hasNull = true;
                } else {
                    values.add(v);
                }
            }
            String k = key.exprs().get(0);
            String in = values.isEmpty() ? null : k + " IN (" + String.join(", ", values) + ")";
            if (hasNull) {
                return in == null ? "(" + k + " IS NULL)" : "(" + k + " IS NULL OR " + in + ")";
            }
            return "(" + k + " IS NOT NULL AND " + in + ")";
        }
        if (b.strategy() == 'r') {
            List<String> parts = new ArrayList<>();
            for (String k : key.exprs()) {
                parts.add(k + " IS NOT NULL");
            }
            parts.add(rangeSide(key.exprs(), b.lower(), 0, true));
            parts.add(rangeSide(key.exprs(), b.upper(), 0, false));
            return "(" + String.join(" AND ", parts) + ")";
        }
        return null;
    }

    /** key >= lower (lexicographically, MINVALUE/MAXVALUE ending the comparison) or key < upper. */
    private static String rangeSide(List<String> keys, List<String> datums, int i, boolean lower) {
        String d = datums.get(i);
        if (d.equals("MINVALUE")) {
            return lower ? "true" : "false";
        }
        if (d.equals("MAXVALUE")) {
            return lower ? "false" : "true";
        }
        String k = keys.get(i);
        if (i == keys.size() - 1) {
            return "(" + k + (lower ? " >= " : " < ") + d + ")";
        }
        String rest = rangeSide(keys, datums, i + 1, lower);
        String strict = "(" + k + (lower ? " > " : " < ") + d + ")";
        if (rest.equals("false")) {
            return strict;
        }
        if (rest.equals("true")) {
            return "(" + k + (lower ? " >= " : " <= ") + d + ")";
        }
        return "(" + strict + " OR (" + k + " = " + d + " AND " + rest + "))";
    }

    /** The default partition's constraint: no sibling's constraint holds. */
    public static String defaultConstraint(List<String> siblingConstraints) {
        if (siblingConstraints.isEmpty()) {
            return "true";
        }
        List<String> parts = new ArrayList<>();
        for (String c : siblingConstraints) {
            parts.add("COALESCE(" + c + ", false)");
        }
        return "(NOT (" + String.join(" OR ", parts) + "))";
    }

    /**
     * How PostgreSQL's deparser shows a key expression: a function call as written,
     * anything else parenthesized, binary operators spaced ({@code (b + 0)}).
     */
    public static String shownExpression(String text) {
        String t = text.trim();
        if (t.matches("[A-Za-z_][A-Za-z0-9_.]*\\(.*\\)") && balanced(t.substring(t.indexOf('(')))) {
            return t;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '\'') {
                int j = t.indexOf('\'', i + 1);
                j = j < 0 ? t.length() - 1 : j;
                sb.append(t, i, j + 1);
                i = j;
                continue;
            }
            if ("+-*/%<>=".indexOf(c) >= 0 && i > 0) {
                int j = i;
                while (j + 1 < t.length() && "<>=|".indexOf(t.charAt(j + 1)) >= 0) {
                    j++;
                }
                while (sb.length() > 0 && sb.charAt(sb.length() - 1) == ' ') {
                    sb.setLength(sb.length() - 1);
                }
                sb.append(' ').append(t, i, j + 1).append(' ');
                i = j;
                while (i + 1 < t.length() && t.charAt(i + 1) == ' ') {
                    i++;
                }
                continue;
            }
            sb.append(c);
        }
        return "(" + sb.toString().trim() + ")";
    }

    private static boolean balanced(String s) {
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
                if (depth == 0 && i != s.length() - 1) {
                    return false;
                }
            }
        }
        return depth == 0;
    }

    static String quoteIdent(String name) {
        if (name.matches("[a-z_][a-z0-9_$]*")) {
            return name;
        }
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
