package org.tusk.engine.nodes;

/** SubLinkType: EXISTS(sub), x op ALL(sub), x op ANY(sub) (also IN), (a,b) op (sub), (sub), ARRAY(sub). */
public enum SubLinkType {
    EXISTS, ALL, ANY, ROWCOMPARE, EXPR, MULTIEXPR, ARRAY, CTE
}
