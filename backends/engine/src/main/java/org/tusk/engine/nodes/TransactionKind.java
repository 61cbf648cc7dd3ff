package org.tusk.engine.nodes;

/** TransactionStmtKind, with each kind's command tag. */
public enum TransactionKind {
    BEGIN("BEGIN"), START("START TRANSACTION"), COMMIT("COMMIT"), ROLLBACK("ROLLBACK"),
    SAVEPOINT("SAVEPOINT"), RELEASE("RELEASE"), ROLLBACK_TO("ROLLBACK"), PREPARE("PREPARE TRANSACTION"),
    COMMIT_PREPARED("COMMIT PREPARED"), ROLLBACK_PREPARED("ROLLBACK PREPARED");

    private final String tag;

    TransactionKind(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }
}
