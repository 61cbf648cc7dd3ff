package org.tusk.wal;

/**
 * Replays the records of one kind (PostgreSQL's RmgrData). Ids are
 * PostgreSQL's: {@link #XLOG}, {@link #XACT}, {@link #SMGR}, {@link #CLOG},
 * {@link #HEAP2}, {@link #HEAP}, {@link #BTREE}; access methods outside the
 * core pick ids from {@link #FIRST_CUSTOM}.
 */
public interface ResourceManager {

    int XLOG = 0;
    int XACT = 1;
    int SMGR = 2;
    int CLOG = 3;
    int HEAP2 = 9;
    int HEAP = 10;
    int BTREE = 11;
    int FIRST_CUSTOM = 128;

    int id();

    String name();

    /**
     * Applies {@code record}. Page changes go through {@link RedoContext#block}:
     * only a block whose action is NEEDS_REDO is changed; afterwards the
     * context stamps the page with the record's end LSN.
     */
    void redo(DecodedRecord record, RedoContext context);
}
