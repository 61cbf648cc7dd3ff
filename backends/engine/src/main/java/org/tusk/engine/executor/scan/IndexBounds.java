package org.tusk.engine.executor.scan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.tusk.api.storage.ScanBounds;
import org.tusk.engine.planner.IndexScanKey;
import org.tusk.engine.types.PgType;

/**
 * Turns btree scan keys into {@link ScanBounds} over {@link IndexKeyEncoding}
 * (what _bt_first does with the keys) and checks rows against all keys
 * (_bt_checkkeys), so that bounds may be looser than the keys.
 */
final class IndexBounds {

    private static final byte[] NULL_FLAG = {2};

    private IndexBounds() {
    }

    /** Bounds for keys whose values (non-null, coerced to the column types) are {@code values}. */
    static ScanBounds of(List<PgType> keyTypes, List<IndexScanKey> keys, Object[] values) {
        List<PgType> prefixTypes = new ArrayList<>();
        List<Object> prefixValues = new ArrayList<>();
        int column = 1;
        while (true) {
            Object eq = null;
            for (int k = 0; k < keys.size(); k++) {
                if (keys.get(k).column() == column && keys.get(k).strategy() == IndexScanKey.Strategy.EQUAL) {
                    eq = values[k];
                }
            }
            if (eq == null) {
                break;
            }
            prefixTypes.add(keyTypes.get(column - 1));
            prefixValues.add(eq);
            column++;
            if (column > keyTypes.size()) {
                break;
            }
        }
        byte[] prefix = IndexKeyEncoding.encode(prefixTypes, prefixValues.toArray());
        byte[] lower = prefix;
        boolean lowerInclusive = true;
        byte[] upper = IndexKeyEncoding.prefixUpperBound(prefix);
        boolean upperInclusive = true;
        if (column <= keyTypes.size()) {
            PgType type = keyTypes.get(column - 1);
            boolean ranged = false;
            for (int k = 0; k < keys.size(); k++) {
                IndexScanKey key = keys.get(k);
                if (key.column() != column) {
                    continue;
                }
                byte[] bound = StorageBaseRelation.concat(prefix,
                        IndexKeyEncoding.encode(List.of(type), new Object[] {values[k]}));
                switch (key.strategy()) {
                    case GREATER -> {
                        lower = IndexKeyEncoding.prefixUpperBound(bound);
                        ranged = true;
                    }
                    case GREATER_EQUAL -> {
                        lower = bound;
                        ranged = true;
                    }
                    case LESS -> {
                        upper = bound;
                        upperInclusive = false;
                    }
                    case LESS_EQUAL -> upper = IndexKeyEncoding.prefixUpperBound(bound);
                    default -> {
                    }
                }
            }
            if (ranged && upper == null || ranged && Arrays.equals(upper, IndexKeyEncoding.prefixUpperBound(prefix))) {
                upper = StorageBaseRelation.concat(prefix, NULL_FLAG);    // a > x never matches NULL
                upperInclusive = false;
            }
        }
        return ScanBounds.range(lower.length == 0 ? null : lower, lowerInclusive, upper, upperInclusive);
    }

    /** Whether {@code row} satisfies every key (values as given to {@link #of}). */
    static boolean satisfies(Object[] row, int[] keyColumns, List<PgType> keyTypes, List<IndexScanKey> keys,
            Object[] values) {
        for (int k = 0; k < keys.size(); k++) {
            IndexScanKey key = keys.get(k);
            int col = key.column() - 1;
            if (keyColumns[col] < 0) {
                continue;                       // an expression column: not recomputed here
            }
            Object v = row[keyColumns[col]];
            if (v == null) {
                return false;
            }
            List<PgType> t = List.of(keyTypes.get(col));
            int cmp = Arrays.compareUnsigned(IndexKeyEncoding.encode(t, new Object[] {v}),
                    IndexKeyEncoding.encode(t, new Object[] {values[k]}));
            boolean ok = switch (key.strategy()) {
                case LESS -> cmp < 0;
                case LESS_EQUAL -> cmp <= 0;
                case EQUAL -> cmp == 0;
                case GREATER_EQUAL -> cmp >= 0;
                case GREATER -> cmp > 0;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
