package org.tusk.protocol.internal.pqformat;

import java.util.Arrays;

/**
 * The statement and portal names a session's messages carried lately, each with the String it was
 * decoded to once: a client binds the same few prepared statements over and over (pgbench's P0_0 to
 * P0_6), and PostgreSQL looks their names up as the C strings they arrive as, while Tusk decoded
 * each into a new String (a copy and a UTF-8 check) and hashed it again for the statement table.
 * A name found here comes back as the same String object, whose hash is already computed and which
 * the table's entry key matches by identity. A small direct-mapped table: a name whose slot another
 * one took is decoded again, nothing more.
 */
public final class RecentNames {
    private static final int SLOTS = 32;   // a power of two
    private final byte[][] bytes = new byte[SLOTS][];
    private final String[] names = new String[SLOTS];

    /** The name whose UTF-8 encoding is {@code data[off, off + n)}; {@code hash} is {@link PqMessage}'s hash of those bytes. */
    String name(byte[] data, int off, int n, int hash) {
        int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
        byte[] known = bytes[slot];
        if (known != null && Arrays.equals(known, 0, known.length, data, off, off + n)) {
            return names[slot];
        }
        String decoded = Utf8.decode(data, off, n);   // verifies first: an invalid name is not remembered
        bytes[slot] = Arrays.copyOfRange(data, off, off + n);
        names[slot] = decoded;
        return decoded;
    }
}
