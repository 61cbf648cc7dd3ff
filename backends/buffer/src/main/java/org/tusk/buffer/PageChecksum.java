package org.tusk.buffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * PostgreSQL's data page checksum (storage/checksum_impl.h): the page is read
 * as 64 rows of 32 little-endian 32-bit words; each of 32 columns is folded
 * into its own FNV-1a-like hash ({@code h = (h ^ v) * FNV_PRIME ^ ((h ^ v) >>> 17)}),
 * followed by two rounds of zeroes, then the 32 partial sums are xor-ed
 * together. The block number is mixed in (so a page written at the wrong place
 * is caught) and the result is reduced to 1..65535, so a valid checksum is
 * never 0. pd_checksum itself counts as zero while computing.
 *
 * <p>New (all-zero) pages carry no checksum; {@link #verify} accepts them.
 */
public final class PageChecksum {

    private static final int N_SUMS = 32;
    private static final int FNV_PRIME = 16777619;
    private static final int[] BASE_OFFSETS = {
        0x5B1F36E9, 0xB8525960, 0x02AB50AA, 0x1DE66D2A, 0x79FF467A, 0x9BB9F8A3, 0x217E7CD2, 0x83E13D2C,
        0xF8D4474F, 0xE39EB970, 0x42C6AE16, 0x993216FA, 0x7B093B5D, 0x98DAFF3C, 0xF718902A, 0x0B1C9CDB,
        0xE58F764B, 0x187636BC, 0x5D7B3BB1, 0xE73DE7DE, 0x92BEC979, 0xCCA6C0B2, 0x304A0979, 0x85AA43D4,
        0x783125BB, 0x6CA8EAA2, 0xE407EAC6, 0x4B5CFC3E, 0x9FBF8C76, 0x15CA20BE, 0xF2CA9FD3, 0x959BD756
    };
    /** The 32-bit word holding pd_checksum (bytes 8-9) and pd_flags (bytes 10-11). */
    private static final int CHECKSUM_WORD = Page.PD_CHECKSUM / Integer.BYTES;

    private PageChecksum() {
    }

    /**
     * pg_checksum_page: the checksum {@code page} should carry as block {@code blockNumber}.
     * The page is copied into an int array first (one bulk copy) and the 32 lanes are mixed row
     * by row over plain arrays, which the JIT vectorizes as C compilers do checksum_impl.h's
     * loop; reading word by word through the ByteBuffer with a per-word test for pd_checksum
     * made this 18% of a bulk load's samples (every page read from disk is verified).
     */
    public static int compute(ByteBuffer page, int blockNumber) {
        int[] words = new int[Page.BLCKSZ / Integer.BYTES];    // 8 kB from the TLAB: cheaper than a ThreadLocal
        ByteBuffer le = page.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        le.clear();
        le.asIntBuffer().get(0, words, 0, words.length);
        words[CHECKSUM_WORD] &= 0xFFFF0000;   // pd_checksum is the low half of this little-endian word
        int[] sums = new int[N_SUMS];
        System.arraycopy(BASE_OFFSETS, 0, sums, 0, N_SUMS);
        for (int row = 0; row < words.length; row += N_SUMS) {
            for (int j = 0; j < N_SUMS; j++) {
                int tmp = sums[j] ^ words[row + j];
                sums[j] = tmp * FNV_PRIME ^ (tmp >>> 17);
            }
        }
        for (int round = 0; round < 2; round++) {
            for (int j = 0; j < N_SUMS; j++) {
                sums[j] = mix(sums[j], 0);
            }
        }
        int result = 0;
        for (int sum : sums) {
            result ^= sum;
        }
        result ^= blockNumber;
        return (int) (Integer.toUnsignedLong(result) % 65535) + 1;
    }

    private static int mix(int checksum, int value) {
        int tmp = checksum ^ value;
        return tmp * FNV_PRIME ^ (tmp >>> 17);
    }

    /** Stores the checksum in pd_checksum, unless the page is new (all-zero pages carry none). */
    public static void set(ByteBuffer page, int blockNumber) {
        if (Page.isNew(page)) {
            return;
        }
        Page.setChecksum(page, compute(page, blockNumber));
    }

    /**
     * PageIsVerified in a cluster with data checksums: a new page must be all
     * zeroes; any other page must have a sane header and the right checksum.
     */
    public static boolean verify(ByteBuffer page, int blockNumber) {
        return verify(page, blockNumber, true);
    }

    /**
     * PageIsVerified: a new page must be all zeroes, any other page must have
     * a sane header and, if the cluster has data checksums, the right one
     * (without them pd_checksum is not looked at, nor computed).
     */
    public static boolean verify(ByteBuffer page, int blockNumber, boolean dataChecksums) {
        if (Page.isNew(page)) {
            return Page.isAllZero(page);
        }
        return Page.headerIsSane(page) && (!dataChecksums || Page.checksum(page) == compute(page, blockNumber));
    }
}
