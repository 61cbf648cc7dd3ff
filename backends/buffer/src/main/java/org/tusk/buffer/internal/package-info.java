/** Shared-buffer internals: descriptors, mapping table, clock sweep, fsync queue. Not exported. */
package org.tusk.buffer.internal;
