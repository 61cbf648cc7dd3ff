package org.tusk.engine.func;

/** CoercionContext: where a conversion may be applied automatically. */
public enum CastContext {
    IMPLICIT, ASSIGNMENT, EXPLICIT;

    /** Whether a cast marked {@code castContext} in pg_cast is allowed in this context. */
    public boolean allows(CastContext castContext) {
        return castContext.ordinal() <= ordinal();
    }
}
