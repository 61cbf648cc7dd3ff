package org.tusk.engine.nodes;

/** TransactionStmtKind, with each kind's command tag. */
public enum TransactionKind {
    BEGIN("BEGIN"), START("START TRANSACTION"), COMMIT("COMMIT"), ROLLBACK("ROLLBACK"),
    SAVEPOINT("SAVEPOINT"), RELEASE("RELEASE"), ROLLBACK_TO("ROLLBACK");

    private final String tag;

    TransactionKind(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }
}
