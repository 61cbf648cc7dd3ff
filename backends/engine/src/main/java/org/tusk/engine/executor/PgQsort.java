package org.tusk.engine.executor;

import java.util.Comparator;
import java.util.List;

/**
 * The in-memory sort algorithm of PostgreSQL's tuplesort (lib/sort_template.h):
 * Bentley and McIlroy's three-way-partitioning quicksort with insertion sort
 * below seven elements, a pass that returns at once on input already in order,
 * median-of-three pivots (the ninther above forty elements), and recursion on
 * the smaller partition. It is not stable; it is used so that rows with equal
 * sort keys come out in the order PostgreSQL's Sort node gives them for the
 * same input order, which query results show (ORDER BY on a column with ties).
 */
final class PgQsort {

    private PgQsort() {
    }

    /** Sorts {@code rows} in place. */
    static <T> void sort(List<T> rows, Comparator<? super T> cmp) {
        @SuppressWarnings("unchecked")
        T[] a = (T[]) rows.toArray();
        sort(a, 0, a.length, cmp);
        for (int i = 0; i < a.length; i++) {
            rows.set(i, a[i]);
        }
    }

    static <T> void sort(T[] a, int from, int count, Comparator<? super T> cmp) {
        int base = from;
        int n = count;
        while (true) {
            if (n < 7) {
                for (int m = base + 1; m < base + n; m++) {
                    for (int l = m; l > base && cmp.compare(a[l - 1], a[l]) > 0; l--) {
                        swap(a, l, l - 1);
                    }
                }
                return;
            }
            boolean presorted = true;
            for (int m = base + 1; m < base + n; m++) {
                if (cmp.compare(a[m - 1], a[m]) > 0) {
                    presorted = false;
                    break;
                }
            }
            if (presorted) {
                return;
            }
            int pm = base + n / 2;
            if (n > 7) {
                int pl = base;
                int pn = base + n - 1;
                if (n > 40) {
                    int d = n / 8;
                    pl = med3(a, pl, pl + d, pl + 2 * d, cmp);
                    pm = med3(a, pm - d, pm, pm + d, cmp);
                    pn = med3(a, pn - 2 * d, pn - d, pn, cmp);
                }
                pm = med3(a, pl, pm, pn, cmp);
            }
            swap(a, base, pm);
            int pa = base + 1;
            int pb = pa;
            int pc = base + n - 1;
            int pd = pc;
            while (true) {
                int r;
                while (pb <= pc && (r = cmp.compare(a[pb], a[base])) <= 0) {
                    if (r == 0) {
                        swap(a, pa, pb);
                        pa++;
                    }
                    pb++;
                }
                while (pb <= pc && (r = cmp.compare(a[pc], a[base])) >= 0) {
                    if (r == 0) {
                        swap(a, pc, pd);
                        pd--;
                    }
                    pc--;
                }
                if (pb > pc) {
                    break;
                }
                swap(a, pb, pc);
                pb++;
                pc--;
            }
            int pn = base + n;
            int d1 = Math.min(pa - base, pb - pa);
            swapRange(a, base, pb - d1, d1);
            d1 = Math.min(pd - pc, pn - pd - 1);
            swapRange(a, pb, pn - d1, d1);
            d1 = pb - pa;
            int d2 = pd - pc;
            if (d1 <= d2) {
                // the left part by recursion, then the right one in this loop
                if (d1 > 1) {
                    sort(a, base, d1, cmp);
                }
                if (d2 <= 1) {
                    return;
                }
                base = pn - d2;
                n = d2;
            } else {
                if (d2 > 1) {
                    sort(a, pn - d2, d2, cmp);
                }
                if (d1 <= 1) {
                    return;
                }
                n = d1;
            }
        }
    }

    private static <T> int med3(T[] a, int i, int j, int k, Comparator<? super T> cmp) {
        return cmp.compare(a[i], a[j]) < 0
                ? (cmp.compare(a[j], a[k]) < 0 ? j : (cmp.compare(a[i], a[k]) < 0 ? k : i))
                : (cmp.compare(a[j], a[k]) > 0 ? j : (cmp.compare(a[i], a[k]) < 0 ? i : k));
    }

    private static <T> void swap(T[] a, int i, int j) {
        T t = a[i];
        a[i] = a[j];
        a[j] = t;
    }

    /** vecswap: exchanges the {@code n} elements from {@code i} with those from {@code j}. */
    private static <T> void swapRange(T[] a, int i, int j, int n) {
        for (int k = 0; k < n; k++) {
            swap(a, i + k, j + k);
        }
    }
}
