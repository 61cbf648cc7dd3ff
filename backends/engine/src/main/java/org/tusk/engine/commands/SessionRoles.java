package org.tusk.engine.commands;

import org.tusk.engine.relcache.RelationDesc;

/**
 * What a utility command asks of the session's roles, which live in the session's role
 * store rather than in the catalogs a command reads: the ownership tests of aclchk.c
 * (pg_class_ownercheck, pg_proc_ownercheck, pg_namespace_ownercheck: DROP and ALTER need
 * the current user to have the privileges of the object's owner, by being it or a member
 * of it, or to be a superuser) and role names (OWNER TO, a policy's TO list). The session
 * supplies it ({@code tcop.UtilityCommands}); {@link #NONE} passes every test and knows no
 * names (the bootstrap superuser, tests on bare storage: names then come from pg_authid).
 * An ownership failure is 42501 {@code must be owner of <kind> <name>}.
 */
public interface SessionRoles {

    /** pg_class_ownercheck on {@code rel}; the kind word follows its relkind (table, index, view, sequence...). */
    void checkRelationOwner(RelationDesc rel);

    /** The test for any other object: {@code owner} its owner's OID, {@code kindWord} "function", "schema"... */
    void checkOwner(long owner, String kindWord, String name);

    /** The OID of the role named {@code name} in the session's role store, or null when it has none of that name. */
    Long roleOid(String name);

    SessionRoles NONE = new SessionRoles() {
        @Override
        public void checkRelationOwner(RelationDesc rel) {
        }

        @Override
        public void checkOwner(long owner, String kindWord, String name) {
        }

        @Override
        public Long roleOid(String name) {
            return null;
        }
    };
}
