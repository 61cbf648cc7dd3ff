package org.tusk.backend;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The client side of a warm-up session, as frontend protocol bytes: what
 * {@code pgbench -i}, {@code pgbench -M prepared} (TPC-B and {@code -S}),
 * pgbench's simple and extended modes, psql and pgjdbc send
 * ({@code /work/shared/clients/}), against TEMP copies of pgbench's tables.
 *
 * <p>{@link #setup} creates the tables once per session as {@code pgbench -i}
 * does (CREATE TABLE ... WITH (fillfactor=100), COPY FROM STDIN WITH (FREEZE
 * ON) in the creating transaction, VACUUM ANALYZE, ADD PRIMARY KEY: the load
 * path's code), then runs pgbench's catalog probe and prepares the named
 * statements. Each {@link #round} then is {@value #TPCB_PER_ROUND} prepared
 * TPC-B transactions (Bind/Describe/Execute/Sync per statement, text
 * parameters, BEGIN and END prepared too), {@value #SELECTS_PER_ROUND}
 * prepared select-only transactions, one TPC-B transaction in simple
 * protocol, an unnamed-statement select (pgbench -M extended), pgjdbc's
 * binary int4 parameter and binary results, and a few psql-style simple
 * queries. Keys are random, so B-tree descents and heap fetches touch many
 * pages as real runs do.
 *
 * <p>Every turn ends with Sync or a simple Query: the server answers each with
 * ReadyForQuery, for which the client waits before the next turn.
 */
final class WarmupWorkload {

    /** pgbench scale 1 has 1 branch, 10 tellers, 100,000 accounts; this is a small slice of that shape. */
    static final int BRANCHES = 2;
    static final int TELLERS = 20;
    static final int ACCOUNTS = 5_000;
    /**
     * Rows the setup's COPY loads (aid 1..COPY_ROWS; the rounds use 1..ACCOUNTS): over C2's
     * invocation threshold (5,000) with room, as a first {@code pgbench -i} needs its COPY
     * loop compiled from its first rows (session 10: 5,000 rows in ten CopyData messages of
     * 500 left the per-message and per-row path at C1).
     */
    static final int COPY_ROWS = 20_000;
    static final int TPCB_PER_ROUND = 8;
    static final int SELECTS_PER_ROUND = 16;
    /** pgbench vacuums the branches and tellers before each run; warm-up does so every this many rounds. */
    static final int VACUUM_EVERY_ROUNDS = 25;

    /** The TEMP tables the setup creates (gone with the session). */
    static final List<String> TABLES = List.of("warmup_branches", "warmup_tellers", "warmup_accounts", "warmup_history");

    /** pgbench -M prepared's statements, in its order (P_0 .. P_6), then -S's select. */
    private static final String[] TPCB = {
        "BEGIN;",
        "UPDATE warmup_accounts SET abalance = abalance + $1 WHERE aid = $2;",
        "SELECT abalance FROM warmup_accounts WHERE aid = $1;",
        "UPDATE warmup_tellers SET tbalance = tbalance + $1 WHERE tid = $2;",
        "UPDATE warmup_branches SET bbalance = bbalance + $1 WHERE bid = $2;",
        "INSERT INTO warmup_history (tid, bid, aid, delta, mtime) VALUES ($1, $2, $3, $4, CURRENT_TIMESTAMP);",
        "END;",
    };
    private static final String SELECT_ONLY = "SELECT abalance FROM warmup_accounts WHERE aid = $1";

    /** A client turn: its bytes, and whether a transaction ends before it (where warm-up may stop). */
    record Turn(byte[] bytes, boolean transactionBoundary) {
    }

    private final String user;
    private final SplittableRandom random;

    WarmupWorkload(String user, long seed) {
        this.user = user;
        this.random = new SplittableRandom(seed);
    }

    /**
     * Startup, the tables, pgbench's start-of-run queries and the prepared statements. The
     * session may end before any turn marked as a boundary (outside the loading transaction).
     */
    List<Turn> setup() {
        List<Turn> turns = new ArrayList<>();
        Messages m = new Messages();
        m.startup(user, "postgres", "warmup");
        turns.add(new Turn(m.take(), false));
        for (String sql : List.of(
                "begin",
                "create temp table warmup_history(tid int,bid int,aid    int,delta int,mtime timestamp,filler char(22));"
                        + "create temp table warmup_tellers(tid int not null,bid int,tbalance int,filler char(84)) with (fillfactor=100);"
                        + "create temp table warmup_accounts(aid    int not null,bid int,abalance int,filler char(84)) with (fillfactor=100);"
                        + "create temp table warmup_branches(bid int not null,bbalance int,filler char(88)) with (fillfactor=100)",
                "insert into warmup_branches(bid,bbalance) select g, 0 from generate_series(1, " + BRANCHES + ") g",
                "insert into warmup_tellers(tid,bid,tbalance) select g, (g - 1) / " + (TELLERS / BRANCHES)
                        + " + 1, 0 from generate_series(1, " + TELLERS + ") g")) {
            m.query(sql);
            turns.add(new Turn(m.take(), sql.equals("begin")));
        }
        // COPY in the creating transaction, rows as pgbench -i formats and sends them: one
        // CopyData per row, COPY_ROWS of them, so the per-row path (protocol receiver, reader,
        // input functions, tuple forming, batched heap insert) gets past C2's thresholds here
        // rather than during a fresh cluster's first load
        m.query("copy warmup_accounts from stdin with (freeze on)");
        for (int aid = 1; aid <= COPY_ROWS; aid++) {
            m.message('d', (aid + "\t" + ((aid - 1) % ACCOUNTS / (ACCOUNTS / BRANCHES) + 1) + "\t0\t\n")
                    .getBytes(StandardCharsets.US_ASCII));
        }
        m.message('c', new byte[0]);
        turns.add(new Turn(m.take(), false));
        for (String sql : List.of(
                "commit",
                "vacuum analyze warmup_branches",
                "vacuum analyze warmup_tellers",
                "vacuum analyze warmup_accounts",
                "vacuum analyze warmup_history",
                "alter table warmup_branches add primary key (bid)",
                "alter table warmup_tellers add primary key (tid)",
                "alter table warmup_accounts add primary key (aid)",
                // what pgbench asks at the start of a run
                "select count(*) from warmup_branches",
                "select o.n, p.partstrat, pg_catalog.count(i.inhparent) from pg_catalog.pg_class as c join pg_catalog.pg_namespace"
                        + " as n on (n.oid = c.relnamespace) cross join lateral (select pg_catalog.array_position("
                        + "pg_catalog.current_schemas(true), n.nspname)) as o(n) left join pg_catalog.pg_partitioned_table as p on"
                        + " (p.partrelid = c.oid) left join pg_catalog.pg_inherits as i on (c.oid = i.inhparent) where c.relname ="
                        + " 'warmup_accounts' and o.n is not null group by 1, 2 order by 1 asc limit 1")) {
            m.query(sql);
            turns.add(new Turn(m.take(), !sql.equals("commit")));
        }
        // PQprepare: Parse (no parameter types given) + Sync, one statement at a time
        for (int i = 0; i < TPCB.length; i++) {
            m.parse("P_" + i, TPCB[i]);
            m.sync();
            turns.add(new Turn(m.take(), true));
        }
        m.parse("P_S", SELECT_ONLY);
        m.sync();
        turns.add(new Turn(m.take(), true));
        // pgjdbc after prepareThreshold: a named statement with a typed int4 parameter
        m.parse("S_1", SELECT_ONLY.replace("$1", "$1::int4"), 23);
        m.sync();
        turns.add(new Turn(m.take(), true));
        return turns;
    }

    /** One round's turns (see the class comment); {@code round} counts over the backend's life. */
    List<Turn> round(int round) {
        List<Turn> turns = new ArrayList<>();
        Messages m = new Messages();
        for (int t = 0; t < TPCB_PER_ROUND; t++) {
            int aid = 1 + random.nextInt(ACCOUNTS);
            int bid = 1 + random.nextInt(BRANCHES);
            int tid = 1 + random.nextInt(TELLERS);
            int delta = random.nextInt(-5000, 5001);
            String[][] params = {
                {}, {str(delta), str(aid)}, {str(aid)}, {str(delta), str(tid)}, {str(delta), str(bid)},
                {str(tid), str(bid), str(aid), str(delta)}, {},
            };
            for (int i = 0; i < TPCB.length; i++) {
                m.bindDescribeExecuteSync("P_" + i, params[i]);
                turns.add(new Turn(m.take(), i == 0));
            }
        }
        for (int s = 0; s < SELECTS_PER_ROUND; s++) {
            m.bindDescribeExecuteSync("P_S", str(1 + random.nextInt(ACCOUNTS)));
            turns.add(new Turn(m.take(), true));
        }
        // pgbench's simple protocol: each statement its own Query
        int aid = 1 + random.nextInt(ACCOUNTS);
        int delta = random.nextInt(-5000, 5001);
        int tid = 1 + random.nextInt(TELLERS);
        int bid = 1 + random.nextInt(BRANCHES);
        String[] simple = {
            "BEGIN;",
            "UPDATE warmup_accounts SET abalance = abalance + " + delta + " WHERE aid = " + aid + ";",
            "SELECT abalance FROM warmup_accounts WHERE aid = " + aid + ";",
            "UPDATE warmup_tellers SET tbalance = tbalance + " + delta + " WHERE tid = " + tid + ";",
            "UPDATE warmup_branches SET bbalance = bbalance + " + delta + " WHERE bid = " + bid + ";",
            "INSERT INTO warmup_history (tid, bid, aid, delta, mtime) VALUES (" + tid + ", " + bid + ", " + aid + ", "
                    + delta + ", CURRENT_TIMESTAMP);",
            "END;",
        };
        for (int i = 0; i < simple.length; i++) {
            m.query(simple[i]);
            turns.add(new Turn(m.take(), i == 0));
        }
        // pgbench -M extended / node-postgres: the unnamed statement, parsed each time
        m.parse("", SELECT_ONLY);
        m.bindDescribeExecuteSync("", str(1 + random.nextInt(ACCOUNTS)));
        turns.add(new Turn(m.take(), true));
        // pgjdbc: binary int4 parameter, binary results
        m.bindBinaryInt4("S_1", 1 + random.nextInt(ACCOUNTS));
        turns.add(new Turn(m.take(), true));
        // psql-style simple queries, a transaction block, settings
        m.query("select " + (round % 7) + ";");
        turns.add(new Turn(m.take(), true));
        m.query("begin; select current_setting('work_mem'); commit");
        turns.add(new Turn(m.take(), true));
        if (round % VACUUM_EVERY_ROUNDS == VACUUM_EVERY_ROUNDS - 1) {
            m.query("vacuum warmup_branches");
            turns.add(new Turn(m.take(), true));
            m.query("vacuum warmup_tellers");
            turns.add(new Turn(m.take(), true));
        }
        return turns;
    }

    /** ROLLBACK as a simple Query: abandons the setup's loading transaction (and the TEMP tables it created). */
    static byte[] rollback() {
        Messages m = new Messages();
        m.query("rollback");
        return m.take();
    }

    /** Terminate ('X'). */
    static byte[] terminate() {
        Messages m = new Messages();
        m.message('X', new byte[0]);
        return m.take();
    }

    private static String str(int v) {
        return Integer.toString(v);
    }

    /** Frontend messages, accumulated until {@link #take}. */
    static final class Messages {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final DataOutputStream d = new DataOutputStream(out);

        byte[] take() {
            byte[] b = out.toByteArray();
            out.reset();
            return b;
        }

        void startup(String user, String database, String applicationName) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            DataOutputStream s = new DataOutputStream(body);
            try {
                s.writeInt(196608);
                for (String kv : new String[] {"user", user, "database", database, "application_name", applicationName,
                        "client_encoding", "UTF8"}) {
                    s.write(cstring(kv));
                }
                s.write(0);
                d.writeInt(body.size() + 4);
                d.write(body.toByteArray());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void query(String sql) {
            message('Q', cstring(sql));
        }

        void parse(String name, String sql, int... paramTypes) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.writeBytes(cstring(name));
            body.writeBytes(cstring(sql));
            body.write(paramTypes.length >> 8);
            body.write(paramTypes.length);
            for (int oid : paramTypes) {
                body.writeBytes(int4(oid));
            }
            message('P', body.toByteArray());
        }

        /** libpq's PQexecPrepared: Bind (text parameters, text results), Describe portal, Execute, Sync. */
        void bindDescribeExecuteSync(String statement, String... params) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.writeBytes(cstring(""));
            body.writeBytes(cstring(statement));
            body.writeBytes(new byte[] {0, 0});                   // no parameter formats: all text
            body.write(params.length >> 8);
            body.write(params.length);
            for (String p : params) {
                byte[] v = p.getBytes(StandardCharsets.UTF_8);
                body.writeBytes(int4(v.length));
                body.writeBytes(v);
            }
            body.writeBytes(new byte[] {0, 0});                   // no result formats: all text
            message('B', body.toByteArray());
            message('D', concat(new byte[] {'P'}, cstring("")));
            message('E', concat(cstring(""), int4(0)));
            sync();
        }

        /** pgjdbc: Bind with one binary int4 parameter and binary results, Execute, Sync. */
        void bindBinaryInt4(String statement, int value) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.writeBytes(cstring(""));
            body.writeBytes(cstring(statement));
            body.writeBytes(new byte[] {0, 1, 0, 1});              // one parameter format: binary
            body.writeBytes(new byte[] {0, 1});
            body.writeBytes(int4(4));
            body.writeBytes(int4(value));
            body.writeBytes(new byte[] {0, 1, 0, 1});              // one result format: binary
            message('B', body.toByteArray());
            message('E', concat(cstring(""), int4(0)));
            sync();
        }

        void sync() {
            message('S', new byte[0]);
        }

        void message(char type, byte[] body) {
            try {
                d.writeByte(type);
                d.writeInt(body.length + 4);
                d.write(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static byte[] int4(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    private static byte[] cstring(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return Arrays.copyOf(b, b.length + 1);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }
}
