package org.tusk.libpq;

/** A NOTIFY received on a connection that LISTENs. */
public record PgNotification(int backendPid, String channel, String payload) {
}
