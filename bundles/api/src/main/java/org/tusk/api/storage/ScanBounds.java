package org.tusk.api.storage;

/**
 * The key range of an index scan (the scan keys PostgreSQL's _bt_first
 * turns into a start position and _bt_checkkeys into a stop condition). A
 * null bound is unbounded on that side; an equality scan is a range whose
 * bounds are the same key, both inclusive.
 */
public record ScanBounds(byte[] lower, boolean lowerInclusive, byte[] upper, boolean upperInclusive) {

    /** Every entry. */
    public static ScanBounds all() {
        return new ScanBounds(null, true, null, true);
    }

    /** key = {@code key}. */
    public static ScanBounds equal(byte[] key) {
        return new ScanBounds(key, true, key, true);
    }

    /** A range; a null key leaves that side open. */
    public static ScanBounds range(byte[] lower, boolean lowerInclusive, byte[] upper, boolean upperInclusive) {
        return new ScanBounds(lower, lowerInclusive, upper, upperInclusive);
    }
}
