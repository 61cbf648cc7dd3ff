package org.tusk.script.internal;

/**
 * Thrown by a script's {@code exit(status)}. An Error, not an Exception, so that a
 * script's {@code catch (Exception e)} does not swallow it; {@code db.transaction} rolls
 * back on it like on any throwable.
 */
final class ExitRequest extends Error {
    private static final long serialVersionUID = 1L;
    final int status;

    ExitRequest(int status) {
        super("exit(" + status + ")", null, false, false);
        this.status = status;
    }
}
