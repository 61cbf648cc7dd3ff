package org.tusk.engine.pl;

import java.util.HashMap;
import java.util.Map;

/**
 * plerrcodes.h: the condition names EXCEPTION WHEN and RAISE accept, with
 * their SQLSTATEs. A code ending in "000" names its whole class.
 */
final class PlConditions {
    private static final Map<String, String> BY_NAME = new HashMap<>();

    static {
        String[] pairs = {
            "successful_completion", "00000", "warning", "01000", "no_data", "02000",
            "sql_statement_not_yet_complete", "03000", "connection_exception", "08000",
            "feature_not_supported", "0A000", "invalid_transaction_initiation", "0B000",
            "case_not_found", "20000", "cardinality_violation", "21000",
            "data_exception", "22000", "array_subscript_error", "2202E", "character_not_in_repertoire", "22021",
            "datetime_field_overflow", "22008", "division_by_zero", "22012", "invalid_argument_for_logarithm", "2201E",
            "invalid_argument_for_power_function", "2201F", "invalid_datetime_format", "22007",
            "invalid_escape_sequence", "22025", "invalid_parameter_value", "22023",
            "invalid_regular_expression", "2201B", "invalid_text_representation", "22P02",
            "invalid_binary_representation", "22P03", "floating_point_exception", "22P01",
            "null_value_not_allowed", "22004", "numeric_value_out_of_range", "22003",
            "string_data_right_truncation", "22001", "string_data_length_mismatch", "22026",
            "zero_length_character_string", "2200F", "unterminated_c_string", "22024",
            "invalid_json_text", "22032", "interval_field_overflow", "22015",
            "integrity_constraint_violation", "23000", "restrict_violation", "23001",
            "not_null_violation", "23502", "foreign_key_violation", "23503", "unique_violation", "23505",
            "check_violation", "23514", "exclusion_violation", "23P01",
            "invalid_cursor_state", "24000", "invalid_transaction_state", "25000",
            "active_sql_transaction", "25001", "read_only_sql_transaction", "25006",
            "no_active_sql_transaction", "25P01", "in_failed_sql_transaction", "25P02",
            "invalid_sql_statement_name", "26000", "triggered_data_change_violation", "27000",
            "invalid_authorization_specification", "28000", "dependent_privilege_descriptors_still_exist", "2B000",
            "dependent_objects_still_exist", "2BP01", "invalid_transaction_termination", "2D000",
            "sql_routine_exception", "2F000", "invalid_cursor_name", "34000",
            "external_routine_exception", "38000", "external_routine_invocation_exception", "39000",
            "savepoint_exception", "3B000", "invalid_savepoint_specification", "3B001",
            "invalid_catalog_name", "3D000", "invalid_schema_name", "3F000",
            "transaction_rollback", "40000", "serialization_failure", "40001", "deadlock_detected", "40P01",
            "syntax_error_or_access_rule_violation", "42000", "syntax_error", "42601",
            "insufficient_privilege", "42501", "grouping_error", "42803", "windowing_error", "42P20",
            "invalid_recursion", "42P19", "invalid_foreign_key", "42830", "invalid_name", "42602",
            "name_too_long", "42622", "reserved_name", "42939", "datatype_mismatch", "42804",
            "indeterminate_datatype", "42P18", "collation_mismatch", "42P21", "indeterminate_collation", "42P22",
            "wrong_object_type", "42809", "undefined_column", "42703", "undefined_function", "42883",
            "undefined_table", "42P01", "undefined_parameter", "42P02", "undefined_object", "42704",
            "duplicate_column", "42701", "duplicate_cursor", "42P03", "duplicate_database", "42P04",
            "duplicate_function", "42723", "duplicate_prepared_statement", "42P05", "duplicate_schema", "42P06",
            "duplicate_table", "42P07", "duplicate_alias", "42712", "duplicate_object", "42710",
            "ambiguous_column", "42702", "ambiguous_function", "42725", "ambiguous_parameter", "42P08",
            "ambiguous_alias", "42P09", "invalid_column_reference", "42P10", "invalid_column_definition", "42611",
            "invalid_cursor_definition", "42P11", "invalid_database_definition", "42P12",
            "invalid_function_definition", "42P13", "invalid_prepared_statement_definition", "42P14",
            "invalid_schema_definition", "42P15", "invalid_table_definition", "42P16",
            "invalid_object_definition", "42P17", "with_check_option_violation", "44000",
            "insufficient_resources", "53000", "disk_full", "53100", "out_of_memory", "53200",
            "too_many_connections", "53300", "program_limit_exceeded", "54000",
            "statement_too_complex", "54001", "too_many_columns", "54011", "too_many_arguments", "54023",
            "object_not_in_prerequisite_state", "55000", "object_in_use", "55006",
            "cant_change_runtime_param", "55P02", "lock_not_available", "55P03",
            "operator_intervention", "57000", "query_canceled", "57014", "admin_shutdown", "57P01",
            "system_error", "58000", "io_error", "58030", "undefined_file", "58P01", "duplicate_file", "58P02",
            "config_file_error", "F0000", "fdw_error", "HV000",
            "plpgsql_error", "P0000", "raise_exception", "P0001", "no_data_found", "P0002",
            "too_many_rows", "P0003", "assert_failure", "P0004",
            "internal_error", "XX000", "data_corrupted", "XX001", "index_corrupted", "XX002",
        };
        for (int i = 0; i < pairs.length; i += 2) {
            BY_NAME.put(pairs[i], pairs[i + 1]);
        }
        BY_NAME.put("others", "OTHERS");
    }

    private PlConditions() {
    }

    /** The SQLSTATE of a condition name, "OTHERS" for OTHERS, null when unknown. */
    static String sqlState(String name) {
        return BY_NAME.get(name);
    }

    /** The condition name of a SQLSTATE (RAISE's message for a bare condition), or the code itself. */
    static String name(String sqlState) {
        for (Map.Entry<String, String> e : BY_NAME.entrySet()) {
            if (e.getValue().equals(sqlState)) {
                return e.getKey();
            }
        }
        return sqlState;
    }

    /** Does handler condition {@code cond} catch an error with {@code sqlState}? (exception_matches_conditions) */
    static boolean matches(String cond, String sqlState) {
        if (cond.equals("OTHERS")) {
            // OTHERS does not catch QUERY_CANCELED and ASSERT_FAILURE
            return !sqlState.equals("57014") && !sqlState.equals("P0004");
        }
        if (cond.equals(sqlState)) {
            return true;
        }
        return cond.endsWith("000") && sqlState.startsWith(cond.substring(0, 2));
    }
}
