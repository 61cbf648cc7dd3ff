package org.tusk.protocol.internal.auth;

/**
 * One token of an hba field (hba.c's AuthToken). A quoted token never acts as a
 * keyword: {@code "all"} is a database or role named all.
 */
record HbaToken(String text, boolean quoted) {

    boolean isKeyword(String keyword) {
        return !quoted && text.equals(keyword);
    }
}
