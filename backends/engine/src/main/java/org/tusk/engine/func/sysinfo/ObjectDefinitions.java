package org.tusk.engine.func.sysinfo;

import java.util.ArrayList;
import java.util.List;

import org.tusk.engine.catalog.SystemCatalogs;

/**
 * The pg_get_*def functions (ruleutils.c): SQL text that recreates an
 * index, a constraint or a view, and pg_get_expr.
 *
 * <p>Expression columns (pg_attrdef.adbin, pg_constraint.conbin,
 * pg_index.indexprs/indpred, pg_rewrite.ev_action) are pg_node_tree in
 * PostgreSQL. Tusk stores there the expression's deparsed text exactly as
 * PostgreSQL's non-pretty pg_get_expr prints it ({@code (a > 0)},
 * {@code nextval('t_id_seq'::regclass)}); indexprs holds one such text per
 * expression column, separated by {@link #EXPRESSION_SEPARATOR};
 * ev_action holds the view's defining SELECT as pg_get_viewdef prints it.
 */
public final class ObjectDefinitions {

    /** Separates the expressions of a multi-expression pg_node_tree value (indexprs). */
    public static final String EXPRESSION_SEPARATOR = "\u001e";

    private static final int INDOPTION_DESC = 1;
    private static final int INDOPTION_NULLS_FIRST = 2;

    private final SysInfoContext ctx;

    public ObjectDefinitions(SysInfoContext ctx) {
        this.ctx = ctx;
    }

    // ---- relation names

    /** generate_relation_name: qualified only when not visible in the search path. */
    public String relationName(int relOid) {
        CatalogRow rel = ctx.cache().relation(relOid);
        if (rel == null) {
            return null;
        }
        String schema = new Visibility(ctx).relationIsVisible(rel) ? null
                : ctx.cache().namespaceName(rel.oid("relnamespace"));
        return Identifiers.qualified(schema, rel.str("relname"));
    }

    /** generate_qualified_relation_name: always schema-qualified. */
    public String qualifiedRelationName(int relOid) {
        CatalogRow rel = ctx.cache().relation(relOid);
        return rel == null ? null
                : Identifiers.qualified(ctx.cache().namespaceName(rel.oid("relnamespace")), rel.str("relname"));
    }

    // ---- pg_get_expr

    /**
     * pg_get_expr(expr, relation [, pretty]): the stored text; pretty mode
     * drops the parentheses around the whole expression, as PostgreSQL's
     * pretty printer omits them at top level.
     */
    public static String expression(String stored, boolean pretty) {
        if (stored == null) {
            return null;
        }
        return pretty ? simpleCastOperands(stripOuterParens(stored)) : stored;
    }

    /**
     * Pretty mode's get_coercion_expr: the operand of a cast is parenthesized only when it is not a
     * simple node, so {@code (price)::numeric} and {@code (2)::numeric} print as {@code price::numeric}
     * and {@code 2::numeric} (a column, an unsigned number or a quoted literal; text inside quotes kept).
     */
    static String simpleCastOperands(String s) {
        if (s.indexOf(")::") < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\'') {
                int end = i + 1;
                while (end < s.length() && !(s.charAt(end) == '\'' && (end + 1 >= s.length() || s.charAt(end + 1) != '\''))) {
                    end += s.charAt(end) == '\'' ? 2 : 1;
                }
                out.append(s, i, Math.min(end + 1, s.length()));
                i = end + 1;
                continue;
            }
            if (c == '(' && (i == 0 || !identChar(s.charAt(i - 1)))) {
                int close = simpleOperandEnd(s, i + 1);
                if (close > 0 && s.startsWith(")::", close)) {
                    out.append(s, i + 1, close);
                    i = close + 1;
                    continue;
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    private static boolean identChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    /** The index of the ')' closing a simple operand starting at {@code from}, or -1. */
    private static int simpleOperandEnd(String s, int from) {
        int i = from;
        if (i < s.length() && s.charAt(i) == '\'') {
            i++;
            while (i < s.length()) {
                if (s.charAt(i) == '\'') {
                    if (i + 1 < s.length() && s.charAt(i + 1) == '\'') {
                        i += 2;
                        continue;
                    }
                    return i + 1 < s.length() && s.charAt(i + 1) == ')' ? i + 1 : -1;
                }
                i++;
            }
            return -1;
        }
        int start = i;
        while (i < s.length() && (identChar(s.charAt(i)) || s.charAt(i) == '.')) {
            i++;
        }
        return i > start && i < s.length() && s.charAt(i) == ')' ? i : -1;
    }

    /** "(x)" to "x" when the first parenthesis closes at the end. */
    static String stripOuterParens(String s) {
        if (!s.startsWith("(") || !s.endsWith(")")) {
            return s;
        }
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
                if (depth == 0 && i < s.length() - 1) {
                    return s;
                }
            }
        }
        return s.substring(1, s.length() - 1);
    }

    // ---- pg_get_indexdef

    /** pg_get_indexdef(index): the CREATE INDEX command; null when no such index. */
    public String indexDef(int indexOid) {
        return indexDef(indexOid, 0);
    }

    /**
     * pg_get_indexdef(index, column, pretty): column 0 is the whole command,
     * column n only the n-th column's name or expression ("" past the last).
     */
    public String indexDef(int indexOid, int column) {
        return indexDef(indexOid, column, false);
    }

    /**
     * pg_get_indexdef(index, column, pretty): pretty mode names the table
     * unqualified when visible and prints expressions without the parentheses
     * around a top-level operator (an expression column is still wrapped in
     * parentheses unless it is a function call, as in CREATE INDEX).
     */
    public String indexDef(int indexOid, int column, boolean pretty) {
        CatalogRow index = ctx.cache().index(indexOid);
        CatalogRow indexRel = ctx.cache().relation(indexOid);
        if (index == null || indexRel == null) {
            return null;
        }
        int table = index.oid("indrelid");
        int[] keys = index.ints("indkey");
        int nkey = index.oid("indnkeyatts");
        int[] options = index.ints("indoption");
        int[] classes = index.ints("indclass");
        int[] collations = index.ints("indcollation");
        List<String> exprs = splitExpressions(index.str("indexprs"));
        int nextExpr = 0;

        if (column > 0) {
            if (column > keys.length) {
                return "";
            }
            for (int i = 0; i < column - 1; i++) {
                if (keys[i] == 0) {
                    nextExpr++;
                }
            }
            int attnum = keys[column - 1];
            return attnum != 0 ? Identifiers.quote(ctx.cache().attributeName(table, attnum))
                    : indexExpression(exprs.get(nextExpr), pretty);
        }

        String am = ctx.cache().amName(indexRel.oid("relam"));
        StringBuilder sb = new StringBuilder("CREATE ");
        if (index.bool("indisunique")) {
            sb.append("UNIQUE ");
        }
        sb.append("INDEX ").append(Identifiers.quote(indexRel.str("relname"))).append(" ON ");
        CatalogRow tableRel = ctx.cache().relation(table);
        if (tableRel != null && tableRel.ch("relkind") == 'p' && indexRel.ch("relkind") == 'I') {
            sb.append("ONLY ");
        }
        sb.append(pretty ? relationName(table) : qualifiedRelationName(table)).append(" USING ").append(am).append(" (");
        for (int i = 0; i < keys.length; i++) {
            if (i == nkey) {
                sb.append(") INCLUDE (");
            } else if (i > 0) {
                sb.append(", ");
            }
            int attnum = keys[i];
            int keyType;
            int keyCollation;
            if (attnum != 0) {
                CatalogRow att = ctx.cache().attribute(table, attnum);
                sb.append(Identifiers.quote(att.str("attname")));
                keyType = att.oid("atttypid");
                keyCollation = att.oid("attcollation");
            } else {
                sb.append(indexExpression(exprs.get(nextExpr++), pretty));
                keyType = 0;
                // an expression's own collation is its type's, the default one for collatable types
                keyCollation = 100;
            }
            if (i >= nkey) {
                continue;
            }
            int collation = i < collations.length ? collations[i] : 0;
            if (collation != 0 && collation != keyCollation && keyCollation != -1) {
                CatalogRow coll = ctx.cache().byOid(SysCache.PG_COLLATION, collation);
                if (coll != null) {
                    // generate_collation_name: qualified only when not visible (pg_catalog's always are)
                    String nsp = ctx.cache().namespaceName(coll.oid("collnamespace"));
                    sb.append(" COLLATE ").append(Identifiers.qualified(
                            "pg_catalog".equals(nsp) ? null : nsp, coll.str("collname")));
                }
            }
            if (i < classes.length) {
                appendOpclass(sb, classes[i], keyType);
            }
            if ("btree".equals(am) && i < options.length) {
                int opt = options[i];
                boolean desc = (opt & INDOPTION_DESC) != 0;
                boolean nullsFirst = (opt & INDOPTION_NULLS_FIRST) != 0;
                if (desc) {
                    sb.append(" DESC");
                    if (!nullsFirst) {
                        sb.append(" NULLS LAST");
                    }
                } else if (nullsFirst) {
                    sb.append(" NULLS FIRST");
                }
            }
        }
        sb.append(')');
        if (index.bool("indnullsnotdistinct")) {
            sb.append(" NULLS NOT DISTINCT");
        }
        Object relOptions = indexRel.get("reloptions");
        if (relOptions instanceof Object[] opts && opts.length > 0) {
            sb.append(" WITH (");
            for (int i = 0; i < opts.length; i++) {
                sb.append(i > 0 ? ", " : "").append(opts[i]);
            }
            sb.append(')');
        }
        String pred = index.str("indpred");
        if (pred != null) {
            sb.append(" WHERE ").append(expression(pred, pretty));
        }
        return sb.toString();
    }

    /** An index expression column: a function call prints bare, anything else in parentheses. */
    private static String indexExpression(String stored, boolean pretty) {
        String e = expression(stored, pretty);
        return looksLikeFunctionCall(e) ? e : "(" + e + ")";
    }

    /** get_opclass_name: printed only when it is not the default for the column's type. */
    private void appendOpclass(StringBuilder sb, int opclassOid, int keyType) {
        CatalogRow opc = ctx.cache().byOid(SysCache.PG_OPCLASS, opclassOid);
        if (opc == null) {
            return;
        }
        if (opc.bool("opcdefault") && (keyType == 0 || opc.oid("opcintype") == keyType
                || binaryCompatibleDefault(opc, keyType))) {
            return;
        }
        String schema = opc.oid("opcnamespace") == SystemCatalogs.PG_CATALOG_NAMESPACE ? null
                : ctx.cache().namespaceName(opc.oid("opcnamespace"));
        sb.append(' ').append(Identifiers.qualified(schema, opc.str("opcname")));
    }

    /** varchar columns use text_ops, the default class of text, as PostgreSQL's GetDefaultOpClass finds. */
    private static boolean binaryCompatibleDefault(CatalogRow opc, int keyType) {
        return opc.oid("opcintype") == 25 && (keyType == 1043 || keyType == 19);
    }

    static boolean looksLikeFunctionCall(String e) {
        int open = e.indexOf('(');
        if (open <= 0 || !e.endsWith(")")) {
            return false;
        }
        String name = e.substring(0, open);
        if (!name.matches("[A-Za-z_][A-Za-z_0-9$.\"]*")) {
            return false;
        }
        return stripOuterParens(e.substring(open)).length() == e.length() - open - 2
                || e.substring(open).equals("()");
    }

    static List<String> splitExpressions(String stored) {
        List<String> out = new ArrayList<>();
        if (stored != null) {
            for (String s : stored.split(EXPRESSION_SEPARATOR, -1)) {
                out.add(s);
            }
        }
        return out;
    }

    // ---- pg_get_constraintdef

    /** pg_get_constraintdef(constraint): its definition as in ALTER TABLE ADD CONSTRAINT; null when none. */
    /** pg_get_triggerdef: the CREATE TRIGGER statement of a pg_trigger row (WHEN as its stored SQL text). */
    public String triggerDef(int triggerOid, boolean pretty) {
        CatalogRow t = ctx.cache().byOid(org.tusk.engine.catalog.SystemCatalogs.PG_TRIGGER, triggerOid);
        if (t == null) {
            return null;
        }
        int type = ((Number) t.get("tgtype")).intValue();
        int rel = t.oid("tgrelid");
        StringBuilder sb = new StringBuilder("CREATE ");
        if (t.oid("tgconstraint") != 0) {
            sb.append("CONSTRAINT ");
        }
        sb.append("TRIGGER ").append(Identifiers.quote(t.str("tgname"))).append(' ');
        sb.append((type & 2) != 0 ? "BEFORE" : (type & 64) != 0 ? "INSTEAD OF" : "AFTER");
        List<String> events = new java.util.ArrayList<>();
        if ((type & 4) != 0) {
            events.add("INSERT");
        }
        if ((type & 8) != 0) {
            events.add("DELETE");
        }
        if ((type & 16) != 0) {
            int[] cols = t.ints("tgattr");
            StringBuilder u = new StringBuilder("UPDATE");
            for (int i = 0; i < cols.length; i++) {
                u.append(i == 0 ? " OF " : ", ").append(columnList(rel, new int[] {cols[i]}));
            }
            events.add(u.toString());
        }
        if ((type & 32) != 0) {
            events.add("TRUNCATE");
        }
        sb.append(' ').append(String.join(" OR ", events)).append(" ON ")
                .append(pretty ? relationName(rel) : qualifiedRelationName(rel)).append(' ');
        if (t.bool("tgdeferrable")) {
            sb.append("DEFERRABLE ");
        }
        if (t.bool("tginitdeferred")) {
            sb.append("INITIALLY DEFERRED ");
        }
        if (t.get("tgoldtable") != null || t.get("tgnewtable") != null) {
            sb.append("REFERENCING ");
            if (t.get("tgoldtable") != null) {
                sb.append("OLD TABLE AS ").append(Identifiers.quote(t.str("tgoldtable"))).append(' ');
            }
            if (t.get("tgnewtable") != null) {
                sb.append("NEW TABLE AS ").append(Identifiers.quote(t.str("tgnewtable"))).append(' ');
            }
        }
        sb.append((type & 1) != 0 ? "FOR EACH ROW " : "FOR EACH STATEMENT ");
        Object qual = t.get("tgqual");
        if (qual != null) {
            sb.append(pretty ? "WHEN (" + qual + ") " : "WHEN ((" + qual + ")) ");
        }
        CatalogRow proc = ctx.cache().proc(t.oid("tgfoid"));
        String fname = proc == null ? String.valueOf(t.oid("tgfoid")) : Identifiers.quote(proc.str("proname"));
        sb.append("EXECUTE FUNCTION ").append(fname).append('(');
        byte[] raw = (byte[]) t.get("tgargs");
        if (raw != null) {
            int start = 0;
            boolean first = true;
            for (int i = 0; i < raw.length; i++) {
                if (raw[i] == 0) {
                    String arg = new String(raw, start, i - start, java.nio.charset.StandardCharsets.UTF_8);
                    sb.append(first ? "" : ", ").append('\'').append(arg.replace("'", "''")).append('\'');
                    first = false;
                    start = i + 1;
                }
            }
        }
        return sb.append(')').toString();
    }

    public String constraintDef(int constraintOid) {
        CatalogRow con = ctx.cache().constraint(constraintOid);
        if (con == null) {
            return null;
        }
        int rel = con.oid("conrelid");
        StringBuilder sb = new StringBuilder();
        switch (con.ch("contype")) {
            case 'f': {
                sb.append("FOREIGN KEY (").append(columnList(rel, con.ints("conkey"))).append(") REFERENCES ");
                int ref = con.oid("confrelid");
                sb.append(relationName(ref)).append('(').append(columnList(ref, con.ints("confkey"))).append(')');
                switch (con.ch("confmatchtype")) {
                    case 'f': sb.append(" MATCH FULL"); break;
                    case 'p': sb.append(" MATCH PARTIAL"); break;
                    default: break;
                }
                String onUpdate = action(con.ch("confupdtype"));
                if (onUpdate != null) {
                    sb.append(" ON UPDATE ").append(onUpdate);
                }
                String onDelete = action(con.ch("confdeltype"));
                if (onDelete != null) {
                    sb.append(" ON DELETE ").append(onDelete);
                    int[] setCols = con.ints("confdelsetcols");
                    if (setCols.length > 0) {
                        sb.append(" (").append(columnList(rel, setCols)).append(')');
                    }
                }
                break;
            }
            case 'p':
            case 'u': {
                sb.append(con.ch("contype") == 'p' ? "PRIMARY KEY " : "UNIQUE ");
                CatalogRow index = ctx.cache().index(con.oid("conindid"));
                if (index != null && index.bool("indnullsnotdistinct")) {
                    sb.append("NULLS NOT DISTINCT ");
                }
                sb.append('(').append(columnList(rel, con.ints("conkey"))).append(')');
                if (index != null) {
                    int[] keys = index.ints("indkey");
                    int nkey = index.oid("indnkeyatts");
                    if (keys.length > nkey) {
                        int[] included = java.util.Arrays.copyOfRange(keys, nkey, keys.length);
                        sb.append(" INCLUDE (").append(columnList(rel, included)).append(')');
                    }
                }
                break;
            }
            case 'c':
                sb.append("CHECK (").append(con.str("conbin")).append(')');
                if (con.bool("connoinherit")) {
                    sb.append(" NO INHERIT");
                }
                break;
            case 't':
                sb.append("TRIGGER");
                break;
            default:
                sb.append(con.ch("contype") == 'x' ? "EXCLUDE" : "???");
                break;
        }
        if (con.bool("condeferrable")) {
            sb.append(" DEFERRABLE");
        }
        if (con.bool("condeferred")) {
            sb.append(" INITIALLY DEFERRED");
        }
        if (!con.bool("convalidated")) {
            sb.append(" NOT VALID");
        }
        return sb.toString();
    }

    private static String action(char code) {
        switch (code) {
            case 'r': return "RESTRICT";
            case 'c': return "CASCADE";
            case 'n': return "SET NULL";
            case 'd': return "SET DEFAULT";
            default: return null;   // 'a' NO ACTION is the default and not printed
        }
    }

    /** pg_get_partkeydef: {@code RANGE (a, ((b + 0)))}; null when the relation is not partitioned. */
    public String partitionKeyDef(int relOid) {
        List<CatalogRow> rows = ctx.cache().find(3350, "partrelid", Integer.toUnsignedLong(relOid));
        if (rows.isEmpty()) {
            return null;
        }
        CatalogRow pt = rows.get(0);
        char strategy = pt.ch("partstrat");
        String exprText = pt.str("partexprs");
        String[] exprs = exprText == null ? new String[0] : exprText.split("\n");
        List<String> items = new java.util.ArrayList<>();
        int[] classes = pt.get("partclass") == null ? new int[0] : pt.ints("partclass");
        int[] collations = pt.get("partcollation") == null ? new int[0] : pt.ints("partcollation");
        int e = 0;
        int i = 0;
        for (int attnum : pt.ints("partattrs")) {
            String item;
            int keyCollation;
            if (attnum > 0) {
                String name = ctx.cache().attributeName(relOid, attnum);
                item = Identifiers.quote(name == null ? "???" : name);
                CatalogRow att = ctx.cache().attribute(relOid, attnum);
                keyCollation = att == null ? 0 : att.oid("attcollation");
            } else {
                String line = exprs[e++];
                String shown = org.tusk.engine.catalog.PartitionCatalog.shownExpression(
                        org.tusk.engine.catalog.PartitionCatalog.keyExpressionText(line));
                item = shown.startsWith("(") ? "(" + shown + ")" : shown;
                int type = org.tusk.engine.catalog.PartitionCatalog.keyExpressionType(line);
                keyCollation = type == 25 || type == 1043 || type == 1042 || type == 19 ? 100 : 0;
            }
            // ruleutils' pg_get_partkeydef_worker: a collation other than the key's own, a non-default opclass
            if (i < collations.length && collations[i] != 0 && collations[i] != keyCollation) {
                CatalogRow coll = ctx.cache().find(3456, "oid", Integer.toUnsignedLong(collations[i])).stream()
                        .findFirst().orElse(null);
                item += " COLLATE " + Identifiers.quote(coll == null ? "default" : coll.str("collname"));
            }
            if (i < classes.length && classes[i] != 0) {
                CatalogRow opc = ctx.cache().find(2616, "oid", Integer.toUnsignedLong(classes[i])).stream()
                        .findFirst().orElse(null);
                if (opc != null) {
                    item += " " + Identifiers.quote(opc.str("opcname"));
                }
            }
            items.add(item);
            i++;
        }
        return (strategy == 'r' ? "RANGE" : strategy == 'l' ? "LIST" : "HASH") + " (" + String.join(", ", items) + ")";
    }

    private String columnList(int relOid, int[] attnums) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < attnums.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            String name = ctx.cache().attributeName(relOid, attnums[i]);
            sb.append(Identifiers.quote(name == null ? "???" : name));
        }
        return sb.toString();
    }

    // ---- views, sequences, roles

    /**
     * pg_get_ruledef(rule [, pretty]): CREATE RULE rebuilt from the pg_rewrite row (the condition
     * as stored; a single action deparsed by {@link RuleActionDeparser} where it knows the shape, else as
     * written); the relation is schema-qualified unless
     * pretty and visible. Null when there is no such rule.
     */
    public String ruleDef(int ruleOid, boolean pretty) {
        CatalogRow rule = ctx.cache().byOid(SysCache.PG_REWRITE, ruleOid);
        if (rule == null) {
            return null;
        }
        int relOid = rule.oid("ev_class");
        String rulename = rule.str("rulename");
        String event = switch (rule.str("ev_type")) {
            case "1" -> "SELECT";
            case "2" -> "UPDATE";
            case "3" -> "INSERT";
            default -> "DELETE";
        };
        StringBuilder sb = new StringBuilder("CREATE RULE ").append(Identifiers.quote(rulename)).append(" AS\n    ON ")
                .append(event).append(" TO ").append(pretty ? relationName(relOid) : qualifiedRelationName(relOid));
        String qual = rule.str("ev_qual");
        if (qual != null && !qual.equals("<>") && !qual.isEmpty()) {
            sb.append("\n   WHERE ").append(pretty ? qual : "(" + qual + ")");
        }
        sb.append(" DO ");
        if (Boolean.TRUE.equals(rule.get("is_instead"))) {
            sb.append("INSTEAD ");
        }
        String action = rule.str("ev_action");
        java.util.List<String> actions = new java.util.ArrayList<>();
        String deparsed = null;
        if (action != null && !action.isBlank()) {
            java.util.List<org.tusk.engine.parser.ParsedStatement> parsed = org.tusk.engine.parser.Parser.parse(action);
            for (org.tusk.engine.parser.ParsedStatement p : parsed) {
                actions.add(p.sourceText());
            }
            if (parsed.size() == 1) {
                // as ruleutils prints it where the shape is one RuleActionDeparser knows; else as written
                deparsed = new RuleActionDeparser(ctx).deparse(parsed.get(0).stmt());
            }
        }
        if (actions.isEmpty()) {
            sb.append("NOTHING");
        } else if (deparsed != null) {
            sb.append(deparsed);
        } else if (actions.size() == 1) {
            sb.append(' ').append(actions.get(0));
        } else {
            sb.append("( ");
            for (int i = 0; i < actions.size(); i++) {
                sb.append(i == 0 ? "" : " ").append(actions.get(i)).append(";\n");
            }
            sb.append(")");
        }
        return sb.append(';').toString();
    }

    /** pg_get_viewdef(view): the stored SELECT of the view's _RETURN rule; null when none. */
    public String viewDef(int viewOid) {
        for (CatalogRow rule : ctx.cache().find(SysCache.PG_REWRITE, "ev_class", (long) viewOid)) {
            if ("_RETURN".equals(rule.str("rulename"))) {
                String sql = rule.str("ev_action");
                if (sql == null) {
                    return null;
                }
                // as stored: the deparser's text starts with " SELECT" or, for a parenthesized set
                // operation, with "(" (CreateView's fallback keeps the statement's text after a space)
                sql = sql.stripTrailing();
                if (sql.isEmpty() || Character.isLetter(sql.charAt(0))) {
                    sql = " " + sql;
                }
                return sql.endsWith(";") ? sql : sql + ";";
            }
        }
        return null;
    }

    /**
     * pg_get_serial_sequence's answer once the column is found: the sequence
     * owned by the column (pg_depend auto or internal dependency), qualified;
     * null when none.
     */
    public String ownedSequence(int relOid, int attnum) {
        for (CatalogRow dep : ctx.cache().find(SystemCatalogs.PG_DEPEND, "refclassid", (long) SystemCatalogs.PG_CLASS,
                "refobjid", (long) relOid, "refobjsubid", (long) attnum, "classid", (long) SystemCatalogs.PG_CLASS)) {
            char type = dep.ch("deptype");
            if (type != 'a' && type != 'i') {
                continue;
            }
            CatalogRow seq = ctx.cache().relation(dep.oid("objid"));
            if (seq != null && seq.ch("relkind") == 'S') {
                return qualifiedRelationName(seq.oid("oid"));
            }
        }
        return null;
    }

    /** pg_get_userbyid: the role's name, or "unknown (OID=n)". */
    public String userById(long roleOid) {
        CatalogRow role = ctx.cache().role((int) roleOid);
        return role == null ? "unknown (OID=" + roleOid + ")" : role.str("rolname");
    }
}
