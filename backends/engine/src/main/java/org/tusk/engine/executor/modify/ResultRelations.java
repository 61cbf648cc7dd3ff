package org.tusk.engine.executor.modify;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.tusk.api.storage.IndexAccessMethod;
import org.tusk.engine.executor.scan.StorageBaseRelation;
import org.tusk.engine.relcache.AttributeDesc;
import org.tusk.engine.relcache.IndexDesc;
import org.tusk.engine.relcache.RelationDesc;
import org.tusk.engine.storage.StorageSession;
import org.tusk.engine.types.PgType;
import org.tusk.engine.expr.Expr;

/**
 * Builds the executor's {@link ResultRelation} from a relcache entry
 * (ExecInitResultRelation + ExecOpenIndices): live columns with NOT NULL and
 * typmods, every btree index with its key columns, and the CHECK constraints
 * compiled by the caller (the analyzer turns their source text into
 * expressions over the table's columns).
 */
public final class ResultRelations {

    private ResultRelations() {
    }

    /**
     * @param checkCompiler turns a CHECK constraint's stored text into an expression over the live columns;
     *                      gets the text, returns null to skip it
     * @param checkNames    the constraints' names, parallel to {@code desc.checks()} (null: "<table>_check")
     */
    public static ResultRelation open(RelationDesc desc, StorageSession session, Function<String, Expr> checkCompiler,
            List<String> checkNames) {
        StorageBaseRelation base = new StorageBaseRelation(desc, session);
        List<AttributeDesc> live = desc.liveAttributes();
        List<ResultColumn> columns = new ArrayList<>();
        for (AttributeDesc a : live) {
            PgType t = PgType.byOid(a.typeOid());
            columns.add(new ResultColumn(a.name(), t == null ? PgType.TEXT : t, a.typmod(), a.notNull()));
        }
        List<ResultIndex> indexes = new ArrayList<>();
        for (IndexDesc index : desc.indexes()) {
            IndexAccessMethod am = session.storage().storage().indexAm(index.amName());
            int[] keyColumns = new int[index.keyAttnums().length];
            List<PgType> keyTypes = new ArrayList<>();
            for (int i = 0; i < keyColumns.length; i++) {
                for (int c = 0; c < live.size(); c++) {
                    if (live.get(c).attnum() == index.keyAttnums()[i]) {
                        keyColumns[i] = c;
                    }
                }
                keyTypes.add(columns.get(keyColumns[i]).type());
            }
            indexes.add(new ResultIndex(am, StorageBaseRelation.descriptor(desc, index), keyColumns, keyTypes));
        }
        List<CheckConstraint> checks = new ArrayList<>();
        for (int i = 0; i < desc.checks().size(); i++) {
            Expr expr = checkCompiler == null ? null : checkCompiler.apply(desc.checks().get(i));
            if (expr != null) {
                String name = checkNames != null && i < checkNames.size() ? checkNames.get(i) : desc.name() + "_check";
                checks.add(new CheckConstraint(name, expr));
            }
        }
        return new ResultRelation(base.scanRelation(), columns, indexes, checks);
    }
}
