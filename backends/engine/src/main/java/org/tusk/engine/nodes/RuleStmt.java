package org.tusk.engine.nodes;

import java.util.List;

/**
 * RuleStmt: CREATE [OR REPLACE] RULE name AS ON event TO relation [WHERE qual] DO [ALSO | INSTEAD]
 * {NOTHING | command | (command; ...)}. {@code event} is pg_rewrite.ev_type ('1' SELECT, '2' UPDATE,
 * '3' INSERT, '4' DELETE); {@code actions} is empty for NOTHING. The qual's and actions' source texts
 * are kept because the catalog stores rules as SQL text.
 */
public record RuleStmt(RangeVar relation, String rulename, RawNode whereClause, String whereText, char event,
        boolean instead, List<RawStmt> actions, List<String> actionTexts, boolean replace) implements RawStmt {

    @Override
    public String commandName() {
        return "CREATE RULE";
    }
}
