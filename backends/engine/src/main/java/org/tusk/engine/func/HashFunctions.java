package org.tusk.engine.func;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

import org.tusk.api.error.PgException;
import org.tusk.api.error.SqlState;

/**
 * PostgreSQL's hash functions (common/hashfn.c's Jenkins lookup3 hash_bytes and
 * hash_bytes_uint32 with their 64-bit seeded variants, and the per-type hash
 * support functions of access/hash/hashfunc.c), bit for bit, because hash
 * partitioning stores which partition a row belongs to by these values:
 * {@code satisfies_hash_partition} (partbounds.c) combines the seeded hash of each
 * non-null key with hash_combine64 and takes the result modulo the modulus.
 *
 * <p>The key's type is known here by its Java value (the engine's representation):
 * Integer int4/date, Short int2, Long int8/oid/timestamp (hashint8extended agrees with
 * the 32-bit hash for OIDs), String text/varchar/name, Boolean bool, Float/Double.
 * numeric and other types are not hashed yet (0A000).
 */
public final class HashFunctions {

    /** partition.h's HASH_PARTITION_SEED. */
    public static final long HASH_PARTITION_SEED = 0x7A5B22367996DCFDL;

    private HashFunctions() {
    }

    static void register() {
        FunctionRegistry.bind("hashint4", (a, c) -> (int) hashUint32((Integer) a[0]));
        FunctionRegistry.bind("hashint4extended", (a, c) -> hashUint32Extended((Integer) a[0], (Long) a[1]));
        FunctionRegistry.bind("hashint2", (a, c) -> (int) hashUint32((Short) a[0]));
        FunctionRegistry.bind("hashint2extended", (a, c) -> hashUint32Extended((Short) a[0], (Long) a[1]));
        FunctionRegistry.bind("hashint8", (a, c) -> (int) hashUint32(int8Fold((Long) a[0])));
        FunctionRegistry.bind("hashint8extended", (a, c) -> hashUint32Extended(int8Fold((Long) a[0]), (Long) a[1]));
        FunctionRegistry.bind("pg_lsn_hash", (a, c) -> (int) hashUint32(int8Fold((Long) a[0])));
        FunctionRegistry.bind("pg_lsn_hash_extended", (a, c) -> hashUint32Extended(int8Fold((Long) a[0]), (Long) a[1]));
        FunctionRegistry.bind("timestamp_hash_extended", (a, c) -> hashUint32Extended(int8Fold((Long) a[0]),
                (Long) a[1]));
        FunctionRegistry.bind("hashoidextended", (a, c) -> hashUint32Extended(((Long) a[0]).intValue(), (Long) a[1]));
        FunctionRegistry.bind("hashtext", (a, c) -> (int) hashBytesExtended(utf8(a[0]), 0));
        FunctionRegistry.bind("hashtextextended", (a, c) -> hashBytesExtended(utf8(a[0]), (Long) a[1]));
        FunctionRegistry.bind("hashnameextended", (a, c) -> hashBytesExtended(utf8(a[0]), (Long) a[1]));
        FunctionRegistry.bind("hashbpcharextended", (a, c) -> hashBytesExtended(utf8(rtrim((String) a[0])),
                (Long) a[1]));
        FunctionRegistry.bind("hashfloat8extended", (a, c) -> hashFloat8Extended((Double) a[0], (Long) a[1]));
        FunctionRegistry.bind("hashfloat4extended", (a, c) -> hashFloat8Extended(((Float) a[0]).doubleValue(),
                (Long) a[1]));
        FunctionRegistry.bind("satisfies_hash_partition", (a, c) -> {
            if (a[1] == null || a[2] == null) {
                return false;
            }
            int modulus = (Integer) a[1];
            int remainder = (Integer) a[2];
            long rowHash = 0;
            for (int i = 3; i < a.length; i++) {
                if (a[i] instanceof SupportHash h) {
                    rowHash = hashCombine64(rowHash, h.value());        // a user opclass's support function
                } else if (a[i] != null) {
                    rowHash = hashCombine64(rowHash, hashExtended(a[i], HASH_PARTITION_SEED));
                }
            }
            return Long.remainderUnsigned(rowHash, modulus) == remainder;
        });
    }

    /**
     * A key value already hashed by its hash operator class's support function 2 (a user-defined
     * opclass of the partition key): satisfies_hash_partition combines it as it is.
     */
    public record SupportHash(long value) {
    }

    /** The seeded 64-bit hash of a value by its representation (the type's hash opclass support function 2). */
    public static long hashExtended(Object v, long seed) {
        if (v instanceof Integer i) {
            return hashUint32Extended(i, seed);
        }
        if (v instanceof Short s) {
            return hashUint32Extended(s, seed);
        }
        if (v instanceof Long l) {
            return hashUint32Extended(int8Fold(l), seed);
        }
        if (v instanceof String s) {
            return hashBytesExtended(utf8(s), seed);
        }
        if (v instanceof Boolean b) {
            return hashUint32Extended(b ? 1 : 0, seed);
        }
        if (v instanceof Double d) {
            return hashFloat8Extended(d, seed);
        }
        if (v instanceof Float f) {
            return hashFloat8Extended(f.doubleValue(), seed);
        }
        if (v instanceof byte[] bytes) {
            return hashBytesExtended(bytes, seed);
        }
        String type = v instanceof BigDecimal ? "numeric" : v.getClass().getSimpleName();
        throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "hashing values of type " + type
                + " is not supported yet");
    }

    /** hashint8: the high half folded into the low one (so int8 hashes like int4 for small values). */
    private static int int8Fold(long val) {
        int lo = (int) val;
        int hi = (int) (val >>> 32);
        return lo ^ (val >= 0 ? hi : ~hi);
    }

    private static long hashFloat8Extended(double key, long seed) {
        if (key == 0.0) {
            return seed;                                  // +0 and -0 alike
        }
        if (Double.isNaN(key)) {
            key = Double.NaN;                             // one NaN
        }
        long bits = Double.doubleToRawLongBits(key);
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (bits >>> (8 * i));             // little-endian memory order
        }
        return hashBytesExtended(b, seed);
    }

    private static byte[] utf8(Object s) {
        return ((String) s).getBytes(StandardCharsets.UTF_8);
    }

    private static String rtrim(String s) {
        int n = s.length();
        while (n > 0 && s.charAt(n - 1) == ' ') {
            n--;
        }
        return s.substring(0, n);
    }

    /** hash_combine64. */
    public static long hashCombine64(long a, long b) {
        a ^= b + 0x49a0f4dd15e5a8e3L + (a << 54) + (a >>> 7);
        return a;
    }

    // --- lookup3 ------------------------------------------------------------------------------

    private static final int INIT = 0x9e3779b9;

    /** hash_bytes_uint32 (32-bit, unseeded). */
    public static long hashUint32(int k) {
        return hashUint32Extended(k, 0) & 0xffffffffL;
    }

    /** hash_bytes_uint32_extended. */
    public static long hashUint32Extended(int k, long seed) {
        int[] s = {INIT + 4 + 3923095, INIT + 4 + 3923095, INIT + 4 + 3923095};
        if (seed != 0) {
            s[0] += (int) (seed >>> 32);
            s[1] += (int) seed;
            mix(s);
        }
        s[0] += k;
        finalMix(s);
        return ((long) s[1] << 32) | (s[2] & 0xffffffffL);
    }

    /** hash_bytes_extended. */
    public static long hashBytesExtended(byte[] k, long seed) {
        int len = k.length;
        int init = INIT + len + 3923095;
        int[] s = {init, init, init};
        if (seed != 0) {
            s[0] += (int) (seed >>> 32);
            s[1] += (int) seed;
            mix(s);
        }
        int off = 0;
        while (len >= 12) {
            s[0] += word(k, off);
            s[1] += word(k, off + 4);
            s[2] += word(k, off + 8);
            mix(s);
            off += 12;
            len -= 12;
        }
        // the last 11 bytes (little-endian order; the lowest byte of c is reserved for the length)
        switch (len) {
            case 11: s[2] += (k[off + 10] & 0xff) << 24;
            // fall through
            case 10: s[2] += (k[off + 9] & 0xff) << 16;
            // fall through
            case 9: s[2] += (k[off + 8] & 0xff) << 8;
            // fall through
            case 8: s[1] += word(k, off + 4);
                s[0] += word(k, off);
                break;
            case 7: s[1] += (k[off + 6] & 0xff) << 16;
            // fall through
            case 6: s[1] += (k[off + 5] & 0xff) << 8;
            // fall through
            case 5: s[1] += k[off + 4] & 0xff;
            // fall through
            case 4: s[0] += word(k, off);
                break;
            case 3: s[0] += (k[off + 2] & 0xff) << 16;
            // fall through
            case 2: s[0] += (k[off + 1] & 0xff) << 8;
            // fall through
            case 1: s[0] += k[off] & 0xff;
                break;
            default:
                break;
        }
        finalMix(s);
        return ((long) s[1] << 32) | (s[2] & 0xffffffffL);
    }

    private static int word(byte[] k, int off) {
        return (k[off] & 0xff) | (k[off + 1] & 0xff) << 8 | (k[off + 2] & 0xff) << 16 | (k[off + 3] & 0xff) << 24;
    }

    private static void mix(int[] s) {
        int a = s[0], b = s[1], c = s[2];
        a -= c; a ^= Integer.rotateLeft(c, 4); c += b;
        b -= a; b ^= Integer.rotateLeft(a, 6); a += c;
        c -= b; c ^= Integer.rotateLeft(b, 8); b += a;
        a -= c; a ^= Integer.rotateLeft(c, 16); c += b;
        b -= a; b ^= Integer.rotateLeft(a, 19); a += c;
        c -= b; c ^= Integer.rotateLeft(b, 4); b += a;
        s[0] = a;
        s[1] = b;
        s[2] = c;
    }

    private static void finalMix(int[] s) {
        int a = s[0], b = s[1], c = s[2];
        c ^= b; c -= Integer.rotateLeft(b, 14);
        a ^= c; a -= Integer.rotateLeft(c, 11);
        b ^= a; b -= Integer.rotateLeft(a, 25);
        c ^= b; c -= Integer.rotateLeft(b, 16);
        a ^= c; a -= Integer.rotateLeft(c, 4);
        b ^= a; b -= Integer.rotateLeft(a, 14);
        c ^= b; c -= Integer.rotateLeft(b, 24);
        s[0] = a;
        s[1] = b;
        s[2] = c;
    }
}
