package org.tusk.engine.pl;

import java.util.List;

/**
 * The parsed body of a PL/pgSQL function (pl_gram.y's PLpgSQL_stmt nodes).
 * Every statement keeps its line number within the body (for CONTEXT lines)
 * and embedded SQL stays text ({@link PlExpr}), planned at first use.
 */
final class PlTree {
    private PlTree() {
    }

    interface Stmt {
        int line();

        /** The name PostgreSQL's CONTEXT line gives the statement ("at RAISE"). */
        String what();
    }

    /** A variable declaration (PLpgSQL_var / PLpgSQL_rec). */
    record Decl(String name, String typeText, boolean constant, boolean notNull, PlExpr init, int line,
            int aliasParam) {
    }

    record Handler(List<String> sqlStates, List<Stmt> body) {
    }

    record Block(String label, List<Decl> decls, List<Stmt> body, List<Handler> handlers, int line) implements Stmt {
        public String what() { return "statement block"; }
    }

    record Assign(String target, PlExpr expr, int line) implements Stmt {
        public String what() { return "assignment"; }
    }

    record If(List<PlExpr> conds, List<List<Stmt>> thens, List<Stmt> elseBody, int line) implements Stmt {
        public String what() { return "IF"; }
    }

    record Case(PlExpr subject, List<PlExpr> whens, List<List<Stmt>> thens, List<Stmt> elseBody, int line)
            implements Stmt {
        public String what() { return "CASE"; }
    }

    record Loop(String label, List<Stmt> body, int line) implements Stmt {
        public String what() { return "LOOP"; }
    }

    record While(String label, PlExpr cond, List<Stmt> body, int line) implements Stmt {
        public String what() { return "WHILE"; }
    }

    record ForInt(String label, String var, boolean reverse, PlExpr lower, PlExpr upper, PlExpr by,
            List<Stmt> body, int line) implements Stmt {
        public String what() { return "FOR with integer loop variable"; }
    }

    /** FOR target IN query / EXECUTE expr [USING ...] LOOP. */
    record ForQuery(String label, List<String> targets, PlExpr query, PlExpr dynamic, List<PlExpr> using,
            List<Stmt> body, int line) implements Stmt {
        public String what() { return "FOR over SELECT rows"; }
    }

    record ForEach(String label, String var, PlExpr array, List<Stmt> body, int line) implements Stmt {
        public String what() { return "FOREACH over array"; }
    }

    record Exit(boolean isContinue, String label, PlExpr when, int line) implements Stmt {
        public String what() { return isContinue ? "CONTINUE" : "EXIT"; }
    }

    record Return(PlExpr expr, int line) implements Stmt {
        public String what() { return "RETURN"; }
    }

    record ReturnNext(PlExpr expr, int line) implements Stmt {
        public String what() { return "RETURN NEXT"; }
    }

    record ReturnQuery(PlExpr query, PlExpr dynamic, List<PlExpr> using, int line) implements Stmt {
        public String what() { return "RETURN QUERY"; }
    }

    /** RAISE: level, format and its arguments, USING options; all null for a bare re-RAISE. */
    record Raise(String level, String conditionState, String conditionName, String format, List<PlExpr> args,
            List<String> optionNames, List<PlExpr> optionValues, int line) implements Stmt {
        public String what() { return "RAISE"; }
    }

    record Assert(PlExpr cond, PlExpr message, int line) implements Stmt {
        public String what() { return "ASSERT"; }
    }

    record Perform(PlExpr query, int line) implements Stmt {
        public String what() { return "PERFORM"; }
    }

    /** A plain SQL statement, with its INTO targets when it had an INTO clause. */
    record ExecSql(PlExpr sql, List<String> into, boolean strict, int line) implements Stmt {
        public String what() { return "SQL statement"; }
    }

    record DynExecute(PlExpr query, List<String> into, boolean strict, List<PlExpr> using, int line)
            implements Stmt {
        public String what() { return "EXECUTE"; }
    }

    record GetDiag(List<String> targets, List<String> items, boolean stacked, int line) implements Stmt {
        public String what() { return "GET DIAGNOSTICS"; }
    }

    record Null(int line) implements Stmt {
        public String what() { return "NULL"; }
    }

    record Transaction(boolean commit, int line) implements Stmt {
        public String what() { return commit ? "COMMIT" : "ROLLBACK"; }
    }
}
