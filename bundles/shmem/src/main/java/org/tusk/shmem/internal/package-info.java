/** Private implementation of the shared memory bundle: raw mapped access, layout, latch sockets. */
package org.tusk.shmem.internal;
