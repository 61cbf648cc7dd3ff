package org.tusk.engine.pl;

import java.util.List;

import org.tusk.engine.types.PgType;

/**
 * A compiled PL/pgSQL function (PLpgSQL_function): the parsed body and the
 * signature it runs with. Compiled once per pg_proc row version (the session
 * keeps it with the row); each call gets its own {@link PlExecutor} and
 * variables, while the statements' SPI plans stay with the tree.
 *
 * <p>Entry points: {@link #call} for plain functions, procedures and DO
 * blocks; {@link #callSet} for RETURNS SETOF / TABLE; {@link #callTrigger}
 * for the trigger manager (see {@link TriggerData}).
 */
public final class PlFunction {
    final String signature;
    final List<String> argNames;
    final List<PgType> argTypes;
    final PgType resultType;
    final boolean returnsSet;
    final boolean isProcedure;
    final PlTree.Block body;
    /** OUT / INOUT / TABLE parameters: variables of the body; RETURN NEXT without an expression returns them. */
    List<String> outNames = List.of();
    List<PgType> outTypes = List.of();

    private PlFunction(String signature, List<String> argNames, List<PgType> argTypes, PgType resultType,
            boolean returnsSet, boolean isProcedure, PlTree.Block body) {
        this.signature = signature;
        this.argNames = argNames;
        this.argTypes = argTypes;
        this.resultType = resultType;
        this.returnsSet = returnsSet;
        this.isProcedure = isProcedure;
        this.body = body;
    }

    /**
     * plpgsql_compile: parses {@code source}; syntax errors carry 1-based positions inside the source
     * (the caller maps them into its statement, as function_parse_error_transpose does).
     *
     * @param signature how CONTEXT lines name the function ("f(integer)", "inline_code_block")
     * @param argNames  parameter names (null or "" for unnamed ones)
     */
    public static PlFunction compile(String source, String signature, List<String> argNames, List<PgType> argTypes,
            PgType resultType, boolean returnsSet, boolean isProcedure) {
        return new PlFunction(signature, argNames, argTypes, resultType, returnsSet, isProcedure,
                PlParser.parse(source));
    }

    /** Declares the function's output parameters (proargmodes o, b, t), in order. */
    public PlFunction withOutParameters(List<String> names, List<PgType> types) {
        this.outNames = List.copyOf(names);
        this.outTypes = List.copyOf(types);
        return this;
    }

    /** Calls the function: its RETURN value coerced to the result type (null for void and procedures). */
    public Object call(PlSpi spi, Object[] args) {
        return new PlExecutor(this, spi).run(args, null, null);
    }

    /** Calls a set-returning function: the rows of its RETURN NEXT / RETURN QUERY, in order. */
    public List<Object[]> callSet(PlSpi spi, Object[] args) {
        java.util.List<Object[]> out = new java.util.ArrayList<>();
        new PlExecutor(this, spi).run(args, null, out);
        return out;
    }

    /**
     * Calls a trigger function (plpgsql_exec_trigger): NEW, OLD and the TG_* variables are set from
     * {@code td}. Returns the row the function returned (NEW, OLD or another row of the table's
     * shape, cast to its column types), or null when it returned NULL — for BEFORE ROW triggers
     * null means "skip this row", for AFTER and statement triggers the value is ignored.
     */
    public Object[] callTrigger(PlSpi spi, TriggerData td) {
        Object r = new PlExecutor(this, spi).run(new Object[0], td, null);
        return (Object[]) r;
    }
}
