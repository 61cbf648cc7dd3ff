package org.tusk.engine.nodes;

import java.util.List;

/** SubLink: a subquery in an expression. {@code operName} for ANY/ALL (IN is ANY with "="); {@code testexpr} the left side. */
public record SubLink(SubLinkType subLinkType, RawNode testexpr, List<String> operName, SelectStmt subselect,
        int location) implements RawNode {}
