package org.tusk.engine.types;

import org.tusk.engine.error.Ereport;

/** A tuple identifier (ItemPointer): block number (unsigned 32-bit) and 1-based line pointer offset. */
public record Tid(long block, int offset) {
    @Override
    public String toString() {
        return "(" + block + "," + offset + ")";
    }

    /**
     * tidin: {@code (block,offset)}, the block an unsigned 32-bit number (a negative one wraps, as
     * strtoul's does when it still fits in 32 bits) and the offset 0-65535.
     */
    public static Tid input(String s) {
        int open = s.indexOf('(');
        int comma = open < 0 ? -1 : s.indexOf(',', open + 1);
        int close = comma < 0 ? -1 : s.indexOf(')', comma + 1);
        if (close < 0) {
            throw Ereport.invalidInput("tid", s);
        }
        try {
            long block = Long.parseLong(s.substring(open + 1, comma).stripLeading());
            int offset = Integer.parseInt(s.substring(comma + 1, close).stripLeading());
            if (block > 0xFFFF_FFFFL || block < Integer.MIN_VALUE || offset < 0 || offset > 0xFFFF) {
                throw Ereport.invalidInput("tid", s);
            }
            return new Tid(block & 0xFFFF_FFFFL, offset);
        } catch (NumberFormatException e) {
            throw Ereport.invalidInput("tid", s);
        }
    }
}
