package org.tusk.shmem;

import java.nio.file.Path;
import java.util.Map;

/**
 * This process's place in shared memory, registered as an OSGi service by the
 * process that attached (a backend or auxiliary process), so that subsystems
 * in other bundles (the storage core) can attach their areas with the same
 * slot: the segment, this process's slot, the data directory and the server
 * settings it was started with.
 */
public record ShmemAttachment(ShmemSegment segment, ProcSlot slot, Path dataDirectory, Map<String, String> settings) {

    public ShmemAttachment {
        settings = Map.copyOf(settings);
    }
}
