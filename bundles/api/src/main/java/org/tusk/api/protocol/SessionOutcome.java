package org.tusk.api.protocol;

/** How a session ended: decides whether its backend process may serve another one. */
public enum SessionOutcome {
    /** Terminate message or a clean close between queries: the backend may be reused. */
    CLEAN,
    /** The connection was only a CancelRequest (or an SSL probe that went away): reusable. */
    NO_SESSION,
    /** A FATAL error or a broken connection: the backend process exits and is replaced. */
    FATAL
}
