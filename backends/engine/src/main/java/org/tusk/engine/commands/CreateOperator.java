package org.tusk.engine.commands;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tusk.api.error.PgException;
import org.tusk.api.error.Severity;
import org.tusk.api.error.SqlState;
import org.tusk.engine.catalog.CatalogAccess.CatalogTuple;
import org.tusk.engine.catalog.SystemCatalogs;
import org.tusk.engine.catalog.SystemCatalogs.Catalog;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.nodes.AConst;
import org.tusk.engine.nodes.AnyName;
import org.tusk.engine.nodes.DefElem;
import org.tusk.engine.nodes.DefineStmt;
import org.tusk.engine.nodes.ObjectType;
import org.tusk.engine.nodes.RawNode;
import org.tusk.engine.nodes.TypeName;

/**
 * CREATE OPERATOR (operatorcmds.c DefineOperator, pg_operator.c OperatorCreate): a pg_operator row for a
 * binary or prefix operator whose oprcode is the function of the given argument types and whose result is
 * that function's result. A COMMUTATOR or NEGATOR that does not exist yet becomes a shell operator (no
 * function) that a later CREATE OPERATOR fills in; an existing one that does not point back yet is linked
 * to the new operator (OperatorUpd). The operator depends on its schema and on a user-defined function.
 */
public final class CreateOperator {

    public static final int PG_OPERATOR = 2617;
    private static final long BOOL = 16;
    private static final String OPERATOR_CHARS = "~!@#^&|`?+-*/%<>=";

    private CreateOperator() {
    }

    public static boolean handles(Object stmt) {
        return stmt instanceof DefineStmt d && d.kind() == ObjectType.OPERATOR;
    }

    public static String execute(DdlContext ctx, DefineStmt stmt) {
        List<String> names = stmt.defnames();
        String name = names.get(names.size() - 1);
        int ns = CatalogNames.creationNamespace(ctx, names);
        TypeName leftName = null;
        TypeName rightName = null;
        List<String> function = null;
        List<String> commutator = null;
        List<String> negator = null;
        List<String> restrict = null;
        List<String> join = null;
        boolean hashes = false;
        boolean merges = false;
        for (DefElem d : stmt.definition()) {
            switch (d.defname()) {
                case "leftarg" -> leftName = typeArg(d);
                case "rightarg" -> rightName = typeArg(d);
                case "function", "procedure" -> function = nameArg(d.arg());
                case "commutator" -> commutator = nameArg(d.arg());
                case "negator" -> negator = nameArg(d.arg());
                case "restrict" -> restrict = nameArg(d.arg());
                case "join" -> join = nameArg(d.arg());
                case "hashes" -> hashes = boolArg(d);
                case "merges", "sort1", "sort2", "ltcmp", "gtcmp" -> merges = d.defname().equals("merges")
                        ? boolArg(d) : true;
                default -> ctx.notice(new PgException(Severity.WARNING, SqlState.SYNTAX_ERROR,
                        "operator attribute \"" + d.defname() + "\" not recognized", null, null, 0, null));
            }
        }
        if (function == null) {
            throw Ereport.error("42P13", "operator function must be specified");
        }
        if (rightName == null) {
            if (leftName != null) {
                throw Ereport.error("42P13", "operator right argument type must be specified")
                        .withDetail("Postfix operators are not supported.");
            }
            throw Ereport.error("42P13", "operator argument types must be specified");
        }
        long left = leftName == null ? 0 : CreateFunction.typeOid(leftName, ctx, "argument");
        long right = CreateFunction.typeOid(rightName, ctx, "argument");
        long[] args = left == 0 ? new long[] {right} : new long[] {left, right};
        CatalogTuple func = CatalogNames.function(ctx, function, args);
        if (func == null) {
            throw Ereport.error(SqlState.UNDEFINED_FUNCTION, "function " + CatalogNames.signature(ctx, function, args)
                    + " does not exist");
        }
        Catalog proc = SystemCatalogs.require(SystemCatalogs.PG_PROC);
        long funcOid = ((Number) func.get(proc, "oid")).longValue();
        long result = ((Number) func.get(proc, "prorettype")).longValue();
        checkName(name);
        if (left == 0 && commutator != null) {
            throw Ereport.error("42P13", "only binary operators can have commutators");
        }
        if (negator != null && result != BOOL) {
            throw Ereport.error("42P13", "only boolean operators can have negators");
        }
        if (restrict != null && result != BOOL) {
            throw Ereport.error("42P13", "only boolean operators can have restriction selectivity");
        }
        if (join != null && (left == 0 || result != BOOL)) {
            throw Ereport.error("42P13", left == 0 ? "only binary operators can have join selectivity"
                    : "only boolean operators can have join selectivity");
        }
        if (hashes && (left == 0 || result != BOOL)) {
            throw Ereport.error("42P13", left == 0 ? "only binary operators can hash"
                    : "only boolean operators can hash");
        }
        if (merges && (left == 0 || result != BOOL)) {
            throw Ereport.error("42P13", left == 0 ? "only binary operators can merge join"
                    : "only boolean operators can merge join");
        }
        CatalogTuple existing = find(ctx, name, List.of(ns), left, right);
        Catalog op = SystemCatalogs.require(PG_OPERATOR);
        if (existing != null && ((Number) existing.get(op, "oprcode")).longValue() != 0) {
            throw Ereport.error("42723", "operator " + name + " already exists");
        }
        long oid = existing != null ? ((Number) existing.get(op, "oid")).longValue() : ctx.newOid();
        long commOid = 0;
        if (commutator != null) {
            boolean self = lastName(commutator).equals(name) && left == right
                    && (commutator.size() == 1 || namespaceOf(ctx, commutator) == ns);
            commOid = self ? oid : operatorOrShell(ctx, commutator, right, left, ns);
        }
        long negOid = 0;
        if (negator != null) {
            if (lastName(negator).equals(name) && (negator.size() == 1 || namespaceOf(ctx, negator) == ns)) {
                throw Ereport.error("42P13", "operator cannot be its own negator or sort operator");
            }
            negOid = operatorOrShell(ctx, negator, left, right, ns);
        }
        Map<String, Object> row = new HashMap<>();
        row.put("oid", oid);
        row.put("oprname", name);
        row.put("oprnamespace", (long) ns);
        row.put("oprowner", 10L);
        row.put("oprkind", left == 0 ? "l" : "b");
        row.put("oprcanmerge", merges);
        row.put("oprcanhash", hashes);
        row.put("oprleft", left);
        row.put("oprright", right);
        row.put("oprresult", result);
        row.put("oprcom", commOid);
        row.put("oprnegate", negOid);
        row.put("oprcode", funcOid);
        row.put("oprrest", restrict == null ? 0L : anyFunction(ctx, restrict));
        row.put("oprjoin", join == null ? 0L : anyFunction(ctx, join));
        if (existing != null) {
            Object[] values = existing.values().clone();
            for (Map.Entry<String, Object> e : row.entrySet()) {
                values[op.columnIndex(e.getKey())] = e.getValue();
            }
            ctx.access().update(PG_OPERATOR, existing.tid(), values);
        } else {
            ctx.insert(PG_OPERATOR, row);
            CreateTable.recordDependency(ctx, PG_OPERATOR, oid, 0, SystemCatalogs.PG_NAMESPACE, ns, 0, "n");
        }
        if (funcOid >= org.tusk.engine.func.UserProcs.FIRST_NORMAL_OBJECT_ID) {
            CreateTable.recordDependency(ctx, PG_OPERATOR, oid, 0, SystemCatalogs.PG_PROC, funcOid, 0, "n");
        }
        ctx.commandCounterIncrement();
        // OperatorUpd: the commutator and negator point back at the new operator
        linkBack(ctx, commOid, oid, "oprcom");
        linkBack(ctx, negOid, oid, "oprnegate");
        ctx.commandCounterIncrement();
        ctx.relcache().invalidateCatalog(PG_OPERATOR);
        return stmt.commandName();
    }

    private static void linkBack(DdlContext ctx, long other, long oid, String column) {
        if (other == 0 || other == oid) {
            return;
        }
        Catalog op = SystemCatalogs.require(PG_OPERATOR);
        for (CatalogTuple t : ctx.rowsWhere(PG_OPERATOR, "oid", other)) {
            if (((Number) t.get(op, column)).longValue() == 0) {
                Object[] values = t.values().clone();
                values[op.columnIndex(column)] = oid;
                ctx.access().update(PG_OPERATOR, t.tid(), values);
            }
        }
    }

    /** OperatorLookup, else OperatorShellMake: a shell operator in the new operator's schema (or the named one). */
    private static long operatorOrShell(DdlContext ctx, List<String> names, long left, long right, int ns) {
        String name = lastName(names);
        List<Integer> namespaces = CatalogNames.searchNamespaces(ctx, names);
        CatalogTuple t = find(ctx, name, namespaces, left, right);
        Catalog op = SystemCatalogs.require(PG_OPERATOR);
        if (t != null) {
            return ((Number) t.get(op, "oid")).longValue();
        }
        checkName(name);
        int shellNs = names.size() > 1 ? namespaces.get(0) : ns;
        long oid = ctx.newOid();
        Map<String, Object> row = new HashMap<>();
        row.put("oid", oid);
        row.put("oprname", name);
        row.put("oprnamespace", (long) shellNs);
        row.put("oprowner", 10L);
        row.put("oprkind", left == 0 ? "l" : "b");
        row.put("oprcanmerge", false);
        row.put("oprcanhash", false);
        row.put("oprleft", left);
        row.put("oprright", right);
        row.put("oprresult", 0L);
        row.put("oprcom", 0L);
        row.put("oprnegate", 0L);
        row.put("oprcode", 0L);
        row.put("oprrest", 0L);
        row.put("oprjoin", 0L);
        ctx.insert(PG_OPERATOR, row);
        CreateTable.recordDependency(ctx, PG_OPERATOR, oid, 0, SystemCatalogs.PG_NAMESPACE, shellNs, 0, "n");
        ctx.commandCounterIncrement();
        return oid;
    }

    /** The operator {@code name}(left, right) in the first of {@code namespaces} that has one, or null. */
    static CatalogTuple find(DdlContext ctx, String name, List<Integer> namespaces, long left, long right) {
        Catalog op = SystemCatalogs.require(PG_OPERATOR);
        int nameCol = op.columnIndex("oprname");
        int nsCol = op.columnIndex("oprnamespace");
        int leftCol = op.columnIndex("oprleft");
        int rightCol = op.columnIndex("oprright");
        CatalogTuple best = null;
        int bestRank = Integer.MAX_VALUE;
        for (CatalogTuple t : ctx.rows(PG_OPERATOR, r -> name.equals(r[nameCol])
                && namespaces.contains(((Number) r[nsCol]).intValue())
                && ((Number) r[leftCol]).longValue() == left && ((Number) r[rightCol]).longValue() == right)) {
            int rank = namespaces.indexOf(((Number) t.get(op, "oprnamespace")).intValue());
            if (rank < bestRank) {
                best = t;
                bestRank = rank;
            }
        }
        return best;
    }

    /** validOperatorName: operator characters only, no comment starts, and the trailing +/- rule. */
    private static void checkName(String name) {
        boolean valid = !name.isEmpty() && name.length() < 64 && !name.contains("/*") && !name.contains("--");
        for (int i = 0; valid && i < name.length(); i++) {
            valid = OPERATOR_CHARS.indexOf(name.charAt(i)) >= 0;
        }
        if (valid && name.length() > 1 && (name.endsWith("+") || name.endsWith("-"))) {
            valid = false;
            for (int i = 0; i < name.length() - 1; i++) {
                if ("~!@#^&|`?%".indexOf(name.charAt(i)) >= 0) {
                    valid = true;
                }
            }
        }
        if (!valid) {
            throw Ereport.error("42602", "\"" + name + "\" is not a valid operator name");
        }
    }

    private static int namespaceOf(DdlContext ctx, List<String> names) {
        return CatalogNames.searchNamespaces(ctx, names).get(0);
    }

    /** A selectivity estimator named without argument types: the first function of that name. */
    private static long anyFunction(DdlContext ctx, List<String> names) {
        String name = lastName(names);
        List<Integer> namespaces = CatalogNames.searchNamespaces(ctx, names);
        Catalog proc = SystemCatalogs.require(SystemCatalogs.PG_PROC);
        int nameCol = proc.columnIndex("proname");
        int nsCol = proc.columnIndex("pronamespace");
        List<CatalogTuple> hits = ctx.rows(SystemCatalogs.PG_PROC, r -> name.equals(r[nameCol])
                && namespaces.contains(((Number) r[nsCol]).intValue()));
        if (hits.isEmpty()) {
            throw Ereport.error(SqlState.UNDEFINED_FUNCTION, "function " + String.join(".", names)
                    + " does not exist");
        }
        return ((Number) hits.get(0).get(proc, "oid")).longValue();
    }

    private static String lastName(List<String> names) {
        return names.get(names.size() - 1);
    }

    private static TypeName typeArg(DefElem d) {
        if (d.arg() instanceof TypeName tn) {
            return tn;
        }
        if (d.arg() instanceof AConst c && c.val() != null) {
            return new TypeName(List.of(c.val()), List.of(), List.of(), false, false, d.location());
        }
        throw Ereport.error(SqlState.SYNTAX_ERROR, d.defname() + " requires a type name");
    }

    private static List<String> nameArg(RawNode arg) {
        if (arg instanceof AnyName an) {
            return an.names();
        }
        return TextSearchCommands.qualifiedName(arg);
    }

    private static boolean boolArg(DefElem d) {
        if (d.arg() == null) {
            return true;
        }
        String v = d.arg() instanceof AConst c ? String.valueOf(c.val()).toLowerCase(java.util.Locale.ROOT)
                : String.join(".", TextSearchCommands.qualifiedName(d.arg()));
        return switch (v) {
            case "true", "on", "1", "t", "yes" -> true;
            case "false", "off", "0", "f", "no" -> false;
            default -> throw Ereport.error(SqlState.SYNTAX_ERROR, d.defname() + " requires a Boolean value");
        };
    }
}
