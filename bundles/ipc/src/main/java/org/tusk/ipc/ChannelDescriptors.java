package org.tusk.ipc;

import java.io.FileDescriptor;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.channels.SocketChannel;

/**
 * The descriptor of a JDK socket channel, to pass it to another process. The
 * JDK exposes it only through the internal interface sun.nio.ch.SelChImpl;
 * Tusk's launcher jar exports that package to us (its manifest's Add-Exports,
 * honoured because every Tusk process starts with {@code java -jar}).
 */
public final class ChannelDescriptors {

    private ChannelDescriptors() {}

    public static FileDescriptor of(SocketChannel channel) throws IOException {
        try {
            Method getFD = Class.forName("sun.nio.ch.SelChImpl").getMethod("getFD");
            return (FileDescriptor) getFD.invoke(channel);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IOException("cannot get the descriptor of a socket channel (is the JVM started with "
                    + "--add-exports java.base/sun.nio.ch=ALL-UNNAMED?)", e);
        }
    }
}
