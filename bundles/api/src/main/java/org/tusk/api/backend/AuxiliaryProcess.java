package org.tusk.api.backend;

/**
 * The work of an auxiliary process (PostgreSQL's startup process,
 * checkpointer, background writer, autovacuum launcher): a backend JVM started
 * by the postmaster with a role instead of sessions. Registered as an OSGi
 * service with the property {@value #ROLE_PROPERTY} naming the role; the
 * backend bundle runs the one its role names.
 */
public interface AuxiliaryProcess {

    /** Service property naming the role, e.g. {@code startup} or {@code checkpointer}. */
    String ROLE_PROPERTY = "tusk.role";

    /**
     * Does the process's work; returning ends the process with status 0, an
     * exception with status 1 (for the startup process: recovery failed).
     */
    void run() throws Exception;

    /**
     * The postmaster asks for an orderly end (for the checkpointer: write the
     * shutdown checkpoint, then return from {@link #run()}). Called from
     * another thread.
     */
    void requestShutdown();
}
