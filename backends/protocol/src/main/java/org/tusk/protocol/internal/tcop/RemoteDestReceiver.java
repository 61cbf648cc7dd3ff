package org.tusk.protocol.internal.tcop;

import java.io.IOException;

import org.tusk.api.engine.RowReceiver;
import org.tusk.protocol.internal.pqcomm.PqSender;
import org.tusk.protocol.internal.pqformat.BackendMessages;

/** PostgreSQL's printtup DestReceiver: each row becomes a DataRow in the send buffer. */
final class RemoteDestReceiver implements RowReceiver {
    private final PqSender sender;

    RemoteDestReceiver(PqSender sender) {
        this.sender = sender;
    }

    @Override
    public void row(byte[][] values) throws IOException {
        BackendMessages.dataRow(sender.buffer(), values);
        sender.maybeSpill();
    }
}
