package org.tusk.boot;

/**
 * The kinds of JVM process Tusk runs. Each role boots Felix with the bundle set
 * that bnd resolved for it ({@code run/<role>.bndrun} in the distribution).
 */
enum ProcessRole {
    /** The supervisor: listeners, backend pool, shared memory owner. */
    POSTMASTER("postmaster"),
    /** Serves client sessions handed over by the postmaster. */
    BACKEND("backend"),
    /** Client programs: ./tusk sql and other frontends. */
    FRONTEND("frontend");

    final String bndrunName;

    ProcessRole(String bndrunName) {
        this.bndrunName = bndrunName;
    }
}
