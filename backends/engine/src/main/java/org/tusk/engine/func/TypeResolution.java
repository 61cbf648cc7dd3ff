package org.tusk.engine.func;

import java.util.List;

import org.tusk.engine.types.PgType;

/** select_common_type (parse_coerce.c) for UNION/CASE/COALESCE/ARRAY[] and anycompatible arguments. */
public final class TypeResolution {
    private TypeResolution() {}

    /**
     * The common type of {@code types}: text if all are unknown, null if two
     * known inputs are of different categories (the caller reports
     * "X types a and b cannot be matched", 42804).
     */
    public static PgType commonType(List<PgType> types) {
        PgType ptype = null;
        for (PgType t : types) {
            if (t == PgType.UNKNOWN) {
                continue;
            }
            if (ptype == null) {
                ptype = t;
                continue;
            }
            if (t == ptype) {
                continue;
            }
            if (t.category() != ptype.category()) {
                return null;
            }
            if (!ptype.preferred() && CastCatalog.canCoerce(ptype, t, CastContext.IMPLICIT)
                    && !CastCatalog.canCoerce(t, ptype, CastContext.IMPLICIT)) {
                ptype = t;
            }
        }
        return ptype == null ? PgType.TEXT : ptype;
    }
}
