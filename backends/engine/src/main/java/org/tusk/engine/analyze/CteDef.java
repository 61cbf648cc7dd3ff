package org.tusk.engine.analyze;

import java.util.List;

import org.tusk.engine.types.PgType;

/**
 * A WITH query: its name, output column names and types, and its analyzed
 * query; for WITH RECURSIVE, the non-recursive and recursive terms of its
 * UNION [ALL]. One definition is shared by all its references, so the executor
 * runs it once per execution.
 */
public final class CteDef {
    public final String name;
    public List<String> columnNames;
    public List<PgType> columnTypes;
    public List<Integer> columnTypmods;
    public Query query;
    public boolean recursive;
    public Query nonRecursive;
    public Query recursiveTerm;
    public boolean unionAll;
    /**
     * A data-modifying WITH query (INSERT/UPDATE/DELETE, with or without RETURNING): the analyzed
     * statement, run once per execution to completion; its RETURNING rows are what references read.
     */
    public org.tusk.engine.commands.DmlCommand modifying;
    /** The key of the recursive CTE's work table in an execution's EvalContext. */
    public final Object workTableKey = new Object();
    /** Set while the recursive term is analyzed: references then read the work table. */
    boolean inRecursiveTerm;
    int references;

    public CteDef(String name) {
        this.name = name;
    }
}
