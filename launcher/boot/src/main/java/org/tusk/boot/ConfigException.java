package org.tusk.boot;

/** A bad setting or configuration file: the server refuses to start, as PostgreSQL does. */
final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    ConfigException(String message) {
        super(message);
    }
}
