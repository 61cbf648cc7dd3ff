package org.tusk.ipc;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * One end of a postmaster-backend control connection. Frames are
 * {@code type:byte, length:int16, payload}. A descriptor sent with a frame is
 * attached to that frame's bytes, so the receiver reads frames unbuffered and
 * collects the descriptor right after the frame that carried it.
 *
 * <p>Sends are serialized; one thread receives.
 */
public final class ControlChannel implements AutoCloseable {

    private static final byte HELLO = 'h';
    private static final byte READY = 'r';
    private static final byte HANDOFF = 'H';
    private static final byte QUIT = 'Q';
    private static final byte RETIRE = 'R';

    private final AFUNIXSocket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private FileDescriptor[] lastDescriptors;

    public ControlChannel(AFUNIXSocket socket) throws IOException {
        this.socket = socket;
        socket.setAncillaryReceiveBufferSize(1024);
        InputStream raw = socket.getInputStream();
        this.in = new DataInputStream(raw);
        this.out = socket.getOutputStream();
    }

    /** Backend side: connects to the postmaster's control socket. */
    public static ControlChannel connect(Path socketPath) throws IOException {
        return new ControlChannel(AFUNIXSocket.connectTo(AFUNIXSocketAddress.of(socketPath.toFile())));
    }

    public void send(ControlMessage message) throws IOException {
        send(message, null);
    }

    /** Sends a message, with a descriptor attached when {@code descriptor} is not null. */
    public synchronized void send(ControlMessage message, FileDescriptor descriptor) throws IOException {
        byte type;
        byte[] payload;
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream(64);
        java.io.DataOutputStream p = new java.io.DataOutputStream(buf);
        if (message instanceof ControlMessage.Hello h) {
            type = HELLO;
            p.writeInt(h.slot());
            p.writeInt(h.pid());
        } else if (message instanceof ControlMessage.Ready r) {
            type = READY;
            p.writeInt(r.sessionsServed());
        } else if (message instanceof ControlMessage.Handoff h) {
            type = HANDOFF;
            p.writeInt(h.cancelKey());
            p.writeBoolean(h.unixSocket());
            byte[] addr = h.remoteAddress() == null ? new byte[0] : h.remoteAddress().getBytes(StandardCharsets.UTF_8);
            p.writeShort(addr.length);
            p.write(addr);
            p.writeInt(h.remotePort());
        } else if (message instanceof ControlMessage.Quit q) {
            type = QUIT;
            p.writeByte(q.reason().ordinal());
        } else {
            type = RETIRE;
        }
        payload = buf.toByteArray();
        byte[] frame = new byte[3 + payload.length];
        frame[0] = type;
        frame[1] = (byte) (payload.length >>> 8);
        frame[2] = (byte) payload.length;
        System.arraycopy(payload, 0, frame, 3, payload.length);
        if (descriptor != null) {
            socket.setOutboundFileDescriptors(descriptor);
        }
        try {
            out.write(frame);
            out.flush();
        } finally {
            if (descriptor != null) {
                socket.setOutboundFileDescriptors((FileDescriptor[]) null);
            }
        }
    }

    /**
     * Receives the next message; blocks. Throws {@link EOFException} when the
     * other end is gone (for a backend: the postmaster died).
     */
    public ControlMessage receive() throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new EOFException("control channel closed");
        }
        FileDescriptor[] fds = socket.getReceivedFileDescriptors();
        int length = in.readUnsignedShort();
        byte[] payload = new byte[length];
        in.readFully(payload);
        if (fds == null || fds.length == 0) {
            fds = socket.getReceivedFileDescriptors();
        }
        if (fds != null && fds.length > 0) {
            lastDescriptors = fds;
        }
        DataInputStream p = new DataInputStream(new java.io.ByteArrayInputStream(payload));
        switch (type) {
            case HELLO: return new ControlMessage.Hello(p.readInt(), p.readInt());
            case READY: return new ControlMessage.Ready(p.readInt());
            case HANDOFF: {
                int key = p.readInt();
                boolean unix = p.readBoolean();
                byte[] addr = new byte[p.readUnsignedShort()];
                p.readFully(addr);
                int port = p.readInt();
                return new ControlMessage.Handoff(key, unix, unix ? null : new String(addr, StandardCharsets.UTF_8), port);
            }
            case QUIT: return new ControlMessage.Quit(ControlMessage.Reason.values()[p.readUnsignedByte()]);
            case RETIRE: return new ControlMessage.Retire();
            default: throw new IOException("unknown control message type " + type);
        }
    }

    /** The descriptor(s) that arrived with the last received handoff; cleared by this call. */
    public FileDescriptor[] takeReceivedDescriptors() {
        FileDescriptor[] fds = lastDescriptors;
        lastDescriptors = null;
        return fds;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a dead channel: nothing to report
        }
    }
}
