package org.tusk.engine.func;

import java.util.List;

import org.tusk.engine.types.PgType;

/**
 * The outcome of function or operator resolution. When {@link #status()} is
 * FOUND: the chosen candidate, the type each argument must be coerced to
 * (polymorphic types resolved), and the actual result type. NOT_FOUND and
 * AMBIGUOUS carry nothing; the caller words the error as PostgreSQL does
 * ("function f(integer) does not exist" / "... is not unique", 42883 / 42725).
 */
public record Resolution(Status status, Candidate candidate, List<PgType> coerceTo, PgType resultType) {
    public enum Status { FOUND, NOT_FOUND, AMBIGUOUS }

    static final Resolution NOT_FOUND = new Resolution(Status.NOT_FOUND, null, null, null);
    static final Resolution AMBIGUOUS = new Resolution(Status.AMBIGUOUS, null, null, null);

    public boolean found() {
        return status == Status.FOUND;
    }

    public ProcEntry proc() {
        return candidate == null ? null : candidate.proc();
    }

    public OperatorEntry operator() {
        return candidate == null ? null : candidate.operator();
    }
}
