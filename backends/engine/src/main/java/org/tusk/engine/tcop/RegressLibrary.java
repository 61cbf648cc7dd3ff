package org.tusk.engine.tcop;

import java.util.Map;
import java.util.Set;

import org.tusk.engine.expr.FunctionBody;
import org.tusk.engine.func.CastCatalog;
import org.tusk.engine.types.PgType;

/**
 * LANGUAGE c functions: Tusk loads no shared libraries. The regression
 * suite's test_setup creates a few functions from PostgreSQL's regress.so;
 * the symbols Tusk can provide in Java are here, keyed by symbol (any library
 * file named regress). Other symbols of regress are accepted by CREATE
 * FUNCTION (the row exists) but have no body (0A000 when called); symbols of
 * other libraries fail at CREATE with load_external_function's error.
 */
final class RegressLibrary {
    private static final Map<String, FunctionBody> SYMBOLS = Map.of(
            // binary_coercible(oid, oid): IsBinaryCoercible for two built-in types
            "binary_coercible", (args, ctx) -> {
                PgType source = PgType.byOid(((Number) args[0]).intValue());
                PgType target = PgType.byOid(((Number) args[1]).intValue());
                return source != null && target != null
                        && (source == target || CastCatalog.isBinaryCoercible(source, target));
            });

    /** The other symbols of regress.c (present in the library, not implemented in Tusk). */
    private static final Set<String> KNOWN = Set.of("ttdummy", "get_columns_length", "interpt_pp", "overpaid",
            "reverse_name", "widget_in", "widget_out", "int44in", "int44out", "make_tuple_indirect",
            "regress_setenv", "wait_pid", "test_atomic_ops", "test_fdw_handler", "is_catalog_text_unique_index_oid",
            "test_support_func", "test_opclass_options_func", "test_enc_conversion", "binary_coercible",
            "regress_putenv", "trigger_return_old", "set_ttdummy", "test_canonicalize_path", "pt_in_widget",
            "funny_dup17", "regress_dist_ptpath", "regress_path_dist");

    private RegressLibrary() {
    }

    /** Whether {@code library} is regress.so. */
    static boolean isRegress(String library) {
        if (library == null) {
            return false;
        }
        String base = library.substring(library.lastIndexOf('/') + 1);
        return base.startsWith("regress");
    }

    /** Whether CREATE FUNCTION may name {@code symbol} of {@code library}. */
    static boolean exists(String library, String symbol) {
        return isRegress(library) && KNOWN.contains(symbol);
    }

    static FunctionBody symbol(String library, String symbol) {
        return isRegress(library) ? SYMBOLS.get(symbol) : null;
    }
}
