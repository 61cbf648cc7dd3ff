package org.tusk.engine.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.api.error.PgException;
import org.tusk.engine.nodes.*;

/** gram.y's precedence, keyword categories and node contents; error texts and positions as PostgreSQL 15 reports them. */
class ParserPrecedenceTest {

    private static RawStmt stmt(String sql) {
        return Parser.parse(sql).get(0).stmt();
    }

    private static RawNode expr(String e) {
        SelectStmt s = (SelectStmt) stmt("SELECT " + e);
        return s.targetList().get(0).val();
    }

    private static PgException error(String sql) {
        return assertThrows(PgException.class, () -> Parser.parse(sql));
    }

    @Test
    void booleanPrecedence() {
        // a OR (b AND (NOT ((c = d) IS NULL)))
        BoolExprNode or = assertInstanceOf(BoolExprNode.class, expr("a OR b AND NOT c = d IS NULL"));
        assertEquals(BoolOp.OR, or.boolop());
        BoolExprNode and = assertInstanceOf(BoolExprNode.class, or.args().get(1));
        BoolExprNode not = assertInstanceOf(BoolExprNode.class, and.args().get(1));
        NullTest isNull = assertInstanceOf(NullTest.class, not.args().get(0));
        AExpr eq = assertInstanceOf(AExpr.class, isNull.arg());
        assertEquals("=", eq.opName());
    }

    @Test
    void unaryMinusBindsTighterThanPower() {
        AExpr pow = assertInstanceOf(AExpr.class, expr("-2^2"));
        assertEquals("^", pow.opName());
        assertEquals("-2", assertInstanceOf(AConst.class, pow.lexpr()).val());
    }

    @Test
    void castToArrayAndBetweenAnd() {
        TypeCast c = assertInstanceOf(TypeCast.class, expr("x::int[]"));
        assertEquals(List.of("pg_catalog", "int4"), c.typeName().names());
        assertTrue(c.typeName().isArray());
        BoolExprNode and = assertInstanceOf(BoolExprNode.class, expr("a BETWEEN b AND c AND d"));
        assertEquals(AExprKind.BETWEEN, assertInstanceOf(AExpr.class, and.args().get(0)).kind());
    }

    @Test
    void keywordsAsNames() {
        SelectStmt s = (SelectStmt) stmt("SELECT 1 AS year, name, text, value, position FROM t");
        assertEquals("year", s.targetList().get(0).name());
        assertEquals(5, s.targetList().size());
        assertEquals("syntax error at or near \"year\"", error("SELECT 1 year").getMessage());
    }

    @Test
    void setOperationsAndOptions() {
        SelectStmt s = (SelectStmt) stmt("SELECT 1 UNION SELECT 2 INTERSECT SELECT 3 ORDER BY 1 LIMIT 5");
        assertEquals(SetOperation.UNION, s.op());
        assertEquals(SetOperation.INTERSECT, s.rarg().op());
        assertEquals(1, s.sortClause().size());
        PgException e = error("(SELECT 1 ORDER BY 1) ORDER BY 1");
        assertEquals("multiple ORDER BY clauses not allowed", e.getMessage());
        PgException limit = error("SELECT 1 LIMIT 1,2");
        assertEquals("LIMIT #,# syntax is not supported", limit.getMessage());
        assertEquals(10, limit.position());
    }

    @Test
    void syntaxErrorPositions() {
        PgException e = error("SELECT 1 FROM");
        assertEquals("syntax error at end of input", e.getMessage());
        assertEquals(14, e.position());
        PgException e2 = error("select * from t where a = = 1");
        assertEquals("syntax error at or near \"=\"", e2.getMessage());
        assertEquals(27, e2.position());
    }

    @Test
    void ddlNodes() {
        CreateStmt c = (CreateStmt) stmt("CREATE TEMP TABLE IF NOT EXISTS s.t (a int PRIMARY KEY, b text DEFAULT 'x' NOT NULL,"
                + " CHECK (a > 0)) USING heap WITH (fillfactor=70)");
        assertEquals('t', c.relation().relpersistence());
        assertTrue(c.ifNotExists());
        assertEquals("heap", c.accessMethod());
        assertEquals("fillfactor", c.options().get(0).defname());
        ColumnDef b = (ColumnDef) c.tableElts().get(1);
        assertEquals(ConstrType.DEFAULT, b.constraints().get(0).contype());
        assertEquals(ConstrType.NOTNULL, b.constraints().get(1).contype());
        AlterTableStmt a = (AlterTableStmt) stmt("ALTER TABLE pgbench_accounts ADD PRIMARY KEY (aid)");
        assertEquals(AlterTableType.ADD_CONSTRAINT, a.cmds().get(0).subtype());
        DropStmt d = (DropStmt) stmt("drop table if exists a, b cascade");
        assertEquals(2, d.objects().size());
        assertEquals(DropBehavior.CASCADE, d.behavior());
        CopyStmt copy = (CopyStmt) stmt("copy pgbench_accounts from stdin with (freeze on)");
        assertTrue(copy.isFrom());
        TruncateStmt tr = (TruncateStmt) stmt("TRUNCATE a, b RESTART IDENTITY CASCADE");
        assertTrue(tr.restartSeqs());
        FetchStmt f = (FetchStmt) stmt("FETCH BACKWARD 2 FROM c");
        assertEquals(FetchDirection.BACKWARD, f.direction());
        assertEquals(2, f.howMany());
    }

    @Test
    void unknownObjectKindsAreSyntaxErrors() {
        // errors.out: gram.y knows no DROP TUPLE / CREATE foo
        PgException e = error("drop tuple rule nonesuch");
        assertEquals("syntax error at or near \"tuple\"", e.getMessage());
        assertEquals(6, e.position());
        e = error("CREATE foo");
        assertEquals("syntax error at or near \"foo\"", e.getMessage());
        assertEquals(8, e.position());
        assertEquals("syntax error at or near \"rewrite\"", error("drop rewrite rule nonesuch").getMessage());
        // kinds the grammar has but Tusk does not model still parse
        assertEquals(1, Parser.parse("CREATE SERVER s FOREIGN DATA WRAPPER w").size());
    }

    @Test
    void escapeStringWarningsOncePerLiteral() {
        // standard_conforming_strings off: scan.l's WARNINGs, at each literal's start (strings.out)
        java.util.List<PgException> sink = new java.util.ArrayList<>();
        boolean scs = Lexer.setStandardConformingStrings(false);
        java.util.List<PgException> old = Lexer.setEscapeStringWarnings(sink);
        try {
            Parser.parse("select 'a\\\\bcd', 'a\\\\b\\'cd', E'x\\\\', 'plain', 'q\\'x', 'r\\n'");
        } finally {
            Lexer.setStandardConformingStrings(scs);
            Lexer.setEscapeStringWarnings(old);
        }
        assertEquals(List.of("nonstandard use of \\\\ in a string literal", "nonstandard use of \\\\ in a string literal",
                "nonstandard use of \\' in a string literal", "nonstandard use of escape in a string literal"),
                sink.stream().map(PgException::getMessage).toList());
        assertEquals(List.of(8, 18), sink.stream().limit(2).map(PgException::position).toList());
        assertEquals("Use the escape string syntax for backslashes, e.g., E'\\\\'.", sink.get(0).hint());
    }
}
