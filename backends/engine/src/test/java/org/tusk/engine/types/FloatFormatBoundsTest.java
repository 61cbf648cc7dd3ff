package org.tusk.engine.types;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * float4out/float8out take no decimal that lies exactly on the rounding interval's bound (PostgreSQL's
 * Ryu), even when reading it back would round to the value; expected strings from PostgreSQL 15's
 * float4/float8 regression files.
 */
class FloatFormatBoundsTest {

    @Test
    void midpointDecimalsAreNotShortest() {
        assertEquals("3.3554448e+07", FloatFormat.float4(Float.intBitsToFloat(0x4c000004), 1));
        assertEquals("8.999999e+09", FloatFormat.float4(Float.intBitsToFloat(0x50061c46), 1));
        assertEquals("9.999999999999999e+22", FloatFormat.float8(Double.longBitsToDouble(0x44b52d02c7e14af6L), 1));
        assertEquals("1.8014398509481992e+16", FloatFormat.float8(Double.longBitsToDouble(0x4350000000000002L), 1));
    }

    @Test
    void ordinaryValuesStayShortest() {
        assertEquals("0.1", FloatFormat.float4(0.1f, 1));
        assertEquals("1.0000001", FloatFormat.float4(Float.intBitsToFloat(0x3f800001), 1));
        assertEquals("1.0000000000000001e+23", FloatFormat.float8(Double.longBitsToDouble(0x44b52d02c7e14af7L), 1));
        assertEquals("0.1", FloatFormat.float8(0.1, 1));
    }
}
