package org.tusk.protocol.internal.startup;

/**
 * How reading the startup packet ended: a session to start, a CancelRequest
 * (already handed to the backend context), or a connection that went away
 * before asking for anything.
 */
public record StartupResult(Kind kind, StartupPacket packet) {
    public enum Kind { SESSION, CANCEL_REQUEST, GONE }

    static StartupResult session(StartupPacket p) { return new StartupResult(Kind.SESSION, p); }

    static final StartupResult CANCEL = new StartupResult(Kind.CANCEL_REQUEST, null);
    static final StartupResult GONE = new StartupResult(Kind.GONE, null);
}
