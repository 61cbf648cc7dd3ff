package org.tusk.engine.relcache;

import java.util.ArrayList;
import java.util.List;

import org.tusk.engine.catalog.SystemCatalogs;
import org.tusk.engine.planner.ColumnStatistics;
import org.tusk.engine.types.ArrayValue;

/**
 * Reads a pg_statistic row's slots (get_attstatsslot): the slot whose stakind is
 * MCV (1), HISTOGRAM (2) or CORRELATION (3), wherever ANALYZE put it.
 */
final class StatisticSlots {

    private StatisticSlots() {
    }

    static ColumnStatistics columnStatistics(SystemCatalogs.Catalog st, Object[] row) {
        double nullFrac = ((Number) row[st.columnIndex("stanullfrac")]).doubleValue();
        int width = ((Number) row[st.columnIndex("stawidth")]).intValue();
        double nDistinct = ((Number) row[st.columnIndex("stadistinct")]).doubleValue();
        List<Object> mcv = List.of();
        List<Double> freqs = List.of();
        List<Object> histogram = List.of();
        double correlation = 0;
        for (int i = 1; i <= 5; i++) {
            Object kind = row[st.columnIndex("stakind" + i)];
            int k = kind instanceof Number n ? n.intValue() : 0;
            Object values = row[st.columnIndex("stavalues" + i)];
            Object numbers = row[st.columnIndex("stanumbers" + i)];
            switch (k) {
                case 1 -> {
                    mcv = elements(values);
                    freqs = doubles(numbers);
                }
                case 2 -> histogram = elements(values);
                case 3 -> {
                    List<Double> c = doubles(numbers);
                    correlation = c.isEmpty() ? 0 : c.get(0);
                }
                default -> {
                }
            }
        }
        return new ColumnStatistics(nullFrac, width, nDistinct, mcv, freqs, histogram, correlation);
    }

    private static List<Object> elements(Object array) {
        if (array instanceof ArrayValue a) {
            return java.util.Arrays.asList(a.elements());
        }
        if (array instanceof Object[] a) {
            return java.util.Arrays.asList(a);
        }
        return List.of();
    }

    private static List<Double> doubles(Object array) {
        List<Double> out = new ArrayList<>();
        for (Object o : elements(array)) {
            out.add(o instanceof Number n ? n.doubleValue() : 0.0);
        }
        return out;
    }
}
