/**
 * The storage core as one system: its shared memory needs, its attachment in
 * every process (registering the WAL, buffer manager, transaction system and
 * lock manager as OSGi services for access methods and the engine), the
 * startup process that replays WAL, and the checkpointer.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.tusk.storage;
