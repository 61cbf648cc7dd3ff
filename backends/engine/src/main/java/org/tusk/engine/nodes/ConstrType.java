package org.tusk.engine.nodes;

/** ConstrType: the kinds of column and table constraint (ATTR_* are the DEFERRABLE etc. clauses before they are attached). */
public enum ConstrType {
    NULL, NOTNULL, DEFAULT, IDENTITY, GENERATED, CHECK, PRIMARY, UNIQUE, EXCLUSION, FOREIGN,
    ATTR_DEFERRABLE, ATTR_NOT_DEFERRABLE, ATTR_DEFERRED, ATTR_IMMEDIATE
}
