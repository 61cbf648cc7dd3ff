package org.tusk.protocol.internal.auth;

/** A tusk_hba.conf line PostgreSQL would refuse to load, with the line number for the log. */
final class HbaException extends Exception {
    private static final long serialVersionUID = 1L;

    final int line;

    HbaException(int line, String message) {
        super(message);
        this.line = line;
    }
}
