package org.tusk.engine.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.tusk.api.error.PgException;
import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.nodes.*;

/**
 * Recursive-descent SQL parser producing the raw parse tree, with gram.y's
 * operator precedence (lowest first): OR, AND, NOT, IS, comparison, LIKE/IN/BETWEEN,
 * other operators, + -, * / %, ^, unary minus, ::.
 */
public final class Parser {
    private static final Set<String> COMPARISON = Set.of("<", ">", "=", "<=", ">=", "<>");
    private static final Set<String> MATH_OPS = Set.of("+", "-", "*", "/", "%", "^", "<", ">", "=", "<=", ">=", "<>");
    /** Statements PostgreSQL has and this engine does not yet run: parsed only as far as their tag. */
    private static final Set<String> OTHER_COMMANDS = Set.of("create", "drop", "alter", "insert", "update", "delete",
            "copy", "vacuum", "analyze", "analyse", "truncate", "grant", "revoke", "explain", "prepare", "execute",
            "deallocate", "declare", "fetch", "close", "listen", "notify", "unlisten", "lock", "cluster", "reindex",
            "comment", "checkpoint", "load", "values", "with", "table", "merge", "call", "do", "move",
            "security", "refresh", "import", "reassign");

    private final String sql;
    private final List<Token> tokens;
    private int p;

    private Parser(String sql) {
        this.sql = sql;
        this.tokens = Lexer.tokenize(sql);
    }

    /** pg_parse_query: every statement of the string, or a syntax error for the whole string. */
    public static List<ParsedStatement> parse(String sql) {
        return new Parser(sql).statements();
    }

    private List<ParsedStatement> statements() {
        List<ParsedStatement> out = new ArrayList<>();
        while (true) {
            while (peek().isPunct(';')) {
                p++;
            }
            if (peek().kind() == TokenKind.EOF) {
                return out;
            }
            int startToken = p;
            RawStmt stmt = statement();
            Token last = tokens.get(p - 1);
            Token next = peek();
            if (!(next.isPunct(';') || next.kind() == TokenKind.EOF)) {
                throw syntaxError(next);
            }
            int start = tokens.get(startToken).location();
            out.add(new ParsedStatement(stmt, sql.substring(start, Math.max(start, last.end())), sql, start));
        }
    }

    // ---- token helpers ----

    private Token peek() {
        return tokens.get(p);
    }

    private Token peek(int ahead) {
        return tokens.get(Math.min(p + ahead, tokens.size() - 1));
    }

    private Token advance() {
        Token t = tokens.get(p);
        if (t.kind() != TokenKind.EOF) {
            p++;
        }
        return t;
    }

    private boolean acceptWord(String word) {
        if (peek().isWord(word)) {
            p++;
            return true;
        }
        return false;
    }

    private Token expectWord(String word) {
        if (!peek().isWord(word)) {
            throw syntaxError(peek());
        }
        return advance();
    }

    private boolean acceptPunct(char c) {
        if (peek().isPunct(c)) {
            p++;
            return true;
        }
        return false;
    }

    private void expectPunct(char c) {
        if (!acceptPunct(c)) {
            throw syntaxError(peek());
        }
    }

    PgException syntaxError(Token t) {
        if (t.kind() == TokenKind.EOF) {
            return Ereport.syntaxError("syntax error at end of input", sql.length());
        }
        return Ereport.syntaxError("syntax error at or near \"" + sql.substring(t.location(), t.end()) + "\"",
                t.location());
    }

    /** ColId: an identifier or a keyword allowed as a column name. */
    private String colId() {
        Token t = peek();
        if (t.kind() == TokenKind.IDENT && (t.quoted() || Keywords.canBeColumnName(t.text()))) {
            p++;
            return t.text();
        }
        throw syntaxError(t);
    }

    /** ColLabel: any identifier or keyword. */
    private String colLabel() {
        Token t = peek();
        if (t.kind() == TokenKind.IDENT) {
            p++;
            return t.text();
        }
        throw syntaxError(t);
    }

    // ---- statements ----

    private RawStmt statement() {
        Token t = peek();
        if (t.kind() != TokenKind.IDENT || t.quoted()) {
            if (t.isPunct('(')) {
                return selectStatement();
            }
            throw syntaxError(t);
        }
        switch (t.text()) {
            case "select": return selectStatement();
            case "set": return setStatement();
            case "reset": return resetStatement();
            case "show": return showStatement();
            case "begin": case "start": case "commit": case "end": case "rollback": case "abort":
            case "savepoint": case "release":
                return transactionStatement();
            case "discard": return discardStatement();
            default:
                if (OTHER_COMMANDS.contains(t.text())) {
                    return otherStatement();
                }
                throw syntaxError(t);
        }
    }

    private RawStmt otherStatement() {
        Token first = advance();
        String tag = first.text().toUpperCase(Locale.ROOT);
        if ((tag.equals("CREATE") || tag.equals("DROP") || tag.equals("ALTER")) && peek().kind() == TokenKind.IDENT) {
            StringBuilder sb = new StringBuilder(tag);
            int q = p;
            while (tokens.get(q).kind() == TokenKind.IDENT && Set.of("or", "replace", "temp", "temporary", "unique",
                    "unlogged", "global", "local").contains(tokens.get(q).text())) {
                q++;
            }
            if (tokens.get(q).kind() == TokenKind.IDENT) {
                sb.append(' ').append(tokens.get(q).text().toUpperCase(Locale.ROOT));
            }
            tag = sb.toString();
        }
        int depth = 0;
        while (peek().kind() != TokenKind.EOF && !(depth == 0 && peek().isPunct(';'))) {
            Token x = advance();
            if (x.isPunct('(')) {
                depth++;
            } else if (x.isPunct(')')) {
                depth--;
            }
        }
        return new UnsupportedStmt(tag, first.location());
    }

    private SelectStmt selectStatement() {
        if (peek().isPunct('(')) {
            // ( select ) as a whole statement
            advance();
            SelectStmt inner = selectStatement();
            expectPunct(')');
            return inner;
        }
        Token select = expectWord("select");
        if (acceptWord("distinct")) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "SELECT DISTINCT is not supported yet", select.location());
        }
        acceptWord("all");
        List<ResTarget> targets = new ArrayList<>();
        if (!atTargetListEnd()) {
            do {
                targets.add(target());
            } while (acceptPunct(','));
        }
        List<RangeVarNode> from = new ArrayList<>();
        if (acceptWord("from")) {
            do {
                from.add(rangeVar());
            } while (acceptPunct(','));
            Token t = peek();
            if (t.kind() == TokenKind.IDENT && !t.quoted() && Set.of("join", "left", "right", "inner", "full", "cross",
                    "natural").contains(t.text())) {
                throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "JOIN is not supported yet", t.location());
            }
        }
        RawNode where = null;
        if (acceptWord("where")) {
            where = expr();
        }
        if (peek().isWord("group") || peek().isWord("having") || peek().isWord("union") || peek().isWord("intersect")
                || peek().isWord("except") || peek().isWord("window")) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED,
                    peek().text().toUpperCase(Locale.ROOT) + " is not supported yet", peek().location());
        }
        List<SortByNode> sort = new ArrayList<>();
        if (peek().isWord("order")) {
            advance();
            expectWord("by");
            do {
                sort.add(sortBy());
            } while (acceptPunct(','));
        }
        RawNode limit = null;
        RawNode offset = null;
        for (int i = 0; i < 2; i++) {
            if (limit == null && peek().isWord("limit")) {
                advance();
                if (peek().isWord("all")) {
                    Token all = advance();
                    limit = new AConst(ConstKind.NULL, null, all.location());
                } else {
                    limit = expr();
                }
            } else if (offset == null && peek().isWord("offset")) {
                advance();
                offset = expr();
                if (!acceptWord("rows")) {
                    acceptWord("row");
                }
            } else if (limit == null && peek().isWord("fetch")) {
                advance();
                if (!acceptWord("first")) {
                    expectWord("next");
                }
                if (peek().isWord("row") || peek().isWord("rows")) {
                    limit = new AConst(ConstKind.INTEGER, "1", peek().location());
                } else {
                    limit = primaryWithPostfix();
                }
                if (!acceptWord("rows")) {
                    expectWord("row");
                }
                expectWord("only");
            }
        }
        if (peek().isWord("for")) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "SELECT FOR UPDATE is not supported yet", peek().location());
        }
        return new SelectStmt(targets, from, where, sort, limit, offset, select.location());
    }

    private boolean atTargetListEnd() {
        Token t = peek();
        return t.kind() == TokenKind.EOF || t.isPunct(';') || t.isPunct(')')
                || (t.kind() == TokenKind.IDENT && !t.quoted() && Set.of("from", "where", "order", "limit", "offset",
                        "group", "having", "union", "intersect", "except", "into", "fetch", "for", "window").contains(t.text()));
    }

    private ResTarget target() {
        Token t = peek();
        if (t.isOp("*")) {
            advance();
            return new ResTarget(null, new ColumnRef(List.of(), true, t.location()), t.location());
        }
        RawNode e = expr();
        String name = null;
        if (acceptWord("as")) {
            name = colLabel();
        } else if (peek().kind() == TokenKind.IDENT && (peek().quoted() || Keywords.canBeBareLabel(peek().text()))) {
            name = advance().text();
        }
        return new ResTarget(name, e, t.location());
    }

    private RangeVarNode rangeVar() {
        Token t = peek();
        if (t.isPunct('(')) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "subqueries in FROM are not supported yet", t.location());
        }
        String first = colId();
        String schema = null;
        String name = first;
        if (acceptPunct('.')) {
            schema = first;
            name = colLabel();
        }
        String alias = null;
        if (acceptWord("as")) {
            alias = colId();
        } else if (peek().kind() == TokenKind.IDENT && (peek().quoted() || (Keywords.canBeColumnName(peek().text())
                && !Set.of("join", "natural", "cross", "inner", "left", "right", "full").contains(peek().text())))) {
            alias = colId();
        }
        return new RangeVarNode(schema, name, alias, t.location());
    }

    private SortByNode sortBy() {
        Token t = peek();
        RawNode e = expr();
        boolean desc = false;
        if (acceptWord("desc")) {
            desc = true;
        } else {
            acceptWord("asc");
        }
        Boolean nullsFirst = null;
        if (acceptWord("nulls")) {
            if (acceptWord("first")) {
                nullsFirst = true;
            } else {
                expectWord("last");
                nullsFirst = false;
            }
        }
        return new SortByNode(e, desc, nullsFirst, t.location());
    }

    private String varName() {
        StringBuilder sb = new StringBuilder(colId());
        while (acceptPunct('.')) {
            sb.append('.').append(colLabel());
        }
        return sb.toString();
    }

    private RawStmt setStatement() {
        Token set = advance();
        boolean local = false;
        if (acceptWord("local")) {
            local = true;
        } else if (peek().isWord("session") && !(peek(1).isWord("characteristics") || peek(1).isWord("authorization"))) {
            advance();
        }
        Token t = peek();
        if (t.isWord("time") && peek(1).isWord("zone")) {
            advance();
            advance();
            Token v = peek();
            if (acceptWord("local") || acceptWord("default")) {
                return new VariableSetStmt(VariableSetKind.DEFAULT, "timezone", List.of(), local, set.location());
            }
            return new VariableSetStmt(VariableSetKind.VALUE, "timezone", List.of(setValue()), local, v.location());
        }
        if (t.isWord("names")) {
            advance();
            if (acceptWord("default")) {
                return new VariableSetStmt(VariableSetKind.DEFAULT, "client_encoding", List.of(), local, set.location());
            }
            return new VariableSetStmt(VariableSetKind.VALUE, "client_encoding", List.of(setValue()), local, set.location());
        }
        if (t.isWord("schema")) {
            advance();
            Token v = expectString();
            return new VariableSetStmt(VariableSetKind.VALUE, "search_path",
                    List.of(new AConst(ConstKind.STRING, v.text(), v.location())), local, set.location());
        }
        if (t.isWord("transaction") || (t.isWord("session") && peek(1).isWord("characteristics"))) {
            String name = "transaction_isolation";
            if (t.isWord("session")) {
                advance();
                advance();
                expectWord("as");
                name = "default_transaction_isolation";
            }
            expectWord("transaction");
            List<String[]> modes = transactionModes();
            List<AConst> args = new ArrayList<>();
            String var = name;
            for (String[] m : modes) {
                if (m[0].equals("transaction_isolation")) {
                    args.add(new AConst(ConstKind.STRING, m[1], set.location()));
                } else if (m[0].equals("transaction_read_only")) {
                    var = name.startsWith("default") ? "default_transaction_read_only" : "transaction_read_only";
                    args.add(new AConst(ConstKind.STRING, m[1], set.location()));
                }
            }
            if (args.isEmpty()) {
                throw syntaxError(peek());
            }
            return new VariableSetStmt(VariableSetKind.VALUE, args.size() == 1 ? var : name, List.of(args.get(0)), local,
                    set.location());
        }
        if (t.isWord("session") && peek(1).isWord("authorization") || t.isWord("role")) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "SET " + (t.isWord("role") ? "ROLE" : "SESSION AUTHORIZATION")
                    + " is not supported yet", set.location());
        }
        String name = varName();
        if (!acceptWord("to") && !(peek().isOp("="))) {
            throw syntaxError(peek());
        }
        if (peek().isOp("=")) {
            advance();
        }
        if (acceptWord("default")) {
            return new VariableSetStmt(VariableSetKind.DEFAULT, name, List.of(), local, set.location());
        }
        List<AConst> values = new ArrayList<>();
        do {
            values.add(setValue());
        } while (acceptPunct(','));
        return new VariableSetStmt(VariableSetKind.VALUE, name, values, local, set.location());
    }

    private Token expectString() {
        if (peek().kind() != TokenKind.SCONST) {
            throw syntaxError(peek());
        }
        return advance();
    }

    /** var_value: a string, a signed number, or a word (keywords such as on/true included). */
    private AConst setValue() {
        Token t = peek();
        switch (t.kind()) {
            case SCONST: advance(); return new AConst(ConstKind.STRING, t.text(), t.location());
            case ICONST: advance(); return new AConst(ConstKind.INTEGER, t.text(), t.location());
            case FCONST: advance(); return new AConst(ConstKind.FLOAT, t.text(), t.location());
            case OP:
                if ((t.text().equals("-") || t.text().equals("+"))
                        && (peek(1).kind() == TokenKind.ICONST || peek(1).kind() == TokenKind.FCONST)) {
                    advance();
                    Token n = advance();
                    String text = (t.text().equals("-") ? "-" : "") + n.text();
                    return new AConst(n.kind() == TokenKind.ICONST ? ConstKind.INTEGER : ConstKind.FLOAT, text, t.location());
                }
                throw syntaxError(t);
            case IDENT:
                if (!t.quoted() && Keywords.RESERVED.contains(t.text()) && !Set.of("true", "false", "on").contains(t.text())) {
                    throw syntaxError(t);
                }
                advance();
                return new AConst(ConstKind.STRING, t.text(), t.location());
            default:
                throw syntaxError(t);
        }
    }

    private RawStmt resetStatement() {
        Token reset = advance();
        if (acceptWord("all")) {
            return new VariableSetStmt(VariableSetKind.RESET_ALL, null, List.of(), false, reset.location());
        }
        if (peek().isWord("time") && peek(1).isWord("zone")) {
            advance();
            advance();
            return new VariableSetStmt(VariableSetKind.RESET, "timezone", List.of(), false, reset.location());
        }
        if (peek().isWord("transaction") && peek(1).isWord("isolation")) {
            advance();
            advance();
            expectWord("level");
            return new VariableSetStmt(VariableSetKind.RESET, "transaction_isolation", List.of(), false, reset.location());
        }
        if (peek().isWord("session") && peek(1).isWord("authorization")) {
            advance();
            advance();
            return new VariableSetStmt(VariableSetKind.RESET, "session_authorization", List.of(), false, reset.location());
        }
        return new VariableSetStmt(VariableSetKind.RESET, varName(), List.of(), false, reset.location());
    }

    private RawStmt showStatement() {
        Token show = advance();
        if (acceptWord("all")) {
            return new VariableShowStmt("all", show.location());
        }
        if (peek().isWord("time") && peek(1).isWord("zone")) {
            advance();
            advance();
            return new VariableShowStmt("timezone", show.location());
        }
        if (peek().isWord("transaction") && peek(1).isWord("isolation")) {
            advance();
            advance();
            expectWord("level");
            return new VariableShowStmt("transaction_isolation", show.location());
        }
        if (peek().isWord("session") && peek(1).isWord("authorization")) {
            advance();
            advance();
            return new VariableShowStmt("session_authorization", show.location());
        }
        return new VariableShowStmt(varName(), show.location());
    }

    private RawStmt transactionStatement() {
        Token t = advance();
        switch (t.text()) {
            case "begin": {
                if (!acceptWord("work")) {
                    acceptWord("transaction");
                }
                return new TransactionStmt(TransactionKind.BEGIN, null, transactionModes(), false, t.location());
            }
            case "start":
                expectWord("transaction");
                return new TransactionStmt(TransactionKind.START, null, transactionModes(), false, t.location());
            case "commit": case "end": {
                if (t.text().equals("commit") && peek().isWord("prepared")) {
                    throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "COMMIT PREPARED is not supported yet", t.location());
                }
                if (!acceptWord("work")) {
                    acceptWord("transaction");
                }
                return new TransactionStmt(TransactionKind.COMMIT, null, List.of(), chain(), t.location());
            }
            case "rollback": case "abort": {
                if (t.text().equals("rollback") && peek().isWord("prepared")) {
                    throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "ROLLBACK PREPARED is not supported yet", t.location());
                }
                if (!acceptWord("work")) {
                    acceptWord("transaction");
                }
                if (t.text().equals("rollback") && acceptWord("to")) {
                    acceptWord("savepoint");
                    return new TransactionStmt(TransactionKind.ROLLBACK_TO, colId(), List.of(), false, t.location());
                }
                return new TransactionStmt(TransactionKind.ROLLBACK, null, List.of(), chain(), t.location());
            }
            case "savepoint":
                return new TransactionStmt(TransactionKind.SAVEPOINT, colId(), List.of(), false, t.location());
            case "release":
                acceptWord("savepoint");
                return new TransactionStmt(TransactionKind.RELEASE, colId(), List.of(), false, t.location());
            default:
                throw syntaxError(t);
        }
    }

    private boolean chain() {
        if (acceptWord("and")) {
            boolean no = acceptWord("no");
            expectWord("chain");
            return !no;
        }
        return false;
    }

    private List<String[]> transactionModes() {
        List<String[]> modes = new ArrayList<>();
        while (true) {
            if (acceptWord("isolation")) {
                expectWord("level");
                String level;
                if (acceptWord("serializable")) {
                    level = "serializable";
                } else if (acceptWord("repeatable")) {
                    expectWord("read");
                    level = "repeatable read";
                } else {
                    expectWord("read");
                    if (acceptWord("committed")) {
                        level = "read committed";
                    } else {
                        expectWord("uncommitted");
                        level = "read uncommitted";
                    }
                }
                modes.add(new String[] {"transaction_isolation", level});
            } else if (peek().isWord("read")) {
                advance();
                if (acceptWord("only")) {
                    modes.add(new String[] {"transaction_read_only", "on"});
                } else {
                    expectWord("write");
                    modes.add(new String[] {"transaction_read_only", "off"});
                }
            } else if (acceptWord("deferrable")) {
                modes.add(new String[] {"transaction_deferrable", "on"});
            } else if (peek().isWord("not") && peek(1).isWord("deferrable")) {
                advance();
                advance();
                modes.add(new String[] {"transaction_deferrable", "off"});
            } else {
                break;
            }
            if (!acceptPunct(',') && !(peek().isWord("isolation") || peek().isWord("read") || peek().isWord("deferrable")
                    || peek().isWord("not"))) {
                break;
            }
        }
        return modes;
    }

    private RawStmt discardStatement() {
        Token d = advance();
        Token t = peek();
        String target;
        if (acceptWord("all")) {
            target = "ALL";
        } else if (acceptWord("plans")) {
            target = "PLANS";
        } else if (acceptWord("sequences")) {
            target = "SEQUENCES";
        } else if (acceptWord("temp") || acceptWord("temporary")) {
            target = "TEMP";
        } else {
            throw syntaxError(t);
        }
        return new DiscardStmt(target, d.location());
    }

    // ---- expressions ----

    public RawNode expr() {
        return orExpr();
    }

    private RawNode orExpr() {
        RawNode left = andExpr();
        while (peek().isWord("or")) {
            Token op = advance();
            RawNode right = andExpr();
            left = makeBool(BoolOp.OR, left, right, op.location());
        }
        return left;
    }

    private RawNode andExpr() {
        RawNode left = notExpr();
        while (peek().isWord("and")) {
            Token op = advance();
            RawNode right = notExpr();
            left = makeBool(BoolOp.AND, left, right, op.location());
        }
        return left;
    }

    private static RawNode makeBool(BoolOp op, RawNode left, RawNode right, int location) {
        List<RawNode> args = new ArrayList<>();
        if (left instanceof BoolExprNode b && b.op() == op) {
            args.addAll(b.args());
            location = b.location();
        } else {
            args.add(left);
        }
        args.add(right);
        return new BoolExprNode(op, args, location);
    }

    private RawNode notExpr() {
        if (peek().isWord("not")) {
            Token not = advance();
            RawNode arg = notExpr();
            return new BoolExprNode(BoolOp.NOT, List.of(arg), not.location());
        }
        return isExpr();
    }

    private RawNode isExpr() {
        RawNode e = comparison();
        while (true) {
            Token t = peek();
            if (t.isWord("isnull")) {
                advance();
                e = new NullTestNode(e, false, t.location());
            } else if (t.isWord("notnull")) {
                advance();
                e = new NullTestNode(e, true, t.location());
            } else if (t.isWord("is")) {
                advance();
                boolean not = acceptWord("not");
                Token what = peek();
                if (acceptWord("null")) {
                    e = new NullTestNode(e, not, t.location());
                } else if (acceptWord("true")) {
                    e = new BooleanTestNode(e, not ? BooleanTestKind.IS_NOT_TRUE : BooleanTestKind.IS_TRUE, t.location());
                } else if (acceptWord("false")) {
                    e = new BooleanTestNode(e, not ? BooleanTestKind.IS_NOT_FALSE : BooleanTestKind.IS_FALSE, t.location());
                } else if (acceptWord("unknown")) {
                    e = new BooleanTestNode(e, not ? BooleanTestKind.IS_NOT_UNKNOWN : BooleanTestKind.IS_UNKNOWN,
                            t.location());
                } else if (acceptWord("distinct")) {
                    expectWord("from");
                    RawNode right = comparison();
                    e = new AExpr(not ? AExprKind.NOT_DISTINCT : AExprKind.DISTINCT, "=", e, right, null, t.location());
                } else {
                    throw syntaxError(what);
                }
            } else {
                return e;
            }
        }
    }

    private RawNode comparison() {
        RawNode left = likeInBetween();
        Token t = peek();
        if (t.kind() == TokenKind.OP && COMPARISON.contains(t.text())) {
            advance();
            RawNode right = likeInBetween();
            Token again = peek();
            if (again.kind() == TokenKind.OP && COMPARISON.contains(again.text())) {
                throw syntaxError(again);
            }
            return new AExpr(AExprKind.OP, t.text(), left, right, null, t.location());
        }
        return left;
    }

    private RawNode likeInBetween() {
        RawNode left = otherOp();
        while (true) {
            Token t = peek();
            boolean not = false;
            int q = 0;
            if (t.isWord("not") && (peek(1).isWord("like") || peek(1).isWord("ilike") || peek(1).isWord("in")
                    || peek(1).isWord("between") || peek(1).isWord("similar"))) {
                not = true;
                q = 1;
            }
            Token kw = peek(q);
            if (kw.isWord("like") || kw.isWord("ilike")) {
                p += q + 1;
                RawNode pattern = otherOp();
                if (acceptWord("escape")) {
                    RawNode esc = otherOp();
                    pattern = new FuncCallNode(List.of("like_escape"), List.of(pattern, esc), false, false, kw.location());
                }
                AExprKind k = kw.isWord("like") ? (not ? AExprKind.NOT_LIKE : AExprKind.LIKE)
                        : (not ? AExprKind.NOT_ILIKE : AExprKind.ILIKE);
                String op = kw.isWord("like") ? (not ? "!~~" : "~~") : (not ? "!~~*" : "~~*");
                left = new AExpr(k, op, left, pattern, null, kw.location());
            } else if (kw.isWord("similar")) {
                throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "SIMILAR TO is not supported yet", kw.location());
            } else if (kw.isWord("in")) {
                p += q + 1;
                Token open = peek();
                expectPunct('(');
                if (peek().isWord("select")) {
                    throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "subqueries are not supported yet", peek().location());
                }
                List<RawNode> items = exprList();
                expectPunct(')');
                left = new AExpr(not ? AExprKind.NOT_IN : AExprKind.IN, not ? "<>" : "=", left, null, items, kw.location());
                if (open == null) {
                    break;
                }
            } else if (kw.isWord("between")) {
                p += q + 1;
                if (acceptWord("symmetric")) {
                    throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "BETWEEN SYMMETRIC is not supported yet",
                            kw.location());
                }
                acceptWord("asymmetric");
                RawNode low = otherOp();
                expectWord("and");
                RawNode high = otherOp();
                left = new AExpr(not ? AExprKind.NOT_BETWEEN : AExprKind.BETWEEN, "BETWEEN", left, null, List.of(low, high),
                        kw.location());
            } else {
                return left;
            }
        }
        return left;
    }

    private List<RawNode> exprList() {
        List<RawNode> list = new ArrayList<>();
        do {
            list.add(expr());
        } while (acceptPunct(','));
        return list;
    }

    private RawNode otherOp() {
        RawNode left = additive();
        while (peek().kind() == TokenKind.OP && !MATH_OPS.contains(peek().text())) {
            Token op = advance();
            RawNode right = additive();
            left = new AExpr(AExprKind.OP, op.text(), left, right, null, op.location());
        }
        return left;
    }

    private RawNode additive() {
        RawNode left = multiplicative();
        while (peek().isOp("+") || peek().isOp("-")) {
            Token op = advance();
            RawNode right = multiplicative();
            left = new AExpr(AExprKind.OP, op.text(), left, right, null, op.location());
        }
        return left;
    }

    private RawNode multiplicative() {
        RawNode left = power();
        while (peek().isOp("*") || peek().isOp("/") || peek().isOp("%")) {
            Token op = advance();
            RawNode right = power();
            left = new AExpr(AExprKind.OP, op.text(), left, right, null, op.location());
        }
        return left;
    }

    private RawNode power() {
        RawNode left = unary();
        while (peek().isOp("^")) {
            Token op = advance();
            RawNode right = unary();
            left = new AExpr(AExprKind.OP, op.text(), left, right, null, op.location());
        }
        if (peek().isWord("at") && peek(1).isWord("time")) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "AT TIME ZONE is not supported yet", peek().location());
        }
        return left;
    }

    private RawNode unary() {
        Token t = peek();
        if (t.isOp("-")) {
            advance();
            RawNode arg = unary();
            // gram.y's doNegate: a negated numeric literal stays a literal (so -2147483648 is an int4).
            if (arg instanceof AConst c && (c.kind() == ConstKind.INTEGER || c.kind() == ConstKind.FLOAT)) {
                String text = c.text().startsWith("-") ? c.text().substring(1) : "-" + c.text();
                ConstKind kind = c.kind();
                if (kind == ConstKind.FLOAT && text.matches("-?\\d+") && fitsInt(text)) {
                    kind = ConstKind.INTEGER;
                }
                return new AConst(kind, text, t.location());
            }
            return new AExpr(AExprKind.OP, "-", null, arg, null, t.location());
        }
        if (t.kind() == TokenKind.OP && (t.text().equals("+") || !MATH_OPS.contains(t.text()))) {
            advance();
            RawNode arg = unary();
            return new AExpr(AExprKind.OP, t.text(), null, arg, null, t.location());
        }
        return primaryWithPostfix();
    }

    private static boolean fitsInt(String text) {
        try {
            Integer.parseInt(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private RawNode primaryWithPostfix() {
        RawNode e = primary();
        while (true) {
            Token t = peek();
            if (t.kind() == TokenKind.TYPECAST) {
                advance();
                e = new TypeCastNode(e, typeName(), t.location());
            } else if (t.isPunct('[')) {
                throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "array subscripts are not supported yet", t.location());
            } else if (t.isWord("collate")) {
                throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "COLLATE is not supported yet", t.location());
            } else {
                return e;
            }
        }
    }

    private RawNode primary() {
        Token t = peek();
        switch (t.kind()) {
            case ICONST: advance(); return new AConst(ConstKind.INTEGER, t.text(), t.location());
            case FCONST: advance(); return new AConst(ConstKind.FLOAT, t.text(), t.location());
            case SCONST: advance(); return new AConst(ConstKind.STRING, t.text(), t.location());
            case PARAM: {
                advance();
                int n;
                try {
                    n = Integer.parseInt(t.text());
                } catch (NumberFormatException ex) {
                    n = Integer.MAX_VALUE;
                }
                return new ParamRef(n, t.location());
            }
            case PUNCT:
                if (t.isPunct('(')) {
                    advance();
                    if (peek().isWord("select")) {
                        throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "subqueries are not supported yet",
                                peek().location());
                    }
                    RawNode inner = expr();
                    if (peek().isPunct(',')) {
                        throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "row constructors are not supported yet",
                                t.location());
                    }
                    expectPunct(')');
                    return inner;
                }
                throw syntaxError(t);
            case IDENT:
                return identifierExpression(t);
            default:
                throw syntaxError(t);
        }
    }

    private RawNode identifierExpression(Token t) {
        if (!t.quoted()) {
            switch (t.text()) {
                case "true": advance(); return new AConst(ConstKind.BOOLEAN, "t", t.location());
                case "false": advance(); return new AConst(ConstKind.BOOLEAN, "f", t.location());
                case "null": advance(); return new AConst(ConstKind.NULL, null, t.location());
                case "case": return caseExpr();
                case "cast": {
                    advance();
                    expectPunct('(');
                    RawNode arg = expr();
                    expectWord("as");
                    TypeNameNode type = typeName();
                    expectPunct(')');
                    return new TypeCastNode(arg, type, t.location());
                }
                case "coalesce": case "greatest": case "least": {
                    advance();
                    expectPunct('(');
                    List<RawNode> args = exprList();
                    expectPunct(')');
                    return new CoalesceNode(t.text(), args, t.location());
                }
                case "nullif": {
                    advance();
                    expectPunct('(');
                    RawNode a = expr();
                    expectPunct(',');
                    RawNode b = expr();
                    expectPunct(')');
                    return new AExpr(AExprKind.NULLIF, "=", a, b, null, t.location());
                }
                case "current_timestamp": case "localtimestamp": case "current_time": case "localtime": {
                    advance();
                    if (peek().isPunct('(')) {
                        advance();
                        advance();
                        expectPunct(')');
                    }
                    return new SqlValueFunctionNode(t.text(), t.location());
                }
                case "current_date": case "current_user": case "session_user": case "user": case "current_role":
                case "current_catalog":
                    advance();
                    return new SqlValueFunctionNode(t.text(), t.location());
                case "current_schema":
                    advance();
                    if (peek().isPunct('(')) {
                        advance();
                        expectPunct(')');
                    }
                    return new SqlValueFunctionNode(t.text(), t.location());
                case "exists": case "array": case "row":
                    throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, t.text().toUpperCase(Locale.ROOT)
                            + " expressions are not supported yet", t.location());
                case "interval": case "time":
                    throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "type " + t.text() + " is not supported yet",
                            t.location());
                default:
                    break;
            }
            // type 'literal' for the SQL-syntax type names (double precision '1', timestamp with time zone '...').
            if (isSqlTypeKeyword(t.text()) && !peek(1).isPunct('(') || (isSqlTypeKeyword(t.text())
                    && t.text().matches("numeric|decimal|dec|float|char|character|varchar|timestamp|bit"))) {
                int save = p;
                try {
                    TypeNameNode type = typeName();
                    if (peek().kind() == TokenKind.SCONST) {
                        Token s = advance();
                        return new TypeCastNode(new AConst(ConstKind.STRING, s.text(), s.location()), type, t.location());
                    }
                } catch (PgException e) {
                    // not a typed literal after all
                }
                p = save;
                if (!peek(1).isPunct('(')) {
                    throw syntaxError(peek(1));
                }
            }
        }
        if (!t.quoted() && Keywords.RESERVED.contains(t.text())) {
            throw syntaxError(t);
        }
        // generic name: column reference, function call, or typename 'literal'
        advance();
        List<String> names = new ArrayList<>();
        names.add(t.text());
        while (peek().isPunct('.')) {
            advance();
            Token n = peek();
            if (n.isOp("*")) {
                advance();
                return new ColumnRef(names, true, t.location());
            }
            names.add(colLabel());
        }
        if (peek().isPunct('(')) {
            return functionCall(names, t);
        }
        if (peek().kind() == TokenKind.SCONST && names.size() <= 2) {
            Token s = advance();
            TypeNameNode type = new TypeNameNode(names, List.of(), false, t.location());
            return new TypeCastNode(new AConst(ConstKind.STRING, s.text(), s.location()), type, t.location());
        }
        if (!t.quoted() && Keywords.TYPE_FUNC_NAME.contains(t.text()) && names.size() == 1) {
            throw syntaxError(t);
        }
        return new ColumnRef(names, false, t.location());
    }

    private RawNode functionCall(List<String> names, Token start) {
        expectPunct('(');
        if (peek().isOp("*")) {
            advance();
            expectPunct(')');
            return new FuncCallNode(names, List.of(), true, false, start.location());
        }
        boolean distinct = false;
        if (acceptWord("distinct")) {
            distinct = true;
        } else {
            acceptWord("all");
        }
        List<RawNode> args = List.of();
        if (!peek().isPunct(')')) {
            args = exprList();
        }
        if (peek().isWord("order")) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "ORDER BY in aggregates is not supported yet",
                    peek().location());
        }
        expectPunct(')');
        if (peek().isWord("over") || peek().isWord("filter") || peek().isWord("within")) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "window functions are not supported yet", peek().location());
        }
        return new FuncCallNode(names, args, false, distinct, start.location());
    }

    private RawNode caseExpr() {
        Token c = advance();
        RawNode arg = null;
        if (!peek().isWord("when")) {
            arg = expr();
        }
        List<CaseWhenNode> whens = new ArrayList<>();
        while (peek().isWord("when")) {
            Token w = advance();
            RawNode cond = expr();
            expectWord("then");
            RawNode result = expr();
            whens.add(new CaseWhenNode(cond, result, w.location()));
        }
        if (whens.isEmpty()) {
            throw syntaxError(peek());
        }
        RawNode def = null;
        if (acceptWord("else")) {
            def = expr();
        }
        expectWord("end");
        return new CaseNode(arg, whens, def, c.location());
    }

    private static boolean isSqlTypeKeyword(String w) {
        switch (w) {
            case "int": case "integer": case "smallint": case "bigint": case "real": case "float": case "double":
            case "decimal": case "dec": case "numeric": case "boolean": case "char": case "character": case "varchar":
            case "national": case "nchar": case "timestamp": case "bit":
                return true;
            default:
                return false;
        }
    }

    /** Typename: SQL-standard spellings mapped to pg_catalog names, or a generic (qualified) name. */
    public TypeNameNode typeName() {
        Token t = peek();
        if (t.kind() != TokenKind.IDENT) {
            throw syntaxError(t);
        }
        String name;
        List<Integer> mods = new ArrayList<>();
        if (t.quoted()) {
            advance();
            name = t.text();
            List<String> names = new ArrayList<>(List.of(name));
            while (acceptPunct('.')) {
                names.add(colLabel());
            }
            return finishTypeName(names, mods, t);
        }
        switch (t.text()) {
            case "int": case "integer": advance(); name = "int4"; break;
            case "smallint": advance(); name = "int2"; break;
            case "bigint": advance(); name = "int8"; break;
            case "real": advance(); name = "float4"; break;
            case "boolean": advance(); name = "bool"; break;
            case "double": advance(); expectWord("precision"); name = "float8"; break;
            case "float": {
                advance();
                name = "float8";
                if (acceptPunct('(')) {
                    Token n = peek();
                    if (n.kind() != TokenKind.ICONST) {
                        throw syntaxError(n);
                    }
                    advance();
                    int prec = Integer.parseInt(n.text());
                    expectPunct(')');
                    if (prec < 1) {
                        throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "precision for type float must be at least 1 bit",
                                n.location());
                    }
                    if (prec > 53) {
                        throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "precision for type float must be less than 54 bits",
                                n.location());
                    }
                    name = prec <= 24 ? "float4" : "float8";
                }
                return new TypeNameNode(List.of("pg_catalog", name), List.of(), arraySuffix(), t.location());
            }
            case "decimal": case "dec": case "numeric": advance(); name = "numeric"; typmods(mods); break;
            case "char": case "character": case "nchar": case "national": {
                advance();
                if (t.text().equals("national")) {
                    if (!acceptWord("character")) {
                        expectWord("char");
                    }
                }
                if (acceptWord("varying")) {
                    name = "varchar";
                    typmods(mods);
                } else {
                    name = "bpchar";
                    typmods(mods);
                    if (mods.isEmpty()) {
                        mods.add(1);
                    }
                }
                break;
            }
            case "varchar": advance(); name = "varchar"; typmods(mods); break;
            case "timestamp": {
                advance();
                typmods(mods);
                name = "timestamp";
                if (peek().isWord("with") && peek(1).isWord("time")) {
                    advance();
                    advance();
                    expectWord("zone");
                    name = "timestamptz";
                } else if (peek().isWord("without") && peek(1).isWord("time")) {
                    advance();
                    advance();
                    expectWord("zone");
                }
                mods.clear();
                break;
            }
            default: {
                if (Keywords.RESERVED.contains(t.text())) {
                    throw syntaxError(t);
                }
                advance();
                List<String> names = new ArrayList<>(List.of(t.text()));
                while (acceptPunct('.')) {
                    names.add(colLabel());
                }
                typmods(mods);
                return finishTypeName(names, mods, t);
            }
        }
        return new TypeNameNode(List.of("pg_catalog", name), mods, arraySuffix(), t.location());
    }

    private TypeNameNode finishTypeName(List<String> names, List<Integer> mods, Token t) {
        return new TypeNameNode(names, mods, arraySuffix(), t.location());
    }

    private boolean arraySuffix() {
        boolean array = false;
        while (peek().isPunct('[')) {
            advance();
            if (peek().kind() == TokenKind.ICONST) {
                advance();
            }
            expectPunct(']');
            array = true;
        }
        if (peek().isWord("array")) {
            advance();
            array = true;
        }
        return array;
    }

    private void typmods(List<Integer> mods) {
        if (!peek().isPunct('(')) {
            return;
        }
        advance();
        do {
            Token n = peek();
            if (n.kind() != TokenKind.ICONST) {
                throw syntaxError(n);
            }
            advance();
            mods.add(Integer.parseInt(n.text()));
        } while (acceptPunct(','));
        expectPunct(')');
    }
}
