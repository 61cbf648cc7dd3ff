package org.tusk.engine.commands;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tusk.api.error.SqlState;
import org.tusk.engine.catalog.CatalogAccess.CatalogTuple;
import org.tusk.engine.catalog.SystemCatalogs;
import org.tusk.engine.catalog.SystemCatalogs.Catalog;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.func.sysinfo.Encodings;
import org.tusk.engine.nodes.CreateConversionStmt;

/**
 * CREATE [DEFAULT] CONVERSION (conversioncmds.c CreateConversionCommand, pg_conversion.c ConversionCreate):
 * a pg_conversion row naming the encodings and the conversion function, which must take (int4, int4,
 * cstring, internal, int4, bool) and return int4; the row depends on its function and schema. Tusk's
 * client encoding conversions do not consult the catalog, so the row is only what DROP, COMMENT and
 * the catalogs see.
 */
public final class CreateConversion {

    public static final int PG_CONVERSION = 2607;

    private static final long INT4 = 23;
    private static final long BOOL = 16;
    private static final long CSTRING = 2275;
    private static final long INTERNAL = 2281;

    private CreateConversion() {
    }

    public static String execute(DdlContext ctx, CreateConversionStmt stmt) {
        List<String> names = stmt.conversionName();
        String name = names.get(names.size() - 1);
        int ns = CatalogNames.creationNamespace(ctx, names);
        int from = Encodings.id(stmt.forEncodingName());
        if (from < 0) {
            throw Ereport.error(SqlState.UNDEFINED_OBJECT, "source encoding \"" + stmt.forEncodingName()
                    + "\" does not exist");
        }
        int to = Encodings.id(stmt.toEncodingName());
        if (to < 0) {
            throw Ereport.error(SqlState.UNDEFINED_OBJECT, "destination encoding \"" + stmt.toEncodingName()
                    + "\" does not exist");
        }
        if (from == 0 || to == 0) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED,
                    "encoding conversion to or from \"SQL_ASCII\" is not supported");
        }
        long[] args = {INT4, INT4, CSTRING, INTERNAL, INT4, BOOL};
        CatalogTuple func = CatalogNames.function(ctx, stmt.funcName(), args);
        if (func == null) {
            throw Ereport.error(SqlState.UNDEFINED_FUNCTION, "function "
                    + CatalogNames.signature(ctx, stmt.funcName(), args) + " does not exist");
        }
        Catalog proc = SystemCatalogs.require(SystemCatalogs.PG_PROC);
        long funcOid = ((Number) func.get(proc, "oid")).longValue();
        if (((Number) func.get(proc, "prorettype")).longValue() != INT4) {
            throw Ereport.error("42P17", "encoding conversion function " + String.join(".", stmt.funcName())
                    + " must return type integer");
        }
        Catalog conv = SystemCatalogs.require(PG_CONVERSION);
        int nameCol = conv.columnIndex("conname");
        int nsCol = conv.columnIndex("connamespace");
        if (!ctx.rows(PG_CONVERSION, r -> name.equals(r[nameCol]) && ((Number) r[nsCol]).intValue() == ns).isEmpty()) {
            throw Ereport.error(SqlState.DUPLICATE_OBJECT, "conversion \"" + name + "\" already exists");
        }
        if (stmt.def()) {
            int forCol = conv.columnIndex("conforencoding");
            int toCol = conv.columnIndex("contoencoding");
            int defCol = conv.columnIndex("condefault");
            if (!ctx.rows(PG_CONVERSION, r -> ((Number) r[nsCol]).intValue() == ns && Boolean.TRUE.equals(r[defCol])
                    && ((Number) r[forCol]).intValue() == from && ((Number) r[toCol]).intValue() == to).isEmpty()) {
                throw Ereport.error(SqlState.DUPLICATE_OBJECT, "default conversion for " + Encodings.name(from)
                        + " to " + Encodings.name(to) + " already exists");
            }
        }
        long oid = ctx.newOid();
        Map<String, Object> row = new HashMap<>();
        row.put("oid", oid);
        row.put("conname", name);
        row.put("connamespace", (long) ns);
        row.put("conowner", 10L);
        row.put("conforencoding", from);
        row.put("contoencoding", to);
        row.put("conproc", funcOid);
        row.put("condefault", stmt.def());
        ctx.insert(PG_CONVERSION, row);
        CreateTable.recordDependency(ctx, PG_CONVERSION, oid, 0, SystemCatalogs.PG_NAMESPACE, ns, 0, "n");
        if (funcOid >= org.tusk.engine.func.UserProcs.FIRST_NORMAL_OBJECT_ID) {
            CreateTable.recordDependency(ctx, PG_CONVERSION, oid, 0, SystemCatalogs.PG_PROC, funcOid, 0, "n");
        }
        ctx.commandCounterIncrement();
        return stmt.commandName();
    }
}
