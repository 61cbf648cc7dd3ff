package org.tusk.engine.func;

import org.tusk.engine.acl.PrivilegeSqlFunctions;
import org.tusk.engine.expr.EvalContext;

/**
 * The privilege inquiry functions of acl.c (has_table_privilege and friends,
 * pg_has_role) bound by prosrc onto {@link PrivilegeSqlFunctions}. The forms
 * that name the object (and optionally the user) by text/name are bound; the
 * OID forms resolve but are not implemented yet.
 */
final class PrivilegeInquiryFunctions {
    private PrivilegeInquiryFunctions() {}

    static void register() {
        // (object, privilege) for the current user; (user name, object, privilege)
        FunctionRegistry.bind("has_table_privilege_name", (a, c) -> acl(c).table(null, s(a[0]), s(a[1])));
        FunctionRegistry.bind("has_table_privilege_name_name", (a, c) -> acl(c).table(s(a[0]), s(a[1]), s(a[2])));
        FunctionRegistry.bind("has_sequence_privilege_name", (a, c) -> acl(c).sequence(null, s(a[0]), s(a[1])));
        FunctionRegistry.bind("has_sequence_privilege_name_name",
                (a, c) -> acl(c).sequence(s(a[0]), s(a[1]), s(a[2])));
        FunctionRegistry.bind("has_schema_privilege_name", (a, c) -> acl(c).schema(null, s(a[0]), s(a[1])));
        FunctionRegistry.bind("has_schema_privilege_name_name", (a, c) -> acl(c).schema(s(a[0]), s(a[1]), s(a[2])));
        FunctionRegistry.bind("has_database_privilege_name", (a, c) -> acl(c).database(null, s(a[0]), s(a[1])));
        FunctionRegistry.bind("has_database_privilege_name_name",
                (a, c) -> acl(c).database(s(a[0]), s(a[1]), s(a[2])));
        FunctionRegistry.bind("has_function_privilege_name", (a, c) -> acl(c).function(null, s(a[0]), s(a[1])));
        FunctionRegistry.bind("has_function_privilege_name_name",
                (a, c) -> acl(c).function(s(a[0]), s(a[1]), s(a[2])));
        FunctionRegistry.bind("has_column_privilege_name_name",
                (a, c) -> acl(c).column(null, s(a[0]), s(a[1]), s(a[2])));
        FunctionRegistry.bind("has_column_privilege_name_name_name",
                (a, c) -> acl(c).column(s(a[0]), s(a[1]), s(a[2]), s(a[3])));
        FunctionRegistry.bind("pg_has_role_name", (a, c) -> acl(c).role(null, s(a[0]), s(a[1])));
        FunctionRegistry.bind("pg_has_role_name_name", (a, c) -> acl(c).role(s(a[0]), s(a[1]), s(a[2])));
        // (object OID, privilege) for the current user: what information_schema's views call
        FunctionRegistry.bind("pg_has_role_id", (a, c) -> acl(c).roleById(oid(a[0]), s(a[1])));
        FunctionRegistry.bind("has_table_privilege_id", (a, c) -> acl(c).tableById(oid(a[0]), s(a[1])));
        FunctionRegistry.bind("has_column_privilege_id_attnum",
                (a, c) -> acl(c).columnById(oid(a[0]), ((Number) a[1]).intValue(), s(a[2])));
        FunctionRegistry.bind("has_sequence_privilege_id", (a, c) -> acl(c).sequenceById(oid(a[0]), s(a[1])));
        FunctionRegistry.bind("has_schema_privilege_id", (a, c) -> acl(c).schemaById(oid(a[0]), s(a[1])));
    }

    private static long oid(Object v) {
        return ((Number) v).longValue();
    }

    private static String s(Object v) {
        return (String) v;
    }

    private static PrivilegeSqlFunctions acl(EvalContext c) {
        return PrivilegeSqlFunctions.of(c.session());
    }
}
