package org.tusk.engine.nodes;

import java.util.List;

/** TransactionStmt: BEGIN/START/COMMIT/ROLLBACK/SAVEPOINT/RELEASE/ROLLBACK TO/PREPARE TRANSACTION/COMMIT PREPARED/ROLLBACK PREPARED; {@code options} are DefElems transaction_isolation (string), transaction_read_only and transaction_deferrable (boolean, "t"/"f"). */
public record TransactionStmt(TransactionKind kind, List<DefElem> options, String savepointName, String gid,
        boolean chain, int location) implements RawStmt {

    @Override
    public String commandName() {
        return kind.tag();
    }
}
