package org.tusk.engine.analyze;

/**
 * A relation in FROM that is a view: the analyzer replaces it by a subquery
 * range table entry built from the view's stored SELECT (the rewriter's
 * ApplyRetrieveRule, done at parse analysis because the engine keeps the
 * query as SQL text rather than as a stored tree). The relation's
 * {@code columns()} are the view's column names and types, which the
 * expanded subquery's output is given in order.
 */
public interface ViewDefinition {

    /** The view's SELECT as pg_rewrite.ev_action holds it (pg_get_viewdef's text). */
    String viewQuery();

    /** pg_class OID of the view (for recursion detection). */
    long viewOid();
}
