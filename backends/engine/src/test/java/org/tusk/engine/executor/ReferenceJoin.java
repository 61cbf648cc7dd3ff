package org.tusk.engine.executor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The obviously correct (quadratic) join on one equality key, as sorted strings, to check the join nodes. */
final class ReferenceJoin {
    private ReferenceJoin() {}

    static List<String> join(JoinType t, List<Object[]> outer, List<Object[]> inner, int ow, int iw, int ok, int ik) {
        List<Object[]> out = new ArrayList<>();
        boolean[] innerMatched = new boolean[inner.size()];
        for (Object[] o : outer) {
            boolean matched = false;
            for (int j = 0; j < inner.size(); j++) {
                Object[] i = inner.get(j);
                if (o[ok] != null && i[ik] != null && SortColumn.compareNonNull(o[ok], i[ik]) == 0) {
                    matched = true;
                    innerMatched[j] = true;
                    if (t == JoinType.INNER || t == JoinType.LEFT || t == JoinType.RIGHT || t == JoinType.FULL) {
                        out.add(JoinSupport.combine(o, i, ow, iw));
                    }
                }
            }
            if (t == JoinType.SEMI && matched) {
                out.add(JoinSupport.combine(o, null, ow, iw));
            }
            if (!matched && (t == JoinType.LEFT || t == JoinType.FULL || t == JoinType.ANTI)) {
                out.add(JoinSupport.combine(o, null, ow, iw));
            }
        }
        if (t == JoinType.RIGHT || t == JoinType.FULL) {
            for (int j = 0; j < inner.size(); j++) {
                if (!innerMatched[j]) {
                    out.add(JoinSupport.combine(null, inner.get(j), ow, iw));
                }
            }
        }
        List<String> s = Rows.show(out);
        Collections.sort(s);
        return s;
    }
}
