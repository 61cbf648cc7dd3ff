package org.tusk.buffer;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

class PageTest {

    @Test
    void initLaysOutAnEmptyPage() {
        ByteBuffer page = Page.allocate();
        assertTrue(Page.isNew(page));
        Page.init(page, 16);
        assertFalse(Page.isNew(page));
        assertEquals(24, Page.lower(page));
        assertEquals(8192 - 16, Page.upper(page));
        assertEquals(8192 - 16, Page.special(page));
        assertEquals(16, Page.specialSize(page));
        assertEquals(8192 | 4, Page.pageSizeVersion(page));
        assertEquals(8192 - 16 - 24 - 4, Page.freeSpace(page));
        assertTrue(Page.headerIsSane(page));
        Page.setLsn(page, 0x1_0000_0002L);
        assertEquals(0x1_0000_0002L, Page.lsn(page));
        // pd_lsn is a plain little-endian long at offset 0
        assertEquals(2, page.get(0));
        assertEquals(1, page.get(4));
        Page.init(page, 5);
        assertEquals(8192 - 8, Page.special(page), "special size is MAXALIGNed");
    }

    @Test
    void itemsAreAddedFetchedAndCompacted() {
        ByteBuffer page = Page.allocate();
        Page.init(page, 0);
        int first = Page.addItem(page, new byte[] {1, 2, 3}, 0);
        int second = Page.addItem(page, new byte[] {4, 5, 6, 7, 8, 9, 10, 11, 12}, 0);
        int third = Page.addItem(page, new byte[] {13}, 0);
        assertEquals(1, first);
        assertEquals(2, second);
        assertEquals(3, third);
        assertEquals(3, Page.maxOffsetNumber(page));
        assertEquals(8192 - 8 - 16 - 8, Page.upper(page));
        int id = Page.itemId(page, 2);
        assertEquals(Page.LP_NORMAL, Page.itemIdFlags(id));
        assertEquals(9, Page.itemIdLength(id));
        assertEquals(4, Page.item(page, 2).get(0));
        Page.setItemUnused(page, 2);
        Page.repairFragmentation(page);
        assertEquals(8192 - 16, Page.upper(page), "the middle item's storage was reclaimed");
        assertEquals(1, Page.item(page, 1).get(0));
        assertEquals(3, Page.item(page, 1).get(2));
        assertEquals(13, Page.item(page, 3).get(0));
        assertEquals(2, Page.addItem(page, new byte[] {42}, 0), "the unused line pointer is reused");
        assertEquals(3, Page.maxOffsetNumber(page));
        assertEquals(42, Page.item(page, 2).get(0));
        // fill the page: addItem reports no room with 0
        int added = 0;
        while (Page.addItem(page, new byte[100], 0) != 0) {
            added++;
        }
        assertTrue(added > 70 && Page.freeSpace(page) < 104, "added " + added);
    }

    /** The scans' unchecked read of a line pointer gives what the checked one does, for every offset in range. */
    @Test
    void itemIdInRangeReadsTheLinePointersThatItemIdDoes() {
        ByteBuffer page = Page.littleEndian(Page.allocate());
        Page.init(page, 0);
        for (int i = 1; i <= 5; i++) {
            Page.addItem(page, new byte[i * 3], 0);
        }
        Page.setItemUnused(page, 2);
        Page.markItemDead(page, 4);
        for (int off = 1; off <= Page.maxOffsetNumber(page); off++) {
            assertEquals(Page.itemId(page, off), Page.itemIdInRange(page, off), "offset " + off);
        }
        assertEquals(Page.LP_UNUSED, Page.itemIdFlags(Page.itemIdInRange(page, 2)));
        assertEquals(Page.LP_DEAD, Page.itemIdFlags(Page.itemIdInRange(page, 4)));
        assertEquals(15, Page.itemIdLength(Page.itemIdInRange(page, 5)));
    }

    /**
     * Compaction when the items' storage is not in line pointer order (a reused line pointer's
     * item lies below later ones): every surviving item keeps its bytes, the storage is packed
     * against the special space, and no two items overlap.
     */
    @Test
    void compactionKeepsItemsWhoseStorageIsOutOfLinePointerOrder() {
        ByteBuffer page = Page.allocate();
        Page.init(page, 8);
        for (int i = 1; i <= 6; i++) {
            byte[] item = new byte[10 * i];
            java.util.Arrays.fill(item, (byte) i);
            assertEquals(i, Page.addItem(page, item, 0));
        }
        Page.setItemUnused(page, 2);
        Page.repairFragmentation(page);
        byte[] reused = new byte[7];
        java.util.Arrays.fill(reused, (byte) 42);
        assertEquals(2, Page.addItem(page, reused, 0), "line pointer 2 is reused, its item stored lowest");
        Page.setItemUnused(page, 4);
        Page.markItemDead(page, 5);
        Page.repairFragmentation(page);
        int[] survivors = {1, 2, 3, 6};
        int[] lengths = {10, 7, 30, 60};
        int used = 0;
        for (int i = 0; i < survivors.length; i++) {
            int id = Page.itemId(page, survivors[i]);
            assertEquals(Page.LP_NORMAL, Page.itemIdFlags(id));
            assertEquals(lengths[i], Page.itemIdLength(id));
            ByteBuffer item = Page.item(page, survivors[i]);
            byte expected = survivors[i] == 2 ? 42 : (byte) survivors[i];
            for (int b = 0; b < lengths[i]; b++) {
                assertEquals(expected, item.get(b), "item " + survivors[i] + " byte " + b);
            }
            used += Page.maxAlign(lengths[i]);
        }
        assertEquals(Page.special(page) - used, Page.upper(page), "storage packed against the special space");
        assertEquals(0, Page.itemIdLength(Page.itemId(page, 5)), "a dead line pointer loses its storage");
        java.util.BitSet taken = new java.util.BitSet();
        for (int off : survivors) {
            int id = Page.itemId(page, off);
            int start = Page.itemIdOffset(id);
            assertTrue(start >= Page.upper(page));
            assertFalse(taken.get(start, start + Page.itemIdLength(id)).cardinality() > 0, "overlap at " + off);
            taken.set(start, start + Page.itemIdLength(id));
        }
    }

    /**
     * Compaction of a page whose items lie in line pointer order (only appended to), in place: the
     * items above the first gap stay where they are, those below move up (runs of adjacent items
     * together, over their own old storage), every item keeps its bytes.
     */
    @Test
    void compactionOfItemsInLinePointerOrderMovesOnlyThoseBelowTheFirstGap() {
        for (ByteBuffer page : new ByteBuffer[] {Page.allocate(), Page.littleEndian(ByteBuffer.allocateDirect(Page.BLCKSZ))}) {
            Page.init(page, 0);
            for (int i = 1; i <= 8; i++) {
                assertEquals(i, Page.addItem(page, filled(5 * i + 3, i), 0));
            }
            int firstStart = Page.itemIdOffset(Page.itemId(page, 1));
            int secondStart = Page.itemIdOffset(Page.itemId(page, 2));
            int freeBefore = Page.freeSpace(page);
            Page.setItemUnused(page, 3);
            Page.markItemDead(page, 6);
            Page.repairFragmentation(page);
            assertEquals(firstStart, Page.itemIdOffset(Page.itemId(page, 1)), "above the first gap: not moved");
            assertEquals(secondStart, Page.itemIdOffset(Page.itemId(page, 2)), "above the first gap: not moved");
            assertEquals(freeBefore + Page.maxAlign(18) + Page.maxAlign(33), Page.freeSpace(page));
            assertItemsIntactAndPacked(page, new int[] {1, 2, 4, 5, 7, 8});
            assertTrue((Page.flags(page) & Page.PD_HAS_FREE_LINES) != 0);
        }
    }

    /**
     * Compaction of pages whose items lie in any address order (reused line pointers, as HOT updates
     * leave them) or in line pointer order (appends since the last compaction): random pages, random
     * items removed, on heap and direct buffers; every surviving item keeps its bytes at a valid place,
     * packed against the special space without overlap, and a second compaction moves nothing.
     */
    @Test
    void compactionOfItemsInAnyAddressOrderKeepsEveryItemIntact() {
        java.util.Random random = new java.util.Random(18);
        for (int round = 0; round < 300; round++) {
            ByteBuffer page = round % 2 == 0 ? Page.allocate() : Page.littleEndian(ByteBuffer.allocateDirect(Page.BLCKSZ));
            Page.init(page, round % 3 == 0 ? 16 : 0);
            java.util.Set<Integer> live = new java.util.TreeSet<>();
            for (int step = 0; step < 60; step++) {
                if (!live.isEmpty() && random.nextInt(3) == 0) {
                    Integer[] offs = live.toArray(new Integer[0]);
                    int victim = offs[random.nextInt(offs.length)];
                    if (random.nextBoolean()) {
                        Page.setItemUnused(page, victim);
                    } else {
                        Page.markItemDead(page, victim);
                    }
                    live.remove(victim);
                    if (random.nextInt(4) == 0) {
                        Page.repairFragmentation(page);
                    }
                } else {
                    int length = 1 + random.nextInt(200);
                    byte[] probe = new byte[length];
                    int off = Page.addItem(page, probe, 0);
                    if (off != 0) {
                        Page.item(page, off).put(0, filled(length, off));
                        live.add(off);
                    }
                }
            }
            int[] survivors = live.stream().mapToInt(Integer::intValue).toArray();
            Page.repairFragmentation(page);
            assertItemsIntactAndPacked(page, survivors);
            ByteBuffer copy = Page.allocate();
            copy.put(0, page, 0, Page.BLCKSZ);
            Page.repairFragmentation(page);
            for (int b = 0; b < Page.BLCKSZ; b++) {
                assertEquals(copy.get(b), page.get(b), "round " + round + ": a packed page stays as it is, byte " + b);
            }
        }
    }

    /** An item whose every byte is its line pointer number (mod 256), {@code length} long. */
    private static byte[] filled(int length, int off) {
        byte[] item = new byte[length];
        java.util.Arrays.fill(item, (byte) off);
        return item;
    }

    /** The survivors hold their bytes, lie between pd_upper and pd_special without overlap, and fill that area. */
    private static void assertItemsIntactAndPacked(ByteBuffer page, int[] survivors) {
        java.util.BitSet taken = new java.util.BitSet();
        int used = 0;
        for (int off : survivors) {
            int id = Page.itemId(page, off);
            assertEquals(Page.LP_NORMAL, Page.itemIdFlags(id), "item " + off);
            int start = Page.itemIdOffset(id);
            int length = Page.itemIdLength(id);
            assertEquals(0, start % Page.MAXIMUM_ALIGNOF, "item " + off + " aligned");
            assertTrue(start >= Page.upper(page) && start + length <= Page.special(page), "item " + off + " in range");
            assertEquals(0, taken.get(start, start + Page.maxAlign(length)).cardinality(), "overlap at " + off);
            taken.set(start, start + Page.maxAlign(length));
            for (int b = 0; b < length; b++) {
                assertEquals((byte) off, page.get(start + b), "item " + off + " byte " + b);
            }
            used += Page.maxAlign(length);
        }
        assertEquals(Page.special(page) - used, Page.upper(page), "storage packed against the special space");
        for (int off = 1; off <= Page.maxOffsetNumber(page); off++) {
            int id = Page.itemId(page, off);
            if (Page.itemIdFlags(id) == Page.LP_DEAD) {
                assertEquals(0, Page.itemIdLength(id), "a dead line pointer loses its storage");
            }
        }
    }

    /** The vectorizable checksum agrees with checksum_impl.h's loop written word by word. */
    @Test
    void checksumMatchesTheWordByWordDefinition() {
        java.util.Random random = new java.util.Random(42);
        for (int n = 0; n < 200; n++) {
            ByteBuffer page = ByteBuffer.allocateDirect(Page.BLCKSZ).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            byte[] bytes = new byte[Page.BLCKSZ];
            random.nextBytes(bytes);
            page.put(0, bytes);
            int block = random.nextInt(100_000);
            assertEquals(reference(page, block), PageChecksum.compute(page, block), "page " + n);
        }
    }

    /** pg_checksum_page as the C code reads: 64 rows of 32 words, pd_checksum as zero. */
    private static int reference(ByteBuffer page, int block) {
        int[] sums = {
            0x5B1F36E9, 0xB8525960, 0x02AB50AA, 0x1DE66D2A, 0x79FF467A, 0x9BB9F8A3, 0x217E7CD2, 0x83E13D2C,
            0xF8D4474F, 0xE39EB970, 0x42C6AE16, 0x993216FA, 0x7B093B5D, 0x98DAFF3C, 0xF718902A, 0x0B1C9CDB,
            0xE58F764B, 0x187636BC, 0x5D7B3BB1, 0xE73DE7DE, 0x92BEC979, 0xCCA6C0B2, 0x304A0979, 0x85AA43D4,
            0x783125BB, 0x6CA8EAA2, 0xE407EAC6, 0x4B5CFC3E, 0x9FBF8C76, 0x15CA20BE, 0xF2CA9FD3, 0x959BD756
        };
        for (int i = 0; i < Page.BLCKSZ / 128 + 2; i++) {
            for (int j = 0; j < 32; j++) {
                int value = 0;
                if (i < Page.BLCKSZ / 128) {
                    int at = (i * 32 + j) * 4;
                    value = page.order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(at);
                    if (at == 8) {
                        value &= 0xFFFF0000;
                    }
                }
                int tmp = sums[j] ^ value;
                sums[j] = tmp * 16777619 ^ (tmp >>> 17);
            }
        }
        int result = 0;
        for (int sum : sums) {
            result ^= sum;
        }
        result ^= block;
        return (int) (Integer.toUnsignedLong(result) % 65535) + 1;
    }

    @Test
    void checksumDetectsChangesAndDependsOnTheBlock() {
        ByteBuffer page = Page.allocate();
        assertTrue(PageChecksum.verify(page, 7), "an all-zero page is valid");
        page.put(5000, (byte) 1);
        assertFalse(PageChecksum.verify(page, 7), "a new page with data is not");
        Page.init(page, 0);
        Page.addItem(page, "hello".getBytes(), 0);
        PageChecksum.set(page, 7);
        int sum = Page.checksum(page);
        assertTrue(sum >= 1 && sum <= 65535);
        assertTrue(PageChecksum.verify(page, 7));
        assertFalse(PageChecksum.verify(page, 8), "the block number is mixed in");
        assertEquals(sum, PageChecksum.compute(page, 7), "pd_checksum itself is not part of the sum");
        for (int offset : new int[] {0, 9, 11, 100, 4096, 8191}) {
            ByteBuffer copy = Page.allocate();
            copy.put(0, page, 0, Page.BLCKSZ);
            copy.put(offset, (byte) (copy.get(offset) ^ 0x10));
            assertFalse(PageChecksum.verify(copy, 7), "flip at " + offset);
        }
        ByteBuffer zero = Page.allocate();
        PageChecksum.set(zero, 3);
        assertTrue(Page.isAllZero(zero), "new pages get no checksum");
    }

    @Test
    void anItemAddedInTwoPartsOrFromInsideAnArrayIsTheJoinedItem() {
        byte[] head = {1, 2, 3};
        byte[] body = {4, 5, 6, 7, 8};
        ByteBuffer joined = Page.allocate();
        Page.init(joined, 0);
        assertEquals(1, Page.addItem(joined, new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, Page.INVALID_OFFSET_NUMBER));
        ByteBuffer parts = Page.allocate();
        Page.init(parts, 0);
        assertEquals(1, Page.addItem(parts, head, body, Page.INVALID_OFFSET_NUMBER));
        ByteBuffer slice = Page.allocate();
        Page.init(slice, 0);
        assertEquals(1, Page.addItem(slice, new byte[] {0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 0}, 2, 8,
                Page.INVALID_OFFSET_NUMBER));
        assertArrayEquals(joined.array(), parts.array());
        assertArrayEquals(joined.array(), slice.array());
    }
}
