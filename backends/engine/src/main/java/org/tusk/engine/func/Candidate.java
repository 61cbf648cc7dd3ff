package org.tusk.engine.func;

import java.util.List;

import org.tusk.engine.types.PgType;

/**
 * A function or operator as resolution sees it: its pg_proc row (and
 * pg_operator row for operators) and the declared type for each actual argument
 * (variadic arguments expanded).
 */
public record Candidate(ProcEntry proc, OperatorEntry operator, List<PgType> argTypes) {}
