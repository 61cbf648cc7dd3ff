package org.tusk.engine.executor;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.NoSuchElementException;

import org.tusk.engine.error.Ereport;
import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.func.Comparisons;
import org.tusk.engine.types.PgType;

/** generate_series(start, stop [, step]) for int4, int8 and numeric (funcs.c / numeric.c). */
public final class GenerateSeries implements SetReturningFunction {
    private final PgType type;

    public GenerateSeries(PgType type) {
        this.type = type;
    }

    @Override public String name() { return "generate_series"; }
    @Override public PgType[] resultTypes() { return new PgType[] {type}; }
    @Override public boolean strict() { return true; }

    @Override
    public Iterator<Object[]> call(Object[] args, EvalContext ctx) {
        if (type == PgType.NUMERIC) {
            BigDecimal start = finiteNumeric(args[0], "start value");
            BigDecimal stop = finiteNumeric(args[1], "stop value");
            BigDecimal step = args.length > 2 ? finiteNumeric(args[2], "step size") : BigDecimal.ONE;
            if (step.signum() == 0) {
                throw Ereport.error("22023", "step size cannot equal zero");
            }
            return new Iterator<>() {
                BigDecimal current = start;

                @Override
                public boolean hasNext() {
                    return step.signum() > 0 ? current.compareTo(stop) <= 0 : current.compareTo(stop) >= 0;
                }

                @Override
                public Object[] next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    BigDecimal v = current;
                    current = current.add(step);
                    return new Object[] {v};
                }
            };
        }
        long start = ((Number) args[0]).longValue();
        long stop = ((Number) args[1]).longValue();
        long step = args.length > 2 ? ((Number) args[2]).longValue() : 1;
        if (step == 0) {
            throw Ereport.error("22023", "step size cannot equal zero");
        }
        boolean int4 = type == PgType.INT4;
        return new Iterator<>() {
            long current = start;
            boolean overflowed;

            @Override
            public boolean hasNext() {
                return !overflowed && (step > 0 ? current <= stop : current >= stop);
            }

            @Override
            public Object[] next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                long v = current;
                try {
                    current = Math.addExact(current, step);
                    if (int4 && (current > Integer.MAX_VALUE || current < Integer.MIN_VALUE)) {
                        overflowed = true;
                    }
                } catch (ArithmeticException e) {
                    overflowed = true;
                }
                return new Object[] {int4 ? (Object) (int) v : (Object) v};
            }
        };
    }

    /** generate_series(numeric): NaN and the infinities are rejected, in argument order. */
    private static BigDecimal finiteNumeric(Object v, String what) {
        if (v instanceof org.tusk.engine.types.NumericSpecial special) {
            throw Ereport.error("22023", what + " cannot be "
                    + (special == org.tusk.engine.types.NumericSpecial.NAN ? "NaN" : "infinity"));
        }
        return Comparisons.toBigDecimal(v);
    }
}
