package org.tusk.wal;

import org.tusk.api.storage.ForkNumber;
import org.tusk.api.storage.RelFileLocator;

/**
 * A block reference as read back from the WAL. {@code image} is the full page
 * (8192 bytes) when the record carried one, else null.
 */
public record DecodedBlock(int blockId, RelFileLocator locator, ForkNumber fork, int blockNumber,
        boolean willInit, byte[] image) {

    public boolean hasImage() {
        return image != null;
    }
}
