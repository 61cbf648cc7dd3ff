package org.tusk.engine.parser;

import java.util.ArrayList;
import java.util.List;

import org.tusk.api.error.PgException;
import org.tusk.api.error.SqlState;
import org.tusk.engine.nodes.*;

/**
 * SELECT (simple_select, VALUES, TABLE, set operations with INTERSECT binding tighter than
 * UNION/EXCEPT, ORDER BY / LIMIT / FETCH / locking / WITH attached by insertSelectOptions),
 * FROM items and joins, and the DML statements INSERT, UPDATE, DELETE with RETURNING.
 */
abstract class SelectParser extends ExprParser {

    SelectParser(String sql) {
        super(sql);
    }

    /** A SelectStmt under construction (gram.y fills the node field by field too). */
    static final class SelectBuilder {
        List<RawNode> distinctClause;
        IntoClause intoClause;
        List<ResTarget> targetList = List.of();
        List<RawNode> fromClause = List.of();
        RawNode whereClause;
        List<RawNode> groupClause = List.of();
        boolean groupDistinct;
        RawNode havingClause;
        List<WindowDef> windowClause = List.of();
        List<List<RawNode>> valuesLists;
        List<SortBy> sortClause = List.of();
        RawNode limitOffset;
        RawNode limitCount;
        LimitOption limitOption = LimitOption.DEFAULT;
        List<LockingClause> lockingClause = List.of();
        WithClause withClause;
        SetOperation op = SetOperation.NONE;
        boolean all;
        SelectStmt larg;
        SelectStmt rarg;
        int location;

        static SelectBuilder from(SelectStmt s) {
            SelectBuilder b = new SelectBuilder();
            b.distinctClause = s.distinctClause();
            b.intoClause = s.intoClause();
            b.targetList = s.targetList();
            b.fromClause = s.fromClause();
            b.whereClause = s.whereClause();
            b.groupClause = s.groupClause();
            b.groupDistinct = s.groupDistinct();
            b.havingClause = s.havingClause();
            b.windowClause = s.windowClause();
            b.valuesLists = s.valuesLists();
            b.sortClause = s.sortClause();
            b.limitOffset = s.limitOffset();
            b.limitCount = s.limitCount();
            b.limitOption = s.limitOption();
            b.lockingClause = s.lockingClause();
            b.withClause = s.withClause();
            b.op = s.op();
            b.all = s.all();
            b.larg = s.larg();
            b.rarg = s.rarg();
            b.location = s.location();
            return b;
        }

        SelectStmt build() {
            return new SelectStmt(distinctClause, intoClause, targetList, fromClause, whereClause, groupClause,
                    groupDistinct, havingClause, windowClause, valuesLists, sortClause, limitOffset, limitCount,
                    limitOption, lockingClause, withClause, op, all, larg, rarg, location);
        }
    }

    // ---- SELECT ----

    @Override
    final SelectStmt selectWithParens() {
        expectPunct('(');
        SelectStmt s = atPunct('(') && !startsSetOperationAfterParens() ? selectWithParens() : selectNoParens();
        expectPunct(')');
        return s;
    }

    /** '(' '(' select ')' UNION ...: the inner parentheses are only the first operand. */
    private boolean startsSetOperationAfterParens() {
        int depth = 0;
        int q = 0;
        while (true) {
            Token t = peek(q);
            if (t.kind() == TokenKind.EOF) {
                return false;
            }
            if (t.isPunct('(')) {
                depth++;
            } else if (t.isPunct(')')) {
                depth--;
                if (depth == 0) {
                    Token n = peek(q + 1);
                    return !n.isPunct(')');
                }
            }
            q++;
        }
    }

    /** SelectStmt: select_no_parens | select_with_parens. */
    final SelectStmt selectStmt() {
        if (atPunct('(') && !startsSetOperationAfterParens()) {
            return selectWithParens();
        }
        return selectNoParens();
    }

    /** select_no_parens: [WITH] select_clause [ORDER BY] [LIMIT/OFFSET/FETCH] [FOR ...]. */
    final SelectStmt selectNoParens() {
        WithClause with = null;
        if (at("with")) {
            with = withClause();
        }
        SelectStmt body = setOperation(0);
        List<SortBy> sort = null;
        Token orderTok = null;
        if (at("order") && at(1, "by")) {
            orderTok = advance();
            advance();
            sort = sortList();
        }
        RawNode limit = null;
        RawNode offset = null;
        LimitOption option = null;
        Token limitTok = null;
        Token offsetTok = null;
        List<LockingClause> locking = new ArrayList<>();
        while (true) {
            if (at("limit")) {
                if (limitTok != null) {
                    throw error(SqlState.SYNTAX_ERROR, "multiple LIMIT clauses not allowed", peek().location());
                }
                limitTok = advance();
                if (at("all")) {
                    Token all = advance();
                    limit = new AConst(ConstKind.NULL, null, all.location());
                } else {
                    limit = aExpr();
                }
                option = LimitOption.COUNT;
                if (atPunct(',')) {
                    throw errorWithHint(SqlState.SYNTAX_ERROR, "LIMIT #,# syntax is not supported",
                            "Use separate LIMIT and OFFSET clauses.", limitTok.location());
                }
            } else if (at("offset")) {
                if (offsetTok != null) {
                    throw error(SqlState.SYNTAX_ERROR, "multiple OFFSET clauses not allowed", peek().location());
                }
                offsetTok = advance();
                if (atFetchFirstValue() && (peek(1).isWord("row") || peek(1).isWord("rows")
                        || peek(2).isWord("row") || peek(2).isWord("rows"))) {
                    offset = fetchFirstValue();
                    advance();
                } else {
                    offset = aExpr();
                    if (!accept("rows")) {
                        accept("row");
                    }
                }
            } else if (at("fetch") && (at(1, "first") || at(1, "next"))) {
                if (limitTok != null) {
                    throw error(SqlState.SYNTAX_ERROR, "multiple LIMIT clauses not allowed", peek().location());
                }
                limitTok = advance();
                advance();
                if (at("row") || at("rows")) {
                    limit = new AConst(ConstKind.INTEGER, "1", -1);
                } else {
                    limit = fetchFirstValue();
                }
                if (!accept("rows")) {
                    expect("row");
                }
                if (accept("with")) {
                    expect("ties");
                    option = LimitOption.WITH_TIES;
                } else {
                    expect("only");
                    option = LimitOption.COUNT;
                }
            } else if (at("for") && (at(1, "update") || at(1, "share") || at(1, "no") || at(1, "key"))) {
                locking.add(lockingClause());
            } else if (at("for") && at(1, "read") && at(2, "only")) {
                p += 3;
            } else {
                break;
            }
        }
        if (with == null && sort == null && limitTok == null && offsetTok == null && locking.isEmpty()) {
            return body;
        }
        SelectBuilder b = SelectBuilder.from(body);
        if (sort != null) {
            if (!b.sortClause.isEmpty()) {
                throw error(SqlState.SYNTAX_ERROR, "multiple ORDER BY clauses not allowed", orderTok.location());
            }
            b.sortClause = sort;
        }
        if (!locking.isEmpty()) {
            List<LockingClause> all = new ArrayList<>(b.lockingClause);
            all.addAll(locking);
            b.lockingClause = all;
        }
        if (offsetTok != null) {
            if (b.limitOffset != null) {
                throw error(SqlState.SYNTAX_ERROR, "multiple OFFSET clauses not allowed", offsetTok.location());
            }
            b.limitOffset = offset;
        }
        if (limitTok != null) {
            if (b.limitCount != null) {
                throw error(SqlState.SYNTAX_ERROR, "multiple LIMIT clauses not allowed", limitTok.location());
            }
            b.limitCount = limit;
            b.limitOption = option;
            // insertSelectOptions' checks report no position; transformLimitClause's NULL count neither
            if (option == LimitOption.WITH_TIES && b.sortClause.isEmpty()) {
                throw error(SqlState.SYNTAX_ERROR, "WITH TIES cannot be specified without ORDER BY clause", -1);
            }
            if (option == LimitOption.WITH_TIES && b.lockingClause.stream()
                    .anyMatch(l -> l.waitPolicy() == org.tusk.engine.nodes.LockWaitPolicy.SKIP)) {
                throw error(SqlState.SYNTAX_ERROR, "SKIP LOCKED and WITH TIES options cannot be used together", -1);
            }
            if (option == LimitOption.WITH_TIES && limit instanceof AConst c && c.kind() == ConstKind.NULL) {
                throw error("2201W", "row count cannot be null in FETCH FIRST ... WITH TIES clause", -1);
            }
        }
        if (with != null) {
            if (b.withClause != null) {
                throw error(SqlState.SYNTAX_ERROR, "multiple WITH clauses not allowed", with.location());
            }
            b.withClause = with;
        }
        return b.build();
    }

    private boolean atFetchFirstValue() {
        Token t = peek();
        return t.kind() == TokenKind.ICONST || t.kind() == TokenKind.FCONST || t.kind() == TokenKind.PARAM
                || ((t.isOp("+") || t.isOp("-")) && (peek(1).kind() == TokenKind.ICONST || peek(1).kind() == TokenKind.FCONST));
    }

    /** select_fetch_first_value: c_expr | + I_or_F_const | - I_or_F_const. */
    private RawNode fetchFirstValue() {
        if (atNumericOnly()) {
            return numericOnly();
        }
        if (atPunct('(')) {
            advance();
            RawNode e = aExpr();
            expectPunct(')');
            return e;
        }
        Token t = peek();
        if (t.kind() == TokenKind.PARAM) {
            advance();
            return new ParamRef(Integer.parseInt(t.text()), t.location());
        }
        return cExpr();
    }

    private LockingClause lockingClause() {
        expect("for");
        LockClauseStrength strength;
        if (accept("update")) {
            strength = LockClauseStrength.FOR_UPDATE;
        } else if (accept("share")) {
            strength = LockClauseStrength.FOR_SHARE;
        } else if (accept("no")) {
            expect("key");
            expect("update");
            strength = LockClauseStrength.FOR_NO_KEY_UPDATE;
        } else {
            expect("key");
            expect("share");
            strength = LockClauseStrength.FOR_KEY_SHARE;
        }
        List<RangeVar> rels = new ArrayList<>();
        if (accept("of")) {
            do {
                rels.add(qualifiedName());
            } while (acceptPunct(','));
        }
        LockWaitPolicy wait = LockWaitPolicy.BLOCK;
        if (accept("nowait")) {
            wait = LockWaitPolicy.ERROR;
        } else if (accept("skip")) {
            expect("locked");
            wait = LockWaitPolicy.SKIP;
        }
        return new LockingClause(rels, strength, wait);
    }

    /** select_clause with set operations: UNION/EXCEPT (left) below INTERSECT (left). */
    private SelectStmt setOperation(int minPrec) {
        SelectStmt left = selectClause();
        while (true) {
            Token t = peek();
            int prec;
            SetOperation op;
            if (t.isWord("union")) {
                prec = 1;
                op = SetOperation.UNION;
            } else if (t.isWord("except")) {
                prec = 1;
                op = SetOperation.EXCEPT;
            } else if (t.isWord("intersect")) {
                prec = 2;
                op = SetOperation.INTERSECT;
            } else {
                return left;
            }
            if (prec < minPrec) {
                return left;
            }
            advance();
            boolean all = false;
            if (accept("all")) {
                all = true;
            } else {
                accept("distinct");
            }
            SelectStmt right = setOperation(prec + 1);
            SelectBuilder b = new SelectBuilder();
            b.op = op;
            b.all = all;
            b.larg = left;
            b.rarg = right;
            b.location = left.location();
            left = b.build();
        }
    }

    /** simple_select | select_with_parens. */
    private SelectStmt selectClause() {
        Token t = peek();
        if (t.isPunct('(')) {
            return selectWithParens();
        }
        if (t.isWord("select")) {
            return simpleSelect();
        }
        if (t.isWord("values")) {
            return valuesClause();
        }
        if (t.isWord("table")) {
            advance();
            RangeVar rel = relationExpr();
            SelectBuilder b = new SelectBuilder();
            b.targetList = List.of(new ResTarget(null, List.of(), new ColumnRef(List.of(), true, -1), -1));
            b.fromClause = List.of(rel);
            b.location = t.location();
            return b.build();
        }
        throw syntaxError(t);
    }

    final SelectStmt valuesClause() {
        Token v = expect("values");
        List<List<RawNode>> rows = new ArrayList<>();
        do {
            expectPunct('(');
            rows.add(exprList());
            expectPunct(')');
        } while (acceptPunct(','));
        SelectBuilder b = new SelectBuilder();
        b.valuesLists = rows;
        b.location = v.location();
        return b.build();
    }

    private SelectStmt simpleSelect() {
        Token select = expect("select");
        SelectBuilder b = new SelectBuilder();
        b.location = select.location();
        if (accept("distinct")) {
            b.distinctClause = List.of();
            if (accept("on")) {
                expectPunct('(');
                b.distinctClause = exprList();
                expectPunct(')');
            }
        } else {
            accept("all");
        }
        if (!atTargetListEnd()) {
            b.targetList = targetList();
        } else if (b.distinctClause != null) {
            throw syntaxErrorHere();
        }
        if (at("into")) {
            b.intoClause = intoClause();
        }
        if (accept("from")) {
            b.fromClause = fromList();
        }
        if (accept("where")) {
            b.whereClause = aExpr();
        }
        if (at("group") && at(1, "by")) {
            p += 2;
            if (accept("distinct")) {
                b.groupDistinct = true;
            } else {
                accept("all");
            }
            List<RawNode> groups = new ArrayList<>();
            do {
                groups.add(groupByItem());
            } while (acceptPunct(','));
            b.groupClause = groups;
        }
        if (accept("having")) {
            b.havingClause = aExpr();
        }
        if (accept("window")) {
            List<WindowDef> windows = new ArrayList<>();
            do {
                String name = colId();
                expect("as");
                windows.add(windowSpecification(name));
            } while (acceptPunct(','));
            b.windowClause = windows;
        }
        return b.build();
    }

    private IntoClause intoClause() {
        expect("into");
        char persistence = 'p';
        if (accept("temporary") || accept("temp")) {
            persistence = 't';
        } else if (accept("local") || accept("global")) {
            if (!accept("temporary")) {
                expect("temp");
            }
            persistence = 't';
        } else if (accept("unlogged")) {
            persistence = 'u';
        }
        accept("table");
        RangeVar rel = qualifiedName();
        rel = new RangeVar(rel.catalogname(), rel.schemaname(), rel.relname(), true, persistence, null, rel.location());
        return new IntoClause(rel, List.of(), null, List.of(), OnCommitAction.NOOP, null, false);
    }

    private RawNode groupByItem() {
        Token t = peek();
        if (t.isPunct('(') && peek(1).isPunct(')')) {
            p += 2;
            return new GroupingSet(GroupingSetKind.EMPTY, List.of(), t.location());
        }
        if ((t.isWord("rollup") || t.isWord("cube")) && peek(1).isPunct('(')) {
            advance();
            expectPunct('(');
            List<RawNode> items = exprList();
            expectPunct(')');
            return new GroupingSet(t.isWord("rollup") ? GroupingSetKind.ROLLUP : GroupingSetKind.CUBE, items, t.location());
        }
        if (t.isWord("grouping") && peek(1).isWord("sets")) {
            p += 2;
            expectPunct('(');
            List<RawNode> items = new ArrayList<>();
            do {
                items.add(groupByItem());
            } while (acceptPunct(','));
            expectPunct(')');
            return new GroupingSet(GroupingSetKind.SETS, items, t.location());
        }
        return aExpr();
    }

    private boolean atTargetListEnd() {
        Token t = peek();
        if (t.kind() == TokenKind.EOF || t.isPunct(';') || t.isPunct(')')) {
            return true;
        }
        if (t.kind() != TokenKind.IDENT || t.quoted()) {
            return false;
        }
        switch (t.text()) {
            case "from": case "where": case "group": case "having": case "window": case "union": case "intersect":
            case "except": case "order": case "limit": case "offset": case "into": case "for": case "fetch":
                return true;
            default:
                return false;
        }
    }

    /** target_list (also RETURNING lists). */
    final List<ResTarget> targetList() {
        List<ResTarget> out = new ArrayList<>();
        do {
            out.add(target());
        } while (acceptPunct(','));
        return out;
    }

    private ResTarget target() {
        Token t = peek();
        if (t.isOp("*")) {
            advance();
            return new ResTarget(null, List.of(), new ColumnRef(List.of(), true, t.location()), t.location());
        }
        RawNode e = aExpr();
        String name = null;
        if (accept("as")) {
            name = colLabel();
        } else if (peek().kind() == TokenKind.IDENT && (peek().quoted() || Keywords.canBeBareLabel(peek().text()))) {
            name = advance().text();
        }
        return new ResTarget(name, List.of(), e, t.location());
    }

    // ---- WITH ----

    final WithClause withClause() {
        Token w = expect("with");
        boolean recursive = accept("recursive");
        List<CommonTableExpr> ctes = new ArrayList<>();
        do {
            Token n = peek();
            String name = colId();
            List<String> cols = optColumnList();
            expect("as");
            CTEMaterialize mat = CTEMaterialize.DEFAULT;
            if (accept("materialized")) {
                mat = CTEMaterialize.ALWAYS;
            } else if (at("not") && at(1, "materialized")) {
                p += 2;
                mat = CTEMaterialize.NEVER;
            }
            expectPunct('(');
            RawStmt query = preparableStmt();
            if (query instanceof MergeStmt merge) {
                // transformWithClause refuses it (gram.y accepts it there)
                throw org.tusk.engine.error.Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "MERGE not supported in WITH query",
                        merge.location());
            }
            expectPunct(')');
            CTESearchClause search = null;
            if (at("search")) {
                Token s = advance();
                boolean breadth;
                if (accept("breadth")) {
                    breadth = true;
                } else {
                    expect("depth");
                    breadth = false;
                }
                expect("first");
                expect("by");
                List<String> cols2 = nameList();
                expect("set");
                search = new CTESearchClause(cols2, breadth, colId(), s.location());
            }
            CTECycleClause cycle = null;
            if (at("cycle")) {
                Token c = advance();
                List<String> cols2 = nameList();
                expect("set");
                String mark = colId();
                RawNode value = null;
                RawNode def = null;
                if (accept("to")) {
                    value = aExpr();
                    expect("default");
                    def = aExpr();
                }
                expect("using");
                cycle = new CTECycleClause(cols2, mark, value, def, colId(), c.location());
            }
            ctes.add(new CommonTableExpr(name, cols, mat, query, search, cycle, n.location()));
        } while (acceptPunct(','));
        return new WithClause(ctes, recursive, w.location());
    }

    /** PreparableStmt: SELECT, INSERT, UPDATE, DELETE (each possibly with WITH). */
    final RawStmt preparableStmt() {
        if (at("with")) {
            int save = p;
            WithClause with = withClause();
            if (at("insert")) {
                return insertStmt(with);
            }
            if (at("update")) {
                return updateStmt(with);
            }
            if (at("delete")) {
                return deleteStmt(with);
            }
            if (at("merge")) {
                return mergeStmt(with);
            }
            p = save;
            return selectStmt();
        }
        if (at("insert")) {
            return insertStmt(null);
        }
        if (at("update")) {
            return updateStmt(null);
        }
        if (at("delete")) {
            return deleteStmt(null);
        }
        if (at("merge")) {
            return mergeStmt(null);
        }
        return selectStmt();
    }

    // ---- FROM ----

    final List<RawNode> fromList() {
        List<RawNode> out = new ArrayList<>();
        do {
            out.add(tableRef());
        } while (acceptPunct(','));
        return out;
    }

    private boolean atJoinKeyword() {
        Token t = peek();
        return t.isWord("join") || t.isWord("cross") || t.isWord("natural") || t.isWord("inner") || t.isWord("left")
                || t.isWord("right") || t.isWord("full");
    }

    private RawNode tableRef() {
        RawNode left = tableRefPrimary();
        while (atJoinKeyword()) {
            Token t = advance();
            if (t.isWord("cross")) {
                expect("join");
                RawNode right = tableRefPrimary();
                left = new JoinExpr(JoinType.INNER, false, left, right, List.of(), null, null, null, t.location());
                continue;
            }
            boolean natural = false;
            Token kind = t;
            if (t.isWord("natural")) {
                natural = true;
                kind = advance();
            }
            JoinType type = JoinType.INNER;
            if (kind.isWord("left")) {
                type = JoinType.LEFT;
                accept("outer");
                expect("join");
            } else if (kind.isWord("right")) {
                type = JoinType.RIGHT;
                accept("outer");
                expect("join");
            } else if (kind.isWord("full")) {
                type = JoinType.FULL;
                accept("outer");
                expect("join");
            } else if (kind.isWord("inner")) {
                expect("join");
            } else if (!kind.isWord("join")) {
                throw syntaxError(kind);
            }
            RawNode right = natural ? tableRefPrimary() : tableRef();
            if (natural) {
                left = new JoinExpr(type, true, left, right, List.of(), null, null, null, t.location());
                continue;
            }
            if (accept("using")) {
                List<String> cols = parenNameList();
                Alias usingAlias = null;
                if (accept("as")) {
                    usingAlias = new Alias(colId(), List.of());
                }
                left = new JoinExpr(type, false, left, right, cols, usingAlias, null, null, t.location());
            } else {
                expect("on");
                RawNode quals = aExpr();
                left = new JoinExpr(type, false, left, right, List.of(), null, quals, null, t.location());
            }
        }
        return left;
    }

    private RawNode tableRefPrimary() {
        Token t = peek();
        boolean lateral = false;
        if (t.isWord("lateral")) {
            advance();
            lateral = true;
        }
        if (atPunct('(')) {
            SelectStmt sub = trySubselect();
            if (sub != null) {
                Alias alias = optAlias();
                return new RangeSubselect(lateral, sub, alias, t.location());
            }
            if (lateral) {
                throw syntaxErrorHere();
            }
            advance();
            RawNode join = tableRef();
            expectPunct(')');
            Alias alias = optAlias();
            if (join instanceof JoinExpr j) {
                return new JoinExpr(j.jointype(), j.isNatural(), j.larg(), j.rarg(), j.usingClause(), j.joinUsingAlias(),
                        j.quals(), alias, j.location());
            }
            if (alias != null) {
                throw syntaxErrorHere();
            }
            return join;
        }
        if (at("rows") && at(1, "from")) {
            p += 2;
            expectPunct('(');
            List<RangeFunctionItem> items = new ArrayList<>();
            do {
                RawNode f = funcExprWindowless();
                List<ColumnDef> defs = List.of();
                if (accept("as")) {
                    defs = columnDefList();
                }
                items.add(new RangeFunctionItem(f, defs));
            } while (acceptPunct(','));
            expectPunct(')');
            return functionTail(lateral, true, items, t);
        }
        if (atFunctionInFrom()) {
            RawNode f = funcExprWindowless();
            return functionTail(lateral, false, List.of(new RangeFunctionItem(f, List.of())), t);
        }
        if (lateral) {
            throw syntaxErrorHere();
        }
        RangeVar rel = relationExpr();
        Alias alias = optAlias();
        if (alias != null) {
            rel = new RangeVar(rel.catalogname(), rel.schemaname(), rel.relname(), rel.inh(), rel.relpersistence(), alias,
                    rel.location());
        }
        if (at("tablesample")) {
            Token ts = advance();
            List<String> method = anyName();
            expectPunct('(');
            List<RawNode> args = exprList();
            expectPunct(')');
            RawNode repeatable = null;
            if (accept("repeatable")) {
                expectPunct('(');
                repeatable = aExpr();
                expectPunct(')');
            }
            return new RangeTableSample(rel, method, args, repeatable, ts.location());
        }
        return rel;
    }

    private boolean atFunctionInFrom() {
        Token t = peek();
        if (t.kind() != TokenKind.IDENT) {
            return false;
        }
        int q = 1;
        while (peek(q).isPunct('.') && peek(q + 1).kind() == TokenKind.IDENT) {
            q += 2;
        }
        if (!peek(q).isPunct('(')) {
            return t.isWord("current_date") || t.isWord("current_user") || t.isWord("session_user")
                    || t.isWord("current_timestamp") || t.isWord("localtimestamp") || t.isWord("current_role")
                    || t.isWord("user") || t.isWord("current_catalog") || t.isWord("current_schema")
                    || t.isWord("localtime") || t.isWord("current_time");
        }
        return q > 1 || t.quoted() || !Keywords.RESERVED.contains(t.text()) || t.isWord("cast");
    }

    /** func_expr_windowless: a function call (or special-syntax function) without OVER. */
    final RawNode funcExprWindowless() {
        RawNode f = aExprPrimaryForFunction();
        if (f instanceof FuncCall fc && fc.over() != null) {
            throw error(SqlState.SYNTAX_ERROR, "window functions are not allowed in FROM", fc.location());
        }
        return f;
    }

    private RawNode aExprPrimaryForFunction() {
        Token t = peek();
        RawNode e = aExpr();
        if (e instanceof ColumnRef) {
            throw syntaxError(peek());
        }
        return e;
    }

    private RawNode functionTail(boolean lateral, boolean rowsFrom, List<RangeFunctionItem> items, Token start) {
        boolean ordinality = false;
        if (at("with") && at(1, "ordinality")) {
            p += 2;
            ordinality = true;
        }
        Alias alias = null;
        List<ColumnDef> coldefs = List.of();
        boolean as = accept("as");
        if (as && atPunct('(')) {
            coldefs = columnDefList();
        } else if (isColId(peek()) || (as && peek().kind() == TokenKind.IDENT)) {
            String name = as ? colLabelOrColId() : colId();
            List<String> cols = List.of();
            if (atPunct('(')) {
                if (isColumnDefList()) {
                    coldefs = columnDefList();
                } else {
                    cols = parenNameList();
                }
            }
            alias = new Alias(name, cols);
        } else if (as) {
            throw syntaxErrorHere();
        }
        return new RangeFunction(lateral, ordinality, rowsFrom, items, alias, coldefs, start.location());
    }

    private String colLabelOrColId() {
        return colId();
    }

    /** Whether '(' starts "name type, ..." rather than "name, ...". */
    private boolean isColumnDefList() {
        Token second = peek(2);
        return !(second.isPunct(',') || second.isPunct(')'));
    }

    /** TableFuncElementList: '(' ColId Typename [COLLATE] , ... ')'. */
    final List<ColumnDef> columnDefList() {
        expectPunct('(');
        List<ColumnDef> out = new ArrayList<>();
        do {
            Token n = peek();
            String name = colId();
            TypeName type = typeName();
            CollateClause coll = null;
            if (at("collate")) {
                Token c = advance();
                coll = new CollateClause(null, anyName(), c.location());
            }
            out.add(new ColumnDef(name, type, null, null, coll, List.of(), n.location()));
        } while (acceptPunct(','));
        expectPunct(')');
        return out;
    }

    /** opt_alias_clause: [AS] ColId ['(' name_list ')']. */
    final Alias optAlias() {
        if (accept("as")) {
            String name = colId();
            return new Alias(name, optColumnList());
        }
        if (isColId(peek())) {
            String name = colId();
            return new Alias(name, optColumnList());
        }
        return null;
    }

    /** qualified_name as a RangeVar (ColId [. ColLabel [. ColLabel]]). */
    final RangeVar qualifiedName() {
        Token t = peek();
        List<String> names = anyName();
        return rangeVarOf(names, true, t);
    }

    final RangeVar rangeVarOf(List<String> names, boolean inh, Token t) {
        switch (names.size()) {
            case 1: return new RangeVar(null, null, names.get(0), inh, 'p', null, t.location());
            case 2: return new RangeVar(null, names.get(0), names.get(1), inh, 'p', null, t.location());
            case 3: return new RangeVar(names.get(0), names.get(1), names.get(2), inh, 'p', null, t.location());
            default:
                throw error(SqlState.SYNTAX_ERROR, "improper qualified name (too many dotted names): "
                        + String.join(".", names), t.location());
        }
    }

    /** relation_expr: qualified_name [*] | ONLY qualified_name | ONLY (qualified_name). */
    final RangeVar relationExpr() {
        Token t = peek();
        if (accept("only")) {
            boolean paren = acceptPunct('(');
            RangeVar r = qualifiedName();
            if (paren) {
                expectPunct(')');
            }
            return new RangeVar(r.catalogname(), r.schemaname(), r.relname(), false, 'p', null, t.location());
        }
        RangeVar r = qualifiedName();
        acceptOp("*");
        return r;
    }

    /** relation_expr_opt_alias: relation_expr [[AS] ColId] (SET is never an alias: UPDATE t SET). */
    private RangeVar relationExprOptAlias() {
        RangeVar r = relationExpr();
        Alias alias = null;
        if (accept("as")) {
            alias = new Alias(colId(), List.of());
        } else if (isColId(peek()) && !at("set")) {
            alias = new Alias(colId(), List.of());
        }
        if (alias == null) {
            return r;
        }
        return new RangeVar(r.catalogname(), r.schemaname(), r.relname(), r.inh(), r.relpersistence(), alias, r.location());
    }

    // ---- INSERT / UPDATE / DELETE ----

    final InsertStmt insertStmt(WithClause with) {
        Token ins = expect("insert");
        expect("into");
        RangeVar rel = qualifiedName();
        if (accept("as")) {
            rel = new RangeVar(rel.catalogname(), rel.schemaname(), rel.relname(), rel.inh(), rel.relpersistence(),
                    new Alias(colId(), List.of()), rel.location());
        }
        List<ResTarget> cols = List.of();
        SelectStmt select = null;
        OverridingKind override = OverridingKind.NOT_SET;
        if (at("default") && at(1, "values")) {
            p += 2;
        } else {
            if (atPunct('(') && !atSubselect()) {
                cols = insertColumnList();
            }
            override = overriding();
            select = selectStmt();
        }
        OnConflictClause onConflict = null;
        if (at("on") && at(1, "conflict")) {
            Token on = advance();
            advance();
            InferClause infer = null;
            if (atPunct('(')) {
                Token open = peek();
                List<IndexElem> elems = indexParams();
                RawNode where = accept("where") ? aExpr() : null;
                infer = new InferClause(elems, where, null, open.location());
            } else if (at("on") && at(1, "constraint")) {
                Token c = advance();
                advance();
                infer = new InferClause(List.of(), null, colId(), c.location());
            }
            expect("do");
            if (accept("nothing")) {
                onConflict = new OnConflictClause(OnConflictAction.NOTHING, infer, List.of(), null, on.location());
            } else {
                expect("update");
                expect("set");
                List<ResTarget> set = setClauseList();
                RawNode where = accept("where") ? aExpr() : null;
                onConflict = new OnConflictClause(OnConflictAction.UPDATE, infer, set, where, on.location());
            }
        }
        List<ResTarget> returning = returningClause();
        return new InsertStmt(rel, cols, select, onConflict, returning, with, override, ins.location());
    }

    /** '(' insert_column_list ')' of INSERT and MERGE's INSERT action. */
    private List<ResTarget> insertColumnList() {
        expectPunct('(');
        List<ResTarget> cols = new ArrayList<>();
        do {
            Token c = peek();
            String name = colId();
            cols.add(new ResTarget(name, optIndirectionForTarget(), null, c.location()));
        } while (acceptPunct(','));
        expectPunct(')');
        return cols;
    }

    /** [OVERRIDING {USER | SYSTEM} VALUE]. */
    private OverridingKind overriding() {
        if (!accept("overriding")) {
            return OverridingKind.NOT_SET;
        }
        OverridingKind override;
        if (accept("user")) {
            override = OverridingKind.USER_VALUE;
        } else {
            expect("system");
            override = OverridingKind.SYSTEM_VALUE;
        }
        expect("value");
        return override;
    }

    /** opt_indirection of an INSERT column or UPDATE target: .field and [subscript]. */
    private List<RawNode> optIndirectionForTarget() {
        List<RawNode> ind = new ArrayList<>();
        while (true) {
            Token t = peek();
            if (t.isPunct('.')) {
                advance();
                Token n = peek();
                ind.add(new IndirectionField(colLabel(), n.location()));
            } else if (t.isPunct('[')) {
                ind.add(subscript(t));
            } else {
                return ind;
            }
        }
    }

    final List<ResTarget> returningClause() {
        if (accept("returning")) {
            return targetList();
        }
        return List.of();
    }

    /** set_clause_list: target = expr | (targets) = expr (MultiAssignRef per column). */
    private List<ResTarget> setClauseList() {
        List<ResTarget> out = new ArrayList<>();
        do {
            Token t = peek();
            if (atPunct('(')) {
                advance();
                List<ResTarget> targets = new ArrayList<>();
                do {
                    Token c = peek();
                    String name = colId();
                    targets.add(new ResTarget(name, optIndirectionForTarget(), null, c.location()));
                } while (acceptPunct(','));
                expectPunct(')');
                if (!acceptOp("=")) {
                    throw syntaxErrorHere();
                }
                RawNode source = aExpr();
                for (int i = 0; i < targets.size(); i++) {
                    ResTarget rt = targets.get(i);
                    out.add(new ResTarget(rt.name(), rt.indirection(),
                            new MultiAssignRef(source, i + 1, targets.size(), source.location()), rt.location()));
                }
            } else {
                String name = colId();
                List<RawNode> ind = optIndirectionForTarget();
                if (!acceptOp("=")) {
                    throw syntaxErrorHere();
                }
                out.add(new ResTarget(name, ind, aExpr(), t.location()));
            }
        } while (acceptPunct(','));
        return out;
    }

    final UpdateStmt updateStmt(WithClause with) {
        Token upd = expect("update");
        RangeVar rel = relationExprOptAlias();
        expect("set");
        List<ResTarget> set = setClauseList();
        List<RawNode> from = accept("from") ? fromList() : List.of();
        RawNode where = whereOrCurrent();
        List<ResTarget> returning = returningClause();
        return new UpdateStmt(rel, set, where, from, returning, with, upd.location());
    }

    private RawNode whereOrCurrent() {
        if (!accept("where")) {
            return null;
        }
        if (at("current") && at(1, "of")) {
            Token c = advance();
            advance();
            return new CurrentOfExpr(colId(), c.location());
        }
        return aExpr();
    }

    final DeleteStmt deleteStmt(WithClause with) {
        Token del = expect("delete");
        expect("from");
        RangeVar rel = relationExprOptAlias();
        List<RawNode> using = accept("using") ? fromList() : List.of();
        RawNode where = whereOrCurrent();
        List<ResTarget> returning = returningClause();
        return new DeleteStmt(rel, using, where, returning, with, del.location());
    }

    // ---- MERGE ----

    /** MergeStmt: MERGE INTO relation_expr_opt_alias USING table_ref ON a_expr merge_when_list. */
    final MergeStmt mergeStmt(WithClause with) {
        Token merge = expect("merge");
        expect("into");
        RangeVar rel = relationExprOptAlias();
        expect("using");
        RawNode source = tableRef();
        expect("on");
        RawNode join = aExpr();
        List<MergeWhenClause> whens = new ArrayList<>();
        do {
            whens.add(mergeWhenClause());
        } while (at("when"));
        return new MergeStmt(rel, source, join, whens, with, merge.location());
    }

    private MergeWhenClause mergeWhenClause() {
        Token when = expect("when");
        boolean matched = !accept("not");
        expect("matched");
        RawNode condition = accept("and") ? aExpr() : null;
        expect("then");
        if (accept("do")) {
            expect("nothing");
            return new MergeWhenClause(matched, MergeWhenClause.Command.NOTHING, condition, List.of(), null,
                    OverridingKind.NOT_SET, when.location());
        }
        if (matched && accept("update")) {
            expect("set");
            return new MergeWhenClause(true, MergeWhenClause.Command.UPDATE, condition, setClauseList(), null,
                    OverridingKind.NOT_SET, when.location());
        }
        if (matched) {
            expect("delete");
            return new MergeWhenClause(true, MergeWhenClause.Command.DELETE, condition, List.of(), null,
                    OverridingKind.NOT_SET, when.location());
        }
        expect("insert");
        if (at("default") && at(1, "values")) {
            p += 2;
            return new MergeWhenClause(false, MergeWhenClause.Command.INSERT, condition, List.of(), null,
                    OverridingKind.NOT_SET, when.location());
        }
        List<ResTarget> cols = atPunct('(') ? insertColumnList() : List.of();
        OverridingKind override = overriding();
        expect("values");
        expectPunct('(');
        List<RawNode> values = new ArrayList<>();
        do {
            values.add(aExpr());
        } while (acceptPunct(','));
        expectPunct(')');
        return new MergeWhenClause(false, MergeWhenClause.Command.INSERT, condition, cols, values, override,
                when.location());
    }

    // ---- index elements (CREATE INDEX, ON CONFLICT) ----

    /** '(' index_elem, ... ')'. */
    final List<IndexElem> indexParams() {
        expectPunct('(');
        List<IndexElem> out = new ArrayList<>();
        do {
            out.add(indexElem());
        } while (acceptPunct(','));
        expectPunct(')');
        return out;
    }

    private IndexElem indexElem() {
        String name = null;
        RawNode expr = null;
        if (atPunct('(')) {
            advance();
            expr = aExpr();
            expectPunct(')');
        } else if (isColId(peek()) && !peek(1).isPunct('(') && !peek(1).isPunct('.')) {
            name = colId();
        } else {
            expr = funcExprWindowless();
        }
        List<String> collation = List.of();
        if (accept("collate")) {
            collation = anyName();
        }
        List<String> opclass = List.of();
        List<DefElem> opclassOpts = List.of();
        if (isColId(peek()) && !at("asc") && !at("desc") && !at("nulls")) {
            opclass = anyName();
            if (atPunct('(')) {
                opclassOpts = relOptions();
            }
        }
        SortByDir dir = SortByDir.DEFAULT;
        if (accept("asc")) {
            dir = SortByDir.ASC;
        } else if (accept("desc")) {
            dir = SortByDir.DESC;
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
        return new IndexElem(name, expr, null, collation, opclass, opclassOpts, dir, nulls);
    }

    /** reloptions: '(' name [= value], ... ')' with optional namespace (toast.autovacuum_enabled). */
    final List<DefElem> relOptions() {
        expectPunct('(');
        List<DefElem> out = new ArrayList<>();
        do {
            Token t = peek();
            String name = colLabel();
            String ns = null;
            if (acceptPunct('.')) {
                ns = name;
                name = colLabel();
            }
            RawNode arg = null;
            if (acceptOp("=")) {
                arg = defArg();
            }
            out.add(new DefElem(ns, name, arg, DefElemAction.UNSPEC, t.location()));
        } while (acceptPunct(','));
        expectPunct(')');
        return out;
    }

    /** def_arg: func_type | reserved_keyword | qual_all_Op | NumericOnly | Sconst | NONE. */
    final RawNode defArg() {
        Token t = peek();
        if (atNumericOnly()) {
            return numericOnly();
        }
        if (t.kind() == TokenKind.SCONST) {
            advance();
            return new AConst(ConstKind.STRING, t.text(), t.location());
        }
        if (t.kind() == TokenKind.OP) {
            advance();
            return new AnyName(List.of(t.text()), t.location());
        }
        if (t.isWord("operator") && peek(1).isPunct('(')) {
            return new AnyName(operatorName(), t.location());
        }
        if (t.kind() == TokenKind.IDENT && !t.quoted() && Keywords.RESERVED.contains(t.text())) {
            advance();
            return new AConst(ConstKind.STRING, t.text(), t.location());
        }
        return typeName();
    }

    static PgException unused(PgException e) {
        return e;
    }
}
