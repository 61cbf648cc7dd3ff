package org.tusk.protocol.internal.pqcomm;

import java.io.IOException;

/** Unwinds the session thread once another thread has ended the session and sent its FATAL. */
public final class SessionTerminatedException extends IOException {
    private static final long serialVersionUID = 1L;

    public SessionTerminatedException() {
        super("session terminated from outside", null);
    }
}
