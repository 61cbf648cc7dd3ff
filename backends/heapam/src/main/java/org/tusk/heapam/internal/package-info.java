/** Heap page and tuple formats, visibility rules and WAL record layouts; not exported. */
package org.tusk.heapam.internal;
