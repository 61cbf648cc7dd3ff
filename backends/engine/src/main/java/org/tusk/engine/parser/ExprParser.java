package org.tusk.engine.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.tusk.api.error.PgException;
import org.tusk.api.error.SqlState;
import org.tusk.engine.nodes.*;

/**
 * a_expr / b_expr / c_expr of gram.y by precedence climbing. Levels, lowest first (gram.y's
 * %left/%right/%nonassoc list): OR, AND, NOT (prefix), IS/ISNULL/NOTNULL (nonassoc), comparison
 * (nonassoc), BETWEEN/IN/LIKE/ILIKE/SIMILAR (nonassoc), ESCAPE, other operators, + -, * / %, ^,
 * AT TIME ZONE, COLLATE, unary minus, then subscripts and :: on the operand itself.
 * Also type names, function calls with their decorations, and window specifications.
 */
abstract class ExprParser extends ParserBase {
    static final int P_OR = 1;
    static final int P_AND = 2;
    static final int P_NOT = 3;
    static final int P_IS = 4;
    static final int P_CMP = 5;
    static final int P_LIKE = 6;
    static final int P_ESCAPE = 7;
    static final int P_OP = 8;
    static final int P_ADD = 9;
    static final int P_MUL = 10;
    static final int P_EXP = 11;
    static final int P_AT = 12;
    static final int P_COLLATE = 13;
    static final int P_UMINUS = 14;

    private static final Set<String> COMPARISON = Set.of("<", ">", "=", "<=", ">=", "<>");
    private static final Set<String> MATH = Set.of("+", "-", "*", "/", "%", "^");
    static final List<String> CATALOG = List.of("pg_catalog");

    ExprParser(String sql) {
        super(sql);
    }

    /** select_with_parens: implemented by the SELECT grammar. */
    abstract SelectStmt selectWithParens();

    /** Whether a '(' at the current position opens a subquery: the first token after the parentheses starts one. */
    final boolean atSubselect() {
        int q = 0;
        while (peek(q).isPunct('(')) {
            q++;
        }
        if (q == 0) {
            return false;
        }
        Token t = peek(q);
        return t.isWord("select") || t.isWord("values") || t.isWord("with") || t.isWord("table");
    }

    /** select_with_parens where an expression could also start with '(': try the subquery, else backtrack. */
    final SelectStmt trySubselect() {
        if (!atSubselect()) {
            return null;
        }
        int save = p;
        try {
            SelectStmt s = selectWithParens();
            return s;
        } catch (PgException e) {
            p = save;
            lastBacktrackError = lastBacktrackError == null ? e : further(lastBacktrackError, e);
            return null;
        }
    }

    PgException lastBacktrackError;

    static List<String> sysName(String name) {
        return List.of("pg_catalog", name);
    }

    // ---- entry points ----

    final RawNode aExpr() {
        return expr(P_OR, false);
    }

    final RawNode bExpr() {
        return expr(P_OR, true);
    }

    final List<RawNode> exprList() {
        List<RawNode> list = new ArrayList<>();
        do {
            list.add(aExpr());
        } while (acceptPunct(','));
        return list;
    }

    private static boolean isGenericOp(Token t) {
        return t.kind() == TokenKind.OP && !COMPARISON.contains(t.text()) && !MATH.contains(t.text());
    }

    /** qual_Op / all_Op at the current token: an operator or OPERATOR(name). */
    private boolean atOperatorKeyword() {
        return at("operator") && peek(1).isPunct('(');
    }

    /** OPERATOR '(' any_operator ')'. */
    final List<String> operatorName() {
        expect("operator");
        expectPunct('(');
        List<String> name = new ArrayList<>();
        while (peek().kind() == TokenKind.IDENT && peek(1).isPunct('.')) {
            name.add(colId());
            advance();
        }
        Token op = peek();
        if (op.kind() != TokenKind.OP) {
            throw syntaxError(op);
        }
        advance();
        name.add(op.text());
        expectPunct(')');
        return name;
    }

    private RawNode expr(int minPrec, boolean b) {
        RawNode left = prefix(minPrec, b);
        while (true) {
            Token t = peek();
            int q = 0;
            if (!b && t.isWord("not") && (peek(1).isWord("like") || peek(1).isWord("ilike") || peek(1).isWord("in")
                    || peek(1).isWord("between") || peek(1).isWord("similar"))) {
                q = 1;
            }
            Token kw = peek(q);
            if (!b && t.isWord("or") && minPrec <= P_OR) {
                advance();
                left = makeBool(BoolOp.OR, left, expr(P_OR + 1, false), t.location());
            } else if (!b && t.isWord("and") && minPrec <= P_AND) {
                advance();
                left = makeBool(BoolOp.AND, left, expr(P_AND + 1, false), t.location());
            } else if ((t.isWord("is") || (!b && (t.isWord("isnull") || t.isWord("notnull")))) && minPrec <= P_IS) {
                left = isClause(left, b);
                Token n = peek();
                if (n.isWord("is") || n.isWord("isnull") || n.isWord("notnull")) {
                    throw syntaxError(n);
                }
            } else if (t.kind() == TokenKind.OP && COMPARISON.contains(t.text()) && minPrec <= P_CMP) {
                advance();
                left = operatorRhs(left, List.of(t.text()), t, P_CMP + 1, b);
                Token n = peek();
                if (n.kind() == TokenKind.OP && COMPARISON.contains(n.text())) {
                    throw syntaxError(n);
                }
            } else if (!b && minPrec <= P_LIKE && (kw.isWord("like") || kw.isWord("ilike") || kw.isWord("similar")
                    || kw.isWord("in") || kw.isWord("between")) && !(kw.isWord("similar") && !peek(q + 1).isWord("to"))) {
                p += q;
                left = likeInBetween(left, q == 1, t);
                Token n = peek();
                if (n.isWord("like") || n.isWord("ilike") || n.isWord("similar") || n.isWord("in")
                        || n.isWord("between") || (n.isWord("not") && (peek(1).isWord("like") || peek(1).isWord("ilike")
                        || peek(1).isWord("in") || peek(1).isWord("between") || peek(1).isWord("similar")))) {
                    throw syntaxError(n);
                }
            } else if ((isGenericOp(t) || atOperatorKeyword()) && minPrec <= P_OP) {
                List<String> name;
                if (atOperatorKeyword()) {
                    name = operatorName();
                } else {
                    advance();
                    name = List.of(t.text());
                }
                left = operatorRhs(left, name, t, P_OP + 1, b);
            } else if ((t.isOp("+") || t.isOp("-")) && minPrec <= P_ADD) {
                advance();
                left = operatorRhs(left, List.of(t.text()), t, P_ADD + 1, b);
            } else if ((t.isOp("*") || t.isOp("/") || t.isOp("%")) && minPrec <= P_MUL) {
                advance();
                left = operatorRhs(left, List.of(t.text()), t, P_MUL + 1, b);
            } else if (t.isOp("^") && minPrec <= P_EXP) {
                advance();
                left = operatorRhs(left, List.of(t.text()), t, P_EXP + 1, b);
            } else if (!b && t.isWord("at") && peek(1).isWord("time") && peek(2).isWord("zone") && minPrec <= P_AT) {
                p += 3;
                RawNode zone = expr(P_AT + 1, false);
                left = FuncCall.of(sysName("timezone"), List.of(zone, left), CoercionForm.SQL_SYNTAX, t.location());
            } else if (!b && t.isWord("collate") && minPrec <= P_COLLATE) {
                advance();
                left = new CollateClause(left, anyName(), t.location());
            } else {
                return left;
            }
        }
    }

    /** The right operand of a binary operator, or op ANY/SOME/ALL (subquery or array). */
    private RawNode operatorRhs(RawNode left, List<String> name, Token op, int prec, boolean b) {
        if (!b && (at("any") || at("some") || at("all")) && peek(1).isPunct('(')) {
            Token kw = advance();
            boolean all = kw.isWord("all");
            SelectStmt sub = trySubselect();
            if (sub != null) {
                return new SubLink(all ? SubLinkType.ALL : SubLinkType.ANY, left, name, sub, op.location());
            }
            expectPunct('(');
            RawNode arr = aExpr();
            expectPunct(')');
            return new AExpr(all ? AExprKind.OP_ALL : AExprKind.OP_ANY, name, left, arr, op.location());
        }
        RawNode right = expr(prec, b);
        return new AExpr(AExprKind.OP, name, left, right, op.location());
    }

    private RawNode isClause(RawNode e, boolean b) {
        Token t = advance();
        if (t.isWord("isnull")) {
            return new NullTest(e, false, t.location());
        }
        if (t.isWord("notnull")) {
            return new NullTest(e, true, t.location());
        }
        boolean not = accept("not");
        Token what = peek();
        if (!b && accept("null")) {
            return new NullTest(e, not, t.location());
        }
        if (!b && accept("true")) {
            return new BooleanTest(e, not ? BooleanTestKind.IS_NOT_TRUE : BooleanTestKind.IS_TRUE, t.location());
        }
        if (!b && accept("false")) {
            return new BooleanTest(e, not ? BooleanTestKind.IS_NOT_FALSE : BooleanTestKind.IS_FALSE, t.location());
        }
        if (!b && accept("unknown")) {
            return new BooleanTest(e, not ? BooleanTestKind.IS_NOT_UNKNOWN : BooleanTestKind.IS_UNKNOWN, t.location());
        }
        if (accept("distinct")) {
            expect("from");
            RawNode right = expr(P_IS + 1, b);
            return new AExpr(not ? AExprKind.NOT_DISTINCT : AExprKind.DISTINCT, List.of("="), e, right, t.location());
        }
        if (accept("document")) {
            RawNode xml = FuncCall.of(sysName("xml_is_well_formed_document"), List.of(e), CoercionForm.SQL_SYNTAX,
                    t.location());
            return not ? new BoolExprNode(BoolOp.NOT, List.of(xml), t.location()) : xml;
        }
        if (!b && (at("normalized") || ((at("nfc") || at("nfd") || at("nfkc") || at("nfkd")) && at(1, "normalized")))) {
            List<RawNode> args = new ArrayList<>(List.of(e));
            if (!at("normalized")) {
                Token form = advance();
                args.add(new AConst(ConstKind.STRING, form.text().toUpperCase(java.util.Locale.ROOT), form.location()));
            }
            advance();
            RawNode f = FuncCall.of(sysName("is_normalized"), args, CoercionForm.SQL_SYNTAX, t.location());
            return not ? new BoolExprNode(BoolOp.NOT, List.of(f), t.location()) : f;
        }
        throw syntaxError(what);
    }

    private RawNode likeInBetween(RawNode left, boolean not, Token start) {
        Token kw = advance();
        int loc = kw.location();
        if (not) {
            loc = start.location();
        }
        if (kw.isWord("like") || kw.isWord("ilike")) {
            boolean like = kw.isWord("like");
            String op = like ? (not ? "!~~" : "~~") : (not ? "!~~*" : "~~*");
            if ((at("any") || at("some") || at("all")) && peek(1).isPunct('(')) {
                return operatorRhs(left, List.of(op), kw, P_LIKE + 1, false);
            }
            RawNode pattern = expr(P_ESCAPE + 1, false);
            if (accept("escape")) {
                RawNode esc = expr(P_LIKE + 1, false);
                pattern = FuncCall.of(sysName("like_escape"), List.of(pattern, esc), CoercionForm.EXPLICIT_CALL, loc);
            }
            return new AExpr(like ? AExprKind.LIKE : AExprKind.ILIKE, List.of(op), left, pattern, loc);
        }
        if (kw.isWord("similar")) {
            expect("to");
            RawNode pattern = expr(P_ESCAPE + 1, false);
            List<RawNode> args = new ArrayList<>(List.of(pattern));
            if (accept("escape")) {
                args.add(expr(P_LIKE + 1, false));
            }
            RawNode f = FuncCall.of(sysName("similar_to_escape"), args, CoercionForm.EXPLICIT_CALL, loc);
            return new AExpr(AExprKind.SIMILAR, List.of(not ? "!~" : "~"), left, f, loc);
        }
        if (kw.isWord("in")) {
            SelectStmt sub = trySubselect();
            if (sub != null) {
                RawNode link = new SubLink(SubLinkType.ANY, left, List.of("="), sub, loc);
                return not ? new BoolExprNode(BoolOp.NOT, List.of(link), loc) : link;
            }
            Token open = expectPunct('(');
            List<RawNode> items = exprList();
            expectPunct(')');
            return new AExpr(AExprKind.IN, List.of(not ? "<>" : "="), left, new NodeList(items, open.location()), loc);
        }
        // BETWEEN [SYMMETRIC | ASYMMETRIC] b_expr AND a_expr
        boolean sym = false;
        if (accept("symmetric")) {
            sym = true;
        } else {
            accept("asymmetric");
        }
        RawNode low = bExpr();
        expect("and");
        RawNode high = expr(P_LIKE + 1, false);
        AExprKind k = sym ? (not ? AExprKind.NOT_BETWEEN_SYM : AExprKind.BETWEEN_SYM)
                : (not ? AExprKind.NOT_BETWEEN : AExprKind.BETWEEN);
        String name = switch (k) {
            case BETWEEN -> "BETWEEN";
            case NOT_BETWEEN -> "NOT BETWEEN";
            case BETWEEN_SYM -> "BETWEEN SYMMETRIC";
            default -> "NOT BETWEEN SYMMETRIC";
        };
        return new AExpr(k, List.of(name), left, new NodeList(List.of(low, high), low.location()), loc);
    }

    private RawNode prefix(int minPrec, boolean b) {
        Token t = peek();
        if (!b && t.isWord("not") && !(peek(1).isWord("like") || peek(1).isWord("ilike") || peek(1).isWord("similar")
                || peek(1).isWord("between") || peek(1).isWord("in"))) {
            advance();
            RawNode arg = expr(P_NOT, false);
            return new BoolExprNode(BoolOp.NOT, List.of(arg), t.location());
        }
        if (t.isOp("-") || t.isOp("+")) {
            advance();
            RawNode arg = expr(P_UMINUS, b);
            if (t.isOp("-")) {
                return negate(arg, t.location());
            }
            return new AExpr(AExprKind.OP, List.of("+"), null, arg, t.location());
        }
        if (isGenericOp(t) || atOperatorKeyword()) {
            List<String> name;
            if (atOperatorKeyword()) {
                name = operatorName();
            } else {
                advance();
                name = List.of(t.text());
            }
            RawNode arg = expr(P_OP + 1, b);
            return new AExpr(AExprKind.OP, name, null, arg, t.location());
        }
        return postfix(primary());
    }

    /** doNegate: a negated numeric literal stays a literal (so -2147483648 is an int4). */
    private static RawNode negate(RawNode arg, int location) {
        if (arg instanceof AConst c && (c.kind() == ConstKind.INTEGER || c.kind() == ConstKind.FLOAT)) {
            String text = c.val().startsWith("-") ? c.val().substring(1) : "-" + c.val();
            ConstKind kind = c.kind();
            if (kind == ConstKind.FLOAT && text.matches("-?\\d+") && fitsInt(text)) {
                kind = ConstKind.INTEGER;
            }
            return new AConst(kind, text, location);
        }
        return new AExpr(AExprKind.OP, List.of("-"), null, arg, location);
    }

    static boolean fitsInt(String text) {
        try {
            Integer.parseInt(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static RawNode makeBool(BoolOp op, RawNode left, RawNode right, int location) {
        List<RawNode> args = new ArrayList<>();
        if (left instanceof BoolExprNode b && b.boolop() == op) {
            args.addAll(b.args());
            location = b.location();
        } else {
            args.add(left);
        }
        args.add(right);
        return new BoolExprNode(op, args, location);
    }

    /** TYPECAST after any operand (its precedence is above everything but '.'). */
    private RawNode postfix(RawNode e) {
        while (peek().kind() == TokenKind.TYPECAST) {
            Token t = advance();
            e = new TypeCast(e, typeName(), t.location());
        }
        return e;
    }

    /** opt_indirection: [subscripts], .field, .* after a column, parameter, (expr) or subquery. */
    private RawNode indirection(RawNode base) {
        List<RawNode> ind = new ArrayList<>();
        while (true) {
            Token t = peek();
            if (t.isPunct('[')) {
                ind.add(subscript(t));
            } else if (t.isPunct('.')) {
                advance();
                if (peek().isOp("*")) {
                    ind.add(new AStar(advance().location()));
                } else {
                    Token n = peek();
                    ind.add(new IndirectionField(colLabel(), n.location()));
                }
            } else {
                break;
            }
        }
        if (ind.isEmpty()) {
            return base;
        }
        return new AIndirection(base, ind, base.location());
    }

    // ---- c_expr ----

    /** c_expr: an operand without operators or casts (FETCH FIRST's row count). */
    final RawNode cExpr() {
        return primary();
    }

    private RawNode primary() {
        Token t = peek();
        switch (t.kind()) {
            case ICONST:
                advance();
                return new AConst(ConstKind.INTEGER, t.text(), t.location());
            case FCONST:
                advance();
                return new AConst(ConstKind.FLOAT, t.text(), t.location());
            case SCONST:
                advance();
                return new AConst(ConstKind.STRING, t.text(), t.location());
            case BCONST:
                advance();
                return new AConst(ConstKind.BITSTRING, t.text(), t.location());
            case PARAM: {
                advance();
                int n;
                try {
                    n = Integer.parseInt(t.text());
                } catch (NumberFormatException ex) {
                    n = Integer.MAX_VALUE;
                }
                return indirection(new ParamRef(n, t.location()));
            }
            case PUNCT:
                if (t.isPunct('(')) {
                    SelectStmt sub = trySubselect();
                    if (sub != null) {
                        return indirection(new SubLink(SubLinkType.EXPR, null, List.of(), sub, t.location()));
                    }
                    advance();
                    RawNode inner = aExpr();
                    if (atPunct(',')) {
                        List<RawNode> items = new ArrayList<>(List.of(inner));
                        while (acceptPunct(',')) {
                            items.add(aExpr());
                        }
                        expectPunct(')');
                        return rowOverlaps(new RowExpr(items, false, t.location()));
                    }
                    expectPunct(')');
                    if (inner instanceof RowExpr r && !atPunct('.') && !atPunct('[')) {
                        return rowOverlaps(r);
                    }
                    return indirection(inner);
                }
                throw syntaxError(t);
            case IDENT:
                return identifierExpression(t);
            default:
                throw syntaxError(t);
        }
    }

    private RawNode rowOverlaps(RowExpr row) {
        if (!at("overlaps")) {
            return row;
        }
        Token o = advance();
        RawNode right = primary();
        if (!(right instanceof RowExpr r2)) {
            throw syntaxError(o);
        }
        List<RawNode> args = new ArrayList<>(row.args());
        args.addAll(r2.args());
        if (row.args().size() != 2 || r2.args().size() != 2) {
            throw error(SqlState.SYNTAX_ERROR, "wrong number of parameters on " + (row.args().size() != 2 ? "left" : "right")
                    + " side of OVERLAPS expression", row.args().size() != 2 ? row.location() : r2.location());
        }
        return FuncCall.of(sysName("overlaps"), args, CoercionForm.SQL_SYNTAX, o.location());
    }

    private RawNode identifierExpression(Token t) {
        if (!t.quoted()) {
            RawNode special = specialSyntax(t);
            if (special != null) {
                return special;
            }
        }
        if (!t.quoted() && Keywords.RESERVED.contains(t.text())) {
            throw syntaxError(t);
        }
        boolean colName = !t.quoted() && Keywords.COL_NAME.contains(t.text());
        boolean typeFunc = !t.quoted() && Keywords.TYPE_FUNC_NAME.contains(t.text());
        // func_name '(' ... : type_function_name or ColId with indirection
        if (peek(1).isPunct('(') && !colName) {
            advance();
            return funcExpr(List.of(t.text()), t);
        }
        // func_name Sconst: generic typed literal
        if (peek(1).kind() == TokenKind.SCONST && !colName) {
            advance();
            Token s = advance();
            TypeName type = new TypeName(List.of(t.text()), List.of(), List.of(), false, false, t.location());
            return new TypeCast(new AConst(ConstKind.STRING, s.text(), s.location()), type, t.location());
        }
        if (typeFunc) {
            throw syntaxError(peek(1));
        }
        advance();
        List<String> names = new ArrayList<>();
        names.add(t.text());
        while (atPunct('.') && !peek(1).isOp("*") && peek(1).kind() == TokenKind.IDENT) {
            advance();
            names.add(colLabel());
        }
        if (atPunct('.') && peek(1).isOp("*")) {
            advance();
            advance();
            return indirection(new ColumnRef(names, true, t.location()));
        }
        if (names.size() > 1 && atPunct('(')) {
            return funcExpr(names, t);
        }
        if (names.size() > 1 && peek().kind() == TokenKind.SCONST) {
            Token s = advance();
            TypeName type = new TypeName(names, List.of(), List.of(), false, false, t.location());
            return new TypeCast(new AConst(ConstKind.STRING, s.text(), s.location()), type, t.location());
        }
        if (atPunct('.')) {
            throw syntaxError(peek(1));
        }
        return indirection(new ColumnRef(names, false, t.location()));
    }

    /** Keywords with their own expression syntax; null when the word is not one of them here. */
    private RawNode specialSyntax(Token t) {
        String w = t.text();
        int loc = t.location();
        switch (w) {
            case "true": advance(); return new AConst(ConstKind.BOOLEAN, "t", loc);
            case "false": advance(); return new AConst(ConstKind.BOOLEAN, "f", loc);
            case "null": advance(); return new AConst(ConstKind.NULL, null, loc);
            case "default": advance(); return new SetToDefault(loc);
            case "case": return caseExpr();
            case "cast": {
                advance();
                expectPunct('(');
                RawNode arg = aExpr();
                expect("as");
                TypeName type = typeName();
                expectPunct(')');
                return new TypeCast(arg, type, loc);
            }
            case "treat": {
                advance();
                expectPunct('(');
                RawNode arg = aExpr();
                expect("as");
                TypeName type = typeName();
                expectPunct(')');
                return FuncCall.of(sysName(type.lastName()), List.of(arg), CoercionForm.EXPLICIT_CALL, loc);
            }
            case "coalesce": case "greatest": case "least": {
                if (!peek(1).isPunct('(')) {
                    return null;
                }
                advance();
                expectPunct('(');
                List<RawNode> args = exprList();
                expectPunct(')');
                return w.equals("coalesce") ? new CoalesceExprNode(args, loc) : new MinMaxExprNode(w.equals("greatest"), args, loc);
            }
            case "nullif": {
                if (!peek(1).isPunct('(')) {
                    return null;
                }
                advance();
                expectPunct('(');
                RawNode a = aExpr();
                expectPunct(',');
                RawNode b = aExpr();
                expectPunct(')');
                return new AExpr(AExprKind.NULLIF, List.of("="), a, b, loc);
            }
            case "exists": {
                if (!peek(1).isPunct('(')) {
                    return null;
                }
                advance();
                SelectStmt sub = selectWithParens();
                return new SubLink(SubLinkType.EXISTS, null, List.of(), sub, loc);
            }
            case "array": {
                advance();
                if (atPunct('(')) {
                    SelectStmt sub = selectWithParens();
                    return new SubLink(SubLinkType.ARRAY, null, List.of(), sub, loc);
                }
                // gram.y: the outermost A_ArrayExpr is located at ARRAY, nested ones at their '['
                AArrayExpr outer = (AArrayExpr) arrayExpr();
                return new AArrayExpr(outer.elements(), loc);
            }
            case "row": {
                if (!peek(1).isPunct('(')) {
                    return null;
                }
                advance();
                expectPunct('(');
                List<RawNode> args = atPunct(')') ? List.of() : exprList();
                expectPunct(')');
                return rowOverlaps(new RowExpr(args, true, loc));
            }
            case "grouping": {
                if (!peek(1).isPunct('(')) {
                    return null;
                }
                advance();
                expectPunct('(');
                List<RawNode> args = exprList();
                expectPunct(')');
                return new GroupingFunc(args, loc);
            }
            case "current_date": advance(); return new SQLValueFunction(SQLValueFunctionOp.CURRENT_DATE, -1, loc);
            case "current_time": return svfWithPrecision(SQLValueFunctionOp.CURRENT_TIME, SQLValueFunctionOp.CURRENT_TIME_N);
            case "current_timestamp":
                return svfWithPrecision(SQLValueFunctionOp.CURRENT_TIMESTAMP, SQLValueFunctionOp.CURRENT_TIMESTAMP_N);
            case "localtime": return svfWithPrecision(SQLValueFunctionOp.LOCALTIME, SQLValueFunctionOp.LOCALTIME_N);
            case "localtimestamp":
                return svfWithPrecision(SQLValueFunctionOp.LOCALTIMESTAMP, SQLValueFunctionOp.LOCALTIMESTAMP_N);
            case "current_role": advance(); return new SQLValueFunction(SQLValueFunctionOp.CURRENT_ROLE, -1, loc);
            case "current_user": advance(); return new SQLValueFunction(SQLValueFunctionOp.CURRENT_USER, -1, loc);
            case "session_user": advance(); return new SQLValueFunction(SQLValueFunctionOp.SESSION_USER, -1, loc);
            case "user": advance(); return new SQLValueFunction(SQLValueFunctionOp.USER, -1, loc);
            case "current_catalog": advance(); return new SQLValueFunction(SQLValueFunctionOp.CURRENT_CATALOG, -1, loc);
            case "current_schema":
                if (peek(1).isPunct('(')) {
                    return null;
                }
                advance();
                return new SQLValueFunction(SQLValueFunctionOp.CURRENT_SCHEMA, -1, loc);
            case "collation":
                if (peek(1).isWord("for")) {
                    advance();
                    advance();
                    expectPunct('(');
                    RawNode arg = aExpr();
                    expectPunct(')');
                    return FuncCall.of(sysName("pg_collation_for"), List.of(arg), CoercionForm.SQL_SYNTAX, loc);
                }
                return null;
            case "extract": return peek(1).isPunct('(') ? extract() : null;
            case "overlay": return peek(1).isPunct('(') ? overlay() : null;
            case "position": return peek(1).isPunct('(') ? position() : null;
            case "substring": return peek(1).isPunct('(') ? substring() : null;
            case "trim": return peek(1).isPunct('(') ? trim() : null;
            case "normalize": {
                if (!peek(1).isPunct('(')) {
                    return null;
                }
                advance();
                expectPunct('(');
                List<RawNode> args = new ArrayList<>(List.of(aExpr()));
                if (acceptPunct(',')) {
                    Token f = advance();
                    args.add(new AConst(ConstKind.STRING, f.text().toUpperCase(java.util.Locale.ROOT), f.location()));
                }
                expectPunct(')');
                return FuncCall.of(sysName("normalize"), args, CoercionForm.SQL_SYNTAX, loc);
            }
            default:
                break;
        }
        // ConstTypename Sconst and friends: the SQL spellings of types followed by a literal.
        if (isSqlTypeStart(t)) {
            int save = p;
            PgException failure;
            try {
                TypeName type = constTypename();
                if (peek().kind() == TokenKind.SCONST) {
                    Token s = advance();
                    RawNode lit = new AConst(ConstKind.STRING, s.text(), s.location());
                    if (type.lastName().equals("interval") && type.typmods().isEmpty()) {
                        List<RawNode> mods = intervalQualifier();
                        if (!mods.isEmpty()) {
                            type = new TypeName(type.names(), mods, List.of(), false, false, type.location());
                        }
                    }
                    return new TypeCast(lit, type, loc);
                }
                failure = syntaxError(peek());
            } catch (PgException e) {
                failure = e;
            }
            p = save;
            if (Keywords.COL_NAME.contains(w) && !peek(1).isPunct('(')) {
                return null; // a column that happens to be named like a type
            }
            throw failure;
        }
        return null;
    }

    private RawNode svfWithPrecision(SQLValueFunctionOp plain, SQLValueFunctionOp withPrecision) {
        Token t = advance();
        if (atPunct('(')) {
            advance();
            int n = iconst();
            expectPunct(')');
            return new SQLValueFunction(withPrecision, n, t.location());
        }
        return new SQLValueFunction(plain, -1, t.location());
    }

    private RawNode extract() {
        Token t = advance();
        expectPunct('(');
        Token f = peek();
        String field;
        if (f.kind() == TokenKind.SCONST) {
            field = advance().text();
        } else if (f.kind() == TokenKind.IDENT) {
            field = advance().text();
        } else {
            throw syntaxError(f);
        }
        expect("from");
        RawNode arg = aExpr();
        expectPunct(')');
        return FuncCall.of(sysName("extract"), List.of(new AConst(ConstKind.STRING, field, f.location()), arg),
                CoercionForm.SQL_SYNTAX, t.location());
    }

    private RawNode overlay() {
        Token t = advance();
        expectPunct('(');
        RawNode a = aExpr();
        if (!at("placing")) {
            List<RawNode> args = new ArrayList<>(List.of(a));
            while (acceptPunct(',')) {
                args.add(aExpr());
            }
            expectPunct(')');
            return FuncCall.of(List.of("overlay"), args, CoercionForm.EXPLICIT_CALL, t.location());
        }
        advance();
        RawNode b = aExpr();
        expect("from");
        RawNode c = aExpr();
        List<RawNode> args = new ArrayList<>(List.of(a, b, c));
        if (accept("for")) {
            args.add(aExpr());
        }
        expectPunct(')');
        return FuncCall.of(sysName("overlay"), args, CoercionForm.SQL_SYNTAX, t.location());
    }

    private RawNode position() {
        Token t = advance();
        expectPunct('(');
        RawNode needle = bExpr();
        expect("in");
        RawNode haystack = bExpr();
        expectPunct(')');
        return FuncCall.of(sysName("position"), List.of(haystack, needle), CoercionForm.SQL_SYNTAX, t.location());
    }

    private RawNode substring() {
        Token t = advance();
        expectPunct('(');
        if (atPunct(')')) {
            advance();
            return FuncCall.of(List.of("substring"), List.of(), CoercionForm.EXPLICIT_CALL, t.location());
        }
        RawNode a = aExpr();
        if (at("from")) {
            advance();
            RawNode from = aExpr();
            List<RawNode> args = new ArrayList<>(List.of(a, from));
            if (accept("for")) {
                args.add(aExpr());
            }
            expectPunct(')');
            return FuncCall.of(sysName("substring"), args, CoercionForm.SQL_SYNTAX, t.location());
        }
        if (at("for")) {
            advance();
            RawNode len = aExpr();
            RawNode from;
            if (accept("from")) {
                from = aExpr();
            } else {
                from = new AConst(ConstKind.INTEGER, "1", -1);
            }
            expectPunct(')');
            return FuncCall.of(sysName("substring"), List.of(a, from, len), CoercionForm.SQL_SYNTAX, t.location());
        }
        if (at("similar")) {
            advance();
            RawNode pat = aExpr();
            expect("escape");
            RawNode esc = aExpr();
            expectPunct(')');
            return FuncCall.of(sysName("substring"), List.of(a, pat, esc), CoercionForm.SQL_SYNTAX, t.location());
        }
        List<RawNode> args = new ArrayList<>(List.of(a));
        while (acceptPunct(',')) {
            args.add(aExpr());
        }
        expectPunct(')');
        return FuncCall.of(List.of("substring"), args, CoercionForm.EXPLICIT_CALL, t.location());
    }

    private RawNode trim() {
        Token t = advance();
        expectPunct('(');
        String fn = "btrim";
        if (accept("both")) {
            fn = "btrim";
        } else if (accept("leading")) {
            fn = "ltrim";
        } else if (accept("trailing")) {
            fn = "rtrim";
        }
        List<RawNode> args;
        if (accept("from")) {
            args = exprList();
        } else {
            RawNode first = aExpr();
            if (accept("from")) {
                args = new ArrayList<>(exprList());
                args.add(first);
            } else {
                args = new ArrayList<>(List.of(first));
                while (acceptPunct(',')) {
                    args.add(aExpr());
                }
            }
        }
        expectPunct(')');
        return FuncCall.of(sysName(fn), args, CoercionForm.SQL_SYNTAX, t.location());
    }

    private RawNode arrayExpr() {
        Token open = expectPunct('[');
        List<RawNode> elems = new ArrayList<>();
        if (!atPunct(']')) {
            do {
                if (atPunct('[')) {
                    elems.add(arrayExpr());
                } else {
                    elems.add(aExpr());
                }
            } while (acceptPunct(','));
        }
        expectPunct(']');
        return new AArrayExpr(elems, open.location());
    }

    private RawNode caseExpr() {
        Token c = advance();
        RawNode arg = null;
        if (!at("when")) {
            arg = aExpr();
        }
        List<CaseWhen> whens = new ArrayList<>();
        while (at("when")) {
            Token w = advance();
            RawNode cond = aExpr();
            expect("then");
            RawNode result = aExpr();
            whens.add(new CaseWhen(cond, result, w.location()));
        }
        if (whens.isEmpty()) {
            throw syntaxErrorHere();
        }
        RawNode def = null;
        if (accept("else")) {
            def = aExpr();
        }
        expect("end");
        return new CaseExprNode(arg, whens, def, c.location());
    }

    // ---- function calls ----

    /** func_application with within_group_clause, filter_clause and over_clause; at '('. */
    final RawNode funcExpr(List<String> name, Token start) {
        expectPunct('(');
        List<RawNode> args = new ArrayList<>();
        List<SortBy> order = List.of();
        boolean star = false;
        boolean distinct = false;
        boolean variadic = false;
        if (peek().isOp("*") && peek(1).isPunct(')')) {
            advance();
            star = true;
        } else if (!atPunct(')')) {
            if (accept("distinct")) {
                distinct = true;
            } else {
                accept("all");
            }
            do {
                if (accept("variadic")) {
                    variadic = true;
                    args.add(funcArg());
                    break;
                }
                args.add(funcArg());
            } while (acceptPunct(','));
            if (at("order")) {
                advance();
                expect("by");
                order = sortList();
            }
        }
        expectPunct(')');
        boolean withinGroup = false;
        if (at("within") && peek(1).isWord("group")) {
            Token w = advance();
            advance();
            expectPunct('(');
            expect("order");
            expect("by");
            if (!order.isEmpty()) {
                throw error(SqlState.SYNTAX_ERROR, "cannot use multiple ORDER BY clauses with WITHIN GROUP", w.location());
            }
            if (distinct) {
                throw error(SqlState.SYNTAX_ERROR, "cannot use DISTINCT with WITHIN GROUP", w.location());
            }
            if (variadic) {
                throw error(SqlState.SYNTAX_ERROR, "cannot use VARIADIC with WITHIN GROUP", w.location());
            }
            order = sortList();
            expectPunct(')');
            withinGroup = true;
        }
        RawNode filter = null;
        if (at("filter") && peek(1).isPunct('(')) {
            advance();
            advance();
            expect("where");
            filter = aExpr();
            expectPunct(')');
        }
        WindowDef over = null;
        if (at("over")) {
            advance();
            if (atPunct('(')) {
                over = windowSpecification(null);
            } else {
                Token n = peek();
                over = new WindowDef(null, colId(), List.of(), List.of(), WindowDef.FRAMEOPTION_DEFAULTS, null, null,
                        n.location());
            }
        }
        return new FuncCall(name, args, order, filter, over, withinGroup, star, distinct, variadic,
                CoercionForm.EXPLICIT_CALL, start.location());
    }

    /** func_arg_expr: a_expr | param_name => a_expr | param_name := a_expr. */
    private RawNode funcArg() {
        Token t = peek();
        if (isTypeFunctionName(t) && (peek(1).isOp("=>") || (peek(1).isPunct(':') && peek(2).isOp("=")
                && peek(2).location() == peek(1).end()))) {
            advance();
            if (!acceptOp("=>")) {
                advance();
                advance();
            }
            RawNode arg = aExpr();
            return new NamedArgExpr(arg, t.text(), t.location());
        }
        return aExpr();
    }

    /** sortby_list. */
    final List<SortBy> sortList() {
        List<SortBy> out = new ArrayList<>();
        do {
            out.add(sortBy());
        } while (acceptPunct(','));
        return out;
    }

    private SortBy sortBy() {
        RawNode e = aExpr();
        // the expression's location, or for USING the operator's (gram.y's @3)
        int location = e.location();
        SortByDir dir = SortByDir.DEFAULT;
        List<String> useOp = List.of();
        if (accept("asc")) {
            dir = SortByDir.ASC;
        } else if (accept("desc")) {
            dir = SortByDir.DESC;
        } else if (accept("using")) {
            dir = SortByDir.USING;
            location = peek().location();
            if (atOperatorKeyword()) {
                useOp = operatorName();
            } else {
                Token op = peek();
                if (op.kind() != TokenKind.OP) {
                    throw syntaxError(op);
                }
                advance();
                useOp = List.of(op.text());
            }
        }
        SortByNulls nulls = SortByNulls.DEFAULT;
        if (accept("nulls")) {
            if (accept("first")) {
                nulls = SortByNulls.FIRST;
            } else {
                expect("last");
                nulls = SortByNulls.LAST;
            }
        }
        return new SortBy(e, dir, nulls, useOp, location);
    }

    /** window_specification: '(' [existing name] [PARTITION BY] [ORDER BY] [frame] ')'. */
    final WindowDef windowSpecification(String name) {
        Token open = expectPunct('(');
        String refname = null;
        if (isColId(peek()) && !(at("partition") && at(1, "by")) && !(at("order") && at(1, "by"))
                && !at("range") && !at("rows") && !at("groups")) {
            refname = colId();
        }
        List<RawNode> partition = List.of();
        if (at("partition") && at(1, "by")) {
            p += 2;
            partition = exprList();
        }
        List<SortBy> order = List.of();
        if (at("order") && at(1, "by")) {
            p += 2;
            order = sortList();
        }
        int options = WindowDef.FRAMEOPTION_DEFAULTS;
        RawNode startOffset = null;
        RawNode endOffset = null;
        if (at("range") || at("rows") || at("groups")) {
            Token mode = advance();
            options = WindowDef.FRAMEOPTION_NONDEFAULT | switch (mode.text()) {
                case "range" -> WindowDef.FRAMEOPTION_RANGE;
                case "rows" -> WindowDef.FRAMEOPTION_ROWS;
                default -> WindowDef.FRAMEOPTION_GROUPS;
            };
            if (accept("between")) {
                options |= WindowDef.FRAMEOPTION_BETWEEN;
                Token st = peek();
                Object[] s = frameBound(true);
                expect("and");
                Token en = peek();
                Object[] e = frameBound(false);
                int sb = (Integer) s[0];
                int eb = (Integer) e[0];
                if ((sb & WindowDef.FRAMEOPTION_START_UNBOUNDED_FOLLOWING) != 0) {
                    throw error(SqlState.WINDOWING_ERROR, "frame start cannot be UNBOUNDED FOLLOWING", st.location());
                }
                if ((eb & WindowDef.FRAMEOPTION_END_UNBOUNDED_PRECEDING) != 0) {
                    throw error(SqlState.WINDOWING_ERROR, "frame end cannot be UNBOUNDED PRECEDING", en.location());
                }
                options |= sb | eb;
                startOffset = (RawNode) s[1];
                endOffset = (RawNode) e[1];
            } else {
                Token st = peek();
                Object[] s = frameBound(true);
                int sb = (Integer) s[0];
                if ((sb & WindowDef.FRAMEOPTION_START_UNBOUNDED_FOLLOWING) != 0) {
                    throw error(SqlState.WINDOWING_ERROR, "frame start cannot be UNBOUNDED FOLLOWING", st.location());
                }
                if ((sb & WindowDef.FRAMEOPTION_START_OFFSET_FOLLOWING) != 0) {
                    throw error(SqlState.WINDOWING_ERROR, "frame starting from following row cannot end with current row",
                            st.location());
                }
                options |= sb | WindowDef.FRAMEOPTION_END_CURRENT_ROW;
                startOffset = (RawNode) s[1];
            }
            if (accept("exclude")) {
                if (accept("current")) {
                    expect("row");
                    options |= WindowDef.FRAMEOPTION_EXCLUDE_CURRENT_ROW;
                } else if (accept("group")) {
                    options |= WindowDef.FRAMEOPTION_EXCLUDE_GROUP;
                } else if (accept("ties")) {
                    options |= WindowDef.FRAMEOPTION_EXCLUDE_TIES;
                } else {
                    expect("no");
                    expect("others");
                }
            }
        }
        expectPunct(')');
        return new WindowDef(name, refname, partition, order, options, startOffset, endOffset, open.location());
    }

    /** frame_bound: returns {start-or-end option bits, offset expression}. */
    private Object[] frameBound(boolean start) {
        if (at("unbounded")) {
            advance();
            if (accept("preceding")) {
                return new Object[] {start ? WindowDef.FRAMEOPTION_START_UNBOUNDED_PRECEDING
                        : WindowDef.FRAMEOPTION_END_UNBOUNDED_PRECEDING, null};
            }
            expect("following");
            return new Object[] {start ? WindowDef.FRAMEOPTION_START_UNBOUNDED_FOLLOWING
                    : WindowDef.FRAMEOPTION_END_UNBOUNDED_FOLLOWING, null};
        }
        if (at("current") && at(1, "row")) {
            p += 2;
            return new Object[] {start ? WindowDef.FRAMEOPTION_START_CURRENT_ROW : WindowDef.FRAMEOPTION_END_CURRENT_ROW, null};
        }
        RawNode off = aExpr();
        if (accept("preceding")) {
            return new Object[] {start ? WindowDef.FRAMEOPTION_START_OFFSET_PRECEDING
                    : WindowDef.FRAMEOPTION_END_OFFSET_PRECEDING, off};
        }
        expect("following");
        return new Object[] {start ? WindowDef.FRAMEOPTION_START_OFFSET_FOLLOWING
                : WindowDef.FRAMEOPTION_END_OFFSET_FOLLOWING, off};
    }

    // ---- type names ----

    /** Whether the token starts one of the SQL-standard type spellings (ConstTypename / SimpleTypename keywords). */
    static boolean isSqlTypeStart(Token t) {
        if (t.kind() != TokenKind.IDENT || t.quoted()) {
            return false;
        }
        switch (t.text()) {
            case "int": case "integer": case "smallint": case "bigint": case "real": case "float": case "double":
            case "decimal": case "dec": case "numeric": case "boolean": case "char": case "character": case "varchar":
            case "national": case "nchar": case "timestamp": case "time": case "bit": case "interval":
                return true;
            default:
                return false;
        }
    }

    /** ConstTypename (Numeric, ConstBit, ConstCharacter, ConstDatetime) or ConstInterval with optional (p). */
    private TypeName constTypename() {
        Token t = peek();
        if (t.isWord("interval")) {
            advance();
            List<RawNode> mods = List.of();
            if (atPunct('(')) {
                advance();
                Token n = peek();
                int prec = iconst();
                expectPunct(')');
                mods = List.of(new AConst(ConstKind.INTEGER, String.valueOf(TypeName.INTERVAL_FULL_RANGE), -1),
                        new AConst(ConstKind.INTEGER, String.valueOf(prec), n.location()));
            }
            return new TypeName(sysName("interval"), mods, List.of(), false, false, t.location());
        }
        return simpleSqlType(false);
    }

    /** Typename: [SETOF] SimpleTypename [array bounds] | SimpleTypename ARRAY [n]; also name%TYPE. */
    final TypeName typeName() {
        Token t = peek();
        boolean setof = accept("setof");
        TypeName base = simpleTypename();
        List<Integer> bounds = new ArrayList<>();
        if (at("array")) {
            advance();
            if (acceptPunct('[')) {
                bounds.add(iconst());
                expectPunct(']');
            } else {
                bounds.add(-1);
            }
        } else {
            while (atPunct('[')) {
                advance();
                if (peek().kind() == TokenKind.ICONST) {
                    bounds.add(iconst());
                } else {
                    bounds.add(-1);
                }
                expectPunct(']');
            }
        }
        return new TypeName(base.names(), base.typmods(), bounds, setof, base.pctType(),
                setof ? t.location() : base.location());
    }

    /** SimpleTypename: GenericType | Numeric | Bit | Character | ConstDatetime | ConstInterval opt_interval. */
    final TypeName simpleTypename() {
        Token t = peek();
        if (t.kind() != TokenKind.IDENT) {
            throw syntaxError(t);
        }
        if (t.isWord("interval")) {
            advance();
            if (atPunct('(')) {
                advance();
                Token n = peek();
                int prec = iconst();
                expectPunct(')');
                return new TypeName(sysName("interval"), List.of(
                        new AConst(ConstKind.INTEGER, String.valueOf(TypeName.INTERVAL_FULL_RANGE), -1),
                        new AConst(ConstKind.INTEGER, String.valueOf(prec), n.location())), List.of(), false, false,
                        t.location());
            }
            return new TypeName(sysName("interval"), intervalQualifier(), List.of(), false, false, t.location());
        }
        if (isSqlTypeStart(t)) {
            return simpleSqlType(true);
        }
        // GenericType: type_function_name [attrs] [opt_type_modifiers], or name%TYPE
        if (!isTypeFunctionName(t)) {
            throw syntaxError(t);
        }
        advance();
        List<String> names = new ArrayList<>(List.of(t.text()));
        while (atPunct('.')) {
            advance();
            names.add(colLabel());
        }
        if (peek().isOp("%") && peek(1).isWord("type")) {
            advance();
            advance();
            return new TypeName(names, List.of(), List.of(), false, true, t.location());
        }
        List<RawNode> mods = List.of();
        if (atPunct('(')) {
            advance();
            mods = exprList();
            expectPunct(')');
        }
        return new TypeName(names, mods, List.of(), false, false, t.location());
    }

    /** opt_interval: YEAR | MONTH | ... | DAY TO SECOND(p) ..., as typmods (field mask [, precision]). */
    final List<RawNode> intervalQualifier() {
        Token t = peek();
        int mask;
        int loc = t.location();
        if (accept("year")) {
            mask = TypeName.INTERVAL_YEAR;
            if (accept("to")) {
                expect("month");
                mask |= TypeName.INTERVAL_MONTH;
            }
        } else if (accept("month")) {
            mask = TypeName.INTERVAL_MONTH;
        } else if (accept("day")) {
            mask = TypeName.INTERVAL_DAY;
            if (accept("to")) {
                if (accept("hour")) {
                    mask |= TypeName.INTERVAL_HOUR;
                } else if (accept("minute")) {
                    mask |= TypeName.INTERVAL_HOUR | TypeName.INTERVAL_MINUTE;
                } else {
                    expect("second");
                    mask |= TypeName.INTERVAL_HOUR | TypeName.INTERVAL_MINUTE | TypeName.INTERVAL_SECOND;
                    return withSecondPrecision(mask, loc);
                }
            }
        } else if (accept("hour")) {
            mask = TypeName.INTERVAL_HOUR;
            if (accept("to")) {
                if (accept("minute")) {
                    mask |= TypeName.INTERVAL_MINUTE;
                } else {
                    expect("second");
                    mask |= TypeName.INTERVAL_MINUTE | TypeName.INTERVAL_SECOND;
                    return withSecondPrecision(mask, loc);
                }
            }
        } else if (accept("minute")) {
            mask = TypeName.INTERVAL_MINUTE;
            if (accept("to")) {
                expect("second");
                mask |= TypeName.INTERVAL_SECOND;
                return withSecondPrecision(mask, loc);
            }
        } else if (accept("second")) {
            return withSecondPrecision(TypeName.INTERVAL_SECOND, loc);
        } else {
            return List.of();
        }
        return List.of(new AConst(ConstKind.INTEGER, String.valueOf(mask), loc));
    }

    private List<RawNode> withSecondPrecision(int mask, int loc) {
        if (atPunct('(')) {
            advance();
            Token n = peek();
            int prec = iconst();
            expectPunct(')');
            return List.of(new AConst(ConstKind.INTEGER, String.valueOf(mask), loc),
                    new AConst(ConstKind.INTEGER, String.valueOf(prec), n.location()));
        }
        return List.of(new AConst(ConstKind.INTEGER, String.valueOf(mask), loc));
    }

    /** The SQL keyword type spellings; {@code allowMods} is false for ConstTypename where char has no default length. */
    private TypeName simpleSqlType(boolean typenameContext) {
        Token t = advance();
        String name;
        List<RawNode> mods = new ArrayList<>();
        switch (t.text()) {
            case "int": case "integer": name = "int4"; break;
            case "smallint": name = "int2"; break;
            case "bigint": name = "int8"; break;
            case "real": name = "float4"; break;
            case "boolean": name = "bool"; break;
            case "double": expect("precision"); name = "float8"; break;
            case "float": {
                name = "float8";
                if (atPunct('(')) {
                    advance();
                    Token n = peek();
                    int prec = iconst();
                    expectPunct(')');
                    if (prec < 1) {
                        throw error(SqlState.INVALID_PARAMETER_VALUE, "precision for type float must be at least 1 bit",
                                n.location());
                    }
                    if (prec > 53) {
                        throw error(SqlState.INVALID_PARAMETER_VALUE, "precision for type float must be less than 54 bits",
                                n.location());
                    }
                    name = prec <= 24 ? "float4" : "float8";
                }
                break;
            }
            case "decimal": case "dec": case "numeric":
                name = "numeric";
                if (atPunct('(')) {
                    advance();
                    mods.addAll(exprList());
                    expectPunct(')');
                }
                break;
            case "bit": {
                boolean varying = accept("varying");
                name = varying ? "varbit" : "bit";
                typmods(mods);
                if (!varying && mods.isEmpty() && typenameContext) {
                    mods.add(new AConst(ConstKind.INTEGER, "1", -1));
                }
                break;
            }
            case "char": case "character": case "nchar": case "national": case "varchar": {
                if (t.text().equals("national")) {
                    if (!accept("character")) {
                        expect("char");
                    }
                }
                boolean varying = t.text().equals("varchar") || accept("varying");
                name = varying ? "varchar" : "bpchar";
                typmods(mods);
                if (!varying && mods.isEmpty() && typenameContext) {
                    mods.add(new AConst(ConstKind.INTEGER, "1", -1));
                }
                break;
            }
            case "timestamp": case "time": {
                typmods(mods);
                boolean tz = false;
                if (at("with") && at(1, "time")) {
                    p += 2;
                    expect("zone");
                    tz = true;
                } else if (at("without") && at(1, "time")) {
                    p += 2;
                    expect("zone");
                }
                name = t.text().equals("time") ? (tz ? "timetz" : "time") : (tz ? "timestamptz" : "timestamp");
                break;
            }
            default:
                throw syntaxError(t);
        }
        return new TypeName(sysName(name), mods, List.of(), false, false, t.location());
    }

    private void typmods(List<RawNode> mods) {
        if (!atPunct('(')) {
            return;
        }
        advance();
        do {
            Token n = peek();
            if (n.kind() != TokenKind.ICONST) {
                throw syntaxError(n);
            }
            advance();
            mods.add(new AConst(ConstKind.INTEGER, n.text(), n.location()));
        } while (acceptPunct(','));
        expectPunct(')');
    }

    /** After {@code [}: a subscript {@code [i]} or a slice {@code [lo:hi]} (either bound may be omitted). */
    AIndices subscript(Token open) {
        advance();
        RawNode lower = null;
        RawNode upper = null;
        boolean slice = false;
        if (!atPunct(':')) {
            lower = aExpr();
        }
        if (acceptPunct(':')) {
            slice = true;
            if (!atPunct(']')) {
                upper = aExpr();
            }
        }
        expectPunct(']');
        return slice ? new AIndices(true, lower, upper, open.location()) : new AIndices(false, null, lower, open.location());
    }
}
