package org.tusk.engine.pl;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.tusk.api.error.PgException;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.parser.Lexer;
import org.tusk.engine.parser.Parser;
import org.tusk.engine.parser.Token;
import org.tusk.engine.parser.TokenKind;
import org.tusk.engine.pl.PlTree.*;

/**
 * pl_gram.y: a recursive-descent parser for PL/pgSQL bodies over the SQL
 * lexer's tokens. PL/pgSQL's own statements are parsed here; SQL inside
 * them (expressions, queries) is cut out as text up to its terminator and
 * checked by the SQL raw parser at once, so CREATE FUNCTION reports syntax
 * errors with positions inside the body as PostgreSQL does.
 */
final class PlParser {
    private final String src;
    private final List<Token> toks;
    private final int[] lineStarts;
    private int p;

    private PlParser(String src) {
        this.src = src;
        List<Token> all = Lexer.tokenize(src);
        List<Token> out = new ArrayList<>();
        for (Token t : all) {
            if (t.kind() == TokenKind.EOF) {
                continue;
            }
            // "1..10": the SQL lexer reads ".10" as a number after the first dot; split it back
            if (t.kind() == TokenKind.FCONST && t.text().startsWith(".") && !out.isEmpty()
                    && out.get(out.size() - 1).isPunct('.') && out.get(out.size() - 1).end() == t.location()) {
                out.add(new Token(TokenKind.PUNCT, ".", t.location(), t.location() + 1, false));
                String rest = t.text().substring(1);
                boolean integral = rest.chars().allMatch(Character::isDigit);
                out.add(new Token(integral ? TokenKind.ICONST : TokenKind.FCONST, rest, t.location() + 1, t.end(),
                        false));
                continue;
            }
            out.add(t);
        }
        this.toks = out;
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < src.length(); i++) {
            if (src.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Parses a whole function body: one block, optionally followed by a semicolon. */
    static Block parse(String src) {
        PlParser parser = new PlParser(src);
        if (parser.toks.isEmpty()) {
            throw Ereport.syntaxError("syntax error at end of input", src.length());
        }
        Block b = parser.block(null);
        if (parser.atPunct(';')) {
            parser.p++;
        }
        if (parser.p < parser.toks.size()) {
            throw parser.syntaxError(parser.cur());
        }
        return b;
    }

    // ---- token helpers ----

    private Token cur() {
        return p < toks.size() ? toks.get(p) : null;
    }

    private Token peek(int ahead) {
        int i = p + ahead;
        return i < toks.size() ? toks.get(i) : null;
    }

    private boolean atWord(String w) {
        Token t = cur();
        return t != null && t.isWord(w);
    }

    private boolean atPunct(char c) {
        Token t = cur();
        return t != null && t.isPunct(c);
    }

    private int line(Token t) {
        int loc = t == null ? src.length() : t.location();
        int lo = 0;
        int hi = lineStarts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (lineStarts[mid] <= loc) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo + 1;
    }

    private PgException syntaxError(Token t) {
        if (t == null) {
            return Ereport.syntaxError("syntax error at end of input", src.length());
        }
        return Ereport.syntaxError("syntax error at or near \"" + src.substring(t.location(), t.end()) + "\"",
                t.location());
    }

    private void expectWord(String w) {
        if (!atWord(w)) {
            throw syntaxError(cur());
        }
        p++;
    }

    private void expectSemi() {
        if (!atPunct(';')) {
            throw syntaxError(cur());
        }
        p++;
    }

    private String ident() {
        Token t = cur();
        if (t == null || t.kind() != TokenKind.IDENT) {
            throw syntaxError(t);
        }
        p++;
        return t.text();
    }

    /** The tokens from here up to a depth-0 terminator (a ';' or one of the words), as SQL text. */
    private PlExpr sqlUntil(Set<String> words, boolean isExpression, boolean stopAtComma) {
        int start = p;
        int depth = 0;
        int caseDepth = 0;
        while (true) {
            Token t = cur();
            if (t == null) {
                throw syntaxError(null);
            }
            if (depth == 0 && caseDepth == 0) {
                if (t.isPunct(';') || (t.kind() == TokenKind.IDENT && !t.quoted() && words.contains(t.text()))
                        || (stopAtComma && t.isPunct(','))) {
                    break;
                }
            }
            if (t.isPunct('(') || t.isPunct('[')) {
                depth++;
            } else if (t.isPunct(')') || t.isPunct(']')) {
                depth--;
            } else if (t.isWord("case")) {
                caseDepth++;
            } else if (t.isWord("end") && caseDepth > 0) {
                caseDepth--;
            }
            p++;
        }
        if (p == start) {
            throw syntaxError(cur());
        }
        Token first = toks.get(start);
        Token last = toks.get(p - 1);
        PlExpr e = new PlExpr(src.substring(first.location(), last.end()), first.location(), isExpression);
        checkSyntax(e);
        return e;
    }

    /** The raw parser's syntax check (PostgreSQL runs it on every SQL fragment at CREATE time). */
    private void checkSyntax(PlExpr e) {
        String q = e.query();
        try {
            Parser.parse(q);
        } catch (PgException err) {
            if (err.position() > 0) {
                int rel = err.position() - 1 - (e.isExpression ? 7 : 0);
                throw err.withPosition(Math.max(0, rel) + e.offset + 1);
            }
            throw err;
        }
    }

    private PlExpr expr(Set<String> words) {
        return sqlUntil(words, true, false);
    }

    // ---- blocks and declarations ----

    private Block block(String label) {
        Token start = cur();
        List<Decl> decls = new ArrayList<>();
        if (atWord("declare")) {
            p++;
            while (!atWord("begin")) {
                if (cur() == null) {
                    throw syntaxError(null);
                }
                if (atWord("declare")) {   // DECLARE may repeat
                    p++;
                    continue;
                }
                decls.add(decl());
            }
        }
        Token begin = cur();
        expectWord("begin");
        List<Stmt> body = stmts(Set.of("end", "exception"));
        List<Handler> handlers = new ArrayList<>();
        if (atWord("exception")) {
            p++;
            if (!atWord("when")) {
                throw syntaxError(cur());
            }
            while (atWord("when")) {
                p++;
                List<String> states = new ArrayList<>();
                while (true) {
                    if (atWord("sqlstate")) {
                        p++;
                        Token s = cur();
                        if (s == null || s.kind() != TokenKind.SCONST) {
                            throw syntaxError(s);
                        }
                        p++;
                        states.add(s.text());
                    } else {
                        Token n = cur();
                        String name = ident();
                        String code = PlConditions.sqlState(name);
                        if (code == null) {
                            throw Ereport.error("42704", "unrecognized exception condition \"" + name + "\"");
                        }
                        states.add(code);
                    }
                    if (atWord("or")) {
                        p++;
                        continue;
                    }
                    break;
                }
                expectWord("then");
                handlers.add(new Handler(states, stmts(Set.of("end", "when"))));
            }
        }
        expectWord("end");
        endLabel(label);
        if (cur() != null) {
            expectSemi();
        }
        return new Block(label, decls, body, handlers, line(begin != null ? begin : start));
    }

    private void endLabel(String label) {
        Token t = cur();
        if (t != null && t.kind() == TokenKind.IDENT && !t.isPunct(';')) {
            if (label == null || !t.text().equals(label)) {
                if (label == null) {
                    throw Ereport.syntaxError("end label \"" + t.text() + "\" specified for unlabeled block",
                            t.location());
                }
                throw Ereport.syntaxError("end label \"" + t.text() + "\" differs from block's label \""
                        + label + "\"", t.location());
            }
            p++;
        }
    }

    private Decl decl() {
        Token nameTok = cur();
        String name = ident();
        if (atWord("alias")) {
            p++;
            expectWord("for");
            Token t = cur();
            int param = -1;
            if (t != null && t.kind() == TokenKind.PARAM) {
                param = Integer.parseInt(t.text());
            } else if (t == null || t.kind() != TokenKind.IDENT) {
                throw syntaxError(t);
            }
            p++;
            expectSemi();
            return new Decl(name, t.kind() == TokenKind.IDENT ? "=" + t.text() : null, false, false, null,
                    line(nameTok), param);
        }
        boolean constant = false;
        if (atWord("constant")) {
            constant = true;
            p++;
        }
        // the type: everything up to NOT NULL, :=, =, DEFAULT, COLLATE or ';'
        int start = p;
        int depth = 0;
        while (true) {
            Token t = cur();
            if (t == null) {
                throw syntaxError(null);
            }
            if (depth == 0 && (t.isPunct(';') || t.isWord("not") || t.isWord("default") || t.isWord("collate")
                    || t.isOp("=") || (t.isPunct(':') && peek(1) != null && peek(1).isOp("=")))) {
                break;
            }
            if (t.isPunct('(')) {
                depth++;
            } else if (t.isPunct(')')) {
                depth--;
            }
            p++;
        }
        if (p == start) {
            throw syntaxError(cur());
        }
        String typeText = src.substring(toks.get(start).location(), toks.get(p - 1).end());
        if (atWord("collate")) {
            p += 2;
        }
        boolean notNull = false;
        if (atWord("not")) {
            p++;
            expectWord("null");
            notNull = true;
        }
        PlExpr init = null;
        if (atWord("default") || cur().isOp("=")) {
            p++;
            init = expr(Set.of());
        } else if (atPunct(':')) {
            p += 2;
            init = expr(Set.of());
        }
        expectSemi();
        if (notNull && init == null) {
            throw Ereport.syntaxError("variables declared as NOT NULL must have a default value",
                    nameTok.location());
        }
        return new Decl(name, typeText, constant, notNull, init, line(nameTok), 0);
    }

    // ---- statements ----

    private List<Stmt> stmts(Set<String> enders) {
        List<Stmt> out = new ArrayList<>();
        while (true) {
            Token t = cur();
            if (t == null) {
                throw syntaxError(null);
            }
            if (t.kind() == TokenKind.IDENT && !t.quoted() && enders.contains(t.text())) {
                return out;
            }
            out.add(stmt());
        }
    }

    private Stmt stmt() {
        Token t = cur();
        int line = line(t);
        String label = null;
        if (t.isOp("<<")) {
            p++;
            label = ident();
            if (cur() == null || !cur().isOp(">>")) {
                throw syntaxError(cur());
            }
            p++;
            t = cur();
            if (t == null) {
                throw syntaxError(null);
            }
            line = line(t);
        }
        if (t.kind() == TokenKind.IDENT && !t.quoted()) {
            switch (t.text()) {
                case "declare": case "begin":
                    return block(label);
                case "loop": {
                    p++;
                    List<Stmt> body = stmts(Set.of("end"));
                    endLoop(label);
                    return new Loop(label, body, line);
                }
                case "while": {
                    p++;
                    PlExpr cond = expr(Set.of("loop"));
                    expectWord("loop");
                    List<Stmt> body = stmts(Set.of("end"));
                    endLoop(label);
                    return new While(label, cond, body, line);
                }
                case "for":
                    p++;
                    return forLoop(label, line);
                case "foreach": {
                    p++;
                    String var = ident();
                    if (atWord("slice")) {
                        throw Ereport.error("0A000", "FOREACH ... SLICE is not supported");
                    }
                    expectWord("in");
                    expectWord("array");
                    PlExpr arr = expr(Set.of("loop"));
                    expectWord("loop");
                    List<Stmt> body = stmts(Set.of("end"));
                    endLoop(label);
                    return new ForEach(label, var, arr, body, line);
                }
                default:
                    break;
            }
            if (label != null) {
                throw syntaxError(t);
            }
            switch (t.text()) {
                case "if": return ifStmt(line);
                case "case": return caseStmt(line);
                case "exit": case "continue": {
                    p++;
                    String target = null;
                    if (cur() != null && cur().kind() == TokenKind.IDENT && !atWord("when")) {
                        target = ident();
                    }
                    PlExpr when = null;
                    if (atWord("when")) {
                        p++;
                        when = expr(Set.of());
                    }
                    expectSemi();
                    return new Exit(t.text().equals("continue"), target, when, line);
                }
                case "return": return returnStmt(line);
                case "raise": return raise(line);
                case "assert": {
                    p++;
                    PlExpr cond = sqlUntil(Set.of(), true, true);
                    PlExpr msg = null;
                    if (atPunct(',')) {
                        p++;
                        msg = expr(Set.of());
                    }
                    expectSemi();
                    return new Assert(cond, msg, line);
                }
                case "perform": {
                    p++;
                    PlExpr q = sqlUntil(Set.of(), true, false);
                    expectSemi();
                    return new Perform(q, line);
                }
                case "execute": return dynExecute(line);
                case "get": return getDiagnostics(line);
                case "null":
                    p++;
                    expectSemi();
                    return new Null(line);
                case "commit": case "rollback":
                    if (peek(1) != null && (peek(1).isPunct(';') || peek(1).isWord("and"))) {
                        p++;
                        while (!atPunct(';')) {
                            p++;
                        }
                        p++;
                        return new Transaction(t.text().equals("commit"), line);
                    }
                    break;
                default:
                    break;
            }
        }
        if (t.kind() == TokenKind.IDENT || t.kind() == TokenKind.PARAM) {
            Stmt a = tryAssignment(line);
            if (a != null) {
                return a;
            }
        }
        return sqlStatement(line);
    }

    private void endLoop(String label) {
        expectWord("end");
        expectWord("loop");
        endLabel(label);
        expectSemi();
    }

    /** target [.field] [subscript] := expr ; */
    private Stmt tryAssignment(int line) {
        int save = p;
        StringBuilder target = new StringBuilder(cur().kind() == TokenKind.PARAM ? "$" + cur().text() : cur().text());
        p++;
        if (atPunct('.') && peek(1) != null && peek(1).kind() == TokenKind.IDENT) {
            target.append('.').append(peek(1).text());
            p += 2;
        }
        if (atPunct('[')) {
            int depth = 0;
            int s = p;
            do {
                if (atPunct('[')) {
                    depth++;
                } else if (atPunct(']')) {
                    depth--;
                }
                p++;
            } while (cur() != null && depth > 0);
            target.append(src, toks.get(s).location(), toks.get(p - 1).end());
        }
        if (atPunct(':') && peek(1) != null && peek(1).isOp("=")) {
            p += 2;
        } else if (cur() != null && cur().isOp("=")) {
            p++;
        } else {
            p = save;
            return null;
        }
        PlExpr e = expr(Set.of());
        expectSemi();
        return new Assign(target.toString(), e, line);
    }

    private Stmt ifStmt(int line) {
        p++;
        List<PlExpr> conds = new ArrayList<>();
        List<List<Stmt>> thens = new ArrayList<>();
        conds.add(expr(Set.of("then")));
        expectWord("then");
        thens.add(stmts(Set.of("elsif", "elseif", "else", "end")));
        List<Stmt> elseBody = null;
        while (true) {
            if (atWord("elsif") || atWord("elseif")) {
                p++;
                conds.add(expr(Set.of("then")));
                expectWord("then");
                thens.add(stmts(Set.of("elsif", "elseif", "else", "end")));
            } else if (atWord("else")) {
                p++;
                elseBody = stmts(Set.of("end"));
            } else {
                break;
            }
        }
        expectWord("end");
        expectWord("if");
        expectSemi();
        return new If(conds, thens, elseBody, line);
    }

    private Stmt caseStmt(int line) {
        p++;
        PlExpr subject = null;
        if (!atWord("when")) {
            subject = expr(Set.of("when"));
        }
        List<PlExpr> whens = new ArrayList<>();
        List<List<Stmt>> thens = new ArrayList<>();
        List<Stmt> elseBody = null;
        while (atWord("when")) {
            p++;
            whens.add(expr(Set.of("then")));
            expectWord("then");
            thens.add(stmts(Set.of("when", "else", "end")));
        }
        if (whens.isEmpty()) {
            throw syntaxError(cur());
        }
        if (atWord("else")) {
            p++;
            elseBody = stmts(Set.of("end"));
        }
        expectWord("end");
        expectWord("case");
        expectSemi();
        return new Case(subject, whens, thens, elseBody, line);
    }

    private Stmt forLoop(String label, int line) {
        List<String> targets = new ArrayList<>();
        targets.add(ident());
        while (atPunct(',')) {
            p++;
            targets.add(ident());
        }
        expectWord("in");
        if (atWord("execute")) {
            p++;
            PlExpr q = sqlUntil(Set.of("loop", "using"), true, false);
            List<PlExpr> using = usingList(Set.of("loop"));
            expectWord("loop");
            List<Stmt> body = stmts(Set.of("end"));
            endLoop(label);
            return new ForQuery(label, targets, null, q, using, body, line);
        }
        // integer loop when ".." appears at depth 0 before LOOP
        boolean reverse = false;
        int save = p;
        if (atWord("reverse")) {
            reverse = true;
            p++;
        }
        int dots = -1;
        int depth = 0;
        for (int i = p; i < toks.size(); i++) {
            Token t = toks.get(i);
            if (t.isPunct('(') || t.isPunct('[')) {
                depth++;
            } else if (t.isPunct(')') || t.isPunct(']')) {
                depth--;
            } else if (depth == 0 && t.isWord("loop")) {
                break;
            } else if (depth == 0 && t.isPunct('.') && i + 1 < toks.size() && toks.get(i + 1).isPunct('.')) {
                dots = i;
                break;
            }
        }
        if (dots >= 0) {
            if (targets.size() != 1) {
                throw syntaxError(toks.get(p));
            }
            PlExpr lower = exprTokens(p, dots);
            p = dots + 2;
            PlExpr upper = expr(Set.of("loop", "by"));
            PlExpr by = null;
            if (atWord("by")) {
                p++;
                by = expr(Set.of("loop"));
            }
            expectWord("loop");
            List<Stmt> body = stmts(Set.of("end"));
            endLoop(label);
            return new ForInt(label, targets.get(0), reverse, lower, upper, by, body, line);
        }
        p = save;
        PlExpr q = sqlUntil(Set.of("loop"), false, false);
        expectWord("loop");
        List<Stmt> body = stmts(Set.of("end"));
        endLoop(label);
        return new ForQuery(label, targets, q, null, List.of(), body, line);
    }

    private PlExpr exprTokens(int from, int to) {
        if (from >= to) {
            throw syntaxError(toks.get(from));
        }
        PlExpr e = new PlExpr(src.substring(toks.get(from).location(), toks.get(to - 1).end()),
                toks.get(from).location(), true);
        checkSyntax(e);
        return e;
    }

    private List<PlExpr> usingList(Set<String> enders) {
        List<PlExpr> out = new ArrayList<>();
        if (atWord("using")) {
            p++;
            while (true) {
                out.add(sqlUntil(enders, true, true));
                if (atPunct(',')) {
                    p++;
                    continue;
                }
                break;
            }
        }
        return out;
    }

    private Stmt returnStmt(int line) {
        p++;
        if (atWord("next")) {
            p++;
            PlExpr e = atPunct(';') ? null : expr(Set.of());
            expectSemi();
            return new ReturnNext(e, line);
        }
        if (atWord("query")) {
            p++;
            if (atWord("execute")) {
                p++;
                PlExpr q = sqlUntil(Set.of("using"), true, false);
                List<PlExpr> using = usingList(Set.of());
                expectSemi();
                return new ReturnQuery(null, q, using, line);
            }
            PlExpr q = sqlUntil(Set.of(), false, false);
            expectSemi();
            return new ReturnQuery(q, null, List.of(), line);
        }
        PlExpr e = atPunct(';') ? null : expr(Set.of());
        expectSemi();
        return new Return(e, line);
    }

    private static final Set<String> LEVELS = Set.of("debug", "log", "info", "notice", "warning", "exception");

    private Stmt raise(int line) {
        p++;
        if (atPunct(';')) {
            p++;
            return new Raise(null, null, null, null, List.of(), List.of(), List.of(), line);
        }
        String level = "exception";
        if (cur() != null && cur().kind() == TokenKind.IDENT && LEVELS.contains(cur().text())) {
            level = cur().text();
            p++;
        }
        String state = null;
        String condName = null;
        String format = null;
        List<PlExpr> args = new ArrayList<>();
        Token t = cur();
        if (t != null && t.kind() == TokenKind.SCONST) {
            format = t.text();
            p++;
            while (atPunct(',')) {
                p++;
                args.add(sqlUntil(Set.of("using"), true, true));
            }
            int placeholders = countPlaceholders(format);
            if (placeholders > args.size()) {
                throw Ereport.syntaxError("too few parameters specified for RAISE", -1);
            }
            if (placeholders < args.size()) {
                throw Ereport.syntaxError("too many parameters specified for RAISE", -1);
            }
        } else if (atWord("sqlstate")) {
            p++;
            Token s = cur();
            if (s == null || s.kind() != TokenKind.SCONST) {
                throw syntaxError(s);
            }
            p++;
            state = s.text();
        } else if (t != null && t.kind() == TokenKind.IDENT && !t.isWord("using")) {
            condName = ident();
            state = PlConditions.sqlState(condName);
            if (state == null) {
                throw Ereport.error("42704", "unrecognized exception condition \"" + condName + "\"");
            }
        }
        List<String> optNames = new ArrayList<>();
        List<PlExpr> optValues = new ArrayList<>();
        if (atWord("using")) {
            p++;
            while (true) {
                String opt = ident();
                if (!Set.of("errcode", "message", "detail", "hint", "column", "constraint", "datatype", "table",
                        "schema").contains(opt)) {
                    throw Ereport.syntaxError("unrecognized RAISE statement option \"" + opt + "\"", -1);
                }
                if (atPunct(':') && peek(1) != null && peek(1).isOp("=")) {
                    p += 2;
                } else if (cur() != null && cur().isOp("=")) {
                    p++;
                } else {
                    throw syntaxError(cur());
                }
                optNames.add(opt);
                optValues.add(sqlUntil(Set.of(), true, true));
                if (atPunct(',')) {
                    p++;
                    continue;
                }
                break;
            }
        }
        expectSemi();
        return new Raise(level, state, condName, format, args, optNames, optValues, line);
    }

    static int countPlaceholders(String format) {
        int n = 0;
        for (int i = 0; i < format.length(); i++) {
            if (format.charAt(i) == '%') {
                if (i + 1 < format.length() && format.charAt(i + 1) == '%') {
                    i++;
                } else {
                    n++;
                }
            }
        }
        return n;
    }

    private Stmt dynExecute(int line) {
        p++;
        PlExpr q = sqlUntil(Set.of("into", "using"), true, false);
        List<String> into = null;
        boolean strict = false;
        List<PlExpr> using = List.of();
        while (atWord("into") || atWord("using")) {
            if (atWord("into")) {
                p++;
                if (atWord("strict")) {
                    strict = true;
                    p++;
                }
                into = targets();
            } else {
                using = usingList(Set.of("into"));
            }
        }
        expectSemi();
        return new DynExecute(q, into, strict, using, line);
    }

    private List<String> targets() {
        List<String> out = new ArrayList<>();
        while (true) {
            String name = ident();
            if (atPunct('.') && peek(1) != null && peek(1).kind() == TokenKind.IDENT) {
                name = name + "." + peek(1).text();
                p += 2;
            }
            out.add(name);
            if (atPunct(',')) {
                p++;
                continue;
            }
            return out;
        }
    }

    private Stmt getDiagnostics(int line) {
        p++;
        boolean stacked = false;
        if (atWord("current")) {
            p++;
        } else if (atWord("stacked")) {
            stacked = true;
            p++;
        }
        expectWord("diagnostics");
        List<String> targets = new ArrayList<>();
        List<String> items = new ArrayList<>();
        while (true) {
            targets.add(ident());
            if (atPunct(':') && peek(1) != null && peek(1).isOp("=")) {
                p += 2;
            } else if (cur() != null && cur().isOp("=")) {
                p++;
            } else {
                throw syntaxError(cur());
            }
            items.add(ident());
            if (atPunct(',')) {
                p++;
                continue;
            }
            break;
        }
        expectSemi();
        return new GetDiag(targets, items, stacked, line);
    }

    /** Any other statement is SQL, up to ';'; an INTO clause is taken out of it (read_sql_construct + INTO). */
    private Stmt sqlStatement(int line) {
        int start = p;
        Token first = cur();
        boolean canInto = first.isWord("select") || first.isWord("with") || first.isWord("insert")
                || first.isWord("update") || first.isWord("delete") || first.isWord("merge");
        int depth = 0;
        int intoFrom = -1;
        int intoTo = -1;
        List<String> into = null;
        boolean strict = false;
        while (true) {
            Token t = cur();
            if (t == null) {
                throw syntaxError(null);
            }
            if (depth == 0 && t.isPunct(';')) {
                break;
            }
            if (t.isPunct('(') || t.isPunct('[')) {
                depth++;
            } else if (t.isPunct(')') || t.isPunct(']')) {
                depth--;
            } else if (depth == 0 && canInto && into == null && t.isWord("into") && p > start
                    && !toks.get(p - 1).isWord("insert") && !toks.get(p - 1).isWord("merge")) {
                intoFrom = p;
                p++;
                if (atWord("strict")) {
                    strict = true;
                    p++;
                }
                into = targets();
                intoTo = p;
                continue;
            }
            p++;
        }
        if (p == start) {
            throw syntaxError(cur());
        }
        String text;
        int lastEnd = toks.get(p - 1).end();
        int firstLoc = toks.get(start).location();
        if (into != null) {
            String before = src.substring(firstLoc, toks.get(intoFrom).location());
            String after = intoTo < p ? src.substring(toks.get(intoTo).location(), lastEnd) : "";
            text = (before + " " + after).trim();
        } else {
            text = src.substring(firstLoc, lastEnd);
        }
        expectSemi();
        PlExpr e = new PlExpr(text, firstLoc, false);
        if (into == null) {
            checkSyntax(e);
        } else {
            try {
                Parser.parse(text);
            } catch (PgException err) {
                throw err.position() > 0 ? err.withPosition(0) : err;
            }
        }
        return new ExecSql(e, into, strict, line);
    }
}
