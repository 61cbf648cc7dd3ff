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
     * @param indexCompiler turns an index's stored expression or predicate text (true: a predicate) into an
     *                      expression over the live columns; null when the caller has none
     */
    public static ResultRelation open(RelationDesc desc, StorageSession session, Function<String, Expr> checkCompiler,
            java.util.function.BiFunction<String, Boolean, Expr> indexCompiler) {
        StorageBaseRelation base = new StorageBaseRelation(desc, session);
        List<AttributeDesc> live = desc.liveAttributes();
        List<ResultColumn> columns = new ArrayList<>();
        for (AttributeDesc a : live) {
            PgType t = org.tusk.engine.types.UserTypes.columnType(a.typeOid());
            columns.add(new ResultColumn(a.name(), t == null ? PgType.TEXT : t,
                    org.tusk.engine.types.UserTypes.columnTypmod(a.typeOid(), a.typmod()), a.notNull()));
        }
        List<ResultIndex> indexes = new ArrayList<>();
        for (IndexDesc index : desc.indexes()) {
            if (!index.ready()) {
                continue;       // indisready false: a failed concurrent build is not maintained
            }
            IndexAccessMethod am = session.storage().storage().indexAm(index.amName());
            int[] keyColumns = new int[index.keyAttnums().length];
            List<PgType> keyTypes = new ArrayList<>();
            Expr[] keyExprs = null;
            Expr predicate = null;
            int nextExpr = 0;
            for (int i = 0; i < keyColumns.length; i++) {
                if (index.keyAttnums()[i] == 0) {
                    if (keyExprs == null) {
                        keyExprs = new Expr[keyColumns.length];
                    }
                    keyExprs[i] = compileIndexText(indexCompiler, index, index.expressions().get(nextExpr++), false);
                    PgType t = PgType.byOid(index.keyTypeOids()[i]);
                    keyTypes.add(t != null ? t : keyExprs[i].type());
                    continue;
                }
                for (int c = 0; c < live.size(); c++) {
                    if (live.get(c).attnum() == index.keyAttnums()[i]) {
                        keyColumns[i] = c;
                    }
                }
                keyTypes.add(columns.get(keyColumns[i]).type());
            }
            if (index.predicate() != null) {
                predicate = compileIndexText(indexCompiler, index, index.predicate(), true);
            }
            indexes.add(new ResultIndex(am, StorageBaseRelation.descriptor(desc, index), keyColumns, keyTypes, keyExprs,
                    predicate, index.nullsNotDistinct()));
        }
        List<CheckConstraint> checks = new ArrayList<>();
        if (checkCompiler != null) {
            for (String[] check : loadChecks(session, desc.oid())) {
                Expr expr = checkCompiler.apply(check[1]);
                if (expr != null) {
                    checks.add(new CheckConstraint(check[0], expr));
                }
            }
        }
        return new ResultRelation(base.scanRelation(), columns, indexes, checks);
    }

    private static Expr compileIndexText(java.util.function.BiFunction<String, Boolean, Expr> compiler, IndexDesc index,
            String text, boolean predicate) {
        if (compiler == null) {
            throw new IllegalStateException("index " + index.name() + " has expressions but no compiler was given");
        }
        return compiler.apply(text, predicate);
    }

    /** The table's CHECK constraints from pg_constraint (contype 'c'): name and source text, by name. */
    static List<String[]> loadChecks(StorageSession session, int relationOid) {
        org.tusk.engine.catalog.CatalogAccess access = new org.tusk.engine.catalog.CatalogAccess(session.storage(),
                org.tusk.xact.IsolationLevel.READ_COMMITTED);
        org.tusk.engine.catalog.SystemCatalogs.Catalog con = org.tusk.engine.catalog.SystemCatalogs.require(
                org.tusk.engine.catalog.SystemCatalogs.PG_CONSTRAINT);
        int rel = con.columnIndex("conrelid");
        int type = con.columnIndex("contype");
        int name = con.columnIndex("conname");
        int bin = con.columnIndex("conbin");
        List<String[]> out = new ArrayList<>();
        for (var t : access.scan(org.tusk.engine.catalog.SystemCatalogs.PG_CONSTRAINT,
                row -> ((Long) row[rel]).intValue() == relationOid && "c".equals(row[type]))) {
            Object source = t.values()[bin];
            if (source != null) {
                out.add(new String[] {(String) t.values()[name], source.toString()});
            }
        }
        out.sort((a, b) -> a[0].compareTo(b[0]));      // PostgreSQL checks constraints in name order
        return out;
    }
}
