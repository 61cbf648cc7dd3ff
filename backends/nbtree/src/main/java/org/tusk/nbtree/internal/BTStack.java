package org.tusk.nbtree.internal;

/**
 * BTStackData: the internal pages a descent passed through, innermost first
 * — the parent's block and the offset of the downlink followed. Inserting a
 * downlink after a split starts looking for the parent there and moves right
 * if the parent has split since (_bt_getstackbuf).
 */
public record BTStack(int block, int offset, BTStack parent) {
}
