package org.tusk.engine.commands;

import org.tusk.engine.relcache.RelationDesc;

/**
 * The ownership tests of aclchk.c (pg_class_ownercheck, pg_proc_ownercheck,
 * pg_namespace_ownercheck) as a utility command asks them: DROP and ALTER of an
 * object need the current user to have the privileges of its owner (be it, or a
 * member of it), or be a superuser. Role membership lives in the session's role
 * store, so the session supplies the test ({@code tcop.UtilityCommands});
 * {@link #NONE} passes everything (the bootstrap superuser, tests on bare storage).
 * A failure is 42501 {@code must be owner of <kind> <name>}.
 */
public interface OwnerCheck {

    /** pg_class_ownercheck on {@code rel}; the kind word follows its relkind (table, index, view, sequence...). */
    void relation(RelationDesc rel);

    /** The check for any other object: {@code owner} its owner's OID, {@code kindWord} "function", "schema"... */
    void object(long owner, String kindWord, String name);

    OwnerCheck NONE = new OwnerCheck() {
        @Override
        public void relation(RelationDesc rel) {
        }

        @Override
        public void object(long owner, String kindWord, String name) {
        }
    };
}
