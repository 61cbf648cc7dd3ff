package org.tusk.engine.commands.copy;

import java.io.OutputStream;
import java.util.List;

import org.tusk.api.error.PgException;
import org.tusk.api.error.SqlState;
import org.tusk.engine.executor.PlanState;
import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.types.PgType;
import org.tusk.engine.types.TextFormat;
import org.tusk.engine.types.TypeContext;

/**
 * COPY table/(query) TO (copyto.c's DoCopyTo): the rows of a plan, each
 * column through its type's output function, formatted by
 * {@link CopyWriter}. Returns the row count for the "COPY n" tag.
 */
public final class CopyTo {

    private CopyTo() {
    }

    /**
     * @param names  output column names (for HEADER and FORCE_QUOTE)
     * @param types  output column types, one per row element used
     */
    public static long run(PlanState plan, List<String> names, List<PgType> types, CopyOptions options,
            EvalContext ctx, OutputStream out) {
        if (options.format == CopyOptions.Format.BINARY) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "COPY TO in BINARY format is not supported yet");
        }
        boolean[] forceQuote = new boolean[names.size()];
        for (int i = 0; i < names.size(); i++) {
            forceQuote[i] = options.forceQuoteAll || options.forceQuote.contains(names.get(i));
        }
        for (String name : options.forceQuote) {
            if (!names.contains(name)) {
                throw PgException.error(SqlState.UNDEFINED_COLUMN, "column \"" + name + "\" does not exist");
            }
        }
        CopyWriter writer = new CopyWriter(out, options, forceQuote);
        if (options.header) {
            writer.header(names.toArray(new String[0]));
        }
        TypeContext tc = ctx.session() != null ? ctx.session().typeContext() : TypeContext.DEFAULT;
        long rows = 0;
        String[] values = new String[names.size()];
        for (Object[] row = plan.next(); row != null; row = plan.next()) {
            ctx.checkForInterrupts();
            for (int i = 0; i < values.length; i++) {
                values[i] = row[i] == null ? null : TextFormat.output(types.get(i), row[i], tc);
            }
            writer.row(values);
            rows++;
        }
        return rows;
    }
}
