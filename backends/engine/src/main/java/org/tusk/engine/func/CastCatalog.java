package org.tusk.engine.func;

import org.tusk.engine.types.PgType;

/**
 * Coercion rules of parse_coerce.c over pg_cast: find_coercion_pathway,
 * can_coerce_type and IsBinaryCoercible, for the built-in types.
 */
public final class CastCatalog {
    private CastCatalog() {}

    /** find_coercion_pathway: how {@code source} becomes {@code target} in {@code context}; NONE if it cannot. */
    public static CoercionPath find(PgType source, PgType target, CastContext context) {
        if (source == target) {
            return CoercionPath.RELABEL;
        }
        CastEntry c = BuiltinCatalog.get().cast(source, target);
        if (c != null) {
            if (!context.allows(c.context())) {
                return CoercionPath.NONE;
            }
            switch (c.method()) {
                case 'f': return new CoercionPath(CoercionPath.Kind.FUNC, c.function(), null);
                case 'b': return CoercionPath.RELABEL;
                default: return CoercionPath.IO;
            }
        }
        PgType se = source.elementType();
        PgType te = target.elementType();
        // int2vector/oidvector are not arrays to coerce into (find_coercion_pathway)
        if (se != null && te != null && target != PgType.OIDVECTOR && target != PgType.INT2VECTOR) {
            CoercionPath elem = find(se, te, context);
            if (elem.exists()) {
                return new CoercionPath(CoercionPath.Kind.ARRAY, null, elem);
            }
            return CoercionPath.NONE;
        }
        if (source == PgType.ANYENUM && context != CastContext.IMPLICIT && target.category() == 'S') {
            return CoercionPath.IO;            // a user enum's value (EnumValue) to text: its label
        }
        // automatic I/O conversion casts: to a string type in assignment, from one only explicitly
        if (source == PgType.UNKNOWN || source.isPseudo() && source != PgType.RECORD) {
            return CoercionPath.NONE;
        }
        if (target.isPseudo()) {
            return CoercionPath.NONE;
        }
        if (context != CastContext.IMPLICIT && target.category() == 'S') {
            return CoercionPath.IO;
        }
        if (context == CastContext.EXPLICIT && source.category() == 'S') {
            return CoercionPath.IO;
        }
        return CoercionPath.NONE;
    }

    /** can_coerce_type for one argument (polymorphic targets accept anything; consistency is checked separately). */
    public static boolean canCoerce(PgType input, PgType target, CastContext context) {
        if (input == target || target == PgType.ANY) {
            return true;
        }
        if (input == PgType.UNKNOWN) {
            return true;
        }
        if (target.isPolymorphic()) {
            return fitsPolymorphic(input, target);
        }
        if (target == PgType.RECORD && input == PgType.RECORD) {
            return true;
        }
        return find(input, target, context).exists();
    }

    /** Whether an input type can stand for a polymorphic declaration at all (its family's shape). */
    static boolean fitsPolymorphic(PgType input, PgType target) {
        switch (target) {
            case ANYARRAY: case ANYCOMPATIBLEARRAY: return input.isArray();
            case ANYNONARRAY: case ANYCOMPATIBLENONARRAY: return !input.isArray();
            case ANYRANGE: case ANYCOMPATIBLERANGE: return input.typtype() == 'r';
            case ANYMULTIRANGE: case ANYCOMPATIBLEMULTIRANGE: return input.typtype() == 'm';
            case ANYENUM: return input.typtype() == 'e';
            default: return true;
        }
    }

    /** IsBinaryCoercible: no conversion needed (same type, a 'b' cast, or a polymorphic target that fits). */
    public static boolean isBinaryCoercible(PgType source, PgType target) {
        if (source == target || target == PgType.ANY || target == PgType.ANYELEMENT) {
            return true;
        }
        if (target == PgType.ANYARRAY && source.isArray()) {
            return true;
        }
        if (target == PgType.ANYNONARRAY && !source.isArray()) {
            return true;
        }
        CastEntry c = BuiltinCatalog.get().cast(source, target);
        return c != null && c.method() == 'b' && c.context() == CastContext.IMPLICIT;
    }
}
