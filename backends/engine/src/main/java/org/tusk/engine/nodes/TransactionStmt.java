package org.tusk.engine.nodes;

import java.util.List;

/** BEGIN/START/COMMIT/ROLLBACK/SAVEPOINT/RELEASE/ROLLBACK TO, with options like "transaction_isolation=..." */
public record TransactionStmt(TransactionKind kind, String savepointName, List<String[]> options, boolean chain,
        int location) implements RawStmt {
    @Override
    public String commandName() {
        return kind.tag();
    }
}
