package org.tusk.engine.executor;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.expr.Expr;

/**
 * FunctionScan: the rows of one or more set-returning function calls (ROWS FROM
 * zips them, padding shorter ones with NULLs), with an ordinality column last
 * for WITH ORDINALITY. Arguments are evaluated at start and at each rescan, so
 * they may reference a LATERAL outer row through executor params. A strict
 * function with a NULL argument returns no rows.
 */
public final class FunctionScan implements PlanState {
    /** One function call of the scan. */
    public record Call(SetReturningFunction function, List<Expr> args) {}

    private final List<Call> calls;
    private final boolean ordinality;
    private final EvalContext ctx;
    private List<Iterator<Object[]>> iterators;
    private long ordinal;

    public FunctionScan(List<Call> calls, boolean ordinality, EvalContext ctx) {
        this.calls = calls;
        this.ordinality = ordinality;
        this.ctx = ctx;
    }

    private void start() {
        iterators = new ArrayList<>();
        Object[] saved = ctx.row();
        for (Call c : calls) {
            Object[] args = new Object[c.args().size()];
            boolean hasNull = false;
            for (int i = 0; i < args.length; i++) {
                ctx.setRow(saved);
                args[i] = c.args().get(i).eval(ctx);
                hasNull |= args[i] == null;
            }
            iterators.add(hasNull && c.function().strict() ? java.util.Collections.emptyIterator()
                    : c.function().call(args, ctx));
        }
        ctx.setRow(saved);
        ordinal = 0;
    }

    @Override
    public Object[] next() {
        if (iterators == null) {
            start();
        }
        ctx.checkForInterrupts();
        int width = ordinality ? 1 : 0;
        for (Call c : calls) {
            width += c.function().resultTypes().length;
        }
        Object[] out = new Object[width];
        boolean any = false;
        int pos = 0;
        for (int i = 0; i < calls.size(); i++) {
            int w = calls.get(i).function().resultTypes().length;
            Iterator<Object[]> it = iterators.get(i);
            if (it.hasNext()) {
                Object[] r = it.next();
                System.arraycopy(r, 0, out, pos, w);
                any = true;
            }
            pos += w;
        }
        if (!any) {
            return null;
        }
        if (ordinality) {
            out[width - 1] = ++ordinal;
        }
        return out;
    }

    @Override
    public void rescan() {
        iterators = null;
    }
}
