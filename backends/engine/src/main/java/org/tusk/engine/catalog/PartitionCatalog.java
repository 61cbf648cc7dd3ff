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
            int modulus, int remainder) {
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
                String x = exprLines[e++];
                exprs.add("(" + x + ")");
                shown.add(x);
            }
        }
        int def = ((Long) t.get(pt, "partdefid")).intValue();
        return new PartitionKey(strategy, exprs, shown, def);
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
            return new Bound('\0', true, List.of(), List.of(), List.of(), 0, 0);
        }
        return new Bound(spec.strategy(), false, texts(spec.listdatums(), sql), texts(spec.lowerdatums(), sql),
                texts(spec.upperdatums(), sql), spec.modulus(), spec.remainder());
    }

    private static List<String> texts(List<RawNode> datums, String sql) {
        List<String> out = new ArrayList<>();
        for (RawNode d : datums) {
            out.add(datumText(sql, d.location()));
        }
        return out;
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

    static String quoteIdent(String name) {
        if (name.matches("[a-z_][a-z0-9_$]*")) {
            return name;
        }
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
