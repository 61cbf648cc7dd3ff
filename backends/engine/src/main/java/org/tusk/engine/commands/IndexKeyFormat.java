package org.tusk.engine.commands;

import java.util.List;

import org.tusk.api.storage.IndexKeyComparator;
import org.tusk.engine.access.TupleFormat;
import org.tusk.engine.types.PgType;

/**
 * How index keys are encoded for the index access method: the bytes an
 * index stores for a key and the order of those bytes. Index builds
 * (CREATE INDEX, PRIMARY KEY, UNIQUE, TRUNCATE) and the executor's index
 * inserts and scans must use the same format, so there is one, {@link #current()}:
 * the executor installs its order-preserving encoding with {@link #install};
 * until then keys are TupleFormat rows compared value by value.
 */
public interface IndexKeyFormat {

    byte[] encode(List<PgType> types, Object[] values);

    IndexKeyComparator comparator(List<PgType> types);

    static IndexKeyFormat current() {
        return Holder.current;
    }

    static void install(IndexKeyFormat format) {
        Holder.current = format;
    }

    /** The fallback: keys as TupleFormat rows, NULLs last, values compared with their natural order. */
    IndexKeyFormat TUPLES = new IndexKeyFormat() {
        @Override
        public byte[] encode(List<PgType> types, Object[] values) {
            return TupleFormat.form(values);
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public IndexKeyComparator comparator(List<PgType> types) {
            int n = types.size();
            return (a, b) -> {
                Object[] x = TupleFormat.deform(a, n);
                Object[] y = TupleFormat.deform(b, n);
                for (int i = 0; i < n; i++) {
                    if (x[i] == null || y[i] == null) {
                        if (x[i] != y[i]) {
                            return x[i] == null ? 1 : -1;
                        }
                        continue;
                    }
                    int c = x[i] instanceof byte[] bx ? java.util.Arrays.compareUnsigned(bx, (byte[]) y[i])
                            : ((Comparable) x[i]).compareTo(y[i]);
                    if (c != 0) {
                        return c;
                    }
                }
                return 0;
            };
        }
    };

    /** The installed format. */
    final class Holder {
        static volatile IndexKeyFormat current = TUPLES;

        private Holder() {
        }
    }
}
