package org.tusk.engine.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.tusk.api.error.PgException;
import org.tusk.api.error.SqlState;
import org.tusk.engine.nodes.*;

/**
 * The statement grammar (gram.y's stmt): dispatches on the first keyword to DML, DDL and utility
 * statements. Statements not modelled yet are skipped up to the next ';' and become UnsupportedStmt,
 * so a multi-statement string still parses.
 */
public final class Parser extends DdlParser {

    private Parser(String sql) {
        super(sql);
    }

    /** pg_parse_query: every statement of the string, or a syntax error for the whole string. */
    public static List<ParsedStatement> parse(String sql) {
        return new Parser(sql).statements();
    }

    private List<ParsedStatement> statements() {
        List<ParsedStatement> out = new ArrayList<>();
        while (true) {
            while (atPunct(';')) {
                p++;
            }
            if (peek().kind() == TokenKind.EOF) {
                return out;
            }
            int startToken = p;
            lastBacktrackError = null;
            RawStmt stmt;
            try {
                stmt = statement();
            } catch (PgException e) {
                throw lastBacktrackError != null && e.sqlState().equals(SqlState.SYNTAX_ERROR)
                        && lastBacktrackError.sqlState().equals(SqlState.SYNTAX_ERROR)
                        ? further(e, lastBacktrackError) : e;
            }
            Token last = tokens.get(p - 1);
            Token next = peek();
            if (!(next.isPunct(';') || next.kind() == TokenKind.EOF)) {
                PgException e = syntaxError(next);
                throw lastBacktrackError != null && lastBacktrackError.sqlState().equals(SqlState.SYNTAX_ERROR)
                        ? further(e, lastBacktrackError) : e;
            }
            int start = tokens.get(startToken).location();
            out.add(new ParsedStatement(stmt, sql.substring(start, Math.max(start, last.end())), sql, start));
        }
    }

    private RawStmt statement() {
        Token t = peek();
        if (t.isPunct('(')) {
            return selectStmt();
        }
        if (t.kind() != TokenKind.IDENT || t.quoted()) {
            throw syntaxError(t);
        }
        switch (t.text()) {
            case "select": case "values": case "table": return selectStmt();
            case "with": return preparableStmt();
            case "insert": return insertStmt(null);
            case "update": return updateStmt(null);
            case "delete": return deleteStmt(null);
            case "merge": return mergeStmt(null);
            case "set": return setStatement();
            case "reset": return resetStatement();
            case "show": return showStatement();
            case "begin": case "start": case "commit": case "end": case "rollback": case "abort":
            case "savepoint": case "release":
                return transactionStatement();
            case "prepare":
                if (at(1, "transaction")) {
                    return transactionStatement();
                }
                return prepareStatement();
            case "execute": return executeStatement();
            case "deallocate": return deallocateStatement();
            case "declare": return declareCursor();
            case "fetch": case "move": return fetchStatement();
            case "close": return closeStatement();
            case "discard": return discardStatement();
            case "explain": return explainStatement();
            case "copy": return copyStatement();
            case "vacuum": case "analyze": case "analyse": return vacuumStatement();
            case "truncate": return truncateStatement();
            case "lock": return lockStatement();
            case "checkpoint": advance(); return new CheckPointStmt();
            case "listen": advance(); return new ListenStmt(colId());
            case "unlisten": {
                advance();
                if (acceptOp("*")) {
                    return new UnlistenStmt(null);
                }
                return new UnlistenStmt(colId());
            }
            case "notify": {
                advance();
                String channel = colId();
                String payload = null;
                if (acceptPunct(',')) {
                    payload = sconst();
                }
                return new NotifyStmt(channel, payload);
            }
            case "create": return createStatement();
            case "drop": return dropStatement();
            case "alter": return alterStatement();
            case "comment": return commentStatement();
            case "grant": case "revoke": return grantStatement();
            case "do": return doStatement();
            case "call": {
                advance();
                Token f = peek();
                RawNode call = funcExprWindowless();
                if (!(call instanceof FuncCall fc)) {
                    throw syntaxError(f);
                }
                return new CallStmt(fc);
            }
            case "reindex": return reindexStatement();
            case "cluster": case "load":  case "security": case "refresh":
            case "import": case "reassign":
                return otherStatement();
            default:
                throw syntaxError(t);
        }
    }

    /**
     * The words gram.y accepts after CREATE/DROP/ALTER (and their modifiers) to name an object kind; any other
     * word is a syntax error at that word, as PostgreSQL reports for e.g. {@code DROP TUPLE} or {@code CREATE foo}.
     */
    private static final Set<String> OBJECT_KIND_WORDS = Set.of("access", "aggregate", "cast", "collation",
            "conversion", "database", "domain", "event", "extension", "foreign", "function", "group", "index",
            "language", "large", "materialized", "operator", "owned", "policy", "procedure", "publication",
            "recursive", "role", "routine", "rule", "schema", "sequence", "server", "statistics", "subscription",
            "system", "table", "tablespace", "text", "transform", "trigger", "type", "user", "view", "default",
            "constraint", "unique", "or", "temp", "temporary", "unlogged", "global", "local", "trusted",
            "procedural", "privileges");

    /** A statement parsed only as far as its tag. */
    final RawStmt otherStatement() {
        Token first = advance();
        String tag = first.text().toUpperCase(Locale.ROOT);
        if (tag.equals("CREATE") || tag.equals("DROP") || tag.equals("ALTER")) {
            StringBuilder sb = new StringBuilder(tag);
            int q = p;
            while (tokens.get(q).kind() == TokenKind.IDENT && Set.of("or", "replace", "temp", "temporary", "unique",
                    "unlogged", "global", "local", "trusted", "procedural", "default", "constraint").contains(tokens.get(q).text())) {
                q++;
            }
            Token kind = tokens.get(q);
            if (kind.kind() != TokenKind.IDENT || kind.quoted() || !OBJECT_KIND_WORDS.contains(kind.text())) {
                // gram.y has no production for this word here: a plain syntax error at it
                throw syntaxError(kind);
            }
            sb.append(' ').append(kind.text().toUpperCase(Locale.ROOT));
            tag = sb.toString();
        }
        skipStatement();
        return new UnsupportedStmt(tag, first.location());
    }

    // ---- SET / SHOW / RESET ----

    private String varName() {
        StringBuilder sb = new StringBuilder(colId());
        while (acceptPunct('.')) {
            sb.append('.').append(colId());
        }
        return sb.toString();
    }

    private RawStmt setStatement() {
        Token set = advance();
        if (at("constraints")) {
            advance();
            List<RangeVar> names = null;
            if (!accept("all")) {
                names = new ArrayList<>();
                do {
                    names.add(qualifiedName());
                } while (acceptPunct(','));
            }
            boolean deferred;
            if (accept("deferred")) {
                deferred = true;
            } else {
                expect("immediate");
                deferred = false;
            }
            return new ConstraintsSetStmt(names, deferred);
        }
        boolean local = false;
        if (accept("local")) {
            local = true;
        } else if (at("session") && !(at(1, "characteristics") || at(1, "authorization"))) {
            advance();
        }
        return setRest(set, local);
    }

    /** set_rest: the part after SET [LOCAL|SESSION] (also used by ALTER ROLE/DATABASE ... SET). */
    final VariableSetStmt setRest(Token set, boolean local) {
        Token t = peek();
        if (at("time") && at(1, "zone")) {
            p += 2;
            Token v = peek();
            if (accept("local") || accept("default")) {
                return new VariableSetStmt(VariableSetKind.DEFAULT, "timezone", List.of(), local, List.of(), set.location());
            }
            if (at("interval")) {
                RawNode e = aExpr();
                if (e instanceof TypeCast tc && tc.arg() instanceof AConst c) {
                    return new VariableSetStmt(VariableSetKind.VALUE, "timezone", List.of(c), local, List.of(), v.location());
                }
                throw syntaxError(v);
            }
            return new VariableSetStmt(VariableSetKind.VALUE, "timezone", List.of(setValue()), local, List.of(), v.location());
        }
        if (accept("names")) {
            if (atEnd() || accept("default")) {
                return new VariableSetStmt(VariableSetKind.DEFAULT, "client_encoding", List.of(), local, List.of(),
                        set.location());
            }
            return new VariableSetStmt(VariableSetKind.VALUE, "client_encoding", List.of(setValue()), local, List.of(),
                    set.location());
        }
        if (accept("schema")) {
            Token v = peek();
            String s = sconst();
            return new VariableSetStmt(VariableSetKind.VALUE, "search_path",
                    List.of(new AConst(ConstKind.STRING, s, v.location())), local, List.of(), set.location());
        }
        if (at("catalog")) {
            advance();
            Token v = peek();
            String s = sconst();
            return new VariableSetStmt(VariableSetKind.VALUE, "catalog",
                    List.of(new AConst(ConstKind.STRING, s, v.location())), local, List.of(), set.location());
        }
        if (at("role")) {
            advance();
            Token v = peek();
            String r = nonReservedWordOrSconst();
            return new VariableSetStmt(VariableSetKind.VALUE, "role", List.of(new AConst(ConstKind.STRING, r, v.location())),
                    local, List.of(), set.location());
        }
        if (at("session") && at(1, "authorization")) {
            p += 2;
            if (accept("default")) {
                return new VariableSetStmt(VariableSetKind.DEFAULT, "session_authorization", List.of(), local, List.of(),
                        set.location());
            }
            Token v = peek();
            String r = nonReservedWordOrSconst();
            return new VariableSetStmt(VariableSetKind.VALUE, "session_authorization",
                    List.of(new AConst(ConstKind.STRING, r, v.location())), local, List.of(), set.location());
        }
        if (at("transaction") || (at("session") && at(1, "characteristics"))) {
            boolean session = at("session");
            if (session) {
                p += 2;
                expect("as");
            }
            expect("transaction");
            if (!session && at("snapshot")) {
                advance();
                Token v = peek();
                String s = sconst();
                return new VariableSetStmt(VariableSetKind.VALUE, "transaction_snapshot",
                        List.of(new AConst(ConstKind.STRING, s, v.location())), local, List.of(), set.location());
            }
            List<DefElem> modes = transactionModes();
            if (modes.isEmpty()) {
                throw syntaxErrorHere();
            }
            List<VariableSetStmt> sets = new ArrayList<>();
            for (DefElem m : modes) {
                String name = session ? "default_" + m.defname() : m.defname();
                AConst v = (AConst) m.arg();
                AConst value = v.kind() == ConstKind.BOOLEAN
                        ? new AConst(ConstKind.STRING, v.val().equals("t") ? "on" : "off", v.location()) : v;
                sets.add(new VariableSetStmt(VariableSetKind.VALUE, name, List.of(value), local, List.of(), set.location()));
            }
            VariableSetStmt first = sets.get(0);
            return new VariableSetStmt(first.kind(), first.name(), first.args(), local, sets.subList(1, sets.size()),
                    set.location());
        }
        if (at("xml") && at(1, "option")) {
            p += 2;
            Token v = advance();
            return new VariableSetStmt(VariableSetKind.VALUE, "xmloption",
                    List.of(new AConst(ConstKind.STRING, v.text(), v.location())), local, List.of(), set.location());
        }
        String name = varName();
        if (at("from") && at(1, "current")) {
            p += 2;
            return new VariableSetStmt(VariableSetKind.CURRENT, name, List.of(), local, List.of(), set.location());
        }
        if (!accept("to") && !acceptOp("=")) {
            throw syntaxErrorHere();
        }
        if (accept("default")) {
            return new VariableSetStmt(VariableSetKind.DEFAULT, name, List.of(), local, List.of(), set.location());
        }
        List<AConst> values = new ArrayList<>();
        do {
            values.add(setValue());
        } while (acceptPunct(','));
        return new VariableSetStmt(VariableSetKind.VALUE, name, values, local, List.of(), set.location());
    }

    /** var_value: opt_boolean_or_string | NumericOnly. */
    private AConst setValue() {
        Token t = peek();
        if (atNumericOnly()) {
            return numericOnly();
        }
        if (t.kind() == TokenKind.SCONST) {
            advance();
            return new AConst(ConstKind.STRING, t.text(), t.location());
        }
        if (t.isWord("true") || t.isWord("false") || t.isWord("on") || isNonReservedWord(t)) {
            advance();
            return new AConst(ConstKind.STRING, t.text(), t.location());
        }
        throw syntaxError(t);
    }

    private String specialVariable() {
        if (at("time") && at(1, "zone")) {
            p += 2;
            return "timezone";
        }
        if (at("transaction") && at(1, "isolation")) {
            p += 2;
            expect("level");
            return "transaction_isolation";
        }
        if (at("session") && at(1, "authorization")) {
            p += 2;
            return "session_authorization";
        }
        return null;
    }

    private RawStmt resetStatement() {
        Token reset = advance();
        if (accept("all")) {
            return new VariableSetStmt(VariableSetKind.RESET_ALL, null, List.of(), false, List.of(), reset.location());
        }
        String special = specialVariable();
        String name = special != null ? special : varName();
        return new VariableSetStmt(VariableSetKind.RESET, name, List.of(), false, List.of(), reset.location());
    }

    private RawStmt showStatement() {
        Token show = advance();
        if (accept("all")) {
            return new VariableShowStmt("all", show.location());
        }
        String special = specialVariable();
        return new VariableShowStmt(special != null ? special : varName(), show.location());
    }

    // ---- transactions ----

    private RawStmt transactionStatement() {
        Token t = advance();
        switch (t.text()) {
            case "begin":
                if (!accept("work")) {
                    accept("transaction");
                }
                return new TransactionStmt(TransactionKind.BEGIN, transactionModes(), null, null, false, t.location());
            case "start":
                expect("transaction");
                return new TransactionStmt(TransactionKind.START, transactionModes(), null, null, false, t.location());
            case "prepare":
                expect("transaction");
                return new TransactionStmt(TransactionKind.PREPARE, List.of(), null, sconst(), false, t.location());
            case "commit": case "end":
                if (t.isWord("commit") && accept("prepared")) {
                    return new TransactionStmt(TransactionKind.COMMIT_PREPARED, List.of(), null, sconst(), false,
                            t.location());
                }
                if (!accept("work")) {
                    accept("transaction");
                }
                return new TransactionStmt(TransactionKind.COMMIT, List.of(), null, null, chain(), t.location());
            case "rollback": case "abort":
                if (t.isWord("rollback") && accept("prepared")) {
                    return new TransactionStmt(TransactionKind.ROLLBACK_PREPARED, List.of(), null, sconst(), false,
                            t.location());
                }
                if (!accept("work")) {
                    accept("transaction");
                }
                if (t.isWord("rollback") && accept("to")) {
                    accept("savepoint");
                    return new TransactionStmt(TransactionKind.ROLLBACK_TO, List.of(), colId(), null, false, t.location());
                }
                return new TransactionStmt(TransactionKind.ROLLBACK, List.of(), null, null, chain(), t.location());
            case "savepoint":
                return new TransactionStmt(TransactionKind.SAVEPOINT, List.of(), colId(), null, false, t.location());
            case "release":
                accept("savepoint");
                return new TransactionStmt(TransactionKind.RELEASE, List.of(), colId(), null, false, t.location());
            default:
                throw syntaxError(t);
        }
    }

    private boolean chain() {
        if (accept("and")) {
            boolean no = accept("no");
            expect("chain");
            return !no;
        }
        return false;
    }

    /** transaction_mode_list: modes separated by commas or just whitespace. */
    private List<DefElem> transactionModes() {
        List<DefElem> modes = new ArrayList<>();
        while (true) {
            Token t = peek();
            if (accept("isolation")) {
                expect("level");
                String level;
                if (accept("serializable")) {
                    level = "serializable";
                } else if (accept("repeatable")) {
                    expect("read");
                    level = "repeatable read";
                } else {
                    expect("read");
                    if (accept("committed")) {
                        level = "read committed";
                    } else {
                        expect("uncommitted");
                        level = "read uncommitted";
                    }
                }
                modes.add(DefElem.of("transaction_isolation", new AConst(ConstKind.STRING, level, t.location()),
                        t.location()));
            } else if (at("read")) {
                advance();
                boolean only = accept("only");
                if (!only) {
                    expect("write");
                }
                modes.add(DefElem.of("transaction_read_only", new AConst(ConstKind.BOOLEAN, only ? "t" : "f",
                        t.location()), t.location()));
            } else if (accept("deferrable")) {
                modes.add(DefElem.of("transaction_deferrable", new AConst(ConstKind.BOOLEAN, "t", t.location()),
                        t.location()));
            } else if (at("not") && at(1, "deferrable")) {
                p += 2;
                modes.add(DefElem.of("transaction_deferrable", new AConst(ConstKind.BOOLEAN, "f", t.location()),
                        t.location()));
            } else {
                if (!modes.isEmpty() && tokens.get(p - 1).isPunct(',')) {
                    throw syntaxError(t);
                }
                break;
            }
            if (!acceptPunct(',') && !(at("isolation") || at("read") || at("deferrable") || at("not"))) {
                break;
            }
        }
        return modes;
    }

    private RawStmt discardStatement() {
        Token d = advance();
        DiscardMode mode;
        if (accept("all")) {
            mode = DiscardMode.ALL;
        } else if (accept("plans")) {
            mode = DiscardMode.PLANS;
        } else if (accept("sequences")) {
            mode = DiscardMode.SEQUENCES;
        } else if (accept("temp") || accept("temporary")) {
            mode = DiscardMode.TEMP;
        } else {
            throw syntaxErrorHere();
        }
        return new DiscardStmt(mode, d.location());
    }

    // ---- prepared statements and cursors ----

    private RawStmt prepareStatement() {
        advance();
        String name = colId();
        List<TypeName> types = List.of();
        if (acceptPunct('(')) {
            types = new ArrayList<>();
            do {
                types.add(typeName());
            } while (acceptPunct(','));
            expectPunct(')');
        }
        expect("as");
        return new PrepareStmt(name, types, preparableStmt());
    }

    private RawStmt executeStatement() {
        advance();
        String name = colId();
        List<RawNode> params = List.of();
        if (acceptPunct('(')) {
            params = exprList();
            expectPunct(')');
        }
        return new ExecuteStmt(name, params);
    }

    private RawStmt deallocateStatement() {
        advance();
        accept("prepare");
        if (accept("all")) {
            return new DeallocateStmt(null);
        }
        return new DeallocateStmt(colId());
    }

    private RawStmt declareCursor() {
        advance();
        String name = colId();
        int options = 0;
        while (true) {
            if (accept("no")) {
                expect("scroll");
                options |= DeclareCursorStmt.CURSOR_OPT_NO_SCROLL;
            } else if (accept("scroll")) {
                options |= DeclareCursorStmt.CURSOR_OPT_SCROLL;
            } else if (accept("binary")) {
                options |= DeclareCursorStmt.CURSOR_OPT_BINARY;
            } else if (accept("asensitive")) {
                options |= DeclareCursorStmt.CURSOR_OPT_ASENSITIVE;
            } else if (accept("insensitive")) {
                options |= DeclareCursorStmt.CURSOR_OPT_INSENSITIVE;
            } else {
                break;
            }
        }
        expect("cursor");
        if (accept("with")) {
            expect("hold");
            options |= DeclareCursorStmt.CURSOR_OPT_HOLD;
        } else if (accept("without")) {
            expect("hold");
        }
        expect("for");
        return new DeclareCursorStmt(name, options, selectStmt());
    }

    private RawStmt fetchStatement() {
        boolean move = advance().isWord("move");
        FetchDirection dir = FetchDirection.FORWARD;
        long count = 1;
        boolean needCursor = true;
        if (accept("next")) {
            count = 1;
        } else if (accept("prior")) {
            dir = FetchDirection.BACKWARD;
        } else if (accept("first")) {
            dir = FetchDirection.ABSOLUTE;
        } else if (accept("last")) {
            dir = FetchDirection.ABSOLUTE;
            count = -1;
        } else if (accept("absolute")) {
            dir = FetchDirection.ABSOLUTE;
            count = signedIconst();
        } else if (accept("relative")) {
            dir = FetchDirection.RELATIVE;
            count = signedIconst();
        } else if (accept("all")) {
            count = FetchStmt.FETCH_ALL;
        } else if (at("forward") || at("backward")) {
            dir = advance().isWord("forward") ? FetchDirection.FORWARD : FetchDirection.BACKWARD;
            if (accept("all")) {
                count = FetchStmt.FETCH_ALL;
            } else if (atSignedIconst()) {
                count = signedIconst();
            }
        } else if (atSignedIconst()) {
            count = signedIconst();
        } else {
            needCursor = false;
        }
        boolean fromIn = accept("from") || accept("in");
        if (needCursor || fromIn || !atEnd()) {
            return new FetchStmt(dir, count, colId(), move);
        }
        throw syntaxErrorHere();
    }

    private RawStmt closeStatement() {
        advance();
        if (accept("all")) {
            return new ClosePortalStmt(null);
        }
        return new ClosePortalStmt(colId());
    }

    // ---- EXPLAIN / COPY / VACUUM / TRUNCATE / LOCK ----

    private RawStmt explainStatement() {
        advance();
        List<DefElem> options = new ArrayList<>();
        if (atPunct('(')) {
            options = utilityOptions();
        } else {
            if (at("analyze") || at("analyse")) {
                Token a = advance();
                options.add(DefElem.of("analyze", null, a.location()));
            }
            if (at("verbose")) {
                Token v = advance();
                options.add(DefElem.of("verbose", null, v.location()));
            }
        }
        return new ExplainStmt(explainableStmt(), options);
    }

    private RawStmt explainableStmt() {
        if (at("execute")) {
            return executeStatement();
        }
        if (at("declare")) {
            return declareCursor();
        }
        if (at("create")) {
            return createStatement();
        }
        if (at("refresh")) {
            return otherStatement();
        }
        return preparableStmt();
    }

    /** '(' utility_option_list ')': name [arg], where arg is a boolean, string, word or number. */
    private List<DefElem> utilityOptions() {
        expectPunct('(');
        List<DefElem> out = new ArrayList<>();
        do {
            Token t = peek();
            String name = nonReservedWordOrAnalyze();
            RawNode arg = null;
            if (!atPunct(',') && !atPunct(')')) {
                arg = optionValue();
            }
            out.add(DefElem.of(name, arg, t.location()));
        } while (acceptPunct(','));
        expectPunct(')');
        return out;
    }

    private String nonReservedWordOrAnalyze() {
        if (at("analyze") || at("analyse")) {
            advance();
            return "analyze";
        }
        return nonReservedWord();
    }

    /** opt_boolean_or_string | NumericOnly. */
    private RawNode optionValue() {
        Token t = peek();
        if (atNumericOnly()) {
            return numericOnly();
        }
        if (t.kind() == TokenKind.SCONST) {
            advance();
            return new AConst(ConstKind.STRING, t.text(), t.location());
        }
        if (t.isWord("true") || t.isWord("false") || t.isWord("on") || isNonReservedWord(t)) {
            advance();
            return new AConst(ConstKind.STRING, t.text(), t.location());
        }
        throw syntaxError(t);
    }

    private RawStmt copyStatement() {
        Token copy = advance();
        List<DefElem> options = new ArrayList<>();
        RangeVar rel = null;
        RawStmt query = null;
        List<String> cols = List.of();
        boolean isFrom;
        if (atPunct('(')) {
            advance();
            query = preparableStmt();
            expectPunct(')');
            expect("to");
            isFrom = false;
        } else {
            if (at("binary")) {
                Token b = advance();
                options.add(DefElem.of("format", new AConst(ConstKind.STRING, "binary", b.location()), b.location()));
            }
            rel = qualifiedName();
            cols = optColumnList();
            if (accept("from")) {
                isFrom = true;
            } else {
                expect("to");
                isFrom = false;
            }
        }
        boolean program = accept("program");
        String filename = null;
        Token f = peek();
        if (accept("stdin") || accept("stdout")) {
            filename = null;
        } else {
            filename = sconst();
        }
        if (program && filename == null) {
            throw error(SqlState.SYNTAX_ERROR, "STDIN/STDOUT not allowed with PROGRAM", f.location());
        }
        if (at("using") || at("delimiters")) {
            accept("using");
            Token d = expect("delimiters");
            Token s = peek();
            options.add(DefElem.of("delimiter", new AConst(ConstKind.STRING, sconst(), s.location()), d.location()));
        }
        accept("with");
        if (atPunct('(')) {
            options.addAll(copyGenericOptions());
        } else {
            while (true) {
                Token t = peek();
                if (accept("binary")) {
                    options.add(DefElem.of("format", new AConst(ConstKind.STRING, "binary", t.location()), t.location()));
                } else if (accept("freeze")) {
                    options.add(DefElem.of("freeze", new AConst(ConstKind.BOOLEAN, "t", t.location()), t.location()));
                } else if (accept("csv")) {
                    options.add(DefElem.of("format", new AConst(ConstKind.STRING, "csv", t.location()), t.location()));
                } else if (accept("header")) {
                    options.add(DefElem.of("header", new AConst(ConstKind.BOOLEAN, "t", t.location()), t.location()));
                } else if (at("delimiter") || at("null") || at("quote") || at("escape") || at("encoding")) {
                    String name = advance().text();
                    accept("as");
                    Token s = peek();
                    options.add(DefElem.of(name, new AConst(ConstKind.STRING, sconst(), s.location()), t.location()));
                } else if (accept("force")) {
                    String name;
                    RawNode arg;
                    if (accept("quote")) {
                        name = "force_quote";
                    } else if (accept("not")) {
                        expect("null");
                        name = "force_not_null";
                    } else {
                        expect("null");
                        name = "force_null";
                    }
                    if (name.equals("force_quote") && peek().isOp("*")) {
                        arg = new AStar(advance().location());
                    } else {
                        List<RawNode> names = new ArrayList<>();
                        do {
                            Token c = peek();
                            names.add(new AConst(ConstKind.STRING, colId(), c.location()));
                        } while (acceptPunct(','));
                        arg = new NodeList(names, t.location());
                    }
                    options.add(DefElem.of(name, arg, t.location()));
                } else {
                    break;
                }
            }
        }
        RawNode where = null;
        if (accept("where")) {
            where = aExpr();
        }
        return new CopyStmt(rel, query, cols, isFrom, program, filename, options, where);
    }

    private List<DefElem> copyGenericOptions() {
        expectPunct('(');
        List<DefElem> out = new ArrayList<>();
        do {
            Token t = peek();
            String name = colLabel();
            RawNode arg = null;
            if (peek().isOp("*")) {
                arg = new AStar(advance().location());
            } else if (atPunct('(')) {
                advance();
                List<RawNode> items = new ArrayList<>();
                do {
                    items.add(optionValue());
                } while (acceptPunct(','));
                expectPunct(')');
                arg = new NodeList(items, t.location());
            } else if (!atPunct(',') && !atPunct(')')) {
                arg = optionValue();
            }
            out.add(DefElem.of(name, arg, t.location()));
        } while (acceptPunct(','));
        expectPunct(')');
        return out;
    }

    private RawStmt vacuumStatement() {
        Token t = advance();
        boolean vacuum = t.isWord("vacuum");
        List<DefElem> options = new ArrayList<>();
        if (atPunct('(')) {
            options = utilityOptions();
        } else if (vacuum) {
            for (String w : new String[] {"full", "freeze", "verbose"}) {
                if (at(w)) {
                    Token o = advance();
                    options.add(DefElem.of(w, null, o.location()));
                }
            }
            if (at("analyze") || at("analyse")) {
                Token o = advance();
                options.add(DefElem.of("analyze", null, o.location()));
            }
        } else if (at("verbose")) {
            Token o = advance();
            options.add(DefElem.of("verbose", null, o.location()));
        }
        List<VacuumRelation> rels = new ArrayList<>();
        if (!atEnd()) {
            do {
                RangeVar r = qualifiedName();
                rels.add(new VacuumRelation(r, optColumnList()));
            } while (acceptPunct(','));
        }
        return new VacuumStmt(options, rels, vacuum);
    }

    /** REINDEX [(options)] {INDEX|TABLE|SCHEMA|DATABASE|SYSTEM} [CONCURRENTLY] name (gram.y ReindexStmt). */
    private RawStmt reindexStatement() {
        advance();
        List<DefElem> options = new ArrayList<>();
        if (atPunct('(')) {
            options = utilityOptions();
        }
        Token kindToken = peek();
        ReindexStmt.Kind kind;
        if (accept("index")) {
            kind = ReindexStmt.Kind.INDEX;
        } else if (accept("table")) {
            kind = ReindexStmt.Kind.TABLE;
        } else if (accept("schema")) {
            kind = ReindexStmt.Kind.SCHEMA;
        } else if (accept("system")) {
            kind = ReindexStmt.Kind.SYSTEM;
        } else if (accept("database")) {
            kind = ReindexStmt.Kind.DATABASE;
        } else {
            throw syntaxError(kindToken);
        }
        boolean concurrently = accept("concurrently");
        if (kind == ReindexStmt.Kind.INDEX || kind == ReindexStmt.Kind.TABLE) {
            return new ReindexStmt(kind, qualifiedName(), null, options, concurrently);
        }
        String name = null;
        if (kind == ReindexStmt.Kind.SCHEMA || !atEnd()) {
            name = colId();
        }
        return new ReindexStmt(kind, null, name, options, concurrently);
    }

    private RawStmt truncateStatement() {
        advance();
        accept("table");
        List<RangeVar> rels = new ArrayList<>();
        do {
            rels.add(relationExpr());
        } while (acceptPunct(','));
        boolean restart = false;
        if (accept("restart")) {
            expect("identity");
            restart = true;
        } else if (accept("continue")) {
            expect("identity");
        }
        return new TruncateStmt(rels, restart, dropBehavior());
    }

    private RawStmt lockStatement() {
        advance();
        accept("table");
        List<RangeVar> rels = new ArrayList<>();
        do {
            rels.add(relationExpr());
        } while (acceptPunct(','));
        int mode = 8;
        if (accept("in")) {
            if (accept("access")) {
                if (accept("share")) {
                    mode = 1;
                } else {
                    expect("exclusive");
                    mode = 8;
                }
            } else if (accept("row")) {
                if (accept("share")) {
                    mode = 2;
                } else {
                    expect("exclusive");
                    mode = 3;
                }
            } else if (accept("share")) {
                if (accept("update")) {
                    expect("exclusive");
                    mode = 4;
                } else if (accept("row")) {
                    expect("exclusive");
                    mode = 6;
                } else {
                    mode = 5;
                }
            } else {
                expect("exclusive");
                mode = 7;
            }
            expect("mode");
        }
        return new LockStmt(rels, mode, accept("nowait"));
    }

    private RawStmt doStatement() {
        advance();
        List<DefElem> args = new ArrayList<>();
        while (!atEnd()) {
            Token t = peek();
            if (accept("language")) {
                Token l = peek();
                args.add(DefElem.of("language", new AConst(ConstKind.STRING, nonReservedWordOrSconst(), l.location()),
                        t.location()));
            } else {
                args.add(DefElem.of("as", new AConst(ConstKind.STRING, sconst(), t.location()), t.location()));
            }
        }
        if (args.isEmpty()) {
            throw syntaxErrorHere();
        }
        return new DoStmt(args);
    }
}
