package org.tusk.script;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * One result row: a map from column name to value, in column order, that can also be
 * read by position ({@code row[0]} in Groovy, {@link #getAt(int)}) or as a list
 * ({@link #toList()}), which keeps every column even when two share a name.
 */
public final class Row extends LinkedHashMap<String, Object> {
    private static final long serialVersionUID = 1L;
    private final Object[] values;

    public Row(List<String> names, Object[] values) {
        super(names.size() * 2);
        this.values = values.clone();
        for (int i = 0; i < names.size(); i++) putIfAbsent(names.get(i), values[i]);
    }

    /** The value of column {@code index} (0-based; negative counts from the end). */
    public Object getAt(int index) {
        return values[index < 0 ? values.length + index : index];
    }

    /** The values in column order. */
    public List<Object> toList() {
        return Collections.unmodifiableList(Arrays.asList(values.clone()));
    }

    /** Number of columns (maybe more than {@link #size()} when names repeat). */
    public int columnCount() {
        return values.length;
    }
}
