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

    /** The remembered last relation never answers for another one, and forgetting a relation forgets it there too. */
    @Test
    void relationsLookedUpInTurnKeepTheirOwnPages() {
        FreeSpaceCache cache = new FreeSpaceCache();
        RelFileLocator other = RelFileLocator.of(5, 16390);
        cache.record(REL, 4, 500);
        assertEquals(-1, cache.find(other, 100, -1), "nothing known of the other relation");
        cache.record(other, 9, 500);
        assertEquals(4, cache.find(REL, 100, -1));
        assertEquals(9, cache.find(other, 100, -1));
        assertEquals(4, cache.find(new RelFileLocator(RelFileLocator.DEFAULT_TABLESPACE, 5, 16384, true), 100, -1),
                "an equal locator (persistence is not part of the name) finds the same pages");
        cache.forget(other);
        assertEquals(-1, cache.find(other, 100, -1), "the remembered relation was forgotten");
        assertEquals(false, cache.knowsAnyPage(other));
        assertEquals(true, cache.knowsAnyPage(REL));
        cache.record(other, 1, 300);
        assertEquals(1, cache.find(other, 100, -1));
        assertEquals(4, cache.find(REL, 100, -1));
    }
}
