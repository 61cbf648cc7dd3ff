package org.tusk.engine.executor;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.types.PgType;

/**
 * The ordered-set aggregates of orderedsetaggs.c: percentile_cont(fraction),
 * percentile_disc(fraction) and mode(), each WITHIN GROUP (ORDER BY value). The Agg node
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

    /** percentile_cont(float8) WITHIN GROUP (ORDER BY float8): linear interpolation between adjacent values. */
    public static AggregateFunction percentileCont() {
        return new Base("percentile_cont", PgType.FLOAT8, true) {
            @Override
            Object result(double fraction, List<Object> values) {
                double position = fraction * (values.size() - 1);
                int lo = (int) Math.floor(position);
                int hi = (int) Math.ceil(position);
                double low = ((Number) values.get(lo)).doubleValue();
                if (lo == hi) {
                    return low;
                }
                double high = ((Number) values.get(hi)).doubleValue();
                return low + (position - lo) * (high - low);
            }
        };
    }

    /** percentile_disc(float8) WITHIN GROUP (ORDER BY any): the first value whose position reaches the fraction. */
    public static AggregateFunction percentileDisc(PgType type) {
        return new Base("percentile_disc", type, true) {
            @Override
            Object result(double fraction, List<Object> values) {
                long row = (long) Math.ceil(fraction * values.size());
                return values.get((int) Math.max(row, 1) - 1);
            }
        };
    }

    /** mode() WITHIN GROUP (ORDER BY any): the most frequent value, the first in sort order on a tie. */
    public static AggregateFunction mode(PgType type) {
        return new Base("mode", type, false) {
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

        Base(String name, PgType resultType, boolean hasFraction) {
            this.name = name;
            this.resultType = resultType;
            this.hasFraction = hasFraction;
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
            double fraction = hasFraction ? ((Number) s.fraction).doubleValue() : 0;
            if (hasFraction && !(fraction >= 0 && fraction <= 1)) {
                throw Ereport.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                        "percentile value " + org.tusk.engine.types.FloatFormat.printfG(fraction) + " is not between 0 and 1");
            }
            return result(fraction, s.values);
        }
    }
}
