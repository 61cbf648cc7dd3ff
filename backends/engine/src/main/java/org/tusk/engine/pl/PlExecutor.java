package org.tusk.engine.pl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tusk.api.error.PgException;
import org.tusk.api.error.Severity;
import org.tusk.engine.parser.Token;
import org.tusk.engine.parser.TokenKind;
import org.tusk.engine.pl.PlTree.*;
import org.tusk.engine.types.ArrayValue;
import org.tusk.engine.types.PgType;

/**
 * pl_exec.c: runs one call of a {@link PlFunction}. Variables live in nested
 * scopes (one per block); SQL is run through {@link PlSpi} with the
 * variables it names bound as parameters {@code $n}. A block with an
 * EXCEPTION clause runs in a subtransaction, rolled back when a handler
 * catches the error (the variables keep their values, as in PostgreSQL).
 */
final class PlExecutor {
    private enum Status { NORMAL, EXIT, CONTINUE, RETURN }

    private static final class Scope {
        final Scope parent;
        final String label;
        final Map<String, PlVar> vars = new HashMap<>();

        Scope(Scope parent, String label) {
            this.parent = parent;
            this.label = label;
        }
    }

    private final PlFunction fn;
    private final PlSpi spi;
    private Scope scope;
    private String exitLabel;
    private Object returnValue;
    private PgType returnType;
    private List<Object[]> setResult;
    private TriggerData trigger;
    private long rowCount;
    private PlVar found;
    /** The error the innermost running handler caught (bare RAISE, GET STACKED DIAGNOSTICS). */
    private PgException caught;
    /** Errors that already carry this call's CONTEXT line. */
    private PgException annotated;

    PlExecutor(PlFunction fn, PlSpi spi) {
        this.fn = fn;
        this.spi = spi;
    }

    Object run(Object[] args, TriggerData td, List<Object[]> set) {
        this.trigger = td;
        this.setResult = set;
        scope = new Scope(null, functionName());
        found = new PlVar("found", PgType.BOOL);
        found.value = Boolean.FALSE;
        scope.vars.put("found", found);
        for (int i = 0; i < fn.argTypes.size(); i++) {
            PlVar v = new PlVar(i < fn.argNames.size() && fn.argNames.get(i) != null
                    && !fn.argNames.get(i).isEmpty() ? fn.argNames.get(i) : "$" + (i + 1), fn.argTypes.get(i));
            v.value = args[i];
            scope.vars.put("$" + (i + 1), v);
            scope.vars.put(v.name, v);
        }
        for (int i = 0; i < fn.outNames.size(); i++) {
            String name = fn.outNames.get(i);
            if (name != null && !name.isEmpty() && !scope.vars.containsKey(name)) {
                scope.vars.put(name, new PlVar(name, fn.outTypes.get(i)));
            }
        }
        if (td != null) {
            triggerVariables(td);
        }
        Status s;
        try {
            s = execBlock(fn.body);
        } catch (PgException e) {
            throw e;
        }
        if (s == Status.RETURN) {
            if (td != null) {
                return returnValue;
            }
            return coerce(returnValue, returnType, fn.resultType);
        }
        if (s == Status.EXIT || s == Status.CONTINUE) {
            // EXIT with an unknown label ends the function here
        }
        if (td == null && set == null && !fn.isProcedure && fn.resultType != PgType.VOID && fn.resultType != null) {
            throw withContext(new PgException(Severity.ERROR, "2F005", "control reached end of function without RETURN",
                    null, null, 0, null), -1, null);
        }
        return null;
    }

    private String functionName() {
        int paren = fn.signature.indexOf('(');
        return paren < 0 ? fn.signature : fn.signature.substring(0, paren);
    }

    private void triggerVariables(TriggerData td) {
        PlVar nw = new PlVar("new", td.columnNames(), td.columnTypes());
        nw.fields = td.newRow() == null ? null : td.newRow().clone();
        PlVar old = new PlVar("old", td.columnNames(), td.columnTypes());
        old.fields = td.oldRow() == null ? null : td.oldRow().clone();
        scope.vars.put("new", nw);
        scope.vars.put("old", old);
        put("tg_name", PgType.NAME, td.name());
        put("tg_when", PgType.TEXT, td.when());
        put("tg_level", PgType.TEXT, td.level());
        put("tg_op", PgType.TEXT, td.op());
        put("tg_relid", PgType.OID, td.relid());
        put("tg_relname", PgType.NAME, td.tableName());
        put("tg_table_name", PgType.NAME, td.tableName());
        put("tg_table_schema", PgType.NAME, td.tableSchema());
        put("tg_nargs", PgType.INT4, td.args().size());
        // TG_ARGV's subscripts start at 0, as PostgreSQL builds it
        put("tg_argv", PgType.TEXT_ARRAY, td.args().isEmpty() ? ArrayValue.empty(PgType.TEXT)
                : new ArrayValue(PgType.TEXT, new int[] {td.args().size()}, new int[] {0}, td.args().toArray()));
    }

    private void put(String name, PgType type, Object value) {
        PlVar v = new PlVar(name, type);
        v.value = value;
        scope.vars.put(name, v);
    }

    // ---- variables ----

    private PlVar lookup(String name) {
        for (Scope s = scope; s != null; s = s.parent) {
            PlVar v = s.vars.get(name);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private PlVar lookupLabeled(String label, String name) {
        for (Scope s = scope; s != null; s = s.parent) {
            if (label.equals(s.label)) {
                return s.vars.get(name);
            }
        }
        return null;
    }

    private void declare(Decl d) {
        PlVar v;
        if (d.aliasParam() > 0 || (d.typeText() != null && d.typeText().startsWith("="))) {
            PlVar target = d.aliasParam() > 0 ? lookup("$" + d.aliasParam()) : lookup(d.typeText().substring(1));
            if (target == null) {
                throw new PgException(Severity.ERROR, "42704", "variable \"" + d.name() + "\" does not exist",
                        null, null, 0, null);
            }
            scope.vars.put(d.name(), target);
            return;
        }
        String t = d.typeText().trim();
        String lower = t.toLowerCase();
        if (lower.equals("record")) {
            v = new PlVar(d.name(), null, null);
        } else if (lower.endsWith("%rowtype")) {
            List<PlSpi.ColumnInfo> cols = spi.prepare("SELECT * FROM " + t.substring(0, t.length() - 8)
                    + " LIMIT 0", new PgType[0]).columns();
            List<String> names = new ArrayList<>();
            List<PgType> types = new ArrayList<>();
            for (PlSpi.ColumnInfo c : cols) {
                names.add(c.name());
                types.add(c.type());
            }
            v = new PlVar(d.name(), names, types);
        } else if (lower.endsWith("%type")) {
            String ref = t.substring(0, t.length() - 5).trim();
            PlVar other = lookup(ref.toLowerCase());
            PgType type;
            if (other != null) {
                type = other.type;
            } else {
                int dot = ref.lastIndexOf('.');
                if (dot < 0) {
                    throw new PgException(Severity.ERROR, "42704", "type \"" + t + "\" does not exist", null,
                            null, 0, null);
                }
                type = spi.prepare("SELECT " + ref.substring(dot + 1) + " FROM " + ref.substring(0, dot)
                        + " LIMIT 0", new PgType[0]).columns().get(0).type();
            }
            v = new PlVar(d.name(), type);
        } else {
            PgType type = spi.resolveType(t);
            if (type == null) {
                throw new PgException(Severity.ERROR, "42704", "type \"" + t + "\" does not exist", null, null,
                        0, null);
            }
            v = new PlVar(d.name(), type);
        }
        v.notNull = d.notNull();
        if (d.init() != null) {
            Object[] r = evalScalar(d.init());
            if (v.isRecord) {
                throw new PgException(Severity.ERROR, "0A000", "default values for record variables are not supported",
                        null, null, 0, null);
            }
            v.value = coerce(r[0], (PgType) r[1], v.type);
        }
        if (v.notNull && v.value == null && !v.isRecord) {
            throw new PgException(Severity.ERROR, "22004", "null value cannot be assigned to variable \"" + d.name()
                    + "\" declared NOT NULL", null, null, 0, null);
        }
        v.constant = d.constant();
        scope.vars.put(d.name(), v);
    }

    private Object coerce(Object value, PgType from, PgType to) {
        if (value == null || to == null || from == to || to == PgType.RECORD || to.isPolymorphic()
                || from == null) {
            return value;
        }
        return spi.cast(value, from, to);
    }

    // ---- binding SQL ----

    private record Bound(String sql, PgType[] types, Object[] values) {
    }

    /** Replaces variable references in the statement with $n parameters (plpgsql's parser hooks). */
    private Bound bind(PlExpr e) {
        List<Token> toks = e.tokens();
        String text = e.text;
        StringBuilder sb = new StringBuilder(e.isExpression ? "SELECT " : "");
        List<PgType> types = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        Map<Object, Integer> assigned = new HashMap<>();
        int copied = 0;
        int insertState = 0;
        int parenSkipDepth = -1;
        int depth = 0;
        int n = toks.size();
        for (int i = 0; i < n; i++) {
            Token t = toks.get(i);
            if (t.kind() == TokenKind.EOF) {
                break;
            }
            if (t.isPunct('(')) {
                depth++;
                if (insertState == 2 && i > 0 && toks.get(i - 1).kind() == TokenKind.IDENT) {
                    parenSkipDepth = depth;
                    insertState = 0;
                    continue;
                }
            } else if (t.isPunct(')')) {
                if (depth == parenSkipDepth) {
                    parenSkipDepth = -1;
                }
                depth--;
            }
            if (t.isWord("insert")) {
                insertState = 1;
                continue;
            }
            if (insertState == 1 && t.isWord("into")) {
                insertState = 2;
                continue;
            }
            if (insertState == 2 && (t.isPunct('.') || (t.kind() == TokenKind.IDENT && i > 0
                    && (toks.get(i - 1).isWord("into") || toks.get(i - 1).isPunct('.'))))) {
                continue;
            }
            if (insertState == 2) {
                insertState = 0;
            }
            if (parenSkipDepth >= 0) {
                continue;
            }
            Token prev = i > 0 ? toks.get(i - 1) : null;
            Token next = i + 1 < n ? toks.get(i + 1) : null;
            PlVar var = null;
            String field = null;
            int last = i;
            if (t.kind() == TokenKind.PARAM) {
                var = lookup("$" + t.text());
            } else if (t.kind() == TokenKind.IDENT && (prev == null || !(prev.isPunct('.') || prev.isWord("as")
                    || prev.isWord("set"))) && (next == null || !next.isPunct('('))) {
                Token next2 = i + 2 < n ? toks.get(i + 2) : null;
                if (next != null && next.isPunct('.') && next2 != null && next2.kind() == TokenKind.IDENT) {
                    PlVar rec = lookup(t.text());
                    if (rec != null && rec.isRecord) {
                        var = rec;
                        field = next2.text();
                        last = i + 2;
                        checkField(rec, field);
                    } else if (rec == null) {
                        PlVar qualified = lookupLabeled(t.text(), next2.text());
                        if (qualified != null && !qualified.isRecord) {
                            var = qualified;
                            last = i + 2;
                        }
                    }
                } else {
                    PlVar v = lookup(t.text());
                    if (v != null && !v.isRecord) {
                        var = v;
                    }
                }
            }
            if (var == null) {
                continue;
            }
            Object key = field == null ? var : List.of(var, field);
            Integer index = assigned.get(key);
            if (index == null) {
                if (field == null) {
                    types.add(var.type);
                    values.add(var.value);
                } else {
                    int f = var.field(field);
                    types.add(var.fieldTypes.get(f));
                    values.add(var.fields == null ? null : var.fields[f]);
                }
                index = types.size();
                assigned.put(key, index);
            }
            sb.append(text, copied, t.location()).append('$').append(index);
            copied = toks.get(last).end();
            i = last;
        }
        sb.append(text, copied, text.length());
        return new Bound(sb.toString(), types.toArray(new PgType[0]), values.toArray());
    }

    private void checkField(PlVar rec, String field) {
        if (rec.fieldNames == null) {
            throw new PgException(Severity.ERROR, "55000", "record \"" + rec.name + "\" is not assigned yet",
                    "The tuple structure of a not-yet-assigned record is indeterminate.", null, 0, null);
        }
        if (rec.field(field) < 0) {
            throw new PgException(Severity.ERROR, "42703", "record \"" + rec.name + "\" has no field \"" + field
                    + "\"", null, null, 0, null);
        }
    }

    private PlSpi.Plan plan(PlExpr e, Bound b) {
        StringBuilder key = new StringBuilder(b.sql()).append('|');
        for (PgType t : b.types()) {
            key.append(t == null ? 0 : t.oid()).append(',');
        }
        String k = key.toString();
        PlSpi.Plan plan = e.plans.get(k);
        if (plan == null) {
            plan = spi.prepare(b.sql(), b.types());
            if (e.plans.size() > 16) {
                e.plans.clear();
            }
            e.plans.put(k, plan);
        }
        return plan;
    }

    /** exec_eval_expr: the value and type of a one-column, at most one-row query. */
    private Object[] evalScalar(PlExpr e) {
        Bound b = bind(e);
        PlSpi.Plan plan = plan(e, b);
        if (plan.columns().size() != 1) {
            throw new PgException(Severity.ERROR, "42601", "query \"" + e.query() + "\" returned "
                    + plan.columns().size() + " columns", null, null, 0, null);
        }
        PlSpi.Result r = plan.execute(b.values(), 2);
        if (r.rows().size() > 1) {
            throw new PgException(Severity.ERROR, "21000", "query \"" + e.query() + "\" returned more than one row",
                    null, null, 0, null);
        }
        Object v = r.rows().isEmpty() ? null : r.rows().get(0)[0];
        return new Object[] {v, plan.columns().get(0).type()};
    }

    private boolean evalBool(PlExpr e) {
        Object[] r = evalScalar(e);
        Object v = coerce(r[0], (PgType) r[1], PgType.BOOL);
        return Boolean.TRUE.equals(v);
    }

    private Object evalAs(PlExpr e, PgType type) {
        Object[] r = evalScalar(e);
        return coerce(r[0], (PgType) r[1], type);
    }

    // ---- statements ----

    private Status execStmts(List<Stmt> stmts) {
        if (stmts == null) {
            return Status.NORMAL;
        }
        for (Stmt s : stmts) {
            Status st = execStmt(s);
            if (st != Status.NORMAL) {
                return st;
            }
        }
        return Status.NORMAL;
    }

    private PgException withContext(PgException e, int line, String what) {
        if (e == annotated) {
            return e;
        }
        String ctx = "PL/pgSQL function " + fn.signature + (line > 0 ? " line " + line + " at " + what : "");
        PgException out = (e.position() > 0 ? e.withPosition(0) : e).withContext(ctx);
        annotated = out;
        return out;
    }

    private Status execStmt(Stmt s) {
        spi.checkForInterrupts();
        try {
            return dispatch(s);
        } catch (PgException e) {
            throw withContext(e, s.line(), s.what());
        } catch (StackOverflowError e) {
            throw withContext(new PgException(Severity.ERROR, "54001", "stack depth limit exceeded", null,
                    "Increase the configuration parameter \"max_stack_depth\" (currently 2048kB), after ensuring "
                    + "the platform's stack depth limit is adequate.", 0, null), s.line(), s.what());
        }
    }

    private Status dispatch(Stmt s) {
        if (s instanceof Block b) {
            return execBlock(b);
        } else if (s instanceof Assign a) {
            assign(a.target(), a.expr());
            return Status.NORMAL;
        } else if (s instanceof If i) {
            for (int k = 0; k < i.conds().size(); k++) {
                if (evalBool(i.conds().get(k))) {
                    return execStmts(i.thens().get(k));
                }
            }
            return execStmts(i.elseBody());
        } else if (s instanceof Case c) {
            return execCase(c);
        } else if (s instanceof Loop l) {
            while (true) {
                Status st = execStmts(l.body());
                Status after = loopControl(st, l.label());
                if (after != null) {
                    return after;
                }
                spi.checkForInterrupts();
            }
        } else if (s instanceof While w) {
            while (evalBool(w.cond())) {
                Status after = loopControl(execStmts(w.body()), w.label());
                if (after != null) {
                    return after;
                }
                spi.checkForInterrupts();
            }
            return Status.NORMAL;
        } else if (s instanceof ForInt f) {
            return execForInt(f);
        } else if (s instanceof ForQuery f) {
            return execForQuery(f);
        } else if (s instanceof ForEach f) {
            return execForEach(f);
        } else if (s instanceof Exit x) {
            if (x.when() != null && !evalBool(x.when())) {
                return Status.NORMAL;
            }
            exitLabel = x.label();
            return x.isContinue() ? Status.CONTINUE : Status.EXIT;
        } else if (s instanceof Return r) {
            return execReturn(r);
        } else if (s instanceof ReturnNext r) {
            return execReturnNext(r);
        } else if (s instanceof ReturnQuery r) {
            if (setResult == null) {
                throw new PgException(Severity.ERROR, "42804", "cannot use RETURN QUERY in a non-SETOF function",
                        null, null, 0, null);
            }
            PlSpi.Result res = r.query() != null ? runSql(r.query(), 0) : runDynamic(r.dynamic(), r.using(), 0);
            setResult.addAll(res.rows());
            rowCount = res.rows().size();
            found.value = rowCount > 0;
            return Status.NORMAL;
        } else if (s instanceof Raise r) {
            execRaise(r);
            return Status.NORMAL;
        } else if (s instanceof Assert a) {
            if (!evalBool(a.cond())) {
                String msg = "assertion failed";
                if (a.message() != null) {
                    Object[] m = evalScalar(a.message());
                    msg = m[0] == null ? null : spi.output((PgType) m[1], m[0]);
                }
                throw new PgException(Severity.ERROR, "P0004", msg, null, null, 0, null);
            }
            return Status.NORMAL;
        } else if (s instanceof Perform p) {
            PlSpi.Result r = runSqlWithContext(p.query(), 0, "SELECT " + p.query().text);
            found.value = r.processed() > 0;
            rowCount = r.processed();
            return Status.NORMAL;
        } else if (s instanceof ExecSql x) {
            execSql(x);
            return Status.NORMAL;
        } else if (s instanceof DynExecute d) {
            PlSpi.Result r = runDynamic(d.query(), d.using(), d.into() == null ? 0 : 2);
            rowCount = r.processed();
            if (d.into() != null) {
                intoTargets(d.into(), d.strict(), r, lastColumns, true);
            }
            return Status.NORMAL;
        } else if (s instanceof GetDiag g) {
            for (int k = 0; k < g.targets().size(); k++) {
                Object v;
                PgType t = PgType.TEXT;
                switch (g.items().get(k)) {
                    case "row_count": v = rowCount; t = PgType.INT8; break;
                    case "returned_sqlstate": v = caught == null ? null : caught.sqlState(); break;
                    case "message_text": v = caught == null ? null : caught.getMessage(); break;
                    case "pg_exception_detail": v = caught == null ? null : nz(caught.detail()); break;
                    case "pg_exception_hint": v = caught == null ? null : nz(caught.hint()); break;
                    case "pg_exception_context": case "pg_context": v = caught == null ? "" : nz(caught.context()); break;
                    default: v = ""; break;
                }
                setVar(g.targets().get(k), v, t);
            }
            return Status.NORMAL;
        } else if (s instanceof Null) {
            return Status.NORMAL;
        } else if (s instanceof Transaction) {
            throw new PgException(Severity.ERROR, "2D000", "invalid transaction termination", null, null, 0, null);
        }
        throw new IllegalStateException(s.toString());
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** After a loop body: null to go on, else the status the loop statement ends with. */
    private Status loopControl(Status st, String label) {
        switch (st) {
            case NORMAL:
                return null;
            case CONTINUE:
                if (exitLabel == null || exitLabel.equals(label)) {
                    exitLabel = null;
                    return null;
                }
                return st;
            case EXIT:
                if (exitLabel == null || exitLabel.equals(label)) {
                    exitLabel = null;
                    return Status.NORMAL;
                }
                return st;
            default:
                return st;
        }
    }

    private Status execBlock(Block b) {
        Scope saved = scope;
        scope = new Scope(scope, b.label());
        try {
            for (Decl d : b.decls()) {
                declare(d);
            }
            Status st;
            if (b.handlers().isEmpty()) {
                st = execStmts(b.body());
            } else {
                st = execGuarded(b);
            }
            if (st == Status.EXIT && b.label() != null && b.label().equals(exitLabel)) {
                exitLabel = null;
                return Status.NORMAL;
            }
            return st;
        } finally {
            scope = saved;
        }
    }

    /** A block with exception handlers: its body in a subtransaction (exec_stmt_block). */
    private Status execGuarded(Block b) {
        spi.beginSubtransaction();
        Status st;
        try {
            st = execStmts(b.body());
        } catch (PgException e) {
            spi.rollbackSubtransaction();
            for (Handler h : b.handlers()) {
                for (String cond : h.sqlStates()) {
                    if (PlConditions.matches(cond, e.sqlState())) {
                        return runHandler(h, e);
                    }
                }
            }
            throw e;
        } catch (RuntimeException | Error e) {
            spi.rollbackSubtransaction();
            throw e;
        }
        spi.releaseSubtransaction();
        return st;
    }

    private Status runHandler(Handler h, PgException e) {
        PgException outer = caught;
        caught = e;
        Scope saved = scope;
        scope = new Scope(scope, null);
        put("sqlstate", PgType.TEXT, e.sqlState());
        put("sqlerrm", PgType.TEXT, e.getMessage());
        try {
            return execStmts(h.body());
        } finally {
            scope = saved;
            caught = outer;
        }
    }

    private Status execCase(Case c) {
        Object subject = null;
        PgType subjectType = null;
        if (c.subject() != null) {
            Object[] r = evalScalar(c.subject());
            subject = r[0];
            subjectType = (PgType) r[1];
        }
        for (int k = 0; k < c.whens().size(); k++) {
            boolean match;
            if (c.subject() == null) {
                match = evalBool(c.whens().get(k));
            } else {
                // "subject = when-value" with the subject as a parameter, as plpgsql builds it
                PlExpr w = c.whens().get(k);
                String var = "__case_subject";
                Scope saved = scope;
                scope = new Scope(scope, null);
                put(var, subjectType == PgType.UNKNOWN ? PgType.TEXT : subjectType, subject);
                try {
                    match = evalBool(new PlExpr(var + " IN (" + w.text + ")", w.offset, true));
                } finally {
                    scope = saved;
                }
            }
            if (match) {
                return execStmts(c.thens().get(k));
            }
        }
        if (c.elseBody() == null) {
            throw new PgException(Severity.ERROR, "20000", "case not found", null,
                    "CASE statement is missing ELSE part.", 0, null);
        }
        return execStmts(c.elseBody());
    }

    private Status execForInt(ForInt f) {
        Object lo = evalAs(f.lower(), PgType.INT4);
        if (lo == null) {
            throw new PgException(Severity.ERROR, "22004", "lower bound of FOR loop cannot be null", null, null, 0, null);
        }
        Object hi = evalAs(f.upper(), PgType.INT4);
        if (hi == null) {
            throw new PgException(Severity.ERROR, "22004", "upper bound of FOR loop cannot be null", null, null, 0, null);
        }
        long step = 1;
        if (f.by() != null) {
            Object by = evalAs(f.by(), PgType.INT4);
            if (by == null) {
                throw new PgException(Severity.ERROR, "22004", "BY value of FOR loop cannot be null", null, null, 0,
                        null);
            }
            step = (Integer) by;
            if (step <= 0) {
                throw new PgException(Severity.ERROR, "22023", "BY value of FOR loop must be greater than zero",
                        null, null, 0, null);
            }
        }
        Scope saved = scope;
        scope = new Scope(scope, f.label());
        PlVar v = new PlVar(f.var(), PgType.INT4);
        scope.vars.put(f.var(), v);
        boolean any = false;
        try {
            long i = (Integer) lo;
            long end = (Integer) hi;
            while (f.reverse() ? i >= end : i <= end) {
                v.value = (int) i;
                any = true;
                Status after = loopControl(execStmts(f.body()), f.label());
                if (after != null) {
                    found.value = any;
                    return after;
                }
                i += f.reverse() ? -step : step;
                spi.checkForInterrupts();
            }
        } finally {
            scope = saved;
        }
        found.value = any;
        return Status.NORMAL;
    }

    private Status execForQuery(ForQuery f) {
        PlSpi.Result r = f.query() != null ? runSql(f.query(), 0) : runDynamic(f.dynamic(), f.using(), 0);
        List<PlSpi.ColumnInfo> cols = lastColumns;
        Scope saved = scope;
        scope = new Scope(scope, f.label());
        boolean any = false;
        try {
            for (Object[] row : r.rows()) {
                any = true;
                assignRow(f.targets(), row, cols);
                Status after = loopControl(execStmts(f.body()), f.label());
                if (after != null) {
                    found.value = true;
                    return after;
                }
                spi.checkForInterrupts();
            }
        } finally {
            scope = saved;
        }
        found.value = any;
        return Status.NORMAL;
    }

    private Status execForEach(ForEach f) {
        Object[] r = evalScalar(f.array());
        if (r[0] == null) {
            throw new PgException(Severity.ERROR, "22004", "FOREACH expression must not be null", null, null, 0, null);
        }
        if (!(r[0] instanceof ArrayValue arr)) {
            throw new PgException(Severity.ERROR, "42804", "FOREACH expression must yield an array, not type "
                    + ((PgType) r[1]).displayName(), null, null, 0, null);
        }
        PlVar v = lookup(f.var());
        if (v == null) {
            throw new PgException(Severity.ERROR, "42601", "\"" + f.var() + "\" is not a known variable", null, null,
                    0, null);
        }
        Scope saved = scope;
        scope = new Scope(scope, f.label());
        boolean any = false;
        try {
            for (int i = 0; i < arr.size(); i++) {
                any = true;
                v.value = coerce(arr.element(i), arr.elementType(), v.type);
                Status after = loopControl(execStmts(f.body()), f.label());
                if (after != null) {
                    found.value = true;
                    return after;
                }
            }
        } finally {
            scope = saved;
        }
        found.value = any;
        return Status.NORMAL;
    }

    private Status execReturn(Return r) {
        if (trigger != null) {
            if (r.expr() == null) {
                returnValue = null;
                return Status.RETURN;
            }
            PlVar rec = lookup(r.expr().text.trim().toLowerCase());
            if (rec != null && rec.isRecord) {
                returnValue = rec.fields == null ? null : castRow(rec);
                return Status.RETURN;
            }
            Object[] v = evalScalar(r.expr());
            if (v[0] != null) {
                throw new PgException(Severity.ERROR, "42804",
                        "returned row structure does not match the structure of the triggering table", null, null,
                        0, null);
            }
            returnValue = null;
            return Status.RETURN;
        }
        if (setResult != null) {
            if (r.expr() != null) {
                throw new PgException(Severity.ERROR, "42804", "RETURN cannot have a parameter in function returning set",
                        null, "Use RETURN NEXT or RETURN QUERY.", 0, null);
            }
            return Status.RETURN;
        }
        if (r.expr() == null) {
            returnValue = null;
            returnType = fn.resultType;
            return Status.RETURN;
        }
        if (fn.resultType == PgType.VOID || fn.isProcedure) {
            // PostgreSQL rejects this at compile time; evaluate nothing
            returnValue = null;
            returnType = fn.resultType;
            return Status.RETURN;
        }
        Object[] v = evalScalar(r.expr());
        returnValue = v[0];
        returnType = (PgType) v[1];
        return Status.RETURN;
    }

    private Object[] castRow(PlVar rec) {
        Object[] out = rec.fields.clone();
        if (trigger != null && rec.fieldTypes != null) {
            for (int i = 0; i < out.length && i < trigger.columnTypes().size(); i++) {
                out[i] = coerce(out[i], rec.fieldTypes.get(i), trigger.columnTypes().get(i));
            }
        }
        return out;
    }

    private Status execReturnNext(ReturnNext r) {
        if (setResult == null) {
            throw new PgException(Severity.ERROR, "42804", "cannot use RETURN NEXT in a non-SETOF function", null,
                    null, 0, null);
        }
        if (r.expr() == null) {
            // OUT parameters: the current values of the output variables
            List<Object> row = new ArrayList<>();
            List<String> outs = fn.outNames.isEmpty() ? fn.argNames : fn.outNames;
            for (int i = 0; i < outs.size(); i++) {
                PlVar v = lookup(outs.get(i));
                row.add(v == null ? null : v.value);
            }
            setResult.add(row.toArray());
            return Status.NORMAL;
        }
        PlVar rec = lookup(r.expr().text.trim().toLowerCase());
        if (rec != null && rec.isRecord) {
            setResult.add(rec.fields == null ? new Object[0] : rec.fields.clone());
            return Status.NORMAL;
        }
        Object[] v = evalScalar(r.expr());
        setResult.add(new Object[] {coerce(v[0], (PgType) v[1], fn.resultType)});
        return Status.NORMAL;
    }

    private void execRaise(Raise r) {
        if (r.level() == null) {
            if (caught == null) {
                throw new PgException(Severity.ERROR, "0Z002",
                        "RAISE without parameters cannot be used outside an exception handler", null, null, 0, null);
            }
            throw caught;
        }
        String message = null;
        if (r.format() != null) {
            StringBuilder sb = new StringBuilder();
            String f = r.format();
            int arg = 0;
            for (int i = 0; i < f.length(); i++) {
                char c = f.charAt(i);
                if (c == '%') {
                    if (i + 1 < f.length() && f.charAt(i + 1) == '%') {
                        sb.append('%');
                        i++;
                        continue;
                    }
                    sb.append(display(r.args().get(arg++)));
                } else {
                    sb.append(c);
                }
            }
            message = sb.toString();
        }
        String state = r.conditionState();
        String detail = null;
        String hint = null;
        for (int k = 0; k < r.optionNames().size(); k++) {
            Object[] v = evalScalar(r.optionValues().get(k));
            if (v[0] == null) {
                throw new PgException(Severity.ERROR, "22004", "RAISE statement option cannot be null", null, null,
                        0, null);
            }
            String text = spi.output((PgType) v[1], v[0]);
            switch (r.optionNames().get(k)) {
                case "errcode": {
                    String code = PlConditions.sqlState(text);
                    if (code == null || code.equals("OTHERS")) {
                        if (text.length() == 5 && text.chars().allMatch(ch -> Character.isDigit(ch)
                                || (ch >= 'A' && ch <= 'Z'))) {
                            code = text;
                        } else {
                            throw new PgException(Severity.ERROR, "42704", "unrecognized exception condition \""
                                    + text + "\"", null, null, 0, null);
                        }
                    }
                    state = code;
                    break;
                }
                case "message":
                    if (message != null) {
                        throw new PgException(Severity.ERROR, "42601", "RAISE option already specified: MESSAGE",
                                null, null, 0, null);
                    }
                    message = text;
                    break;
                case "detail": detail = text; break;
                case "hint": hint = text; break;
                default: break;
            }
        }
        if (message == null) {
            message = r.conditionName() != null ? r.conditionName()
                    : state != null ? state : "unspecified error";
            if (r.conditionName() == null && state != null && r.format() == null && r.conditionState() == null) {
                message = PlConditions.name(state);
            }
        }
        Severity sev = switch (r.level()) {
            case "debug" -> Severity.DEBUG;
            case "log" -> Severity.LOG;
            case "info" -> Severity.INFO;
            case "notice" -> Severity.NOTICE;
            case "warning" -> Severity.WARNING;
            default -> Severity.ERROR;
        };
        if (sev == Severity.ERROR) {
            throw new PgException(Severity.ERROR, state == null ? "P0001" : state, message, detail, hint, 0, null);
        }
        PgException notice = new PgException(sev, state == null ? (sev == Severity.WARNING ? "01000" : "00000")
                : state, message, detail, hint, 0, null);
        spi.notice(notice.withContext("PL/pgSQL function " + fn.signature + " line " + r.line() + " at RAISE"));
    }

    /** A RAISE argument as text: the output function's result, "<NULL>" for NULL, records as row literals. */
    private String display(PlExpr e) {
        PlVar rec = lookup(e.text.trim().toLowerCase());
        if (rec != null && rec.isRecord) {
            if (rec.fields == null) {
                return "<NULL>";
            }
            return rowOut(rec.fields, rec.fieldTypes);
        }
        Object[] v = evalScalar(e);
        return v[0] == null ? "<NULL>" : spi.output((PgType) v[1], v[0]);
    }

    private String rowOut(Object[] fields, List<PgType> types) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            if (fields[i] == null) {
                continue;
            }
            String s = spi.output(types.get(i), fields[i]);
            boolean quote = s.isEmpty();
            for (int k = 0; k < s.length() && !quote; k++) {
                char c = s.charAt(k);
                quote = c == '"' || c == '\\' || c == '(' || c == ')' || c == ',' || Character.isWhitespace(c);
            }
            if (quote) {
                sb.append('"').append(s.replace("\\", "\\\\").replace("\"", "\"\"")).append('"');
            } else {
                sb.append(s);
            }
        }
        return sb.append(')').toString();
    }

    // ---- SQL statements ----

    private List<PlSpi.ColumnInfo> lastColumns = List.of();

    private PlSpi.Result runSql(PlExpr e, long maxRows) {
        Bound b = bind(e);
        PlSpi.Plan plan = plan(e, b);
        lastColumns = plan.columns();
        return plan.execute(b.values(), maxRows);
    }

    private PlSpi.Result runSqlWithContext(PlExpr e, long maxRows, String shown) {
        try {
            return runSql(e, maxRows);
        } catch (PgException err) {
            PgException out = err.position() > 0 ? err.withPosition(0) : err;
            throw out.withContext("SQL statement \"" + shown + "\"");
        }
    }

    private PlSpi.Result runDynamic(PlExpr query, List<PlExpr> using, long maxRows) {
        Object[] q = evalScalar(query);
        if (q[0] == null) {
            throw new PgException(Severity.ERROR, "22004", "query string argument of EXECUTE is null", null, null, 0,
                    null);
        }
        String sql = spi.output((PgType) q[1], q[0]);
        PgType[] types = new PgType[using.size()];
        Object[] values = new Object[using.size()];
        for (int i = 0; i < using.size(); i++) {
            Object[] v = evalScalar(using.get(i));
            values[i] = v[0];
            types[i] = (PgType) v[1] == PgType.UNKNOWN ? PgType.TEXT : (PgType) v[1];
        }
        try {
            PlSpi.Plan plan = spi.prepare(sql, types);
            lastColumns = plan.columns();
            return plan.execute(values, maxRows);
        } catch (PgException err) {
            PgException out = err.position() > 0 ? err.withPosition(0) : err;
            throw out.withContext("SQL statement \"" + sql + "\"");
        }
    }

    private void execSql(ExecSql x) {
        PlSpi.Result r = runSqlWithContext(x.sql(), x.into() == null ? 0 : 2, x.sql().text);
        rowCount = r.processed();
        if (x.into() != null) {
            String first = x.sql().text.trim().toLowerCase();
            boolean dml = !(first.startsWith("select") || first.startsWith("with") || first.startsWith("("));
            intoTargets(x.into(), x.strict(), r, lastColumns, dml);
        } else {
            found.value = r.processed() > 0;
        }
    }

    private void intoTargets(List<String> targets, boolean strict, PlSpi.Result r, List<PlSpi.ColumnInfo> cols,
            boolean tooManyIsError) {
        if (r.rows().isEmpty()) {
            if (strict) {
                throw new PgException(Severity.ERROR, "P0002", "query returned no rows", null, null, 0, null);
            }
            found.value = false;
            assignRow(targets, null, cols);
            return;
        }
        if (r.rows().size() > 1 && (strict || tooManyIsError)) {
            throw new PgException(Severity.ERROR, "P0003", "query returned more than one row", null,
                    "Make sure the query returns a single row, or use LIMIT 1.", 0, null);
        }
        found.value = true;
        rowCount = Math.max(1, Math.min(rowCount, 1));
        assignRow(targets, r.rows().get(0), cols);
    }

    /** exec_move_row: a row into a record variable, or its columns into scalar targets in order. */
    private void assignRow(List<String> targets, Object[] row, List<PlSpi.ColumnInfo> cols) {
        if (targets.size() == 1) {
            PlVar v = lookup(targets.get(0));
            if (v != null && v.isRecord) {
                List<String> names = new ArrayList<>();
                List<PgType> types = new ArrayList<>();
                for (PlSpi.ColumnInfo c : cols) {
                    names.add(c.name());
                    types.add(c.type());
                }
                if (v.fieldNames == null || v.fieldNames.size() != names.size() || row == null) {
                    if (v.fieldNames == null || !v.fieldNames.equals(names)) {
                        v.fieldNames = names;
                        v.fieldTypes = types;
                    }
                }
                if (row == null) {
                    v.fields = new Object[v.fieldNames.size()];
                } else if (v.fieldTypes.equals(types)) {
                    v.fields = Arrays.copyOf(row, types.size());
                } else {
                    // a %ROWTYPE variable keeps its shape: values are cast into it
                    Object[] out = new Object[v.fieldTypes.size()];
                    for (int i = 0; i < out.length && i < row.length; i++) {
                        out[i] = coerce(row[i], types.get(i), v.fieldTypes.get(i));
                    }
                    v.fields = out;
                }
                return;
            }
        }
        for (int i = 0; i < targets.size(); i++) {
            Object value = row == null || i >= row.length ? null : row[i];
            PgType type = i < cols.size() ? cols.get(i).type() : PgType.UNKNOWN;
            setVar(targets.get(i), value, type);
        }
    }

    private void assign(String target, PlExpr e) {
        String t = target.toLowerCase();
        int bracket = t.indexOf('[');
        if (bracket >= 0) {
            assignElement(target, e);
            return;
        }
        int dot = t.indexOf('.');
        if (dot < 0) {
            PlVar v = lookup(t);
            if (v != null && v.isRecord) {
                PlVar src = lookup(e.text.trim().toLowerCase());
                if (src != null && src.isRecord) {
                    v.fieldNames = src.fieldNames;
                    v.fieldTypes = src.fieldTypes;
                    v.fields = src.fields == null ? null : src.fields.clone();
                    return;
                }
                Object[] r = evalScalar(e);
                if (r[0] == null) {
                    v.fields = null;
                    return;
                }
                throw new PgException(Severity.ERROR, "0A000", "assigning a composite value to a record is not supported",
                        null, null, 0, null);
            }
        }
        Object[] r = evalScalar(e);
        setVar(target, r[0], (PgType) r[1]);
    }

    /** a[i] := v: the element set through the SQL array subscript assignment. */
    private void assignElement(String target, PlExpr e) {
        int bracket = target.indexOf('[');
        String name = target.substring(0, bracket).toLowerCase();
        PlVar v = lookup(name);
        if (v == null) {
            throw new PgException(Severity.ERROR, "42601", "\"" + name + "\" is not a known variable", null, null,
                    0, null);
        }
        if (v.isRecord || !v.type.isArray()) {
            throw new PgException(Severity.ERROR, "42804", "cannot subscript type " + v.type.displayName()
                    + " because it does not support subscripting", null, null, 0, null);
        }
        // the subscripts: [expr] or [lower:upper] groups after the name (a colon inside :: is a cast)
        List<String[]> subscripts = new ArrayList<>();
        int i = bracket;
        while (i < target.length()) {
            char c = target.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (c != '[') {
                throw new PgException(Severity.ERROR, "0A000", "assignment to \"" + target + "\" is not supported",
                        null, null, 0, null);
            }
            int depth = 0;
            int colon = -1;
            int j = i + 1;
            boolean quoted = false;
            for (; j < target.length(); j++) {
                char d = target.charAt(j);
                if (d == '\'') {
                    quoted = !quoted;
                } else if (quoted) {
                    continue;
                } else if (d == '(' || d == '[') {
                    depth++;
                } else if (d == ')' || (d == ']' && depth > 0)) {
                    depth--;
                } else if (d == ']') {
                    break;
                } else if (d == ':' && depth == 0 && colon < 0 && (j + 1 >= target.length()
                        || target.charAt(j + 1) != ':') && target.charAt(j - 1) != ':') {
                    colon = j;
                }
            }
            subscripts.add(colon < 0 ? new String[] {target.substring(i + 1, j)}
                    : new String[] {target.substring(i + 1, colon), target.substring(colon + 1, j)});
            i = j + 1;
        }
        boolean slice = subscripts.stream().anyMatch(x -> x.length == 2);
        int n = subscripts.size();
        Integer[] lower = new Integer[n];
        Integer[] upper = new Integer[n];
        for (int k = 0; k < n; k++) {
            String[] sub = subscripts.get(k);
            upper[k] = subscriptValue(sub[sub.length - 1], e.offset, slice);
            lower[k] = sub.length == 2 ? subscriptValue(sub[0], e.offset, slice) : slice ? Integer.valueOf(1) : upper[k];
        }
        PgType elem = v.type.elementType();
        Object[] r = evalScalar(e);
        ArrayValue base = (ArrayValue) v.value;
        ArrayValue result;
        if (slice) {
            ArrayValue source = (ArrayValue) coerce(r[0], (PgType) r[1], v.type);
            if (source == null) {
                return;     // assigning NULL to a slice leaves the array alone
            }
            result = org.tusk.engine.types.ArrayAssignment.setSlice(base, elem, lower, upper, source);
        } else {
            int[] idx = new int[n];
            for (int k = 0; k < n; k++) {
                idx[k] = upper[k];
            }
            result = org.tusk.engine.types.ArrayAssignment.setElement(base, elem, idx,
                    coerce(r[0], (PgType) r[1], elem));
        }
        v.value = result;
    }

    /** One subscript of an assignment target: an int4 value, null for an omitted slice bound. */
    private Integer subscriptValue(String text, int offset, boolean slice) {
        if (slice && text.isBlank()) {
            return null;
        }
        Object value = evalAs(new PlExpr(text, offset, true), PgType.INT4);
        if (value == null) {
            throw new PgException(Severity.ERROR, "22004", "array subscript in assignment must not be null",
                    null, null, 0, null);
        }
        return (Integer) value;
    }

    private void setVar(String target, Object value, PgType type) {
        String t = target.toLowerCase();
        int dot = t.indexOf('.');
        if (dot > 0) {
            PlVar rec = lookup(t.substring(0, dot));
            String field = t.substring(dot + 1);
            if (rec != null && rec.isRecord) {
                checkField(rec, field);
                int f = rec.field(field);
                if (rec.fields == null) {
                    rec.fields = new Object[rec.fieldNames.size()];
                }
                rec.fields[f] = coerce(value, type, rec.fieldTypes.get(f));
                return;
            }
            PlVar q = lookupLabeled(t.substring(0, dot), field);
            if (q != null) {
                store(q, value, type);
                return;
            }
        }
        PlVar v = lookup(t);
        if (v == null) {
            throw new PgException(Severity.ERROR, "42601", "\"" + target + "\" is not a known variable", null, null,
                    0, null);
        }
        store(v, value, type);
    }

    private void store(PlVar v, Object value, PgType type) {
        if (v.constant) {
            throw new PgException(Severity.ERROR, "22005", "variable \"" + v.name + "\" is declared CONSTANT", null,
                    null, 0, null);
        }
        Object out = coerce(value, type, v.type);
        if (out == null && v.notNull) {
            throw new PgException(Severity.ERROR, "22004", "null value cannot be assigned to variable \"" + v.name
                    + "\" declared NOT NULL", null, null, 0, null);
        }
        v.value = out;
    }
}
