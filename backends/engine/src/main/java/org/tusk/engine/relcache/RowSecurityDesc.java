package org.tusk.engine.relcache;

import java.util.List;

/**
 * A relation's row-level security as the relcache keeps it (RelationData's rd_rsdesc plus
 * pg_class.relrowsecurity/relforcerowsecurity/relowner): whether it is enabled and forced on
 * the owner, and its pg_policy rows in name order (the order of pg_policy_polrelid_polname_index,
 * in which the rewriter combines them).
 */
public record RowSecurityDesc(boolean enabled, boolean forced, long owner, List<Policy> policies) {

    /** No row security: what every relation without relrowsecurity gets. */
    public static final RowSecurityDesc NONE = new RowSecurityDesc(false, false, 0, List.of());

    /**
     * One pg_policy row (RowSecurityPolicy).
     *
     * @param cmd       polcmd: '*' ALL, 'r' SELECT, 'a' INSERT, 'w' UPDATE, 'd' DELETE
     * @param roles     polroles (0 = PUBLIC)
     * @param qual      the USING expression's SQL text, or null
     * @param withCheck the WITH CHECK expression's SQL text, or null
     */
    public record Policy(long oid, String name, char cmd, boolean permissive, long[] roles, String qual,
            String withCheck) {

        /** Whether the policy applies to command {@code cmd} (a polcmd letter). */
        public boolean appliesTo(char command) {
            return cmd == '*' || cmd == command;
        }
    }
}
