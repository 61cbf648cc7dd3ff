package org.tusk.engine.nodes;

import java.util.List;

/** JoinExpr: larg JOIN rarg; CROSS JOIN is INNER without quals. */
public record JoinExpr(JoinType jointype, boolean isNatural, RawNode larg, RawNode rarg, List<String> usingClause,
        Alias joinUsingAlias, RawNode quals, Alias alias, int location) implements RawNode {}
