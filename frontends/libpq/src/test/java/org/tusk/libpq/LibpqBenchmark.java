package org.tusk.libpq;

import java.io.OutputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Properties;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Not a test: compares this library with pgjdbc on the same real PostgreSQL
 * 15 ({@link RealPostgres}), over TCP without TLS, one connection each.
 * Measures small-query round trips per second (select 1 through the
 * extended protocol, unnamed and prepared) and COPY rows per second both
 * ways. After a warm-up of the query loops (JIT), each measurement runs
 * several times, alternating the two clients; the best run counts.
 *
 * <pre>
 * cd /work/main && mvn -o -q -pl frontends/libpq install -DskipTests
 * mvn -o -q -pl frontends/libpq dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -cp frontends/libpq/target/classes:frontends/libpq/target/test-classes:$(cat /tmp/cp.txt) org.tusk.libpq.LibpqBenchmark
 * # against a server already running on 127.0.0.1 (Tusk: ./tusk start -D DIR -p 5499), fewer COPY rows:
 * java -Dport=5499 -Drows=100000 -cp ... org.tusk.libpq.LibpqBenchmark
 * # -Ddbname=NAME (default postgres), -Duser=NAME, -Dqueries=N (20000), -Drounds=N (3)
 * </pre>
 */
public final class LibpqBenchmark {
    private static final int QUERIES = Integer.getInteger("queries", 20_000);
    private static final int ROWS = Integer.getInteger("rows", 1_000_000);
    private static final int ROUNDS = Integer.getInteger("rounds", 3);

    public static void main(String[] args) throws Exception {
        // -Dport=N (and -Duser=NAME, default the OS user): a server already running on 127.0.0.1,
        // such as a Tusk cluster; otherwise the RealPostgres fixture
        Integer port = Integer.getInteger("port");
        String user = port == null ? RealPostgres.SUPERUSER : System.getProperty("user", System.getProperty("user.name"));
        if (port == null) port = RealPostgres.get().port();
        String dbname = System.getProperty("dbname", "postgres");
        String conninfo = "host=127.0.0.1 port=" + port + " user=" + user + " dbname=" + dbname + " sslmode=disable";
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("sslmode", "disable");
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/" + dbname;
        Properties unnamedProps = new Properties();
        unnamedProps.putAll(props);
        unnamedProps.setProperty("prepareThreshold", "0"); // never a named server statement: Parse each time
        try (PgConnection c = PgConnection.connect(conninfo); Connection j = DriverManager.getConnection(url, props);
                Connection ju = DriverManager.getConnection(url, unnamedProps)) {
            c.setNoticeHandler(null);
            c.query("drop table if exists bench; create unlogged table bench(a int, b text)");
            c.prepare("s1", "select 1");
            PGConnection pj = j.unwrap(PGConnection.class);
            CopyManager cm = pj.getCopyAPI();
            PreparedStatement ps = j.prepareStatement("select 1");
            PreparedStatement psu = ju.prepareStatement("select 1");

            // Warm-up, not counted: without it the first loop measured (this library's) also pays for
            // the JIT compiling both clients' code, which cost it ~20% in the best-of-3 figures.
            for (int i = 0; i < QUERIES; i++) {
                c.execute("select 1").getInt(0, 0);
                c.executePrepared("s1").getInt(0, 0);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                }
                try (ResultSet rs = psu.executeQuery()) {
                    rs.next();
                }
            }
            double[] best = new double[9];
            for (int round = 0; round < ROUNDS; round++) {
                best[0] = Math.max(best[0], rate(QUERIES, () -> {
                    for (int i = 0; i < QUERIES; i++) c.execute("select 1").getInt(0, 0);
                }));
                best[1] = Math.max(best[1], rate(QUERIES, () -> {
                    for (int i = 0; i < QUERIES; i++) c.executePrepared("s1").getInt(0, 0);
                }));
                best[2] = Math.max(best[2], rate(QUERIES, () -> {
                    for (int i = 0; i < QUERIES; i++) {
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            rs.getInt(1);
                        }
                    }
                }));
                best[8] = Math.max(best[8], rate(QUERIES, () -> {
                    for (int i = 0; i < QUERIES; i++) {
                        try (ResultSet rs = psu.executeQuery()) {
                            rs.next();
                            rs.getInt(1);
                        }
                    }
                }));
                best[3] = Math.max(best[3], rate(QUERIES, () -> {
                    try (PgPipeline p = c.pipeline()) {
                        for (int i = 0; i < QUERIES; i++) p.executePrepared("s1");
                    }
                }));
                c.query("truncate bench");
                best[4] = Math.max(best[4], rate(ROWS, () -> c.copyIn("copy bench from stdin", CopyNotifyAsyncTest.rows(ROWS))));
                best[5] = Math.max(best[5], rate(ROWS, () -> c.copyOut("copy bench to stdout", OutputStream.nullOutputStream())));
                c.query("truncate bench");
                best[6] = Math.max(best[6], rate(ROWS, () -> cm.copyIn("copy bench from stdin", CopyNotifyAsyncTest.rows(ROWS))));
                best[7] = Math.max(best[7], rate(ROWS, () -> cm.copyOut("copy bench to stdout", OutputStream.nullOutputStream())));
            }
            c.query("drop table bench");
            System.out.printf("round trips/s  select 1 extended unnamed (tusk-libpq)   %,10.0f%n", best[0]);
            System.out.printf("round trips/s  select 1 unnamed, prepareThreshold=0 (pgjdbc) %,6.0f%n", best[8]);
            System.out.printf("round trips/s  select 1 prepared         (tusk-libpq)   %,10.0f%n", best[1]);
            System.out.printf("round trips/s  select 1 PreparedStatement (pgjdbc)      %,10.0f%n", best[2]);
            System.out.printf("queries/s      select 1 prepared, pipelined (tusk-libpq) %,9.0f%n", best[3]);
            System.out.printf("COPY FROM STDIN rows/s  tusk-libpq %,12.0f   pgjdbc %,12.0f%n", best[4], best[6]);
            System.out.printf("COPY TO STDOUT  rows/s  tusk-libpq %,12.0f   pgjdbc %,12.0f%n", best[5], best[7]);
        }
        System.exit(0);
    }

    private interface Body {
        void run() throws Exception;
    }

    private static double rate(int n, Body b) throws Exception {
        System.gc(); // the garbage of the previous measurement (a million COPY rows) is not this one's cost
        long t0 = System.nanoTime();
        b.run();
        return n / ((System.nanoTime() - t0) / 1e9);
    }
}
