package org.tusk.shmem;

import java.util.List;
import java.util.Map;

/**
 * A subsystem that needs room in the shared memory segment, registered as an
 * OSGi service in the postmaster's framework. The postmaster collects every
 * requester's areas before it creates the segment (PostgreSQL's
 * CalculateShmemSize), so sizes follow the server settings of this start.
 */
@FunctionalInterface
public interface ShmemRequester {

    /**
     * The areas to create for these server settings (names lower case, values
     * as in postmaster.opts) and a segment of {@code maxBackends} slots.
     */
    List<ShmemRequest> shmemRequests(Map<String, String> settings, int maxBackends);
}
