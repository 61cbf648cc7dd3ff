package org.tusk.shmem;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

import org.tusk.shmem.internal.SegmentLayout;

/**
 * A subsystem's claim on the shared memory segment, made before the postmaster
 * creates it (PostgreSQL's RequestAddinShmemSpace plus RequestNamedLWLockTranche):
 * {@code bytes} of zeroed memory and {@code lwlocks} LWLocks of its own, found
 * again by every process through {@link ShmemSegment#area(String)}.
 */
public record ShmemRequest(String name, long bytes, int lwlocks) {

    public ShmemRequest {
        Objects.requireNonNull(name, "name");
        int nameBytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (nameBytes == 0 || nameBytes > SegmentLayout.AREA_NAME_MAX_BYTES) {
            throw new IllegalArgumentException("shared memory area name must have 1.."
                    + SegmentLayout.AREA_NAME_MAX_BYTES + " bytes: \"" + name + "\"");
        }
        if (bytes < 0 || lwlocks < 0) {
            throw new IllegalArgumentException("negative size in shared memory request " + name);
        }
    }
}
