package org.tusk.heapam.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.tusk.api.storage.RelFileLocator;

/** The private free space hints: the lowest page with room, the target block, the bound on known room. */
class FreeSpaceCacheTest {

    private static final RelFileLocator REL = RelFileLocator.of(5, 16384);

    @Test
    void aLoadOfFullPagesFindsNothingAndThenThePageThatGotRoom() {
        FreeSpaceCache cache = new FreeSpaceCache();
        for (int block = 0; block < 20_000; block++) {
            cache.record(REL, block, 60);                       // a bulk load's full pages
            assertEquals(-1, cache.find(REL, 128, -1));
        }
        cache.record(REL, 12_345, 4_000);                       // a vacuum freed one
        assertEquals(12_345, cache.find(REL, 128, -1));
        assertEquals(-1, cache.find(REL, 128, 12_345), "the excluded block is never the answer");
        assertEquals(12_345, cache.find(REL, 128, -1), "nor does excluding it forget it");
        cache.record(REL, 12_345, 10);
        assertEquals(-1, cache.find(REL, 128, -1));
        cache.record(REL, 3, 200);
        assertEquals(3, cache.find(REL, 128, -1), "a page that gains room after a search that found none");
        assertEquals(-1, cache.find(REL, 300, -1));
        assertEquals(3, cache.find(REL, 150, -1), "a smaller need after a bigger one that found nothing");
    }

    @Test
    void theLowestPageWithRoomWins() {
        FreeSpaceCache cache = new FreeSpaceCache();
        cache.record(REL, 7, 500);
        cache.record(REL, 2, 500);
        assertEquals(2, cache.find(REL, 100, -1));
        cache.record(REL, 2, 0);
        assertEquals(7, cache.find(REL, 100, -1));
        assertEquals(-1, cache.find(REL, 600, -1));
        cache.forget(REL);
        assertEquals(-1, cache.find(REL, 100, -1));
    }
}
