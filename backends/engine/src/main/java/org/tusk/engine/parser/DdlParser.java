package org.tusk.engine.parser;

import java.util.ArrayList;
import java.util.List;

import org.tusk.api.error.SqlState;
import org.tusk.engine.nodes.*;

/**
 * CREATE / ALTER / DROP and the other schema statements: tables (columns, constraints, LIKE,
 * INHERITS, PARTITION BY/OF, USING, WITH, ON COMMIT, TABLESPACE), CREATE TABLE AS, indexes, views,
 * sequences, schemas, DROP of every object kind, ALTER TABLE subcommands, RENAME, SET SCHEMA,
 * OWNER TO, COMMENT ON, GRANT/REVOKE. Kinds not modelled yet fall back to {@link #otherStatement()}.
 */
abstract class DdlParser extends SelectParser {

    DdlParser(String sql) {
        super(sql);
    }

    abstract RawStmt otherStatement();

    abstract VariableSetStmt setRest(Token set, boolean local);

    final DropBehavior dropBehavior() {
        if (accept("cascade")) {
            return DropBehavior.CASCADE;
        }
        accept("restrict");
        return DropBehavior.RESTRICT;
    }

    private boolean ifNotExists() {
        if (at("if") && at(1, "not") && at(2, "exists")) {
            p += 3;
            return true;
        }
        return false;
    }

    private boolean ifExists() {
        return accept("if", "exists");
    }

    // ---- CREATE ----

    final RawStmt createStatement() {
        int save = p;
        advance();
        boolean replace = false;
        if (accept("or")) {
            expect("replace");
            replace = true;
        }
        char persistence = 'p';
        if (accept("temp") || accept("temporary")) {
            persistence = 't';
        } else if ((at("local") || at("global")) && (at(1, "temp") || at(1, "temporary"))) {
            p += 2;
            persistence = 't';
        } else if (accept("unlogged")) {
            persistence = 'u';
        }
        if (at("table")) {
            return createTable(persistence);
        }
        if (at("unique") || at("index")) {
            return createIndex();
        }
        if (at("recursive") || at("view")) {
            accept("recursive");
            return createView(replace, persistence);
        }
        if (at("materialized")) {
            return createMatView();
        }
        if (at("rule") && persistence == 'p') {
            return createRule(replace);
        }
        if (at("policy") && persistence == 'p' && !replace) {
            return createPolicy();
        }
        if (at("sequence")) {
            advance();
            boolean ine = ifNotExists();
            RangeVar seq = withPersistence(qualifiedName(), persistence);
            return new CreateSeqStmt(seq, seqOptions(), ine);
        }
        if (at("schema") && persistence == 'p' && !replace) {
            return createSchema();
        }
        if (at("database") && persistence == 'p') {
            advance();
            String name = colId();
            accept("with");
            return new CreatedbStmt(name, createdbOptions());
        }
        if (at("function") || at("procedure")) {
            return createFunction(replace);
        }
        if (at("aggregate")) {
            return createAggregate(replace);
        }
        if ((at("trigger") || at("constraint") && at(1, "trigger")) && persistence == 'p') {
            return createTrigger(replace);
        }
        if (at("type")) {
            return createType();
        }
        if (at("operator") && at(1, "class") && persistence == 'p' && !replace) {
            return createOpClass();
        }
        if (at("cast") && persistence == 'p' && !replace) {
            advance();
            expectPunct('(');
            TypeName source = typeName();
            expect("as");
            TypeName target = typeName();
            expectPunct(')');
            ObjectWithArgs func = null;
            boolean inout = false;
            if (accept("without")) {
                expect("function");
            } else {
                expect("with");
                if (accept("inout")) {
                    inout = true;
                } else {
                    expect("function");
                    func = objectWithArgs(false);
                }
            }
            char context = 'e';
            if (accept("as")) {
                if (accept("implicit")) {
                    context = 'i';
                } else {
                    expect("assignment");
                    context = 'a';
                }
            }
            return new CreateCastStmt(source, target, func, context, inout);
        }
        if ((at("role") || at("user") && !at(1, "mapping") || at("group")) && persistence == 'p' && !replace) {
            return RoleGrammar.createRole(this);
        }
        if (at("domain")) {
            advance();
            List<String> name = anyName();
            accept("as");
            TypeName type = typeName();
            CollateClause coll = null;
            List<Constraint> cons = new ArrayList<>();
            columnQualifiers(cons, new CollateClause[1]);
            return new CreateDomainStmt(name, type, coll, cons);
        }
        if (at("operator") && !at(1, "class") && !at(1, "family") && persistence == 'p' && !replace) {
            advance();
            List<String> name = anyOperator();
            return new DefineStmt(ObjectType.OPERATOR, false, name, null, definition(), false, false);
        }
        if (at("text") && at(1, "search") && persistence == 'p' && !replace) {
            p += 2;
            ObjectType kind;
            if (accept("dictionary")) {
                kind = ObjectType.TSDICTIONARY;
            } else if (accept("configuration")) {
                kind = ObjectType.TSCONFIGURATION;
            } else if (accept("parser")) {
                kind = ObjectType.TSPARSER;
            } else {
                expect("template");
                kind = ObjectType.TSTEMPLATE;
            }
            List<String> name = anyName();
            return new DefineStmt(kind, false, name, null, definition(), false, false);
        }
        if ((at("conversion") || at("default") && at(1, "conversion")) && persistence == 'p' && !replace) {
            boolean isDefault = accept("default");
            expect("conversion");
            List<String> name = anyName();
            expect("for");
            String from = sconst();
            expect("to");
            String to = sconst();
            expect("from");
            List<String> func = anyName();
            return new CreateConversionStmt(name, from, to, func, isDefault);
        }
        p = save;
        return otherStatement();
    }

    private static RangeVar withPersistence(RangeVar r, char persistence) {
        return new RangeVar(r.catalogname(), r.schemaname(), r.relname(), r.inh(), persistence, r.alias(), r.location());
    }

    private RawStmt createTable(char persistence) {
        advance();
        boolean ine = ifNotExists();
        RangeVar rel = withPersistence(qualifiedName(), persistence);
        // CREATE TABLE name [(cols)] AS query: a parenthesized list of bare names, or none, before AS/WITH/USING...
        if (at("as") || (atPunct('(') && isBareNameList()) || ((at("using") || at("with") || at("tablespace")
                || at("on")) && ctasAhead())) {
            List<String> cols = optColumnList();
            String am = accept("using") ? colId() : null;
            List<DefElem> opts = optWith();
            OnCommitAction onCommit = onCommit();
            String ts = accept("tablespace") ? colId() : null;
            expect("as");
            RawStmt query;
            if (at("execute")) {
                advance();
                String name = colId();
                List<RawNode> params = List.of();
                if (acceptPunct('(')) {
                    params = exprList();
                    expectPunct(')');
                }
                query = new ExecuteStmt(name, params);
            } else {
                query = selectStmt();
            }
            boolean skipData = false;
            if (at("with") && (at(1, "data") || at(1, "no"))) {
                advance();
                skipData = accept("no");
                expect("data");
            }
            IntoClause into = new IntoClause(rel, cols, am, opts, onCommit, ts, skipData);
            return new CreateTableAsStmt(query, into, ObjectType.TABLE, false, ine);
        }
        List<RawNode> elts = List.of();
        RangeVar partitionOf = null;
        PartitionBoundSpec bound = null;
        TypeName ofType = null;
        if (at("partition") && at(1, "of")) {
            p += 2;
            partitionOf = qualifiedName();
            if (atPunct('(')) {
                elts = tableElements(true);
            }
            bound = partitionBound();
        } else if (accept("of")) {
            Token t = peek();
            ofType = new TypeName(anyName(), List.of(), List.of(), false, false, t.location());
            if (atPunct('(')) {
                elts = tableElements(true);
            }
        } else {
            elts = tableElements(false);
        }
        List<RangeVar> inh = new ArrayList<>();
        if (partitionOf != null) {
            inh.add(partitionOf);
        }
        if (accept("inherits")) {
            expectPunct('(');
            do {
                inh.add(qualifiedName());
            } while (acceptPunct(','));
            expectPunct(')');
        }
        PartitionSpec spec = null;
        if (at("partition") && at(1, "by")) {
            p += 2;
            String strategy = colId();
            expectPunct('(');
            List<PartitionElem> params = new ArrayList<>();
            do {
                Token t = peek();
                String name = null;
                RawNode expr = null;
                if (atPunct('(')) {
                    advance();
                    expr = aExpr();
                    expectPunct(')');
                } else if (peek(1).isPunct('(')) {
                    expr = funcExprWindowless();
                } else {
                    name = colId();
                }
                List<String> coll = accept("collate") ? anyName() : List.of();
                List<String> opclass = isColId(peek()) ? anyName() : List.of();
                params.add(new PartitionElem(name, expr, coll, opclass, t.location()));
            } while (acceptPunct(','));
            expectPunct(')');
            spec = new PartitionSpec(strategy, params, -1);
        }
        String am = accept("using") ? colId() : null;
        List<DefElem> opts = optWith();
        OnCommitAction onCommit = onCommit();
        String ts = accept("tablespace") ? colId() : null;
        return new CreateStmt(rel, elts, inh, bound, spec, ofType, List.of(), opts, onCommit, ts, am, ine);
    }

    private boolean isBareNameList() {
        int q = 1;
        while (true) {
            Token t = peek(q);
            if (t.kind() != TokenKind.IDENT) {
                return false;
            }
            Token n = peek(q + 1);
            if (n.isPunct(')')) {
                return !(t.isWord("like")) && q > 0;
            }
            if (!n.isPunct(',')) {
                return false;
            }
            q += 2;
        }
    }

    private boolean ctasAhead() {
        int depth = 0;
        for (int q = 0; ; q++) {
            Token t = peek(q);
            if (t.kind() == TokenKind.EOF || (depth == 0 && t.isPunct(';'))) {
                return false;
            }
            if (t.isPunct('(')) {
                depth++;
            } else if (t.isPunct(')')) {
                depth--;
            } else if (depth == 0 && t.isWord("as")) {
                return true;
            }
        }
    }

    private List<DefElem> optWith() {
        if (at("with") && at(1, "oids")) {
            throw syntaxError(peek(1));
        }
        if (at("with") && peek(1).isPunct('(')) {
            advance();
            return relOptions();
        }
        if (at("without") && at(1, "oids")) {
            p += 2;
        }
        return List.of();
    }

    private OnCommitAction onCommit() {
        if (at("on") && at(1, "commit")) {
            p += 2;
            if (accept("drop")) {
                return OnCommitAction.DROP;
            }
            if (accept("delete")) {
                expect("rows");
                return OnCommitAction.DELETE_ROWS;
            }
            expect("preserve");
            expect("rows");
            return OnCommitAction.PRESERVE_ROWS;
        }
        return OnCommitAction.NOOP;
    }

    private PartitionBoundSpec partitionBound() {
        Token t = peek();
        if (accept("default")) {
            return new PartitionBoundSpec('\0', true, 0, 0, List.of(), List.of(), List.of(), t.location());
        }
        expect("for");
        expect("values");
        t = peek();                 // gram.y places the bound at IN / FROM / WITH
        if (accept("in")) {
            expectPunct('(');
            List<RawNode> items = exprList();
            expectPunct(')');
            return new PartitionBoundSpec('l', false, 0, 0, items, List.of(), List.of(), t.location());
        }
        if (accept("from")) {
            expectPunct('(');
            List<RawNode> lo = exprList();
            expectPunct(')');
            expect("to");
            expectPunct('(');
            List<RawNode> hi = exprList();
            expectPunct(')');
            return new PartitionBoundSpec('r', false, 0, 0, List.of(), lo, hi, t.location());
        }
        expect("with");
        expectPunct('(');
        int modulus = -1;
        int remainder = -1;
        do {
            String name = nonReservedWord();
            int v = iconst();
            if (name.equals("modulus")) {
                modulus = v;
            } else if (name.equals("remainder")) {
                remainder = v;
            } else {
                throw error(SqlState.SYNTAX_ERROR, "unrecognized hash partition bound specification \"" + name + "\"",
                        t.location());
            }
        } while (acceptPunct(','));
        expectPunct(')');
        return new PartitionBoundSpec('h', false, modulus, remainder, List.of(), List.of(), List.of(), t.location());
    }

    /** '(' TableElement, ... ')' (possibly empty); typed tables allow "col WITH OPTIONS constraints". */
    private List<RawNode> tableElements(boolean typed) {
        expectPunct('(');
        List<RawNode> out = new ArrayList<>();
        if (acceptPunct(')')) {
            return out;
        }
        do {
            Token t = peek();
            if (at("like")) {
                advance();
                RangeVar rel = qualifiedName();
                int options = 0;
                while (at("including") || at("excluding")) {
                    boolean including = advance().isWord("including");
                    Token o = advance();
                    int bit = switch (o.text()) {
                        case "comments" -> TableLikeClause.CREATE_TABLE_LIKE_COMMENTS;
                        case "compression" -> TableLikeClause.CREATE_TABLE_LIKE_COMPRESSION;
                        case "constraints" -> TableLikeClause.CREATE_TABLE_LIKE_CONSTRAINTS;
                        case "defaults" -> TableLikeClause.CREATE_TABLE_LIKE_DEFAULTS;
                        case "identity" -> TableLikeClause.CREATE_TABLE_LIKE_IDENTITY;
                        case "generated" -> TableLikeClause.CREATE_TABLE_LIKE_GENERATED;
                        case "indexes" -> TableLikeClause.CREATE_TABLE_LIKE_INDEXES;
                        case "statistics" -> TableLikeClause.CREATE_TABLE_LIKE_STATISTICS;
                        case "storage" -> TableLikeClause.CREATE_TABLE_LIKE_STORAGE;
                        case "all" -> TableLikeClause.CREATE_TABLE_LIKE_ALL;
                        default -> throw syntaxError(o);
                    };
                    options = including ? options | bit : options & ~bit;
                }
                out.add(new TableLikeClause(rel, options, t.location()));
            } else if (at("constraint") || at("check") || at("unique") || (at("primary") && at(1, "key"))
                    || at("exclude") || (at("foreign") && at(1, "key"))) {
                out.add(tableConstraint());
            } else {
                out.add(columnDef(typed));
            }
        } while (acceptPunct(','));
        expectPunct(')');
        return out;
    }

    /** columnDef: ColId Typename [COMPRESSION name] ColQualList. */
    final ColumnDef columnDef(boolean typed) {
        Token t = peek();
        String name = colId();
        TypeName type = null;
        if (typed) {
            if (accept("with")) {
                expect("options");
            }
        } else {
            type = typeName();
        }
        String compression = null;
        if (accept("compression")) {
            compression = accept("default") ? "default" : colId();
        }
        List<Constraint> cons = new ArrayList<>();
        CollateClause[] coll = new CollateClause[1];
        columnQualifiers(cons, coll);
        return new ColumnDef(name, type, compression, null, coll[0], cons, t.location());
    }

    /** ColQualList: column constraints, constraint attributes and COLLATE. */
    private void columnQualifiers(List<Constraint> cons, CollateClause[] coll) {
        while (true) {
            Token t = peek();
            String conname = null;
            if (accept("constraint")) {
                conname = colId();
            }
            ConstraintBuilder c = new ConstraintBuilder(t.location());
            c.conname = conname;
            if (at("not") && at(1, "null")) {
                p += 2;
                c.contype = ConstrType.NOTNULL;
            } else if (accept("null")) {
                c.contype = ConstrType.NULL;
            } else if (accept("unique")) {
                c.contype = ConstrType.UNIQUE;
                nullsDistinct(c);
                indexOptions(c);
            } else if (at("primary") && at(1, "key")) {
                p += 2;
                c.contype = ConstrType.PRIMARY;
                indexOptions(c);
            } else if (accept("check")) {
                c.contype = ConstrType.CHECK;
                expectPunct('(');
                c.rawExpr = aExpr();
                expectPunct(')');
                if (at("no") && at(1, "inherit")) {
                    p += 2;
                    c.isNoInherit = true;
                }
            } else if (accept("default")) {
                c.contype = ConstrType.DEFAULT;
                c.rawExpr = bExpr();
            } else if (accept("generated")) {
                if (accept("always")) {
                    c.generatedWhen = 'a';
                } else {
                    expect("by");
                    expect("default");
                    c.generatedWhen = 'd';
                }
                expect("as");
                if (accept("identity")) {
                    c.contype = ConstrType.IDENTITY;
                    if (atPunct('(')) {
                        advance();
                        c.identityOptions = seqOptions();
                        expectPunct(')');
                    }
                } else {
                    c.contype = ConstrType.GENERATED;
                    expectPunct('(');
                    c.rawExpr = aExpr();
                    expectPunct(')');
                    expect("stored");
                }
            } else if (accept("references")) {
                c.contype = ConstrType.FOREIGN;
                references(c);
            } else if (conname == null && at("collate")) {
                Token ct = advance();
                coll[0] = new CollateClause(null, anyName(), ct.location());
                continue;
            } else if (conname == null && accept("deferrable")) {
                c.contype = ConstrType.ATTR_DEFERRABLE;
            } else if (conname == null && at("not") && at(1, "deferrable")) {
                p += 2;
                c.contype = ConstrType.ATTR_NOT_DEFERRABLE;
            } else if (conname == null && accept("initially")) {
                if (accept("deferred")) {
                    c.contype = ConstrType.ATTR_DEFERRED;
                } else {
                    expect("immediate");
                    c.contype = ConstrType.ATTR_IMMEDIATE;
                }
            } else {
                if (conname != null) {
                    throw syntaxErrorHere();
                }
                if (at("not")) {
                    throw syntaxError(peek(1));
                }
                return;
            }
            Constraint built = c.build();
            if (built.contype() == ConstrType.ATTR_DEFERRABLE || built.contype() == ConstrType.ATTR_NOT_DEFERRABLE
                    || built.contype() == ConstrType.ATTR_DEFERRED || built.contype() == ConstrType.ATTR_IMMEDIATE) {
                applyConstraintAttribute(cons, built);
                continue;
            }
            cons.add(built);
        }
    }

    /**
     * transformConstraintAttrs for one column constraint attribute: DEFERRABLE, NOT DEFERRABLE,
     * INITIALLY DEFERRED/IMMEDIATE apply to the constraint before them, which must be a foreign
     * key, unique or primary key constraint; INITIALLY DEFERRED makes it DEFERRABLE.
     */
    private static void applyConstraintAttribute(List<Constraint> cons, Constraint attr) {
        Constraint last = cons.isEmpty() ? null : cons.get(cons.size() - 1);
        String clause = switch (attr.contype()) {
            case ATTR_DEFERRABLE -> "DEFERRABLE";
            case ATTR_NOT_DEFERRABLE -> "NOT DEFERRABLE";
            case ATTR_DEFERRED -> "INITIALLY DEFERRED";
            default -> "INITIALLY IMMEDIATE";
        };
        if (last == null || !(last.contype() == ConstrType.FOREIGN || last.contype() == ConstrType.UNIQUE
                || last.contype() == ConstrType.PRIMARY || last.contype() == ConstrType.EXCLUSION)) {
            throw org.tusk.engine.error.Ereport.error(SqlState.SYNTAX_ERROR, "misplaced " + clause + " clause",
                    attr.location());
        }
        boolean deferrable = last.deferrable();
        boolean initdeferred = last.initdeferred();
        switch (attr.contype()) {
            case ATTR_DEFERRABLE -> deferrable = true;
            case ATTR_NOT_DEFERRABLE -> {
                if (initdeferred) {
                    throw org.tusk.engine.error.Ereport.error(SqlState.SYNTAX_ERROR,
                            "constraint declared INITIALLY DEFERRED must be DEFERRABLE", attr.location());
                }
                deferrable = false;
            }
            case ATTR_DEFERRED -> {
                deferrable = true;
                initdeferred = true;
            }
            default -> initdeferred = false;
        }
        cons.set(cons.size() - 1, new Constraint(last.contype(), last.conname(), deferrable, initdeferred,
                last.isNoInherit(), last.rawExpr(), last.generatedWhen(), last.nullsNotDistinct(), last.keys(),
                last.including(), last.exclusions(), last.options(), last.indexname(), last.indexspace(),
                last.accessMethod(), last.whereClause(), last.pktable(), last.fkAttrs(), last.pkAttrs(),
                last.fkMatchtype(), last.fkUpdAction(), last.fkDelAction(), last.fkDelSetCols(),
                last.skipValidation(), last.identityOptions(), last.location()));
    }

    private void nullsDistinct(ConstraintBuilder c) {
        if (at("nulls")) {
            advance();
            if (accept("not")) {
                c.nullsNotDistinct = true;
            }
            expect("distinct");
        }
    }

    /** opt_c_include opt_definition OptConsTableSpace for PRIMARY KEY / UNIQUE. */
    private void indexOptions(ConstraintBuilder c) {
        if (accept("include")) {
            c.including = parenNameList();
        }
        if (at("with") && peek(1).isPunct('(')) {
            advance();
            c.options = relOptions();
        }
        if (at("using") && at(1, "index") && at(2, "tablespace")) {
            p += 3;
            c.indexspace = colId();
        }
    }

    private void references(ConstraintBuilder c) {
        c.pktable = qualifiedName();
        c.pkAttrs = optColumnList();
        if (accept("match")) {
            if (accept("full")) {
                c.fkMatchtype = 'f';
            } else if (accept("partial")) {
                c.fkMatchtype = 'p';
            } else {
                expect("simple");
                c.fkMatchtype = 's';
            }
        }
        while (at("on") && (at(1, "update") || at(1, "delete"))) {
            advance();
            boolean update = advance().isWord("update");
            char action;
            if (accept("no")) {
                expect("action");
                action = 'a';
            } else if (accept("restrict")) {
                action = 'r';
            } else if (accept("cascade")) {
                action = 'c';
            } else {
                expect("set");
                if (accept("null")) {
                    action = 'n';
                } else {
                    expect("default");
                    action = 'd';
                }
                if (atPunct('(')) {
                    c.fkDelSetCols = parenNameList();
                }
            }
            if (update) {
                c.fkUpdAction = action;
            } else {
                c.fkDelAction = action;
            }
        }
    }

    /** TableConstraint: [CONSTRAINT name] ConstraintElem ConstraintAttributeSpec. */
    final Constraint tableConstraint() {
        Token t = peek();
        ConstraintBuilder c = new ConstraintBuilder(t.location());
        if (accept("constraint")) {
            c.conname = colId();
        }
        if (accept("check")) {
            c.contype = ConstrType.CHECK;
            expectPunct('(');
            c.rawExpr = aExpr();
            expectPunct(')');
        } else if (accept("unique")) {
            c.contype = ConstrType.UNIQUE;
            nullsDistinct(c);
            if (at("using") && at(1, "index")) {
                p += 2;
                c.indexname = colId();
            } else {
                c.keys = parenNameList();
                indexOptions(c);
            }
        } else if (at("primary") && at(1, "key")) {
            p += 2;
            c.contype = ConstrType.PRIMARY;
            if (at("using") && at(1, "index")) {
                p += 2;
                c.indexname = colId();
            } else {
                c.keys = parenNameList();
                indexOptions(c);
            }
        } else if (accept("exclude")) {
            c.contype = ConstrType.EXCLUSION;
            if (accept("using")) {
                c.accessMethod = colId();
            }
            expectPunct('(');
            List<RawNode> excl = new ArrayList<>();
            do {
                Token e = peek();
                RawNode elem = aExpr();
                expect("with");
                List<String> op = at("operator") ? operatorName() : List.of(advance().text());
                excl.add(new NodeList(List.of(elem, new AnyName(op, e.location())), e.location()));
            } while (acceptPunct(','));
            expectPunct(')');
            c.exclusions = excl;
            indexOptions(c);
            if (accept("where")) {
                expectPunct('(');
                c.whereClause = aExpr();
                expectPunct(')');
            }
        } else if (at("foreign") && at(1, "key")) {
            p += 2;
            c.contype = ConstrType.FOREIGN;
            c.fkAttrs = parenNameList();
            expect("references");
            references(c);
        } else {
            throw syntaxErrorHere();
        }
        constraintAttributes(c);
        return c.build();
    }

    /** ConstraintAttributeSpec: DEFERRABLE, NOT DEFERRABLE, INITIALLY ..., NOT VALID, NO INHERIT. */
    private void constraintAttributes(ConstraintBuilder c) {
        while (true) {
            if (accept("deferrable")) {
                c.deferrable = true;
            } else if (at("not") && at(1, "deferrable")) {
                p += 2;
                c.deferrable = false;
            } else if (accept("initially")) {
                if (accept("deferred")) {
                    c.initdeferred = true;
                } else {
                    expect("immediate");
                    c.initdeferred = false;
                }
            } else if (at("not") && at(1, "valid")) {
                p += 2;
                c.skipValidation = true;
            } else if (at("no") && at(1, "inherit")) {
                p += 2;
                c.isNoInherit = true;
            } else {
                return;
            }
        }
    }

    /** OptSeqOptList / SeqOptList elements as DefElems, as gram.y names them. */
    final List<DefElem> seqOptions() {
        List<DefElem> out = new ArrayList<>();
        while (true) {
            Token t = peek();
            int loc = t.location();
            if (accept("as")) {
                out.add(DefElem.of("as", simpleTypename(), loc));
            } else if (accept("cache")) {
                out.add(DefElem.of("cache", numericOnly(), loc));
            } else if (accept("cycle")) {
                out.add(DefElem.of("cycle", new AConst(ConstKind.BOOLEAN, "t", loc), loc));
            } else if (at("no") && at(1, "cycle")) {
                p += 2;
                out.add(DefElem.of("cycle", new AConst(ConstKind.BOOLEAN, "f", loc), loc));
            } else if (at("no") && (at(1, "maxvalue") || at(1, "minvalue"))) {
                advance();
                out.add(DefElem.of(advance().text(), null, loc));
            } else if (accept("increment")) {
                accept("by");
                out.add(DefElem.of("increment", numericOnly(), loc));
            } else if (accept("maxvalue")) {
                out.add(DefElem.of("maxvalue", numericOnly(), loc));
            } else if (accept("minvalue")) {
                out.add(DefElem.of("minvalue", numericOnly(), loc));
            } else if (accept("owned")) {
                expect("by");
                Token n = peek();
                out.add(DefElem.of("owned_by", new AnyName(anyName(), n.location()), loc));
            } else if (at("sequence") && at(1, "name")) {
                p += 2;
                Token n = peek();
                out.add(DefElem.of("sequence_name", new AnyName(anyName(), n.location()), loc));
            } else if (accept("start")) {
                accept("with");
                out.add(DefElem.of("start", numericOnly(), loc));
            } else if (accept("restart")) {
                accept("with");
                out.add(DefElem.of("restart", atNumericOnly() ? numericOnly() : null, loc));
            } else {
                return out;
            }
        }
    }

    private RawStmt createIndex() {
        boolean unique = accept("unique");
        expect("index");
        boolean concurrent = accept("concurrently");
        boolean ine = ifNotExists();
        String name = null;
        if (!at("on")) {
            name = colId();
        } else if (ine) {
            throw syntaxErrorHere();
        }
        expect("on");
        RangeVar rel = relationExpr();
        String am = accept("using") ? colId() : null;
        List<IndexElem> params = indexParams();
        List<IndexElem> include = List.of();
        if (accept("include")) {
            include = indexParams();
        }
        boolean nullsNotDistinct = false;
        if (accept("nulls")) {
            nullsNotDistinct = accept("not");
            expect("distinct");
        }
        List<DefElem> opts = optWith();
        String ts = accept("tablespace") ? colId() : null;
        RawNode where = accept("where") ? aExpr() : null;
        return new IndexStmt(name, rel, am, ts, params, include, opts, where, unique, nullsNotDistinct, concurrent, ine);
    }

    private RawStmt createView(boolean replace, char persistence) {
        expect("view");
        RangeVar view = withPersistence(qualifiedName(), persistence);
        List<String> cols = optColumnList();
        List<DefElem> opts = optWith();
        expect("as");
        SelectStmt query = selectStmt();
        ViewCheckOption check = ViewCheckOption.NO_CHECK_OPTION;
        if (at("with") && (at(1, "check") || at(1, "cascaded") || at(1, "local"))) {
            advance();
            check = ViewCheckOption.CASCADED_CHECK_OPTION;
            if (accept("local")) {
                check = ViewCheckOption.LOCAL_CHECK_OPTION;
            } else {
                accept("cascaded");
            }
            expect("check");
            expect("option");
        }
        return new ViewStmt(view, cols, query, replace, opts, check);
    }

    /** CREATE [OR REPLACE] RULE (gram.y's RuleStmt). */
    private RawStmt createRule(boolean replace) {
        advance();
        String name = colId();
        expect("as");
        expect("on");
        Token ev = advance();
        char event;
        switch (ev.kind() == TokenKind.IDENT ? ev.text() : "") {
            case "select": event = '1'; break;
            case "update": event = '2'; break;
            case "insert": event = '3'; break;
            case "delete": event = '4'; break;
            default: throw syntaxError(ev);
        }
        expect("to");
        RangeVar rel = qualifiedName();
        RawNode where = null;
        String whereText = null;
        if (accept("where")) {
            int from = peek().location();
            where = aExpr();
            whereText = sql.substring(from, tokens.get(p - 1).end());
        }
        expect("do");
        boolean instead = false;
        if (accept("instead")) {
            instead = true;
        } else {
            accept("also");
        }
        List<RawStmt> actions = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        if (accept("nothing")) {
            return new RuleStmt(rel, name, where, whereText, event, instead, actions, texts, replace);
        }
        if (acceptPunct('(')) {
            while (!atPunct(')')) {
                if (acceptPunct(';')) {
                    continue;
                }
                ruleAction(actions, texts);
                if (!atPunct(')')) {
                    expectPunct(';');
                }
            }
            expectPunct(')');
        } else {
            ruleAction(actions, texts);
        }
        return new RuleStmt(rel, name, where, whereText, event, instead, actions, texts, replace);
    }

    /**
     * CREATE POLICY name ON table [AS {PERMISSIVE | RESTRICTIVE}] [FOR {ALL | SELECT | INSERT | UPDATE | DELETE}]
     * [TO role [, ...]] [USING (expr)] [WITH CHECK (expr)] (gram.y's CreatePolicyStmt).
     */
    private RawStmt createPolicy() {
        int start = peek().location();
        advance();
        String name = colId();
        expect("on");
        RangeVar table = qualifiedName();
        boolean permissive = true;
        if (accept("as")) {
            Token kind = advance();
            if (kind.isWord("restrictive")) {
                permissive = false;
            } else if (!kind.isWord("permissive")) {
                throw error(SqlState.SYNTAX_ERROR, "unrecognized row security option \"" + kind.text() + "\"",
                        kind.location()).withHint("Only PERMISSIVE or RESTRICTIVE policies are supported currently.");
            }
        }
        String cmd = "all";
        if (accept("for")) {
            Token c = advance();
            if (!(c.isWord("all") || c.isWord("select") || c.isWord("insert") || c.isWord("update")
                    || c.isWord("delete"))) {
                throw syntaxError(c);
            }
            cmd = c.text();
        }
        List<RoleSpec> roles = accept("to") ? policyRoles() : null;
        PolicyExpr using = accept("using") ? policyExpr() : null;
        PolicyExpr check = null;
        if (at("with") && at(1, "check")) {
            p += 2;
            check = policyExpr();
        }
        return new CreatePolicyStmt(name, table, cmd, permissive, roles, using == null ? null : using.node(),
                using == null ? null : using.text(), check == null ? null : check.node(),
                check == null ? null : check.text(), start);
    }

    /**
     * ALTER POLICY name ON table RENAME TO new, or ALTER POLICY name ON table [TO role [, ...]] [USING (expr)]
     * [WITH CHECK (expr)] (gram.y's AlterPolicyStmt).
     */
    final RawStmt alterPolicy() {
        expect("alter");
        expect("policy");
        Token n = peek();
        String name = colId();
        expect("on");
        RangeVar table = qualifiedName();
        if (accept("rename")) {
            expect("to");
            return new AlterPolicyStmt(name, table, colId(), null, null, null, null, null, n.location());
        }
        List<RoleSpec> roles = accept("to") ? policyRoles() : null;
        PolicyExpr using = accept("using") ? policyExpr() : null;
        PolicyExpr check = null;
        if (at("with") && at(1, "check")) {
            p += 2;
            check = policyExpr();
        }
        return new AlterPolicyStmt(name, table, null, roles, using == null ? null : using.node(),
                using == null ? null : using.text(), check == null ? null : check.node(),
                check == null ? null : check.text(), n.location());
    }

    private List<RoleSpec> policyRoles() {
        List<RoleSpec> roles = new ArrayList<>();
        do {
            roles.add(roleSpec());
        } while (acceptPunct(','));
        return roles;
    }

    private record PolicyExpr(RawNode node, String text) {
    }

    /** '(' a_expr ')' with the expression's source text, which pg_policy keeps. */
    private PolicyExpr policyExpr() {
        expectPunct('(');
        int from = peek().location();
        RawNode e = aExpr();
        String text = sql.substring(from, tokens.get(p - 1).end());
        expectPunct(')');
        return new PolicyExpr(e, text);
    }

    /** RuleActionStmt: SELECT, INSERT, UPDATE, DELETE or NOTIFY, with its source text. */
    private void ruleAction(List<RawStmt> actions, List<String> texts) {
        int from = peek().location();
        RawStmt stmt;
        if (at("insert")) {
            stmt = insertStmt(null);
        } else if (at("update")) {
            stmt = updateStmt(null);
        } else if (at("delete")) {
            stmt = deleteStmt(null);
        } else {
            stmt = selectStmt();
        }
        actions.add(stmt);
        texts.add(sql.substring(from, tokens.get(p - 1).end()));
    }

    private RawStmt createMatView() {
        expect("materialized");
        expect("view");
        boolean ine = ifNotExists();
        RangeVar rel = qualifiedName();
        List<String> cols = optColumnList();
        String am = accept("using") ? colId() : null;
        List<DefElem> opts = optWith();
        String ts = accept("tablespace") ? colId() : null;
        expect("as");
        SelectStmt query = selectStmt();
        boolean skipData = false;
        if (at("with") && (at(1, "data") || at(1, "no"))) {
            advance();
            skipData = accept("no");
            expect("data");
        }
        return new CreateTableAsStmt(query, new IntoClause(rel, cols, am, opts, OnCommitAction.NOOP, ts, skipData),
                ObjectType.MATVIEW, false, ine);
    }

    private RawStmt createSchema() {
        expect("schema");
        boolean ine = ifNotExists();
        String name = null;
        RoleSpec auth = null;
        if (!at("authorization")) {
            name = colId();
        }
        if (accept("authorization")) {
            auth = roleSpec();
        }
        List<RawStmt> elts = new ArrayList<>();
        List<Integer> locations = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        while (at("create") || at("grant")) {
            int start = peek().location();
            elts.add(at("create") ? createStatement() : grantStatement());
            locations.add(start);
            sources.add(sql.substring(start, Math.max(start, tokens.get(p - 1).end())));
        }
        return new CreateSchemaStmt(name, auth, elts, ine, locations, sources);
    }

    private List<DefElem> createdbOptions() {
        List<DefElem> out = new ArrayList<>();
        while (!atEnd()) {
            Token t = peek();
            String name;
            if (at("connection") && at(1, "limit")) {
                p += 2;
                name = "connection_limit";
            } else {
                name = advance().text();
            }
            acceptOp("=");
            RawNode arg;
            if (accept("default")) {
                arg = null;
            } else {
                arg = optionValueOrNumber();
            }
            out.add(DefElem.of(name, arg, t.location()));
        }
        return out;
    }

    private RawNode optionValueOrNumber() {
        Token t = peek();
        if (atNumericOnly()) {
            return numericOnly();
        }
        if (t.kind() == TokenKind.SCONST) {
            advance();
            return new AConst(ConstKind.STRING, t.text(), t.location());
        }
        if (t.kind() == TokenKind.IDENT) {
            advance();
            return new AConst(ConstKind.STRING, t.text(), t.location());
        }
        throw syntaxError(t);
    }

    /** RoleSpec: NonReservedWord | CURRENT_ROLE | CURRENT_USER | SESSION_USER; "public" is PUBLIC. */
    final RoleSpec roleSpec() {
        Token t = peek();
        if (accept("current_role")) {
            return new RoleSpec(RoleSpecType.CURRENT_ROLE, null, t.location());
        }
        if (accept("current_user")) {
            return new RoleSpec(RoleSpecType.CURRENT_USER, null, t.location());
        }
        if (accept("session_user")) {
            return new RoleSpec(RoleSpecType.SESSION_USER, null, t.location());
        }
        String name = nonReservedWord();
        if (!t.quoted() && name.equals("public")) {
            return new RoleSpec(RoleSpecType.PUBLIC, null, t.location());
        }
        if (!t.quoted() && name.equals("none")) {
            throw error(SqlState.RESERVED_NAME, "role name \"none\" is reserved", t.location());
        }
        return new RoleSpec(RoleSpecType.CSTRING, name, t.location());
    }

    // ---- functions, aggregates, types ----

    /** func_args_with_defaults / func_args: '(' [param, ...] ')'. */
    private List<FunctionParameter> functionParameters(boolean defaults) {
        expectPunct('(');
        List<FunctionParameter> out = new ArrayList<>();
        if (acceptPunct(')')) {
            return out;
        }
        do {
            out.add(functionParameter(defaults));
        } while (acceptPunct(','));
        expectPunct(')');
        return out;
    }

    private FunctionParameter functionParameter(boolean defaults) {
        Token t = peek();
        FunctionParameterMode mode = FunctionParameterMode.IN;
        boolean explicitMode = true;
        if (accept("in")) {
            mode = accept("out") ? FunctionParameterMode.INOUT : FunctionParameterMode.IN;
        } else if (accept("out")) {
            mode = FunctionParameterMode.OUT;
        } else if (accept("inout")) {
            mode = FunctionParameterMode.INOUT;
        } else if (accept("variadic")) {
            mode = FunctionParameterMode.VARIADIC;
        } else {
            explicitMode = false;
        }
        String name = null;
        int save = p;
        TypeName type;
        try {
            type = typeName();
            if (!(atPunct(',') || atPunct(')') || at("default") || peek().isOp("=") || at("order"))) {
                throw syntaxErrorHere();
            }
        } catch (org.tusk.api.error.PgException e) {
            p = save;
            name = typeFunctionNameOrColId();
            if (!explicitMode) {
                if (accept("in")) {
                    mode = accept("out") ? FunctionParameterMode.INOUT : FunctionParameterMode.IN;
                } else if (accept("out")) {
                    mode = FunctionParameterMode.OUT;
                } else if (accept("inout")) {
                    mode = FunctionParameterMode.INOUT;
                } else if (accept("variadic")) {
                    mode = FunctionParameterMode.VARIADIC;
                }
            }
            type = typeName();
        }
        RawNode def = null;
        if (defaults && (accept("default") || acceptOp("="))) {
            def = aExpr();
        }
        return new FunctionParameter(name, type, mode, def);
    }

    private String typeFunctionNameOrColId() {
        Token t = peek();
        if (t.kind() == TokenKind.IDENT && (t.quoted() || Keywords.isNonReserved(t.text()))) {
            advance();
            return t.text();
        }
        throw syntaxError(t);
    }

    private RawStmt createFunction(boolean replace) {
        boolean procedure = advance().isWord("procedure");
        List<String> name = anyName();
        List<FunctionParameter> params = functionParameters(true);
        TypeName returns = null;
        if (accept("returns")) {
            if (at("table") && peek(1).isPunct('(')) {
                advance();
                expectPunct('(');
                List<FunctionParameter> cols = new ArrayList<>(params);
                do {
                    String col = typeFunctionNameOrColId();
                    cols.add(new FunctionParameter(col, typeName(), FunctionParameterMode.TABLE, null));
                } while (acceptPunct(','));
                expectPunct(')');
                params = cols;
                returns = new TypeName(List.of("pg_catalog", "record"), List.of(), List.of(), true, false, -1);
            } else {
                returns = typeName();
            }
        }
        List<DefElem> options = new ArrayList<>();
        RawNode body = null;
        while (!atEnd()) {
            Token t = peek();
            int loc = t.location();
            if (accept("as")) {
                List<RawNode> parts = new ArrayList<>();
                Token s = peek();
                parts.add(new AConst(ConstKind.STRING, sconst(), s.location()));
                if (acceptPunct(',')) {
                    Token s2 = peek();
                    parts.add(new AConst(ConstKind.STRING, sconst(), s2.location()));
                }
                options.add(DefElem.of("as", new NodeList(parts, loc), loc));
            } else if (accept("language")) {
                Token l = peek();
                options.add(DefElem.of("language", new AConst(ConstKind.STRING, nonReservedWordOrSconst(), l.location()), loc));
            } else if (accept("window")) {
                options.add(DefElem.of("window", new AConst(ConstKind.BOOLEAN, "t", loc), loc));
            } else if (at("return")) {
                // RETURN expr: kept as its source text ("RETURN expr"), analyzed as SELECT expr
                advance();
                aExpr();
                body = new AConst(ConstKind.STRING, sql.substring(loc, tokens.get(p - 1).end()), loc);
            } else if (at("begin") && at(1, "atomic")) {
                // BEGIN ATOMIC ... END: the statements are kept unparsed here
                p += 2;
                int depth = 1;
                while (depth > 0 && peek().kind() != TokenKind.EOF) {
                    Token x = advance();
                    if (x.isWord("begin") || x.isWord("case")) {
                        depth++;
                    } else if (x.isWord("end")) {
                        depth--;
                    }
                }
                body = new AConst(ConstKind.STRING, sql.substring(loc, tokens.get(p - 1).end()), loc);
            } else if (!commonFunctionOption(options)) {
                throw syntaxErrorHere();
            }
        }
        return new CreateFunctionStmt(procedure, replace, name, params, returns, options, body);
    }

    /** common_func_opt_item. */
    private boolean commonFunctionOption(List<DefElem> options) {
        Token t = peek();
        int loc = t.location();
        if (at("called") && at(1, "on")) {
            p += 2;
            expect("null");
            expect("input");
            options.add(DefElem.of("strict", new AConst(ConstKind.BOOLEAN, "f", loc), loc));
        } else if (at("returns") && at(1, "null")) {
            p += 2;
            expect("on");
            expect("null");
            expect("input");
            options.add(DefElem.of("strict", new AConst(ConstKind.BOOLEAN, "t", loc), loc));
        } else if (accept("strict")) {
            options.add(DefElem.of("strict", new AConst(ConstKind.BOOLEAN, "t", loc), loc));
        } else if (at("immutable") || at("stable") || at("volatile")) {
            options.add(DefElem.of("volatility", new AConst(ConstKind.STRING, advance().text(), loc), loc));
        } else if (accept("external") || at("security")) {
            expect("security");
            boolean definer = accept("definer");
            if (!definer) {
                expect("invoker");
            }
            options.add(DefElem.of("security", new AConst(ConstKind.BOOLEAN, definer ? "t" : "f", loc), loc));
        } else if (accept("leakproof")) {
            options.add(DefElem.of("leakproof", new AConst(ConstKind.BOOLEAN, "t", loc), loc));
        } else if (at("not") && at(1, "leakproof")) {
            p += 2;
            options.add(DefElem.of("leakproof", new AConst(ConstKind.BOOLEAN, "f", loc), loc));
        } else if (accept("cost")) {
            options.add(DefElem.of("cost", numericOnly(), loc));
        } else if (accept("rows")) {
            options.add(DefElem.of("rows", numericOnly(), loc));
        } else if (accept("support")) {
            options.add(DefElem.of("support", new AnyName(anyName(), loc), loc));
        } else if (accept("parallel")) {
            options.add(DefElem.of("parallel", new AConst(ConstKind.STRING, colId(), loc), loc));
        } else if (at("set") || at("reset")) {
            int start = p;
            skipUntilOption();
            options.add(DefElem.of("set", new AConst(ConstKind.STRING,
                    sql.substring(tokens.get(start).location(), tokens.get(p - 1).end()), loc), loc));
        } else {
            return false;
        }
        return true;
    }

    private void skipUntilOption() {
        advance();
        while (!atEnd() && !(at("as") || at("language") || at("immutable") || at("stable") || at("volatile")
                || at("strict") || at("cost") || at("rows") || at("set") || at("reset") || at("security")
                || at("parallel") || at("leakproof") || at("return") || at("begin"))) {
            advance();
        }
    }

    private RawStmt createAggregate(boolean replace) {
        expect("aggregate");
        List<String> name = anyName();
        expectPunct('(');
        // old style: CREATE AGGREGATE name (basetype = ..., sfunc = ...)
        if (peek().kind() == TokenKind.IDENT && peek(1).isOp("=")) {
            p--;
            return new DefineStmt(ObjectType.AGGREGATE, true, name, null, definition(), false, replace);
        }
        p--;
        expectPunct('(');
        List<FunctionParameter> args = new ArrayList<>();
        if (peek().isOp("*")) {
            advance();
        } else if (!atPunct(')')) {
            if (!(at("order") && at(1, "by"))) {
                do {
                    args.add(functionParameter(false));
                } while (acceptPunct(','));
            }
            if (at("order") && at(1, "by")) {
                p += 2;
                List<FunctionParameter> ordered = new ArrayList<>();
                do {
                    ordered.add(functionParameter(false));
                } while (acceptPunct(','));
                // makeOrderedSetArgs: "VARIADIC t ORDER BY VARIADIC t" keeps only the direct argument
                FunctionParameter lastDirect = args.isEmpty() ? null : args.get(args.size() - 1);
                if (lastDirect != null && lastDirect.mode() == FunctionParameterMode.VARIADIC && ordered.size() == 1
                        && ordered.get(0).mode() == FunctionParameterMode.VARIADIC
                        && ordered.get(0).argType().names().equals(lastDirect.argType().names())) {
                    ordered.clear();
                }
                args.add(null);         // ORDER BY: the direct arguments end here (an ordered-set aggregate)
                args.addAll(ordered);
            }
        }
        expectPunct(')');
        return new DefineStmt(ObjectType.AGGREGATE, false, name, args, definition(), false, replace);
    }

    /** CreateTrigStmt (gram.y's CREATE TRIGGER and CREATE CONSTRAINT TRIGGER). */
    private RawStmt createTrigger(boolean replace) {
        boolean constraint = accept("constraint");
        expect("trigger");
        String name = colId();
        int timing;
        if (accept("before")) {
            timing = 2;
        } else if (accept("after")) {
            timing = 0;
        } else {
            expect("instead");
            expect("of");
            timing = 64;
        }
        int events = 0;
        List<String> columns = new ArrayList<>();
        do {
            Token t = advance();
            if (t.isWord("insert")) {
                events |= 4;
            } else if (t.isWord("delete")) {
                events |= 8;
            } else if (t.isWord("update")) {
                events |= 16;
                if (accept("of")) {
                    columns.addAll(nameList());
                }
            } else if (t.isWord("truncate")) {
                events |= 32;
            } else {
                throw syntaxError(t);
            }
        } while (accept("or"));
        expect("on");
        RangeVar rel = qualifiedName();
        boolean deferrable = false;
        boolean initDeferred = false;
        while (true) {
            if (accept("deferrable")) {
                deferrable = true;
            } else if (at("not") && at(1, "deferrable")) {
                p += 2;
            } else if (accept("initially")) {
                initDeferred = advance().isWord("deferred");
            } else if (accept("from")) {
                qualifiedName();
            } else {
                break;
            }
        }
        String oldTable = null;
        String newTable = null;
        if (accept("referencing")) {
            while (at("old") || at("new")) {
                boolean isNew = advance().isWord("new");
                if (!accept("table")) {
                    expect("row");
                }
                accept("as");
                String n = colId();
                if (isNew) {
                    newTable = n;
                } else {
                    oldTable = n;
                }
            }
        }
        boolean row = false;
        if (accept("for")) {
            accept("each");
            if (accept("row")) {
                row = true;
            } else {
                expect("statement");
            }
        }
        RawNode when = null;
        String whenText = null;
        if (accept("when")) {
            Token open = expectPunct('(');
            when = aExpr();
            Token close = expectPunct(')');
            whenText = sql.substring(open.end(), close.location()).trim();
        }
        expect("execute");
        if (!accept("function")) {
            expect("procedure");
        }
        List<String> func = anyName();
        expectPunct('(');
        List<String> args = new ArrayList<>();
        if (!atPunct(')')) {
            do {
                Token t = advance();
                if (t.kind() == TokenKind.EOF || t.kind() == TokenKind.PUNCT) {
                    throw syntaxError(t);
                }
                args.add(t.text());
            } while (acceptPunct(','));
        }
        expectPunct(')');
        return new CreateTrigStmt(replace, constraint, name, rel, timing, events, columns, row, when, whenText, func,
                args, oldTable, newTable, deferrable, initDeferred);
    }

    /** definition: '(' def_elem, ... ')' with def_elem ColLabel ['=' def_arg]. */
    private List<DefElem> definition() {
        expectPunct('(');
        List<DefElem> out = new ArrayList<>();
        do {
            Token t = peek();
            String n = colLabel();
            RawNode arg = null;
            if (acceptOp("=")) {
                arg = defArg();
            }
            out.add(DefElem.of(n, arg, t.location()));
        } while (acceptPunct(','));
        expectPunct(')');
        return out;
    }

    private RawStmt createType() {
        expect("type");
        Token t = peek();
        List<String> name = anyName();
        if (accept("as")) {
            if (accept("enum")) {
                expectPunct('(');
                List<String> vals = new ArrayList<>();
                if (!atPunct(')')) {
                    do {
                        vals.add(sconst());
                    } while (acceptPunct(','));
                }
                expectPunct(')');
                return new CreateEnumStmt(name, vals);
            }
            if (accept("range")) {
                return new CreateRangeStmt(name, definition());
            }
            List<ColumnDef> cols = atPunct('(') && peek(1).isPunct(')') ? emptyParens() : columnDefList();
            return new CompositeTypeStmt(rangeVarOf(name, true, t), cols);
        }
        if (atPunct('(')) {
            return new DefineStmt(ObjectType.TYPE, false, name, null, definition(), false, false);
        }
        return new DefineStmt(ObjectType.TYPE, false, name, null, List.of(), false, false);
    }

    private List<ColumnDef> emptyParens() {
        p += 2;
        return List.of();
    }

    // ---- DROP ----

    final RawStmt dropStatement() {
        int save = p;
        advance();
        ObjectType type;
        boolean anyName = true;
        if (accept("table")) {
            type = ObjectType.TABLE;
        } else if (accept("sequence")) {
            type = ObjectType.SEQUENCE;
        } else if (accept("view")) {
            type = ObjectType.VIEW;
        } else if (accept("materialized")) {
            expect("view");
            type = ObjectType.MATVIEW;
        } else if (accept("index")) {
            type = ObjectType.INDEX;
        } else if (at("foreign") && at(1, "table")) {
            p += 2;
            type = ObjectType.FOREIGN_TABLE;
        } else if (accept("collation")) {
            type = ObjectType.COLLATION;
        } else if (accept("conversion")) {
            type = ObjectType.CONVERSION;
        } else if (accept("statistics")) {
            type = ObjectType.STATISTIC_EXT;
        } else if (accept("schema")) {
            type = ObjectType.SCHEMA;
        } else if (accept("extension")) {
            type = ObjectType.EXTENSION;
        } else if (accept("type")) {
            type = ObjectType.TYPE;
            anyName = false;
        } else if (accept("domain")) {
            type = ObjectType.DOMAIN;
            anyName = false;
        } else if (accept("cast")) {
            boolean missingOk = ifExists();
            expectPunct('(');
            TypeName source = typeName();
            expect("as");
            TypeName target = typeName();
            expectPunct(')');
            return new DropCastStmt(source, target, dropBehavior(), missingOk);
        } else if (at("function") || at("procedure") || at("routine") || at("aggregate")) {
            return dropFunction();
        } else if (at("database")) {
            advance();
            boolean missingOk = ifExists();
            String name = colId();
            List<DefElem> opts = new ArrayList<>();
            accept("with");
            if (acceptPunct('(')) {
                do {
                    Token o = peek();
                    expect("force");
                    opts.add(DefElem.of("force", null, o.location()));
                } while (acceptPunct(','));
                expectPunct(')');
            }
            return new DropdbStmt(name, missingOk, opts);
        } else if (at("role") || at("user") || at("group")) {
            advance();
            boolean missingOk = ifExists();
            List<RoleSpec> roles = new ArrayList<>();
            do {
                roles.add(roleSpec());
            } while (acceptPunct(','));
            return new DropRoleStmt(roles, missingOk);
        } else if (at("trigger") || at("rule") || at("policy")) {
            Token k = advance();
            type = k.isWord("trigger") ? ObjectType.TRIGGER : k.isWord("rule") ? ObjectType.RULE : ObjectType.POLICY;
            boolean missingOk = ifExists();
            Token n = peek();
            String name = colId();
            expect("on");
            List<String> rel = new ArrayList<>(anyName());
            rel.add(name);
            return new DropStmt(List.of(new AnyName(rel, n.location())), type, dropBehavior(), missingOk, false);
        } else {
            RawStmt other = dropCatalogObject();
            if (other != null) {
                return other;
            }
            p = save;
            return otherStatement();
        }
        boolean concurrent = type == ObjectType.INDEX && accept("concurrently");
        boolean missingOk = ifExists();
        List<RawNode> objects = new ArrayList<>();
        do {
            Token n = peek();
            if (anyName) {
                objects.add(new AnyName(type == ObjectType.SCHEMA || type == ObjectType.EXTENSION ? List.of(colId())
                        : anyName(), n.location()));
            } else {
                objects.add(typeName());
            }
        } while (acceptPunct(','));
        return new DropStmt(objects, type, dropBehavior(), missingOk, concurrent);
    }

    /**
     * DROP of the kinds Tusk keeps no objects of yet (RemoveObjects' other kinds): TEXT SEARCH
     * PARSER/DICTIONARY/TEMPLATE/CONFIGURATION, OPERATOR [CLASS|FAMILY], FOREIGN DATA WRAPPER, SERVER,
     * [PROCEDURAL] LANGUAGE, ACCESS METHOD, EVENT TRIGGER, PUBLICATION; the current token is DROP's
     * object word. As gram.y, an operator class or family is one AnyName whose first name is the access
     * method (USING am). Null (position unchanged) for any other word.
     */
    private RawStmt dropCatalogObject() {
        ObjectType type;
        boolean qualified = false;
        if (at("text") && at(1, "search")) {
            p += 2;
            Token k = advance();
            qualified = true;
            type = switch (k.isWord("parser") ? "parser" : k.isWord("dictionary") ? "dictionary"
                    : k.isWord("template") ? "template" : k.isWord("configuration") ? "configuration" : "") {
                case "parser" -> ObjectType.TSPARSER;
                case "dictionary" -> ObjectType.TSDICTIONARY;
                case "template" -> ObjectType.TSTEMPLATE;
                case "configuration" -> ObjectType.TSCONFIGURATION;
                default -> throw syntaxError(k);
            };
        } else if (at("operator") && (at(1, "class") || at(1, "family"))) {
            advance();
            type = advance().isWord("class") ? ObjectType.OPCLASS : ObjectType.OPFAMILY;
            boolean missingOk = ifExists();
            Token n = peek();
            List<String> name = anyName();
            expect("using");
            List<String> names = new ArrayList<>();
            names.add(colId());
            names.addAll(name);
            return new DropStmt(List.of(new AnyName(names, n.location())), type, dropBehavior(), missingOk, false);
        } else if (at("operator")) {
            advance();
            boolean missingOk = ifExists();
            List<RawNode> objects = new ArrayList<>();
            do {
                objects.add(operatorWithArgTypes());
            } while (acceptPunct(','));
            return new DropStmt(objects, ObjectType.OPERATOR, dropBehavior(), missingOk, false);
        } else if (at("foreign") && at(1, "data") && at(2, "wrapper")) {
            p += 3;
            type = ObjectType.FDW;
        } else if (accept("server")) {
            type = ObjectType.FOREIGN_SERVER;
        } else if (accept("language") || accept("procedural", "language")) {
            type = ObjectType.LANGUAGE;
        } else if (accept("access", "method")) {
            type = ObjectType.ACCESS_METHOD;
        } else if (accept("event", "trigger")) {
            type = ObjectType.EVENT_TRIGGER;
        } else if (accept("publication")) {
            type = ObjectType.PUBLICATION;
        } else {
            return null;
        }
        boolean missingOk = ifExists();
        List<RawNode> objects = new ArrayList<>();
        do {
            Token n = peek();
            objects.add(new AnyName(qualified ? anyName() : List.of(colId()), n.location()));
        } while (acceptPunct(','));
        return new DropStmt(objects, type, dropBehavior(), missingOk, false);
    }

    /** CreateOpClassStmt; the current token is OPERATOR of OPERATOR CLASS. */
    private RawStmt createOpClass() {
        Token start = advance();
        advance();
        List<String> name = anyName();
        boolean isDefault = accept("default");
        expect("for");
        expect("type");
        TypeName type = typeName();
        expect("using");
        String am = colId();
        List<String> family = null;
        if (accept("family")) {
            family = anyName();
        }
        expect("as");
        List<org.tusk.engine.nodes.CreateOpClassItem> items = new ArrayList<>();
        do {
            Token t = peek();
            if (accept("operator")) {
                int number = iconst();
                List<String> op = anyOperator();
                List<TypeName> args = null;
                if (acceptPunct('(')) {
                    args = new ArrayList<>();
                    args.add(accept("none") ? null : typeName());
                    expectPunct(',');
                    args.add(accept("none") ? null : typeName());
                    expectPunct(')');
                }
                if (accept("for")) {
                    if (!accept("search")) {
                        expect("order");
                        expect("by");
                        anyName();
                    }
                }
                items.add(new org.tusk.engine.nodes.CreateOpClassItem(org.tusk.engine.nodes.CreateOpClassItem.OPERATOR,
                        new ObjectWithArgs(op, args, args == null, t.location()), number, null, null, t.location()));
            } else if (accept("function")) {
                int number = iconst();
                List<TypeName> classArgs = null;
                if (acceptPunct('(')) {
                    classArgs = new ArrayList<>();
                    do {
                        classArgs.add(typeName());
                    } while (acceptPunct(','));
                    expectPunct(')');
                }
                ObjectWithArgs f = objectWithArgs(false);
                items.add(new org.tusk.engine.nodes.CreateOpClassItem(org.tusk.engine.nodes.CreateOpClassItem.FUNCTION,
                        f, number, classArgs, null, t.location()));
            } else {
                expect("storage");
                items.add(new org.tusk.engine.nodes.CreateOpClassItem(org.tusk.engine.nodes.CreateOpClassItem.STORAGE,
                        null, 0, null, typeName(), t.location()));
            }
        } while (acceptPunct(','));
        return new org.tusk.engine.nodes.CreateOpClassStmt(name, family, am, type, items, isDefault, start.location());
    }

    /** any_operator: (ColId '.')* Op. */
    private List<String> anyOperator() {
        List<String> name = new ArrayList<>();
        while (peek().kind() != TokenKind.OP) {
            name.add(colId());
            expectPunct('.');
        }
        name.add(advance().text());
        return name;
    }

    /** operator_with_argtypes: any_operator '(' (NONE | Typename) ',' Typename ')'; NONE is a null type. */
    private ObjectWithArgs operatorWithArgTypes() {
        Token t = peek();
        List<String> name = new ArrayList<>();
        while (peek().kind() != TokenKind.OP) {     // any_operator: ColId '.' any_operator
            name.add(colId());
            expectPunct('.');
        }
        Token op = peek();
        if (op.kind() != TokenKind.OP) {
            throw syntaxError(op);
        }
        advance();
        name.add(op.text());
        expectPunct('(');
        List<TypeName> types = new ArrayList<>();
        types.add(accept("none") ? null : typeName());
        if (!atPunct(',')) {
            throw org.tusk.engine.error.Ereport.syntaxError("missing argument", peek().location())
                    .withHint("Use NONE to denote the missing argument of a unary operator.");
        }
        advance();
        types.add(accept("none") ? null : typeName());
        expectPunct(')');
        return new ObjectWithArgs(name, types, false, t.location());
    }

    private RawStmt dropFunction() {
        Token k = advance();
        ObjectType type = switch (k.text()) {
            case "function" -> ObjectType.FUNCTION;
            case "procedure" -> ObjectType.PROCEDURE;
            case "routine" -> ObjectType.ROUTINE;
            default -> ObjectType.AGGREGATE;
        };
        boolean missingOk = ifExists();
        List<RawNode> objects = new ArrayList<>();
        do {
            objects.add(objectWithArgs(type == ObjectType.AGGREGATE));
        } while (acceptPunct(','));
        return new DropStmt(objects, type, dropBehavior(), missingOk, false);
    }

    /** function_with_argtypes / aggregate_with_argtypes: name [(arg types)]; OUT arguments are not part of it. */
    final ObjectWithArgs objectWithArgs(boolean aggregate) {
        Token t = peek();
        List<String> name = anyName();
        if (!atPunct('(') && aggregate) {
            throw syntaxErrorHere();                     // aggregate_with_argtypes: the list is required
        }
        if (!atPunct('(')) {
            return new ObjectWithArgs(name, List.of(), true, t.location());
        }
        List<TypeName> types = new ArrayList<>();
        if (aggregate && peek(1).isOp("*")) {
            p += 2;
            expectPunct(')');
            return new ObjectWithArgs(name, types, false, t.location());
        }
        expectPunct('(');
        if (!atPunct(')')) {
            if (aggregate && at("order") && at(1, "by")) {
                p += 2;
            }
            FunctionParameter lastDirect = null;
            boolean ordered = false;
            do {
                FunctionParameter fp = functionParameter(false);
                if (fp.mode() != FunctionParameterMode.OUT) {
                    types.add(fp.argType());
                }
                lastDirect = ordered ? lastDirect : fp;
                if (aggregate && at("order") && at(1, "by")) {
                    p += 2;
                    ordered = true;
                    fp = functionParameter(false);
                    // makeOrderedSetArgs: "VARIADIC t ORDER BY VARIADIC t" names one argument
                    if (!(atPunct(')') && fp.mode() == FunctionParameterMode.VARIADIC
                            && lastDirect.mode() == FunctionParameterMode.VARIADIC
                            && fp.argType().names().equals(lastDirect.argType().names()))) {
                        types.add(fp.argType());
                    }
                }
            } while (acceptPunct(','));
        }
        expectPunct(')');
        return new ObjectWithArgs(name, types, false, t.location());
    }

    // ---- ALTER ----

    /**
     * ALTER FUNCTION|AGGREGATE|PROCEDURE|ROUTINE name(args) RENAME TO / OWNER TO / SET SCHEMA; null
     * (position restored) for the other ALTER FUNCTION forms.
     */
    private RawStmt alterRoutine(int save) {
        advance();
        Token k = advance();
        ObjectType type = k.isWord("aggregate") ? ObjectType.AGGREGATE : k.isWord("procedure") ? ObjectType.PROCEDURE
                : k.isWord("routine") ? ObjectType.ROUTINE : ObjectType.FUNCTION;
        ObjectWithArgs f = objectWithArgs(type == ObjectType.AGGREGATE);
        if (at("rename") && at(1, "to")) {
            p += 2;
            return new RenameStmt(type, type, null, f, null, colId(), DropBehavior.RESTRICT, false);
        }
        if (at("owner") && at(1, "to")) {
            p += 2;
            return new AlterOwnerStmt(type, null, f, roleSpec());
        }
        if (at("set") && at(1, "schema")) {
            p += 2;
            return new AlterObjectSchemaStmt(type, null, f, colId(), false);
        }
        p = save;
        return null;
    }

    /** ALTER DOMAIN's constraint and default forms (AlterDomainStmt); null for the other forms. */
    private RawStmt alterDomain() {
        p += 2;
        List<String> name = anyName();
        if (at("set") && at(1, "default")) {
            p += 2;
            int location = peek().location();
            return new AlterDomainStmt('T', name, null, aExpr(), location, DropBehavior.RESTRICT, false);
        }
        if (at("drop") && at(1, "default")) {
            p += 2;
            return new AlterDomainStmt('T', name, null, null, -1, DropBehavior.RESTRICT, false);
        }
        if ((at("set") || at("drop")) && at(1, "not") && at(2, "null")) {
            char kind = at("set") ? 'O' : 'N';
            p += 3;
            return new AlterDomainStmt(kind, name, null, null, -1, DropBehavior.RESTRICT, false);
        }
        if (accept("add")) {
            List<Constraint> cons = new ArrayList<>();
            columnQualifiers(cons, new CollateClause[1]);
            if (cons.isEmpty()) {
                return null;
            }
            return new AlterDomainStmt('C', name, null, cons.get(0), -1, DropBehavior.RESTRICT, false);
        }
        if (at("drop") && at(1, "constraint")) {
            p += 2;
            boolean missingOk = ifExists();
            String c = colId();
            return new AlterDomainStmt('X', name, c, null, -1, dropBehavior(), missingOk);
        }
        if (at("validate") && at(1, "constraint")) {
            p += 2;
            return new AlterDomainStmt('V', name, colId(), null, -1, DropBehavior.RESTRICT, false);
        }
        return null;
    }

    /** ALTER TYPE name ADD VALUE / RENAME VALUE (AlterEnumStmt); null for the other forms. */
    private RawStmt alterEnum() {
        p += 2;
        List<String> name = anyName();
        if (at("add") && at(1, "value")) {
            p += 2;
            boolean skip = ifNotExists();
            String v = sconst();
            String neighbor = null;
            boolean after = false;
            if (accept("before")) {
                neighbor = sconst();
            } else if (accept("after")) {
                neighbor = sconst();
                after = true;
            }
            return new AlterEnumStmt(name, null, v, neighbor, after, skip);
        }
        if (at("rename") && at(1, "value")) {
            p += 2;
            String old = sconst();
            expect("to");
            return new AlterEnumStmt(name, old, sconst(), null, false, false);
        }
        return null;
    }

    final RawStmt alterStatement() {
        int save = p;
        if (at(1, "policy")) {
            return alterPolicy();
        }
        if (at(1, "role") || at(1, "user") && !at(2, "mapping") || at(1, "group")) {
            RawStmt role = RoleGrammar.alterRole(this);
            if (role != null) {
                return role;
            }
        }
        if (at(1, "database") && (at(3, "set") || at(3, "reset"))) {
            p += 2;
            String db = colId();
            Token verb = advance();
            if (verb.isWord("set")) {
                return new AlterDatabaseSetStmt(db, setRest(verb, false));
            }
            if (accept("all")) {
                return new AlterDatabaseSetStmt(db, new VariableSetStmt(VariableSetKind.RESET_ALL, null, List.of(),
                        false, List.of(), verb.location()));
            }
            return new AlterDatabaseSetStmt(db, new VariableSetStmt(VariableSetKind.RESET, colId(), List.of(), false,
                    List.of(), verb.location()));
        }
        if (at(1, "function") || at(1, "aggregate") || at(1, "procedure") || at(1, "routine")) {
            RawStmt routine = alterRoutine(save);
            if (routine != null) {
                return routine;
            }
        }
        if (at(1, "schema") && (at(3, "rename") && at(4, "to") || at(3, "owner") && at(4, "to"))) {
            // ALTER SCHEMA name RENAME TO new / OWNER TO role
            p += 2;
            Token n = peek();
            AnyName schema = new AnyName(List.of(colId()), n.location());
            if (accept("rename")) {
                expect("to");
                return new RenameStmt(ObjectType.SCHEMA, ObjectType.SCHEMA, null, schema, null, colId(),
                        DropBehavior.RESTRICT, false);
            }
            p += 2;
            return new AlterOwnerStmt(ObjectType.SCHEMA, null, schema, roleSpec());
        }
        if (at(1, "domain")) {
            RawStmt d = alterDomain();
            if (d != null) {
                return d;
            }
            p = save;
        }
        if (at(1, "type")) {
            RawStmt e = alterEnum();
            if (e != null) {
                return e;
            }
            p = save;
        }
        advance();
        ObjectType type;
        if (accept("table")) {
            type = ObjectType.TABLE;
        } else if (accept("index")) {
            type = ObjectType.INDEX;
        } else if (accept("view")) {
            type = ObjectType.VIEW;
        } else if (at("materialized") && at(1, "view")) {
            p += 2;
            type = ObjectType.MATVIEW;
        } else if (at("foreign") && at(1, "table")) {
            p += 2;
            type = ObjectType.FOREIGN_TABLE;
        } else if (accept("sequence")) {
            type = ObjectType.SEQUENCE;
        } else {
            p = save;
            return otherStatement();
        }
        if (at("all") && at(1, "in")) {
            p = save;
            return otherStatement();
        }
        boolean missingOk = ifExists();
        RangeVar rel = relationExpr();
        if (accept("rename")) {
            if (accept("to")) {
                return new RenameStmt(type, type, rel, null, null, colId(), DropBehavior.RESTRICT, missingOk);
            }
            if (accept("constraint")) {
                String old = colId();
                expect("to");
                return new RenameStmt(ObjectType.TABCONSTRAINT, type, rel, null, old, colId(), DropBehavior.RESTRICT,
                        missingOk);
            }
            accept("column");
            String old = colId();
            expect("to");
            return new RenameStmt(ObjectType.COLUMN, type, rel, null, old, colId(), DropBehavior.RESTRICT, missingOk);
        }
        if (at("set") && at(1, "schema")) {
            p += 2;
            return new AlterObjectSchemaStmt(type, rel, null, colId(), missingOk);
        }
        if (type == ObjectType.SEQUENCE && !(at("owner") || (at("set") && (at(1, "logged") || at(1, "unlogged"))))) {
            List<DefElem> opts = seqOptions();
            if (opts.isEmpty()) {
                throw syntaxErrorHere();
            }
            return new AlterSeqStmt(rel, opts, missingOk);
        }
        List<AlterTableCmd> cmds = new ArrayList<>();
        do {
            cmds.add(alterTableCmd());
        } while (acceptPunct(','));
        return new AlterTableStmt(rel, cmds, type, missingOk);
    }

    private AlterTableCmd cmd(AlterTableType t, String name, RawNode def) {
        return new AlterTableCmd(t, name, 0, null, def, null, DropBehavior.RESTRICT, false);
    }

    private AlterTableCmd alterTableCmd() {
        if (accept("add")) {
            if (at("constraint") || at("check") || at("unique") || (at("primary") && at(1, "key")) || at("exclude")
                    || (at("foreign") && at(1, "key"))) {
                return cmd(AlterTableType.ADD_CONSTRAINT, null, tableConstraint());
            }
            accept("column");
            boolean ine = ifNotExists();
            ColumnDef def = columnDef(false);
            return new AlterTableCmd(AlterTableType.ADD_COLUMN, null, 0, null, def, null, DropBehavior.RESTRICT, ine);
        }
        if (accept("drop")) {
            if (accept("constraint")) {
                boolean missingOk = ifExists();
                String name = colId();
                return new AlterTableCmd(AlterTableType.DROP_CONSTRAINT, name, 0, null, null, null, dropBehavior(),
                        missingOk);
            }
            accept("column");
            boolean missingOk = ifExists();
            String name = colId();
            return new AlterTableCmd(AlterTableType.DROP_COLUMN, name, 0, null, null, null, dropBehavior(), missingOk);
        }
        if (at("replica") && at(1, "identity")) {
            p += 2;
            Token t = peek();
            if (accept("using")) {
                expect("index");
                return cmd(AlterTableType.REPLICA_IDENTITY, colId(), null);
            }
            if (!accept("full") && !accept("nothing")) {
                expect("default");
            }
            return cmd(AlterTableType.REPLICA_IDENTITY, t.text(), null);
        }
        if (at("alter") && at(1, "constraint")) {
            p += 2;
            String name = colId();
            ConstraintBuilder c = new ConstraintBuilder(peek().location());
            c.conname = name;
            c.contype = ConstrType.FOREIGN;
            constraintAttributes(c);
            return cmd(AlterTableType.ALTER_CONSTRAINT, name, c.build());
        }
        if (accept("alter")) {
            accept("column");
            String col;
            int colNum = 0;
            if (peek().kind() == TokenKind.ICONST) {
                colNum = iconst();
                col = null;
                expect("set");
                expect("statistics");
                Token n = peek();
                return new AlterTableCmd(AlterTableType.SET_STATISTICS, null, colNum, null, new AConst(ConstKind.INTEGER,
                        String.valueOf(signedIconst()), n.location()), null, DropBehavior.RESTRICT, false);
            }
            col = colId();
            if (at("set") && at(1, "default")) {
                p += 2;
                return cmd(AlterTableType.COLUMN_DEFAULT, col, aExpr());
            }
            if (at("drop") && at(1, "default")) {
                p += 2;
                return cmd(AlterTableType.COLUMN_DEFAULT, col, null);
            }
            if (at("drop") && at(1, "not")) {
                p += 2;
                expect("null");
                return cmd(AlterTableType.DROP_NOT_NULL, col, null);
            }
            if (at("set") && at(1, "not")) {
                p += 2;
                expect("null");
                return cmd(AlterTableType.SET_NOT_NULL, col, null);
            }
            if (at("set") && at(1, "statistics")) {
                p += 2;
                Token n = peek();
                return cmd(AlterTableType.SET_STATISTICS, col, new AConst(ConstKind.INTEGER,
                        String.valueOf(signedIconst()), n.location()));
            }
            if (at("set") && at(1, "storage")) {
                p += 2;
                Token n = peek();
                return cmd(AlterTableType.SET_STORAGE, col, new AConst(ConstKind.STRING, colId(), n.location()));
            }
            if (at("set") && peek(1).isPunct('(')) {
                advance();
                return cmd(AlterTableType.SET_OPTIONS, col, new NodeList(new ArrayList<>(relOptions()), -1));
            }
            if (at("reset") && peek(1).isPunct('(')) {
                advance();
                return cmd(AlterTableType.RESET_OPTIONS, col, new NodeList(new ArrayList<>(relOptions()), -1));
            }
            if (at("drop") && at(1, "identity")) {
                p += 2;
                boolean missingOk = ifExists();
                return new AlterTableCmd(AlterTableType.DROP_IDENTITY, col, 0, null, null, null, DropBehavior.RESTRICT,
                        missingOk);
            }
            if (at("drop") && at(1, "expression")) {
                p += 2;
                boolean missingOk = ifExists();
                return new AlterTableCmd(AlterTableType.DROP_EXPRESSION, col, 0, null, null, null, DropBehavior.RESTRICT,
                        missingOk);
            }
            if (at("add") && at(1, "generated")) {
                advance();
                List<Constraint> cons = new ArrayList<>();
                columnQualifiers(cons, new CollateClause[1]);
                return cmd(AlterTableType.ADD_IDENTITY, col, cons.isEmpty() ? null : cons.get(0));
            }
            if (at("set") && at(1, "data")) {
                p += 2;
            }
            expect("type");
            Token tt = peek();
            TypeName type = typeName();
            CollateClause coll = null;
            if (at("collate")) {
                Token c = advance();
                coll = new CollateClause(null, anyName(), c.location());
            }
            RawNode using = accept("using") ? aExpr() : null;
            ColumnDef def = new ColumnDef(col, type, null, null, coll, List.of(), tt.location());
            return new AlterTableCmd(AlterTableType.ALTER_COLUMN_TYPE, col, 0, null, def, using, DropBehavior.RESTRICT,
                    false);
        }
        if (at("validate") && at(1, "constraint")) {
            p += 2;
            return cmd(AlterTableType.VALIDATE_CONSTRAINT, colId(), null);
        }
        if (at("owner") && at(1, "to")) {
            p += 2;
            return new AlterTableCmd(AlterTableType.CHANGE_OWNER, null, 0, roleSpec(), null, null, DropBehavior.RESTRICT,
                    false);
        }
        if (at("cluster") && at(1, "on")) {
            p += 2;
            return cmd(AlterTableType.CLUSTER_ON, colId(), null);
        }
        if (at("set") && at(1, "without")) {
            p += 2;
            if (accept("cluster")) {
                return cmd(AlterTableType.DROP_CLUSTER, null, null);
            }
            expect("oids");
            return cmd(AlterTableType.DROP_OIDS, null, null);
        }
        if (at("set") && at(1, "logged")) {
            p += 2;
            return cmd(AlterTableType.SET_LOGGED, null, null);
        }
        if (at("set") && at(1, "unlogged")) {
            p += 2;
            return cmd(AlterTableType.SET_UNLOGGED, null, null);
        }
        if (at("set") && at(1, "tablespace")) {
            p += 2;
            return cmd(AlterTableType.SET_TABLESPACE, colId(), null);
        }
        if (at("set") && at(1, "access")) {
            p += 2;
            expect("method");
            return cmd(AlterTableType.SET_ACCESS_METHOD, colId(), null);
        }
        if (at("set") && peek(1).isPunct('(')) {
            advance();
            return cmd(AlterTableType.SET_REL_OPTIONS, null, new NodeList(new ArrayList<>(relOptions()), -1));
        }
        if (at("reset") && peek(1).isPunct('(')) {
            advance();
            return cmd(AlterTableType.RESET_REL_OPTIONS, null, new NodeList(new ArrayList<>(relOptions()), -1));
        }
        if (accept("inherit")) {
            return cmd(AlterTableType.ADD_INHERIT, null, qualifiedName());
        }
        if (at("no") && at(1, "inherit")) {
            p += 2;
            return cmd(AlterTableType.DROP_INHERIT, null, qualifiedName());
        }
        if (at("force") && at(1, "row") || at("no") && at(1, "force")) {
            boolean force = !accept("no");
            expect("force");
            expect("row");
            expect("level");
            expect("security");
            return cmd(force ? AlterTableType.FORCE_ROW_SECURITY : AlterTableType.NO_FORCE_ROW_SECURITY, null, null);
        }
        if (at("enable") || at("disable")) {
            boolean enable = advance().isWord("enable");
            boolean always = enable && accept("always");
            boolean replica = enable && !always && accept("replica");
            if (accept("trigger")) {
                if (accept("all")) {
                    return cmd(enable ? AlterTableType.ENABLE_TRIG_ALL : AlterTableType.DISABLE_TRIG_ALL, null, null);
                }
                if (accept("user")) {
                    return cmd(enable ? AlterTableType.ENABLE_TRIG_USER : AlterTableType.DISABLE_TRIG_USER, null, null);
                }
                return cmd(!enable ? AlterTableType.DISABLE_TRIG : always ? AlterTableType.ENABLE_ALWAYS_TRIG
                        : replica ? AlterTableType.ENABLE_REPLICA_TRIG : AlterTableType.ENABLE_TRIG, colId(), null);
            }
            if (accept("rule")) {
                return cmd(!enable ? AlterTableType.DISABLE_RULE : always ? AlterTableType.ENABLE_ALWAYS_RULE
                        : replica ? AlterTableType.ENABLE_REPLICA_RULE : AlterTableType.ENABLE_RULE, colId(), null);
            }
            expect("row");
            expect("level");
            expect("security");
            return cmd(enable ? AlterTableType.ENABLE_ROW_SECURITY : AlterTableType.DISABLE_ROW_SECURITY, null, null);
        }
        if (at("attach") && at(1, "partition")) {
            p += 2;
            RangeVar part = qualifiedName();
            return cmd(AlterTableType.ATTACH_PARTITION, part.relname(), atEnd() ? part : partitionBound());
        }
        if (at("detach") && at(1, "partition")) {
            p += 2;
            RangeVar part = qualifiedName();
            if (!accept("concurrently")) {
                accept("finalize");
            }
            return cmd(AlterTableType.DETACH_PARTITION, part.relname(), part);
        }
        throw syntaxErrorHere();
    }

    // ---- COMMENT / GRANT ----

    final RawStmt commentStatement() {
        int save = p;
        advance();
        expect("on");
        ObjectType type;
        RawNode object;
        Token t = peek();
        if (accept("table")) {
            type = ObjectType.TABLE;
        } else if (accept("column")) {
            type = ObjectType.COLUMN;
        } else if (accept("index")) {
            type = ObjectType.INDEX;
        } else if (accept("view")) {
            type = ObjectType.VIEW;
        } else if (accept("sequence")) {
            type = ObjectType.SEQUENCE;
        } else if (accept("schema")) {
            type = ObjectType.SCHEMA;
        } else if (accept("database")) {
            type = ObjectType.DATABASE;
        } else if (accept("role")) {
            type = ObjectType.ROLE;
        } else if (at("function") || at("procedure") || at("aggregate")) {
            Token k = advance();
            type = k.isWord("function") ? ObjectType.FUNCTION : k.isWord("procedure") ? ObjectType.PROCEDURE
                    : ObjectType.AGGREGATE;
            object = objectWithArgs(type == ObjectType.AGGREGATE);
            expect("is");
            return new CommentStmt(type, object, commentText());
        } else if (at("trigger") && !at(1, "is")) {
            // COMMENT ON TRIGGER name ON table: the table's name parts, then the trigger's
            advance();
            Token n = peek();
            String trig = colId();
            expect("on");
            List<String> names = new ArrayList<>(anyName());
            names.add(trig);
            expect("is");
            return new CommentStmt(ObjectType.TRIGGER, new AnyName(names, n.location()), commentText());
        } else if (accept("type") || accept("domain")) {
            type = tokens.get(p - 1).isWord("type") ? ObjectType.TYPE : ObjectType.DOMAIN;
            object = typeName();
            expect("is");
            return new CommentStmt(type, object, commentText());
        } else {
            p = save;
            return otherStatement();
        }
        Token n = peek();
        object = new AnyName(anyName(), n.location());
        expect("is");
        return new CommentStmt(type, object, commentText());
    }

    private String commentText() {
        if (accept("null")) {
            return null;
        }
        return sconst();
    }

    final RawStmt grantStatement() {
        int save = p;
        boolean grant = advance().isWord("grant");
        boolean grantOptionFor = false;
        boolean adminOptionFor = false;
        if (!grant && at("grant") && at(1, "option") && at(2, "for")) {
            p += 3;
            grantOptionFor = true;
        } else if (!grant && at("admin") && at(1, "option") && at(2, "for")) {
            p += 3;
            adminOptionFor = true;
        }
        List<AccessPriv> privs = null;
        if (accept("all")) {
            accept("privileges");
            if (atPunct('(')) {
                privs = List.of(new AccessPriv(null, parenNameList()));
            }
        } else {
            privs = new ArrayList<>();
            do {
                Token t = peek();
                String name;
                if (at("select") || at("references") || at("create")) {
                    name = advance().text();
                } else {
                    name = colId();
                }
                privs.add(new AccessPriv(name, optColumnList()));
            } while (acceptPunct(','));
        }
        if (!accept("on")) {
            // GRANT role [, ...] TO role [WITH ADMIN OPTION]
            if (privs == null) {
                throw syntaxErrorHere();
            }
            if (!grant) {
                expect("from");
            } else {
                expect("to");
            }
            List<RoleSpec> grantees = roleList();
            boolean admin = adminOptionFor;
            if (grant && at("with") && at(1, "admin")) {
                p += 2;
                expect("option");
                admin = true;
            }
            RoleSpec grantor = null;
            if (at("granted") && at(1, "by")) {
                p += 2;
                grantor = roleSpec();
            }
            return new GrantRoleStmt(privs, grantees, grant, admin, grantor, grant ? DropBehavior.RESTRICT : dropBehavior());
        }
        ObjectType type = ObjectType.TABLE;
        GrantTargetType target = GrantTargetType.OBJECT;
        List<RawNode> objects = new ArrayList<>();
        if (at("all") && (at(1, "tables") || at(1, "sequences") || at(1, "functions") || at(1, "procedures")
                || at(1, "routines"))) {
            advance();
            Token k = advance();
            type = switch (k.text()) {
                case "tables" -> ObjectType.TABLE;
                case "sequences" -> ObjectType.SEQUENCE;
                case "functions" -> ObjectType.FUNCTION;
                case "procedures" -> ObjectType.PROCEDURE;
                default -> ObjectType.ROUTINE;
            };
            expect("in");
            expect("schema");
            target = GrantTargetType.ALL_IN_SCHEMA;
            do {
                Token n = peek();
                objects.add(new AnyName(List.of(colId()), n.location()));
            } while (acceptPunct(','));
        } else if (at("function") || at("procedure") || at("routine")) {
            Token k = advance();
            type = k.isWord("function") ? ObjectType.FUNCTION : k.isWord("procedure") ? ObjectType.PROCEDURE
                    : ObjectType.ROUTINE;
            do {
                objects.add(objectWithArgs(false));
            } while (acceptPunct(','));
        } else if (at("schema") || at("database") || at("language") || at("tablespace")) {
            Token k = advance();
            type = switch (k.text()) {
                case "schema" -> ObjectType.SCHEMA;
                case "database" -> ObjectType.DATABASE;
                case "language" -> ObjectType.LANGUAGE;
                default -> ObjectType.TABLESPACE;
            };
            do {
                Token n = peek();
                objects.add(new AnyName(List.of(colId()), n.location()));
            } while (acceptPunct(','));
        } else if (at("type") || at("domain")) {
            type = advance().isWord("type") ? ObjectType.TYPE : ObjectType.DOMAIN;
            do {
                Token n = peek();
                objects.add(new AnyName(anyName(), n.location()));
            } while (acceptPunct(','));
        } else if (at("foreign") || at("large")) {
            p = save;
            return otherStatement();
        } else {
            if (accept("sequence")) {
                type = ObjectType.SEQUENCE;
            } else {
                accept("table");
            }
            do {
                objects.add(qualifiedName());
            } while (acceptPunct(','));
        }
        if (grant) {
            expect("to");
        } else {
            expect("from");
        }
        List<RoleSpec> grantees = new ArrayList<>();
        do {
            accept("group");
            grantees.add(roleSpec());
        } while (acceptPunct(','));
        boolean grantOption = grantOptionFor;
        if (grant && at("with") && at(1, "grant")) {
            p += 2;
            expect("option");
            grantOption = true;
        }
        RoleSpec grantor = null;
        if (at("granted") && at(1, "by")) {
            p += 2;
            grantor = roleSpec();
        }
        DropBehavior behavior = grant ? DropBehavior.RESTRICT : dropBehavior();
        return new GrantStmt(grant, target, type, objects, privs, grantees, grantOption, grantor, behavior);
    }

    private List<RoleSpec> roleList() {
        List<RoleSpec> out = new ArrayList<>();
        do {
            out.add(roleSpec());
        } while (acceptPunct(','));
        return out;
    }
}
