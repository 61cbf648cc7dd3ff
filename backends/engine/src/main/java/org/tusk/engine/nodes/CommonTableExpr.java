package org.tusk.engine.nodes;

import java.util.List;

/** CommonTableExpr: name [(cols)] AS [NOT] MATERIALIZED (query); the query is a SELECT, INSERT, UPDATE or DELETE. */
public record CommonTableExpr(String ctename, List<String> aliascolnames, CTEMaterialize ctematerialized,
        RawStmt ctequery, CTESearchClause searchClause, CTECycleClause cycleClause, int location) implements RawNode {}
