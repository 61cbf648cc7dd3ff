package org.tusk.protocol.internal.tcop;

import java.io.IOException;

import org.tusk.api.engine.RowReceiver;
import org.tusk.protocol.internal.pqcomm.PqSender;
import org.tusk.protocol.internal.pqformat.BackendMessages;

/** PostgreSQL's printtup DestReceiver: each row becomes a DataRow in the send buffer. */
final class RemoteDestReceiver implements RowReceiver {
    private final PqSender sender;
    private final RemoteCopyChannel copy;

    RemoteDestReceiver(PqSender sender, org.tusk.protocol.internal.pqcomm.PqReceiver receiver) {
        this.sender = sender;
        this.copy = new RemoteCopyChannel(sender, receiver);
    }

    @Override
    public org.tusk.api.engine.CopyChannel copyChannel() {
        return copy;
    }

    @Override
    public void row(byte[][] values) throws IOException {
        BackendMessages.dataRow(sender.buffer(), values);
        sender.maybeSpill();
    }
}
