/** B-tree page, tuple and WAL record formats, search and insertion; not exported. */
package org.tusk.nbtree.internal;
