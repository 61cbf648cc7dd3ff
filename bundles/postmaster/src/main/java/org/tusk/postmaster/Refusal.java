package org.tusk.postmaster;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;

/**
 * Turns away a connection the postmaster cannot give a backend (too many
 * clients, shutting down, in recovery) the way a PostgreSQL backend does: it
 * reads the startup packet, answers SSL/GSS probes with 'N', still honours a
 * CancelRequest, and otherwise sends a FATAL ErrorResponse and closes. This is
 * the only place the postmaster touches client bytes; it runs on its own small
 * pool so a slow client cannot stall the accept loop.
 */
final class Refusal {

    private static final int SSL_REQUEST = 80877103;
    private static final int GSSENC_REQUEST = 80877104;
    private static final int CANCEL_REQUEST = 80877102;
    private static final int READ_TIMEOUT_MILLIS = 5_000;

    private final ExecutorService workers = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "refusal");
        t.setDaemon(true);
        return t;
    });
    private final java.util.concurrent.ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "refusal timeout");
        t.setDaemon(true);
        return t;
    });
    private final BiConsumer<Integer, Integer> cancelRequest;

    /** @param cancelRequest called with (pid, key) for a CancelRequest */
    Refusal(BiConsumer<Integer, Integer> cancelRequest) {
        this.cancelRequest = cancelRequest;
    }

    void refuse(ClientSocket client, String sqlState, String message) {
        workers.execute(() -> {
            // channel streams have no read timeout: a silent client is cut off by closing the channel
            java.util.concurrent.ScheduledFuture<?> timeout = timer.schedule(client::close, READ_TIMEOUT_MILLIS,
                    java.util.concurrent.TimeUnit.MILLISECONDS);
            try {
                DataInputStream in = new DataInputStream(client.input());
                for (int packets = 0; packets < 3; packets++) {
                    int len = in.readInt();
                    if (len < 8 || len > 10_000) {
                        return;
                    }
                    int code = in.readInt();
                    byte[] rest = new byte[len - 8];
                    in.readFully(rest);
                    if (code == SSL_REQUEST || code == GSSENC_REQUEST) {
                        client.output().write('N');
                        client.output().flush();
                        continue;
                    }
                    if (code == CANCEL_REQUEST && rest.length >= 8) {
                        DataInputStream r = new DataInputStream(new java.io.ByteArrayInputStream(rest));
                        cancelRequest.accept(r.readInt(), r.readInt());
                        return;
                    }
                    sendFatal(client.output(), sqlState, message);
                    return;
                }
            } catch (IOException ignored) {
                // the client went away: nothing to refuse
            } finally {
                timeout.cancel(false);
                client.close();
            }
        });
    }

    static void sendFatal(OutputStream out, String sqlState, String message) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        field(body, 'S', "FATAL");
        field(body, 'V', "FATAL");
        field(body, 'C', sqlState);
        field(body, 'M', message);
        body.write(0);
        byte[] b = body.toByteArray();
        int len = b.length + 4;
        out.write(new byte[] {'E', (byte) (len >>> 24), (byte) (len >>> 16), (byte) (len >>> 8), (byte) len});
        out.write(b);
        out.flush();
    }

    private static void field(ByteArrayOutputStream body, char type, String value) {
        body.write(type);
        body.writeBytes(value.getBytes(StandardCharsets.UTF_8));
        body.write(0);
    }

    void shutdown() {
        workers.shutdownNow();
        timer.shutdownNow();
    }
}
