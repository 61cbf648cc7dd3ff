package org.tusk.engine.commands.vacuum;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.tusk.engine.func.BuiltinCatalog;
import org.tusk.engine.func.OperatorEntry;
import org.tusk.engine.types.ArrayValue;
import org.tusk.engine.types.PgType;

/**
 * One column's statistics from a row sample (analyze.c's compute_scalar_stats): the null fraction,
 * the average stored width, the number of distinct values (Haas-Stokes estimator
 * when the sample is not the whole table; negative = a fraction of the rows), the
 * most common values kept when they are significantly more common than the rest
 * (analyze_mcv_list), an equi-depth histogram of the other values and the
 * correlation between value order and physical order. Types without a default
 * btree operator class get compute_trivial_stats' null fraction and width only.
 *
 * <p>The result is a pg_statistic row's content ({@link Slot}s numbered as
 * PostgreSQL fills them: MCV, histogram, correlation).
 */
public final class ColumnAnalysis {

    public static final short STATISTIC_KIND_MCV = 1;
    public static final short STATISTIC_KIND_HISTOGRAM = 2;
    public static final short STATISTIC_KIND_CORRELATION = 3;

    /** Values wider than this are not sorted or kept (analyze.c's WIDTH_THRESHOLD). */
    static final int WIDTH_THRESHOLD = 1024;

    /** One statistics slot: stakindN, staopN, stacollN, stanumbersN, stavaluesN. */
    public record Slot(short kind, long operator, long collation, float[] numbers, Object[] values) {}

    /** A pg_statistic row's content; {@code slots} has at most five entries. */
    public record Result(float nullFrac, int width, float nDistinct, List<Slot> slots) {}

    /** compare_scalars: by value, equal values by their position in the sample. */
    private static final Comparator<Object[]> ORDER = (a, b) -> {
        int c = compareValues(a[0], b[0]);
        return c != 0 ? c : Integer.compare((Integer) a[1], (Integer) b[1]);
    };

    private ColumnAnalysis() {
    }

    /**
     * Statistics of one column from {@code values} (the column's value in each sampled
     * row, in physical order, nulls included), {@code totalRows} the table's estimated
     * row count; null when the sample is empty (no pg_statistic row then).
     */
    public static Result compute(PgType type, long collation, List<Object> values, double totalRows, int target) {
        int sampleRows = values.size();
        if (sampleRows == 0) {
            return null;
        }
        boolean varWidth = type.typlen() < 0;
        long ltOp = operatorOid("<", type);
        long eqOp = operatorOid("=", type);
        int nullCount = 0;
        int tooWide = 0;
        double totalWidth = 0;
        List<Object[]> items = new ArrayList<>();   // {value, tupno}
        for (int i = 0; i < sampleRows; i++) {
            Object v = values.get(i);
            if (v == null) {
                nullCount++;
                continue;
            }
            if (varWidth) {
                int w = storedWidth(v);
                totalWidth += w;
                if (w > WIDTH_THRESHOLD) {
                    tooWide++;
                    continue;
                }
            }
            items.add(new Object[] {v, items.size()});   // tupno: the position among the sorted values' input
        }
        int nonNull = sampleRows - nullCount;
        if (nonNull == 0) {
            // only nulls: the column is assumed entirely null, n_distinct "unknown"
            return new Result(1.0f, varWidth ? 0 : type.typlen(), 0f, List.of());
        }
        float nullFrac = (float) ((double) nullCount / sampleRows);
        int width = varWidth ? (int) (totalWidth / nonNull) : type.typlen();
        boolean ordered = ltOp != 0 && eqOp != 0 && org.tusk.engine.commands.DefineIndex.hasDefaultBtreeOpclass(type.oid());
        if (ordered) {
            try {
                items.sort(ORDER);
            } catch (RuntimeException e) {
                ordered = false;   // values the engine cannot order after all
            }
        }
        if (!ordered) {
            // compute_trivial_stats: no ordering to find duplicates with, n_distinct "unknown"
            return new Result(nullFrac, width, 0f, List.of());
        }
        int n = items.size();
        // runs of equal values: the distinct count, the repeated ones and the most frequent (track list)
        int numMcv = target;
        int[] trackCount = new int[numMcv];
        int[] trackFirst = new int[numMcv];
        int trackCnt = 0;
        int nDistinct = 0;
        int nMultiple = 0;
        int dups = 0;
        for (int i = 0; i < n; i++) {
            dups++;
            if (i == n - 1 || compareValues(items.get(i)[0], items.get(i + 1)[0]) != 0) {
                if (dups > 1) {
                    nMultiple++;
                    if (trackCnt < numMcv || dups > trackCount[trackCnt - 1]) {
                        if (trackCnt < numMcv) {
                            trackCnt++;
                        }
                        int j;
                        for (j = trackCnt - 1; j > 0; j--) {
                            if (dups <= trackCount[j - 1]) {
                                break;
                            }
                            trackCount[j] = trackCount[j - 1];
                            trackFirst[j] = trackFirst[j - 1];
                        }
                        trackCount[j] = dups;
                        trackFirst[j] = i - dups + 1;
                    }
                }
                nDistinct++;
                dups = 0;
            }
        }
        double stadistinct = estimateDistinct(nDistinct, nMultiple, tooWide, sampleRows, nullCount, nullFrac,
                totalRows);

        if (trackCnt == nDistinct && tooWide == 0 && stadistinct > 0 && trackCnt <= numMcv) {
            numMcv = trackCnt;
        } else {
            numMcv = Math.min(numMcv, trackCnt);
            if (numMcv > 0) {
                numMcv = keptMcvs(Arrays.copyOf(trackCount, numMcv), numMcv, stadistinct, nullFrac, sampleRows,
                        totalRows);
            }
        }
        List<Slot> slots = new ArrayList<>();
        if (numMcv > 0) {
            float[] freqs = new float[numMcv];
            Object[] mcv = new Object[numMcv];
            for (int i = 0; i < numMcv; i++) {
                mcv[i] = items.get(trackFirst[i])[0];
                freqs[i] = (float) ((double) trackCount[i] / sampleRows);
            }
            slots.add(new Slot(STATISTIC_KIND_MCV, eqOp, collation, freqs, mcv));
        }

        int numHist = nDistinct - numMcv;
        if (numHist > target) {
            numHist = target + 1;
        }
        if (numHist >= 2) {
            // the histogram describes the values outside the MCV list
            boolean[] inMcv = new boolean[n];
            for (int i = 0; i < numMcv; i++) {
                Arrays.fill(inMcv, trackFirst[i], trackFirst[i] + trackCount[i], true);
            }
            List<Object> rest = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                if (!inMcv[i]) {
                    rest.add(items.get(i)[0]);
                }
            }
            int nvals = rest.size();
            int delta = (nvals - 1) / (numHist - 1);
            int deltaFrac = (nvals - 1) % (numHist - 1);
            int pos = 0;
            int posFrac = 0;
            Object[] bounds = new Object[numHist];
            for (int i = 0; i < numHist; i++) {
                bounds[i] = rest.get(pos);
                pos += delta;
                posFrac += deltaFrac;
                if (posFrac >= numHist - 1) {
                    pos++;
                    posFrac -= numHist - 1;
                }
            }
            slots.add(new Slot(STATISTIC_KIND_HISTOGRAM, ltOp, collation, null, bounds));
        }

        if (n > 1) {
            double xsum = (double) (n - 1) * n / 2.0;
            double x2sum = (double) (n - 1) * n * (2.0 * n - 1) / 6.0;
            double xysum = 0;
            for (int i = 0; i < n; i++) {
                xysum += (double) i * (Integer) items.get(i)[1];
            }
            float corr = (float) ((n * xysum - xsum * xsum) / (n * x2sum - xsum * xsum));
            slots.add(new Slot(STATISTIC_KIND_CORRELATION, ltOp, collation, new float[] {corr}, null));
        }
        return new Result(nullFrac, width, (float) stadistinct, slots);
    }

    /** stadistinct: all unique, all repeated (so all seen), or the Haas-Stokes estimate; a fraction past 10%. */
    static double estimateDistinct(int nDistinct, int nMultiple, int tooWide, int sampleRows, int nullCount,
            float nullFrac, double totalRows) {
        double stadistinct;
        if (nMultiple == 0) {
            stadistinct = -1.0 * (1.0 - nullFrac);
        } else if (tooWide == 0 && nMultiple == nDistinct) {
            stadistinct = nDistinct;
        } else {
            int f1 = nDistinct - nMultiple + tooWide;
            int d = f1 + nMultiple;
            double n = sampleRows - nullCount;
            double bigN = totalRows * (1.0 - nullFrac);
            double est = bigN > 0 ? (n * d) / ((n - f1) + f1 * n / bigN) : 0;
            est = Math.max(est, d);
            est = Math.min(est, bigN);
            stadistinct = Math.floor(est + 0.5);
        }
        if (stadistinct > 0.1 * totalRows) {
            stadistinct = -(stadistinct / totalRows);
        }
        return stadistinct;
    }

    /**
     * analyze_mcv_list: drops the least common values while they are not significantly
     * more common (two standard errors of the hypergeometric count, plus a continuity
     * correction) than a value outside the list would be estimated to be.
     */
    static int keptMcvs(int[] counts, int numMcv, double stadistinct, double nullFrac, int sampleRows,
            double totalRows) {
        if (sampleRows == totalRows || totalRows <= 1.0) {
            return numMcv;
        }
        double ndistinctTable = stadistinct < 0 ? -stadistinct * totalRows : stadistinct;
        double sumCount = 0;
        for (int i = 0; i < numMcv - 1; i++) {
            sumCount += counts[i];
        }
        while (numMcv > 0) {
            double selec = 1.0 - sumCount / sampleRows - nullFrac;
            selec = Math.max(0.0, Math.min(1.0, selec));
            double otherDistinct = ndistinctTable - (numMcv - 1);
            if (otherDistinct > 1) {
                selec /= otherDistinct;
            }
            double bigN = totalRows;
            double n = sampleRows;
            double k = bigN * counts[numMcv - 1] / n;
            double variance = n * k * (bigN - k) * (bigN - n) / (bigN * bigN * (bigN - 1));
            double stddev = Math.sqrt(variance);
            if (counts[numMcv - 1] > selec * sampleRows + 2 * stddev + 0.5) {
                break;
            }
            numMcv--;
            if (numMcv == 0) {
                break;
            }
            sumCount -= counts[numMcv - 1];
        }
        return numMcv;
    }

    /** The btree order of two values of one column. */
    static int compareValues(Object a, Object b) {
        return org.tusk.engine.executor.SortColumn.comparator(
                List.of(org.tusk.engine.executor.SortColumn.asc(0))).compare(new Object[] {a}, new Object[] {b});
    }

    /**
     * The "=" or "<" operator of the type's default btree opclass (the operator
     * with exactly this type on both sides; varchar uses text's); 0 when none.
     */
    public static long operatorOid(String name, PgType type) {
        PgType t = type == PgType.VARCHAR ? PgType.TEXT : type;
        if (t.isArray()) {
            t = PgType.ANYARRAY;
        }
        for (OperatorEntry o : BuiltinCatalog.get().binaryOperators(name)) {
            if (o.left() == t && o.right() == t && o.result() == PgType.BOOL) {
                return o.oid();
            }
        }
        return 0;
    }

    /**
     * VARSIZE_ANY of the value as the heap stores it: a short (1-byte) header up to
     * 126 bytes of data, else a 4-byte one; numeric in base-10000 digits.
     */
    static int storedWidth(Object v) {
        int data;
        if (v instanceof String s) {
            data = s.getBytes(StandardCharsets.UTF_8).length;
        } else if (v instanceof byte[] b) {
            data = b.length;
        } else if (v instanceof BigDecimal d) {
            data = 2 + 2 * numericDigits(d);
        } else if (v instanceof ArrayValue a) {
            data = 12 + 8 * a.ndims() + a.size() * 8;
        } else {
            data = String.valueOf(v).length();
        }
        return data + (data + 1 <= 127 ? 1 : 4);
    }

    /** The number of base-10000 digits numeric keeps (leading and trailing zero groups stripped). */
    private static int numericDigits(BigDecimal d) {
        if (d.signum() == 0) {
            return 0;
        }
        BigDecimal abs = d.abs().stripTrailingZeros();
        String plain = abs.toPlainString();
        int dot = plain.indexOf('.');
        String intPart = dot < 0 ? plain : plain.substring(0, dot);
        String frac = dot < 0 ? "" : plain.substring(dot + 1);
        if (intPart.equals("0")) {
            intPart = "";
        }
        int intGroups = (intPart.length() + 3) / 4;
        int fracGroups = (frac.length() + 3) / 4;
        // leading zero groups of a fraction below 1 are not stored
        int leadingZeroGroups = 0;
        if (intPart.isEmpty()) {
            int zeros = 0;
            while (zeros < frac.length() && frac.charAt(zeros) == '0') {
                zeros++;
            }
            leadingZeroGroups = zeros / 4;
        }
        // trailing zero groups of the integer part are not stored either
        int trailingZeroGroups = 0;
        if (frac.isEmpty() && !intPart.isEmpty()) {
            String padded = "0".repeat((4 - intPart.length() % 4) % 4) + intPart;
            for (int g = padded.length() - 4; g > 0 && padded.substring(g, g + 4).equals("0000"); g -= 4) {
                trailingZeroGroups++;
            }
        }
        return Math.max(1, intGroups + fracGroups - leadingZeroGroups - trailingZeroGroups);
    }
}
