package org.tusk.api.auth;

/** One pg_auth_members row: {@code member} is a member of {@code role}, granted by {@code grantor}. */
public record RoleMembership(long role, long member, long grantor, boolean adminOption) {}
