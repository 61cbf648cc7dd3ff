package org.tusk.postmaster;

import java.io.Closeable;
import java.io.FileDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * An accepted client connection as the postmaster holds it until the handoff:
 * its descriptor, where it came from, and the postmaster's own handle, which
 * is closed as soon as the backend has its copy.
 */
record ClientSocket(FileDescriptor descriptor, boolean unixSocket, String remoteAddress, int remotePort,
        Closeable handle, InputStream input, OutputStream output) {

    void close() {
        try {
            handle.close();
        } catch (IOException ignored) {
            // the client may already be gone
        }
    }
}
