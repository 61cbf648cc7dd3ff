package org.tusk.engine.executor;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.func.DateTimeFunctions;
import org.tusk.engine.types.ArrayValue;
import org.tusk.engine.types.FloatFormat;
import org.tusk.engine.types.Interval;
import org.tusk.engine.types.PgType;

/**
 * The ordered-set aggregates of orderedsetaggs.c: percentile_cont(fraction),
 * percentile_disc(fraction) and mode(), each WITHIN GROUP (ORDER BY value); the
 * percentiles also take an array of fractions and then return an array. The Agg node
 * sorts a group's inputs by the WITHIN GROUP ordering (as for any ordered-input
 * aggregate) and hands them over as (fraction, value) or (value); NULL values are
 * ignored, as PostgreSQL's tuplesort is fed only non-null ones. The fraction is a direct
 * argument, the same for the whole group: the first row's is used.
 */
public final class OrderedSetAggregates {

    /** The names the analyzer recognizes with WITHIN GROUP. */
    public static final Set<String> NAMES = Set.of("percentile_cont", "percentile_disc", "mode");

    private OrderedSetAggregates() {
    }

    /** A group's sorted values and its fraction (absent for mode). */
    private static final class State {
        Object fraction;
        final List<Object> values = new ArrayList<>();
    }

    /**
     * percentile_cont(float8 or float8[]) WITHIN GROUP (ORDER BY float8 or interval): linear
     * interpolation between the two values around the fraction's position (float8_lerp or
     * interval_lerp); a float8[] of fractions gives an array of results shaped like it.
     */
    public static AggregateFunction percentileCont(PgType valueType, boolean multi) {
        boolean interval = valueType == PgType.INTERVAL;
        return new Base("percentile_cont", multi ? valueType.arrayType() : valueType, true, multi) {
            @Override
            Object result(double fraction, List<Object> values) {
                double position = fraction * (values.size() - 1);
                int lo = (int) Math.floor(position);
                int hi = (int) Math.ceil(position);
                if (lo == hi) {
                    return values.get(lo);
                }
                if (interval) {
                    return DateTimeFunctions.lerp((Interval) values.get(lo), (Interval) values.get(hi), position - lo);
                }
                double low = ((Number) values.get(lo)).doubleValue();
                double high = ((Number) values.get(hi)).doubleValue();
                return low + (position - lo) * (high - low);
            }
        };
    }

    /**
     * percentile_disc(float8 or float8[]) WITHIN GROUP (ORDER BY any): the first value whose
     * position reaches the fraction; a float8[] of fractions gives an array of such values.
     */
    public static AggregateFunction percentileDisc(PgType type, boolean multi) {
        return new Base("percentile_disc", multi ? type.arrayType() : type, true, multi) {
            @Override
            Object result(double fraction, List<Object> values) {
                long row = (long) Math.ceil(fraction * values.size());
                return values.get((int) Math.max(row, 1) - 1);
            }
        };
    }

    /** mode() WITHIN GROUP (ORDER BY any): the most frequent value, the first in sort order on a tie. */
    public static AggregateFunction mode(PgType type) {
        return new Base("mode", type, false, false) {
            @Override
            Object result(double fraction, List<Object> values) {
                Object best = null;
                int bestCount = 0;
                int i = 0;
                while (i < values.size()) {
                    int j = i + 1;
                    while (j < values.size() && SortColumn.compareValues(values.get(i), values.get(j), false, false) == 0) {
                        j++;
                    }
                    if (j - i > bestCount) {
                        best = values.get(i);
                        bestCount = j - i;
                    }
                    i = j;
                }
                return best;
            }
        };
    }

    private abstract static class Base implements AggregateFunction {
        private final String name;
        private final PgType resultType;
        private final boolean hasFraction;
        /** The fraction is a float8[]: one result per element (NULL for a NULL one), in its shape. */
        private final boolean multi;

        Base(String name, PgType resultType, boolean hasFraction, boolean multi) {
            this.name = name;
            this.resultType = resultType;
            this.hasFraction = hasFraction;
            this.multi = multi;
        }

        abstract Object result(double fraction, List<Object> values);

        @Override
        public String name() {
            return name;
        }

        @Override
        public PgType resultType() {
            return resultType;
        }

        @Override
        public boolean strict() {
            return false;
        }

        @Override
        public Object initial() {
            return null;
        }

        @Override
        public Object transition(Object state, Object[] args) {
            State s = state == null ? new State() : (State) state;
            if (state == null && hasFraction) {
                s.fraction = args[0];
            }
            Object value = args[hasFraction ? 1 : 0];
            if (value != null) {
                s.values.add(value);
            }
            return s;
        }

        @Override
        public Object finish(Object state) {
            if (!(state instanceof State s) || s.values.isEmpty() || hasFraction && s.fraction == null) {
                return null;
            }
            if (multi) {
                ArrayValue fractions = (ArrayValue) s.fraction;
                Object[] results = new Object[fractions.size()];
                for (int i = 0; i < results.length; i++) {
                    Object f = fractions.element(i);
                    results[i] = f == null ? null : result(checked(((Number) f).doubleValue()), s.values);
                }
                return new ArrayValue(resultType.elementType(), fractions.lengths(), fractions.lowerBounds(), results);
            }
            double fraction = hasFraction ? checked(((Number) s.fraction).doubleValue()) : 0;
            return result(fraction, s.values);
        }

        private static double checked(double fraction) {
            if (!(fraction >= 0 && fraction <= 1)) {
                throw Ereport.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                        "percentile value " + FloatFormat.printfG(fraction) + " is not between 0 and 1");
            }
            return fraction;
        }
    }
}
