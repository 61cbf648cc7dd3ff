package org.tusk.engine.func.sysinfo;

import java.util.ArrayList;
import java.util.List;

import org.tusk.engine.catalog.SystemCatalogs;
import org.tusk.engine.nodes.AConst;
import org.tusk.engine.nodes.AIndices;
import org.tusk.engine.nodes.ColumnRef;
import org.tusk.engine.nodes.IndirectionField;
import org.tusk.engine.nodes.InsertStmt;
import org.tusk.engine.nodes.OverridingKind;
import org.tusk.engine.nodes.RawNode;
import org.tusk.engine.nodes.RawStmt;
import org.tusk.engine.nodes.ResTarget;
import org.tusk.engine.nodes.SelectStmt;

/**
 * Prints a rule action as ruleutils.c's get_insert_query_def prints it inside pg_get_ruledef (rules are
 * always deparsed with pretty indentation and wrap column 0). Only the simple shapes a rule action
 * commonly takes are handled: INSERT with an explicit column list (subscripts and field selections
 * allowed) whose source is one VALUES row, several VALUES rows, or a SELECT of plain column references,
 * with literals and column references as values. Literals are printed as the Const the parser would
 * have made of them: string literals and NULL typed by their target column (through its subscripts and
 * fields), integers as int4 constants. Any other shape answers null and the caller keeps the text as
 * written.
 */
final class RuleActionDeparser {
    private static final int TEXTOID = 25;
    private static final int INT4_MAX_DIGITS = 10;

    /** Thrown for a shape this deparser does not print. */
    private static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unsupported() {
            super(null, null, false, false);
        }
    }

    private final SysInfoContext ctx;

    RuleActionDeparser(SysInfoContext ctx) {
        this.ctx = ctx;
    }

    /** The action's text as pg_get_ruledef prints it after "DO " (leading space included), or null. */
    String deparse(RawStmt stmt) {
        try {
            if (stmt instanceof InsertStmt ins) {
                return insert(ins);
            }
            return null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private String insert(InsertStmt ins) {
        if (ins.cols() == null || ins.cols().isEmpty() || ins.selectStmt() == null || ins.onConflictClause() != null
                || (ins.returningList() != null && !ins.returningList().isEmpty()) || ins.withClause() != null
                || (ins.override() != null && ins.override() != OverridingKind.NOT_SET)
                || ins.relation().schemaname() != null || ins.relation().catalogname() != null) {
            throw new Unsupported();
        }
        int relOid = resolveRelation(ins.relation().relname());
        StringBuilder sb = new StringBuilder(" INSERT INTO ").append(Identifiers.quote(ins.relation().relname()))
                .append(" (");
        List<Integer> targetTypes = new ArrayList<>();
        for (int i = 0; i < ins.cols().size(); i++) {
            ResTarget col = ins.cols().get(i);
            sb.append(i == 0 ? "" : ", ").append(Identifiers.quote(col.name()));
            targetTypes.add(targetType(relOid, col, sb));
        }
        sb.append(") ");
        SelectStmt src = ins.selectStmt();
        if (src.valuesLists() != null) {
            List<List<RawNode>> rows = src.valuesLists();
            if (rows.size() == 1) {
                // one row: the values become the target list (appendContextKeyword "VALUES (" at indent 2)
                stripTrailingSpaces(sb);
                sb.append("\n  VALUES (");
                appendValues(sb, rows.get(0), targetTypes, ", ");
                return sb.append(')').toString();
            }
            // several rows: a VALUES RTE, printed by get_values_def (columns separated by a bare comma)
            sb.append("VALUES ");
            for (int r = 0; r < rows.size(); r++) {
                sb.append(r == 0 ? "(" : ", (");
                appendValues(sb, rows.get(r), targetTypes, ",");
                sb.append(')');
            }
            return sb.toString();
        }
        return sb.append(plainSelect(src, targetTypes.size())).toString();
    }

    /** " SELECT a,\n            b": a sub-SELECT of column references, one per line after the first. */
    private String plainSelect(SelectStmt s, int width) {
        if (s.op() != org.tusk.engine.nodes.SetOperation.NONE || s.fromClause() != null && !s.fromClause().isEmpty()
                || s.whereClause() != null || s.groupClause() != null && !s.groupClause().isEmpty()
                || s.havingClause() != null || s.distinctClause() != null
                || s.sortClause() != null && !s.sortClause().isEmpty() || s.limitCount() != null
                || s.limitOffset() != null || s.withClause() != null
                || s.lockingClause() != null && !s.lockingClause().isEmpty()
                || s.windowClause() != null && !s.windowClause().isEmpty() || s.intoClause() != null
                || s.targetList() == null || s.targetList().size() != width) {
            throw new Unsupported();
        }
        StringBuilder sb = new StringBuilder(" SELECT");
        for (int i = 0; i < s.targetList().size(); i++) {
            ResTarget t = s.targetList().get(i);
            if (t.name() != null || !(t.val() instanceof ColumnRef ref) || ref.star()) {
                throw new Unsupported();
            }
            // wrap column 0: every column after the first starts a line at indent 8 + PRETTYINDENT_VAR
            sb.append(i == 0 ? " " : ",\n            ").append(columnRef(ref));
        }
        return sb.toString();
    }

    private void appendValues(StringBuilder sb, List<RawNode> row, List<Integer> types, String sep) {
        if (row.size() != types.size()) {
            throw new Unsupported();
        }
        for (int i = 0; i < row.size(); i++) {
            sb.append(i == 0 ? "" : sep).append(value(row.get(i), types.get(i)));
        }
    }

    /** A value as the Const or Var ruleutils prints once it is coerced to the target type. */
    private String value(RawNode n, int targetType) {
        if (n instanceof ColumnRef ref && !ref.star()) {
            return columnRef(ref);
        }
        if (!(n instanceof AConst c)) {
            throw new Unsupported();
        }
        switch (c.kind()) {
            case INTEGER: {
                String v = c.val();
                String digits = v.startsWith("-") ? v.substring(1) : v;
                if (digits.length() > INT4_MAX_DIGITS || Long.parseLong(v) != (int) Long.parseLong(v)) {
                    throw new Unsupported();
                }
                // an int4 Const; the assignment cast to the column's type is implicit and not shown
                return v.startsWith("-") ? "'" + v + "'::integer" : v;
            }
            case BOOLEAN:
                return "t".equals(c.val()) ? "true" : "false";
            case STRING:
                if (c.val().indexOf('\\') >= 0) {
                    throw new Unsupported();
                }
                return "'" + c.val().replace("'", "''") + "'::" + typeName(targetType);
            case NULL:
                return "NULL::" + typeName(targetType);
            default:
                throw new Unsupported();
        }
    }

    private static String columnRef(ColumnRef ref) {
        StringBuilder sb = new StringBuilder();
        for (String f : ref.fields()) {
            sb.append(sb.length() == 0 ? "" : ".").append(Identifiers.quote(f));
        }
        return sb.toString();
    }

    /**
     * The type a value assigned to the column (through its subscripts and field selections) is coerced
     * to, appending the indirection to {@code sb} as ruleutils prints it. Domains and typmods at the end
     * would make the printed expression differ, so they are left to the fallback.
     */
    private int targetType(int relOid, ResTarget col, StringBuilder sb) {
        CatalogRow att = ctx.cache().attribute(relOid, col.name());
        if (att == null) {
            throw new Unsupported();
        }
        int type = att.oid("atttypid");
        Object typmod = att.get("atttypmod");
        if (typmod instanceof Number m && m.intValue() >= 0) {
            throw new Unsupported();
        }
        if (col.indirection() != null) {
            for (RawNode ind : col.indirection()) {
                CatalogRow t = baseType(type);
                if (ind instanceof AIndices idx && !idx.isSlice() && idx.uidx() instanceof AConst k
                        && k.kind() == org.tusk.engine.nodes.ConstKind.INTEGER) {
                    if (t.oid("typelem") == 0 || !"A".equals(t.str("typcategory"))) {
                        throw new Unsupported();
                    }
                    sb.append('[').append(k.val()).append(']');
                    type = t.oid("typelem");
                } else if (ind instanceof IndirectionField f) {
                    int typrelid = t.oid("typrelid");
                    CatalogRow fieldAtt = typrelid == 0 ? null : ctx.cache().attribute(typrelid, f.name());
                    if (fieldAtt == null) {
                        throw new Unsupported();
                    }
                    sb.append('.').append(Identifiers.quote(f.name()));
                    type = fieldAtt.oid("atttypid");
                } else {
                    throw new Unsupported();
                }
            }
        }
        CatalogRow t = ctx.cache().type(type);
        if (t == null || t.ch("typtype") == 'd') {
            throw new Unsupported();
        }
        return type;
    }

    /** The type with domains looked through (subscripts and fields apply to the domain's base type). */
    private CatalogRow baseType(int type) {
        for (int depth = 0; depth < 32; depth++) {
            CatalogRow t = ctx.cache().type(type);
            if (t == null) {
                throw new Unsupported();
            }
            if (t.ch("typtype") != 'd') {
                return t;
            }
            type = t.oid("typbasetype");
        }
        throw new Unsupported();
    }

    private String typeName(int type) {
        return new TypeFormatter(ctx).format(type == 0 ? TEXTOID : type, -1, false);
    }

    /** The first relation of the name along the search path (the rule's target was resolved the same way). */
    private int resolveRelation(String relname) {
        for (int ns : ctx.activeSearchPath()) {
            for (CatalogRow rel : ctx.cache().find(SystemCatalogs.PG_CLASS, "relname", relname, "relnamespace",
                    (long) ns)) {
                return rel.oid("oid");
            }
        }
        throw new Unsupported();
    }

    private static void stripTrailingSpaces(StringBuilder sb) {
        while (sb.length() > 0 && sb.charAt(sb.length() - 1) == ' ') {
            sb.setLength(sb.length() - 1);
        }
    }
}
