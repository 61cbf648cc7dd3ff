package org.tusk.engine.func;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.tusk.api.error.PgException;
import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.types.FloatFormat;
import org.tusk.engine.types.JsonPath;
import org.tusk.engine.types.JsonPathItem;
import org.tusk.engine.types.JsonPathItem.Kind;
import org.tusk.engine.types.JsonPathItem.Subscript;
import org.tusk.engine.types.Jsonb;
import org.tusk.engine.types.NumericSupport;
import org.tusk.engine.types.TextFormat;

/**
 * jsonpath_exec.c: evaluates a jsonpath over a jsonb tree. Lax mode unwraps arrays where an
 * accessor wants an object or a scalar, wraps a non-array where a subscript wants an array, and
 * ignores structural errors (a missing key is no item); strict mode raises them. With
 * {@code silent} the errors PostgreSQL marks as suppressible (RETURN_ERROR) make the result
 * an error status instead of being raised; others (a missing variable) are always raised.
 * Items are jsonb tree nodes ({@link Jsonb}'s representation).
 */
public final class JsonPathExecutor {

    /** JsonPathExecResult. */
    enum Result { OK, NOT_FOUND, ERROR }

    /** JsonPathBool. */
    private enum Bool { FALSE, TRUE, UNKNOWN }

    private final boolean lax;
    private final Object root;
    private final Map<String, Object> vars;
    /** Cleared while evaluating predicate operands, whose errors make the predicate unknown. */
    private boolean throwErrors;
    private Object current;
    /** The jsonb document whose layout .keyvalue() ids count offsets in, and its number (root 0, vars 1, generated 2...). */
    private Object baseObject;
    private long baseObjectId;
    private long lastGeneratedObjectId;
    private boolean ignoreStructuralErrors;
    private int innermostArraySize = -1;

    private JsonPathExecutor(JsonPath path, Object root, Map<String, Object> vars, boolean throwErrors) {
        this.lax = path.lax();
        this.root = root;
        this.current = root;
        this.vars = vars;
        this.throwErrors = throwErrors;
        this.ignoreStructuralErrors = lax;
        this.baseObject = root;
        this.lastGeneratedObjectId = vars != null ? 2 : 1;
    }

    /**
     * executeJsonPath: the items {@code path} yields over {@code json} appended to {@code found}
     * (null when only existence matters). {@code vars}: the vars argument's tree, or null.
     */
    @SuppressWarnings("unchecked")
    static Result execute(JsonPath path, Object json, Object vars, boolean throwErrors, List<Object> found) {
        if (vars != null && !(vars instanceof Map)) {
            throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "\"vars\" argument is not an object")
                    .withDetail("Jsonpath parameters should be encoded as key-value pairs of \"vars\" object.");
        }
        JsonPathExecutor cxt = new JsonPathExecutor(path, json, (Map<String, Object>) vars, throwErrors);
        if (!cxt.lax && found == null) {
            // strict mode needs every item to know that evaluating them raised no error
            List<Object> all = new ArrayList<>();
            Result res = cxt.executeItem(path.expr(), json, all);
            if (res == Result.ERROR) {
                return res;
            }
            return all.isEmpty() ? Result.NOT_FOUND : Result.OK;
        }
        return cxt.executeItem(path.expr(), json, found);
    }

    /** RETURN_ERROR: raise when errors are thrown, else report the error status. */
    private Result fail(String sqlState, String message) {
        if (throwErrors) {
            throw Ereport.error(sqlState, message);
        }
        return Result.ERROR;
    }

    private static boolean isArray(Object v) {
        return v instanceof List;
    }

    private static boolean isObject(Object v) {
        return v instanceof Map;
    }

    private Result executeItem(JsonPathItem jsp, Object jb, List<Object> found) {
        return executeItemOptUnwrapTarget(jsp, jb, found, lax);
    }

    /** executeNextItem: the item after {@code cur} (or {@code next} if given) over {@code v}, or {@code v} itself if none. */
    private Result executeNextItem(JsonPathItem cur, JsonPathItem next, Object v, List<Object> found) {
        JsonPathItem n = next != null ? next : cur == null ? null : cur.next();
        if (n != null) {
            return executeItem(n, v, found);
        }
        if (found != null) {
            found.add(v);
        }
        return Result.OK;
    }

    @SuppressWarnings("unchecked")
    private Result executeItemOptUnwrapTarget(JsonPathItem jsp, Object jb, List<Object> found, boolean unwrap) {
        Kind kind = jsp.kind;
        if (kind.isPredicate()) {
            Bool st = executeBoolItem(jsp, jb);
            Object v = st == Bool.UNKNOWN ? Jsonb.NULL : Boolean.valueOf(st == Bool.TRUE);
            return executeNextItem(jsp, null, v, found);
        }
        switch (kind) {
            case ADD: case SUB: case MUL: case DIV: case MOD:
                return executeBinaryArithmetic(jsp, jb, found);
            case PLUS: case MINUS:
                return executeUnaryArithmetic(jsp, jb, found);
            case FILTER: {
                if (unwrap && isArray(jb)) {
                    return executeAnyItem(jsp, (List<Object>) jb, found, 1, 1, 1, false, false);
                }
                Bool st = executeNestedBoolItem(jsp.left, jb);
                return st != Bool.TRUE ? Result.NOT_FOUND : executeNextItem(jsp, null, jb, found);
            }
            case ANY: {
                Result res = Result.NOT_FOUND;
                if (jsp.first == 0) {
                    boolean saved = ignoreStructuralErrors;
                    ignoreStructuralErrors = true;
                    res = executeNextItem(jsp, null, jb, found);
                    ignoreStructuralErrors = saved;
                    if (res == Result.OK && found == null) {
                        return res;
                    }
                }
                if (isArray(jb) || isObject(jb)) {
                    res = executeAnyItem(jsp.next(), jb, found, 1, jsp.first, jsp.last, true, lax);
                }
                return res;
            }
            case KEY:
                if (isObject(jb)) {
                    Object v = ((Map<String, Object>) jb).get(jsp.string);
                    if (v != null) {
                        return executeNextItem(jsp, null, v, found);
                    }
                    if (!ignoreStructuralErrors) {
                        return fail(SqlState.SQL_JSON_MEMBER_NOT_FOUND,
                                "JSON object does not contain key \"" + jsp.string + "\"");
                    }
                    return Result.NOT_FOUND;
                }
                if (unwrap && isArray(jb)) {
                    return executeAnyItem(jsp, jb, found, 1, 1, 1, false, false);
                }
                if (!ignoreStructuralErrors) {
                    return fail(SqlState.SQL_JSON_MEMBER_NOT_FOUND, "jsonpath member accessor can only be applied to an object");
                }
                return Result.NOT_FOUND;
            case ROOT: {
                Object savedBase = baseObject;
                long savedId = baseObjectId;
                baseObject = root;
                baseObjectId = 0;
                Result res = executeNextItem(jsp, null, root, found);
                baseObject = savedBase;
                baseObjectId = savedId;
                return res;
            }
            case CURRENT:
                return executeNextItem(jsp, null, current, found);
            case ANY_ARRAY:
                if (isArray(jb)) {
                    return executeAnyItem(jsp.next(), jb, found, 1, 1, 1, false, lax);
                }
                if (lax) {
                    return executeNextItem(jsp, null, jb, found);
                }
                if (!ignoreStructuralErrors) {
                    return fail(SqlState.SQL_JSON_ARRAY_NOT_FOUND,
                            "jsonpath wildcard array accessor can only be applied to an array");
                }
                return Result.NOT_FOUND;
            case INDEX_ARRAY:
                return executeIndexArray(jsp, jb, found);
            case LAST: {
                if (innermostArraySize < 0) {
                    throw Ereport.error(SqlState.INTERNAL_ERROR, "evaluating jsonpath LAST outside of array subscript");
                }
                if (jsp.next() == null && found == null) {
                    return Result.OK;
                }
                return executeNextItem(jsp, null, BigDecimal.valueOf(innermostArraySize - 1L), found);
            }
            case ANY_KEY:
                if (isObject(jb)) {
                    return executeAnyItem(jsp.next(), jb, found, 1, 1, 1, false, lax);
                }
                if (unwrap && isArray(jb)) {
                    return executeAnyItem(jsp, jb, found, 1, 1, 1, false, false);
                }
                if (!ignoreStructuralErrors) {
                    return fail(SqlState.SQL_JSON_OBJECT_NOT_FOUND,
                            "jsonpath wildcard member accessor can only be applied to an object");
                }
                return Result.NOT_FOUND;
            case NULL: case BOOL: case NUMERIC: case STRING: case VARIABLE: {
                if (jsp.next() == null && found == null && kind != Kind.VARIABLE) {
                    return Result.OK;       // no need to evaluate; a variable still must exist
                }
                Object savedBase = baseObject;
                long savedId = baseObjectId;
                Result res = executeNextItem(jsp, null, literal(jsp), found);
                baseObject = savedBase;
                baseObjectId = savedId;
                return res;
            }
            case TYPE:
                return executeNextItem(jsp, null, typeName(jb), found);
            case SIZE: {
                int size;
                if (isArray(jb)) {
                    size = ((List<Object>) jb).size();
                } else {
                    if (!lax) {
                        if (!ignoreStructuralErrors) {
                            return fail(SqlState.SQL_JSON_ARRAY_NOT_FOUND,
                                    "jsonpath item method .size() can only be applied to an array");
                        }
                        return Result.NOT_FOUND;
                    }
                    size = 1;
                }
                return executeNextItem(jsp, null, BigDecimal.valueOf(size), found);
            }
            case ABS: case FLOOR: case CEILING:
                return executeNumericItemMethod(jsp, jb, unwrap, found);
            case DOUBLE:
                return executeDouble(jsp, jb, unwrap, found);
            case DATETIME:
                if (unwrap && isArray(jb)) {
                    return executeAnyItem(jsp, jb, found, 1, 1, 1, false, false);
                }
                return JsonPathDatetime.execute(this, jsp, jb, found);
            case KEY_VALUE:
                return executeKeyValue(jsp, jb, unwrap, found);
            default:
                throw Ereport.error(SqlState.INTERNAL_ERROR, "unrecognized jsonpath item type: " + kind);
        }
    }

    /** For {@link JsonPathDatetime}: hands a converted item on. */
    Result next(JsonPathItem jsp, Object v, List<Object> found) {
        return executeNextItem(jsp, null, v, found);
    }

    /** For {@link JsonPathDatetime}: RETURN_ERROR. */
    Result error(String sqlState, String message) {
        return fail(sqlState, message);
    }

    boolean throwsErrors() {
        return throwErrors;
    }

    /** JsonbTypeName. */
    private static String typeName(Object jb) {
        if (jb instanceof JsonPathDatetime.Value d) {
            return d.typeName();
        }
        return Jsonb.typeOf(jb);
    }

    private Object literal(JsonPathItem jsp) {
        switch (jsp.kind) {
            case NULL: return Jsonb.NULL;
            case BOOL: return jsp.bool;
            case NUMERIC: return jsp.numeric;
            case STRING: return jsp.string;
            default: {
                if (vars == null) {
                    return Jsonb.NULL;      // the operators pass no vars: every variable is JSON null
                }
                Object v = vars.get(jsp.string);
                if (v == null) {
                    throw Ereport.error(SqlState.UNDEFINED_OBJECT, "could not find jsonpath variable \"" + jsp.string + "\"");
                }
                baseObject = vars;
                baseObjectId = 1;
                return v;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private Result executeIndexArray(JsonPathItem jsp, Object jb, List<Object> found) {
        if (!isArray(jb) && !lax) {
            if (!ignoreStructuralErrors) {
                return fail(SqlState.SQL_JSON_ARRAY_NOT_FOUND, "jsonpath array accessor can only be applied to an array");
            }
            return Result.NOT_FOUND;
        }
        int savedSize = innermostArraySize;
        boolean singleton = !isArray(jb);
        int size = singleton ? 1 : ((List<Object>) jb).size();
        innermostArraySize = size;
        Result res = Result.NOT_FOUND;
        try {
            for (Subscript sub : jsp.subscripts) {
                int[] from = new int[1];
                res = arrayIndex(sub.from(), jb, from);
                if (res == Result.ERROR) {
                    break;
                }
                int[] to = {from[0]};
                if (sub.to() != null) {
                    res = arrayIndex(sub.to(), jb, to);
                    if (res == Result.ERROR) {
                        break;
                    }
                }
                int indexFrom = from[0];
                int indexTo = to[0];
                if (!ignoreStructuralErrors && (indexFrom < 0 || indexFrom > indexTo || indexTo >= size)) {
                    return fail(SqlState.INVALID_SQL_JSON_SUBSCRIPT, "jsonpath array subscript is out of bounds");
                }
                indexFrom = Math.max(indexFrom, 0);
                indexTo = Math.min(indexTo, size - 1);
                res = Result.NOT_FOUND;
                for (int index = indexFrom; index <= indexTo; index++) {
                    Object v = singleton ? jb : ((List<Object>) jb).get(index);
                    if (jsp.next() == null && found == null) {
                        return Result.OK;
                    }
                    res = executeNextItem(jsp, null, v, found);
                    if (res == Result.ERROR || res == Result.OK && found == null) {
                        break;
                    }
                }
                if (res == Result.ERROR || res == Result.OK && found == null) {
                    break;
                }
            }
        } finally {
            innermostArraySize = savedSize;
        }
        return res;
    }

    /** getArrayIndex: a subscript must give one number; it is truncated to an int4. */
    private Result arrayIndex(JsonPathItem jsp, Object jb, int[] index) {
        List<Object> found = new ArrayList<>();
        Result res = executeItem(jsp, jb, found);
        if (res == Result.ERROR) {
            return res;
        }
        if (found.size() != 1 || !(found.get(0) instanceof BigDecimal d)) {
            return fail(SqlState.INVALID_SQL_JSON_SUBSCRIPT, "jsonpath array subscript is not a single numeric value");
        }
        BigDecimal t = d.setScale(0, RoundingMode.DOWN);
        if (t.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) < 0 || t.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
            return fail(SqlState.INVALID_SQL_JSON_SUBSCRIPT, "jsonpath array subscript is out of integer range");
        }
        index[0] = t.intValue();
        return Result.OK;
    }

    /**
     * executeAnyItem: the elements (values) of a container, from depth {@code first} to
     * {@code last} below it, each through {@code jsp} (or collected when it is null).
     */
    @SuppressWarnings("unchecked")
    private Result executeAnyItem(JsonPathItem jsp, Object container, List<Object> found, long level, long first,
            long last, boolean ignoreStructural, boolean unwrapNext) {
        Result res = Result.NOT_FOUND;
        if (level > last) {
            return res;
        }
        Iterable<Object> values = container instanceof Map ? ((Map<String, Object>) container).values()
                : (List<Object>) container;
        for (Object v : values) {
            boolean isContainer = isArray(v) || isObject(v);
            if (level >= first || (first == JsonPathItem.LAST_LEVEL && last == JsonPathItem.LAST_LEVEL && !isContainer)) {
                if (jsp != null) {
                    if (ignoreStructural) {
                        boolean saved = ignoreStructuralErrors;
                        ignoreStructuralErrors = true;
                        res = executeItemOptUnwrapTarget(jsp, v, found, unwrapNext);
                        ignoreStructuralErrors = saved;
                    } else {
                        res = executeItemOptUnwrapTarget(jsp, v, found, unwrapNext);
                    }
                    if (res == Result.ERROR || res == Result.OK && found == null) {
                        break;
                    }
                } else if (found != null) {
                    found.add(v);
                } else {
                    return Result.OK;
                }
            }
            if (level < last && isContainer) {
                res = executeAnyItem(jsp, v, found, level + 1, first, last, ignoreStructural, unwrapNext);
                if (res == Result.ERROR || res == Result.OK && found == null) {
                    break;
                }
            }
        }
        return res;
    }

    /** executeItemOptUnwrapResult: in lax mode, arrays among the results are replaced by their elements. */
    @SuppressWarnings("unchecked")
    private Result executeItemOptUnwrapResult(JsonPathItem jsp, Object jb, boolean unwrap, List<Object> found) {
        if (unwrap && lax) {
            List<Object> seq = new ArrayList<>();
            Result res = executeItem(jsp, jb, seq);
            if (res == Result.ERROR) {
                return res;
            }
            for (Object item : seq) {
                if (isArray(item)) {
                    found.addAll((List<Object>) item);
                } else {
                    found.add(item);
                }
            }
            return Result.OK;
        }
        return executeItem(jsp, jb, found);
    }

    private Result executeItemOptUnwrapResultNoThrow(JsonPathItem jsp, Object jb, boolean unwrap, List<Object> found) {
        boolean saved = throwErrors;
        throwErrors = false;
        try {
            return executeItemOptUnwrapResult(jsp, jb, unwrap, found);
        } finally {
            throwErrors = saved;
        }
    }

    private Result executeBinaryArithmetic(JsonPathItem jsp, Object jb, List<Object> found) {
        List<Object> lseq = new ArrayList<>();
        Result res = executeItemOptUnwrapResult(jsp.left, jb, true, lseq);
        if (res == Result.ERROR) {
            return res;
        }
        List<Object> rseq = new ArrayList<>();
        res = executeItemOptUnwrapResult(jsp.right, jb, true, rseq);
        if (res == Result.ERROR) {
            return res;
        }
        String op = jsp.kind.operationName;
        if (lseq.size() != 1 || !(lseq.get(0) instanceof BigDecimal l)) {
            return fail(SqlState.SINGLETON_SQL_JSON_ITEM_REQUIRED,
                    "left operand of jsonpath operator " + op + " is not a single numeric value");
        }
        if (rseq.size() != 1 || !(rseq.get(0) instanceof BigDecimal r)) {
            return fail(SqlState.SINGLETON_SQL_JSON_ITEM_REQUIRED,
                    "right operand of jsonpath operator " + op + " is not a single numeric value");
        }
        BigDecimal value;
        try {
            switch (jsp.kind) {
                case ADD: value = NumericSupport.checkRange(l.add(r)); break;
                case SUB: value = NumericSupport.checkRange(l.subtract(r)); break;
                case MUL: value = NumericSupport.multiply(l, r); break;
                case DIV: value = NumericSupport.divide(l, r); break;
                default: value = NumericSupport.mod(l, r);
            }
        } catch (PgException e) {
            if (throwErrors) {
                throw e;
            }
            return Result.ERROR;
        }
        if (jsp.next() == null && found == null) {
            return Result.OK;
        }
        return executeNextItem(jsp, null, value, found);
    }

    private Result executeUnaryArithmetic(JsonPathItem jsp, Object jb, List<Object> found) {
        List<Object> seq = new ArrayList<>();
        Result res = executeItemOptUnwrapResult(jsp.left, jb, true, seq);
        if (res == Result.ERROR) {
            return res;
        }
        res = Result.NOT_FOUND;
        boolean hasNext = jsp.next() != null;
        for (Object val : seq) {
            if (val instanceof BigDecimal d) {
                if (found == null && !hasNext) {
                    return Result.OK;
                }
                Result r2 = executeNextItem(jsp, null, jsp.kind == Kind.MINUS ? d.negate() : d, found);
                if (r2 == Result.ERROR) {
                    return r2;
                }
                if (r2 == Result.OK) {
                    if (found == null) {
                        return Result.OK;
                    }
                    res = Result.OK;
                }
            } else {
                if (found == null && !hasNext) {
                    continue;
                }
                return fail(SqlState.SQL_JSON_NUMBER_NOT_FOUND,
                        "operand of unary jsonpath operator " + jsp.kind.operationName + " is not a numeric value");
            }
        }
        return res;
    }

    private Result executeNumericItemMethod(JsonPathItem jsp, Object jb, boolean unwrap, List<Object> found) {
        if (unwrap && isArray(jb)) {
            return executeAnyItem(jsp, jb, found, 1, 1, 1, false, false);
        }
        if (!(jb instanceof BigDecimal d)) {
            return fail(SqlState.NON_NUMERIC_SQL_JSON_ITEM,
                    "jsonpath item method ." + jsp.kind.operationName + "() can only be applied to a numeric value");
        }
        BigDecimal v;
        switch (jsp.kind) {
            case ABS: v = d.abs(); break;
            case FLOOR: v = d.setScale(0, RoundingMode.FLOOR); break;
            default: v = d.setScale(0, RoundingMode.CEILING);
        }
        if (jsp.next() == null && found == null) {
            return Result.OK;
        }
        return executeNextItem(jsp, null, v, found);
    }

    /** .double(): a number stays as it is once it is known to fit a double; a string is converted. */
    private Result executeDouble(JsonPathItem jsp, Object jb, boolean unwrap, List<Object> found) {
        if (unwrap && isArray(jb)) {
            return executeAnyItem(jsp, jb, found, 1, 1, 1, false, false);
        }
        Object value;
        if (jb instanceof BigDecimal d) {
            double x = d.doubleValue();
            if (Double.isInfinite(x) || Double.isNaN(x) || x == 0 && d.signum() != 0) {
                return fail(SqlState.NON_NUMERIC_SQL_JSON_ITEM,
                        "numeric argument of jsonpath item method .double() is out of range for type double precision");
            }
            value = d;
        } else if (jb instanceof String s) {
            double x;
            try {
                x = (Double) TextFormat.input(org.tusk.engine.types.PgType.FLOAT8, -1, s, null);
            } catch (PgException e) {
                x = Double.NaN;
            }
            if (Double.isInfinite(x) || Double.isNaN(x)) {
                return fail(SqlState.NON_NUMERIC_SQL_JSON_ITEM, "string argument of jsonpath item method .double() "
                        + "is not a valid representation of a double precision number");
            }
            // float8_numeric: DBL_DIG significant digits
            value = NumericSupport.normalize(new BigDecimal(FloatFormat.float8(x, 0)));
        } else {
            return fail(SqlState.NON_NUMERIC_SQL_JSON_ITEM,
                    "jsonpath item method .double() can only be applied to a string or numeric value");
        }
        return executeNextItem(jsp, null, value, found);
    }

    /** .keyvalue(): an object's pairs as objects {"id": ..., "key": ..., "value": ...}. */
    @SuppressWarnings("unchecked")
    private Result executeKeyValue(JsonPathItem jsp, Object jb, boolean unwrap, List<Object> found) {
        if (unwrap && isArray(jb)) {
            return executeAnyItem(jsp, jb, found, 1, 1, 1, false, false);
        }
        if (!isObject(jb)) {
            return fail(SqlState.SQL_JSON_OBJECT_NOT_FOUND, "jsonpath item method .keyvalue() can only be applied to an object");
        }
        Map<String, Object> object = (Map<String, Object>) jb;
        if (object.isEmpty()) {
            return Result.NOT_FOUND;
        }
        Result res = Result.NOT_FOUND;
        // the id: the object's byte offset in its jsonb document, plus the document's number times 10^10
        BigDecimal id = BigDecimal.valueOf(JsonbLayout.offsetOf(baseObject, jb) + baseObjectId * 10_000_000_000L);
        for (Map.Entry<String, Object> e : object.entrySet()) {
            TreeMap<String, Object> pair = new TreeMap<>(Jsonb.KEY_ORDER);
            pair.put("id", id);
            pair.put("key", e.getKey());
            pair.put("value", e.getValue());
            Object savedBase = baseObject;
            long savedId = baseObjectId;
            baseObject = pair;
            baseObjectId = lastGeneratedObjectId++;
            res = executeNextItem(jsp, null, pair, found);
            baseObject = savedBase;
            baseObjectId = savedId;
            if (res == Result.ERROR || res == Result.OK && found == null) {
                break;
            }
        }
        return res;
    }

    // ---- predicates ----

    private Bool executeNestedBoolItem(JsonPathItem jsp, Object jb) {
        Object saved = current;
        current = jb;
        try {
            return executeBoolItem(jsp, jb);
        } finally {
            current = saved;
        }
    }

    private Bool executeBoolItem(JsonPathItem jsp, Object jb) {
        switch (jsp.kind) {
            case AND: {
                Bool res = executeBoolItem(jsp.left, jb);
                if (res == Bool.FALSE) {
                    return res;
                }
                Bool res2 = executeBoolItem(jsp.right, jb);
                return res2 == Bool.TRUE ? res : res2;
            }
            case OR: {
                Bool res = executeBoolItem(jsp.left, jb);
                if (res == Bool.TRUE) {
                    return res;
                }
                Bool res2 = executeBoolItem(jsp.right, jb);
                return res2 == Bool.FALSE ? res : res2;
            }
            case NOT: {
                Bool res = executeBoolItem(jsp.left, jb);
                return res == Bool.UNKNOWN ? res : res == Bool.TRUE ? Bool.FALSE : Bool.TRUE;
            }
            case IS_UNKNOWN:
                return executeBoolItem(jsp.left, jb) == Bool.UNKNOWN ? Bool.TRUE : Bool.FALSE;
            case STARTS_WITH:
                return executePredicate(jsp, jsp.left, jsp.right, jb, false);
            case LIKE_REGEX:
                return executePredicate(jsp, jsp.left, null, jb, false);
            case EXISTS: {
                if (!lax) {
                    List<Object> vals = new ArrayList<>();
                    Result res = executeItemOptUnwrapResultNoThrow(jsp.left, jb, false, vals);
                    return res == Result.ERROR ? Bool.UNKNOWN : vals.isEmpty() ? Bool.FALSE : Bool.TRUE;
                }
                Result res = executeItemOptUnwrapResultNoThrow(jsp.left, jb, false, null);
                return res == Result.ERROR ? Bool.UNKNOWN : res == Result.OK ? Bool.TRUE : Bool.FALSE;
            }
            default:
                if (jsp.kind.isComparison()) {
                    return executePredicate(jsp, jsp.left, jsp.right, jb, true);
                }
                throw Ereport.error(SqlState.INTERNAL_ERROR, "invalid boolean jsonpath item type: " + jsp.kind);
        }
    }

    /**
     * executePredicate: the predicate over every pair of left and right items; lax mode answers
     * true at the first true pair, strict mode unknown at the first error.
     */
    private Bool executePredicate(JsonPathItem pred, JsonPathItem larg, JsonPathItem rarg, Object jb, boolean unwrapRight) {
        boolean error = false;
        boolean found = false;
        List<Object> lseq = new ArrayList<>();
        if (executeItemOptUnwrapResultNoThrow(larg, jb, true, lseq) == Result.ERROR) {
            return Bool.UNKNOWN;
        }
        List<Object> rseq = new ArrayList<>();
        if (rarg != null && executeItemOptUnwrapResultNoThrow(rarg, jb, unwrapRight, rseq) == Result.ERROR) {
            return Bool.UNKNOWN;
        }
        List<Object> rights = rarg != null ? rseq : Arrays.asList((Object) null);
        for (Object lval : lseq) {
            for (Object rval : rights) {
                Bool res = evaluatePredicate(pred, lval, rval);
                if (res == Bool.UNKNOWN) {
                    if (!lax) {
                        return Bool.UNKNOWN;
                    }
                    error = true;
                } else if (res == Bool.TRUE) {
                    if (lax) {
                        return Bool.TRUE;
                    }
                    found = true;
                }
            }
        }
        return found ? Bool.TRUE : error ? Bool.UNKNOWN : Bool.FALSE;
    }

    private Bool evaluatePredicate(JsonPathItem pred, Object lval, Object rval) {
        switch (pred.kind) {
            case STARTS_WITH:
                if (!(lval instanceof String whole) || !(rval instanceof String initial)) {
                    return Bool.UNKNOWN;
                }
                return whole.startsWith(initial) ? Bool.TRUE : Bool.FALSE;
            case LIKE_REGEX:
                if (!(lval instanceof String str)) {
                    return Bool.UNKNOWN;
                }
                return JsonPathRegex.compile(pred.string, pred.flags).matcher(str).find() ? Bool.TRUE : Bool.FALSE;
            default:
                return compareItems(pred.kind, lval, rval);
        }
    }

    /** compareItems: items of one scalar type compare; null against anything is only unequal; others are unknown. */
    private static Bool compareItems(Kind op, Object a, Object b) {
        int cmp;
        if (a == Jsonb.NULL || b == Jsonb.NULL) {
            if (a != b) {
                return op == Kind.NOT_EQUAL ? Bool.TRUE : Bool.FALSE;
            }
            cmp = 0;
        } else if (a instanceof Boolean x && b instanceof Boolean y) {
            cmp = Boolean.compare(x, y);
        } else if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            cmp = x.compareTo(y);
        } else if (a instanceof String x && b instanceof String y) {
            // per byte of UTF-8, which is code point order
            cmp = Arrays.compareUnsigned(x.getBytes(StandardCharsets.UTF_8), y.getBytes(StandardCharsets.UTF_8));
        } else if (a instanceof JsonPathDatetime.Value x && b instanceof JsonPathDatetime.Value y) {
            Integer c = JsonPathDatetime.compare(x, y);
            if (c == null) {
                return Bool.UNKNOWN;
            }
            cmp = c;
        } else {
            return Bool.UNKNOWN;        // different types, or containers: not comparable
        }
        boolean res;
        switch (op) {
            case EQUAL: res = cmp == 0; break;
            case NOT_EQUAL: res = cmp != 0; break;
            case LESS: res = cmp < 0; break;
            case GREATER: res = cmp > 0; break;
            case LESS_OR_EQUAL: res = cmp <= 0; break;
            default: res = cmp >= 0;
        }
        return res ? Bool.TRUE : Bool.FALSE;
    }
}
