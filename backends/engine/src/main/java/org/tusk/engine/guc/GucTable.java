package org.tusk.engine.guc;

import org.tusk.api.setting.GucUnit;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The built-in configuration parameters (guc_tables.c), PostgreSQL 15's names,
 * contexts and defaults. Lookup is case-insensitive.
 */
public final class GucTable {
    public static final String SERVER_VERSION = "15.18 (Tusk 0.1.0)";
    public static final String SERVER_VERSION_NUM = "150018";

    private final Map<String, GucVariable> byLowerName = new TreeMap<>();
    /** The same variables hashed by lower-case name: find() runs several times per statement. */
    private final Map<String, GucVariable> hashed = new java.util.HashMap<>();

    public static final GucTable INSTANCE = new GucTable();

    private GucTable() {
        str("application_name", GucContext.USER, "", "Sets the application name to be reported in statistics and logs.", true, null);
        str("client_encoding", GucContext.USER, "UTF8", "Sets the client's character set encoding.", true,
                GucVariable::checkClientEncoding);
        str("DateStyle", GucContext.USER, "ISO, MDY", "Sets the display format for date and time values.", true,
                GucVariable::checkDateStyle);
        enm("IntervalStyle", GucContext.USER, "postgres", "Sets the display format for interval values.", true,
                List.of("postgres", "postgres_verbose", "sql_standard", "iso_8601"));
        str("TimeZone", GucContext.USER, "Etc/UTC", "Sets the time zone for displaying and interpreting time stamps.", true,
                GucVariable::checkTimeZone);
        integer("extra_float_digits", GucContext.USER, "1", "Sets the number of digits displayed for floating-point values.",
                GucUnit.NONE, -15, 3);
        listQuoted("search_path", "\"$user\", public", "Sets the schema search order for names that are not schema-qualified.");
        integer("statement_timeout", GucContext.USER, "0", "Sets the maximum allowed duration of any statement.", GucUnit.MS, 0,
                Integer.MAX_VALUE);
        integer("lock_timeout", GucContext.USER, "0", "Sets the maximum allowed duration of any wait for a lock.", GucUnit.MS, 0,
                Integer.MAX_VALUE);
        integer("idle_in_transaction_session_timeout", GucContext.USER, "0",
                "Sets the maximum allowed idle time between queries, when in a transaction.", GucUnit.MS, 0, Integer.MAX_VALUE);
        integer("idle_session_timeout", GucContext.USER, "0",
                "Sets the maximum allowed idle time between queries, when not in a transaction.", GucUnit.MS, 0, Integer.MAX_VALUE);
        bool("standard_conforming_strings", GucContext.USER, "on", "Causes '...' strings to treat backslashes literally.", true);
        bool("integer_datetimes", GucContext.INTERNAL, "on", "Shows whether datetimes are integer based.", true);
        str("server_version", GucContext.INTERNAL, SERVER_VERSION, "Shows the server version.", true, null);
        str("server_version_num", GucContext.INTERNAL, SERVER_VERSION_NUM, "Shows the server version as an integer.", false, null);
        str("server_encoding", GucContext.INTERNAL, "UTF8", "Shows the server (database) character set encoding.", true, null);
        bool("is_superuser", GucContext.INTERNAL, "off", "Shows whether the current user is a superuser.", true);
        str("session_authorization", GucContext.USER, "", "Sets the session user name.", true, null);
        str("role", GucContext.USER, "none", "Sets the current role.", false, null);
        bool("default_transaction_read_only", GucContext.USER, "off",
                "Sets the default read-only status of new transactions.", true);
        bool("transaction_read_only", GucContext.USER, "off", "Sets the current transaction's read-only status.", false);
        bool("transaction_deferrable", GucContext.USER, "off",
                "Whether to defer a read-only serializable transaction until it can be executed with no possible serialization failures.",
                false);
        enm("default_transaction_isolation", GucContext.USER, "read committed",
                "Sets the transaction isolation level of each new transaction.", false,
                List.of("serializable", "repeatable read", "read committed", "read uncommitted"));
        enm("transaction_isolation", GucContext.USER, "read committed", "Sets the current transaction's isolation level.",
                false, List.of("serializable", "repeatable read", "read committed", "read uncommitted"));
        bool("default_transaction_deferrable", GucContext.USER, "off",
                "Sets the default deferrable status of new transactions.", false);
        bool("in_hot_standby", GucContext.INTERNAL, "off", "Shows whether hot standby is currently active.", true);
        integer("max_connections", GucContext.POSTMASTER, "100", "Sets the maximum number of concurrent connections.",
                GucUnit.NONE, 1, 262143);
        integer("port", GucContext.POSTMASTER, "5432", "Sets the TCP port the server listens on.", GucUnit.NONE, 1, 65535);
        str("listen_addresses", GucContext.POSTMASTER, "localhost", "Sets the host name or IP address(es) to listen to.",
                false, null);
        str("unix_socket_directories", GucContext.POSTMASTER, "/var/run/postgresql",
                "Sets the directories where Unix-domain sockets will be created.", false, null);
        integer("work_mem", GucContext.USER, "4MB", "Sets the maximum memory to be used for query workspaces.", GucUnit.KB,
                64, Integer.MAX_VALUE);
        integer("maintenance_work_mem", GucContext.USER, "64MB",
                "Sets the maximum memory to be used for maintenance operations.", GucUnit.KB, 1024, Integer.MAX_VALUE);
        integer("shared_buffers", GucContext.POSTMASTER, "128MB",
                "Sets the number of shared memory buffers used by the server.", GucUnit.BLOCKS_8KB, 16, Integer.MAX_VALUE / 2);
        integer("temp_buffers", GucContext.USER, "8MB",
                "Sets the maximum number of temporary buffers used by each session.", GucUnit.BLOCKS_8KB, 100,
                Integer.MAX_VALUE / 2);
        real("checkpoint_completion_target", GucContext.SIGHUP, "0.9",
                "Time spent flushing dirty buffers during checkpoint, as fraction of checkpoint interval.", 0, 1);
        integer("max_worker_processes", GucContext.POSTMASTER, "8",
                "Maximum number of concurrent worker processes.", GucUnit.NONE, 0, 262143);
        integer("max_wal_senders", GucContext.POSTMASTER, "10",
                "Sets the maximum number of simultaneously running WAL sender processes.", GucUnit.NONE, 0, 262143);
        integer("autovacuum_max_workers", GucContext.POSTMASTER, "3",
                "Sets the maximum number of simultaneously running autovacuum worker processes.", GucUnit.NONE, 1, 262143);
        bool("autovacuum", GucContext.SIGHUP, "on", "Starts the autovacuum subprocess.", false);
        integer("autovacuum_naptime", GucContext.SIGHUP, "60", "Time to sleep between autovacuum runs.", GucUnit.S, 1,
                2147483);
        integer("autovacuum_vacuum_threshold", GucContext.SIGHUP, "50",
                "Minimum number of tuple updates or deletes prior to vacuum.", GucUnit.NONE, 0, Integer.MAX_VALUE);
        real("autovacuum_vacuum_scale_factor", GucContext.SIGHUP, "0.2",
                "Number of tuple updates or deletes prior to vacuum as a fraction of reltuples.", 0, 100);
        integer("autovacuum_vacuum_insert_threshold", GucContext.SIGHUP, "1000",
                "Minimum number of tuple inserts prior to vacuum, or -1 to disable insert vacuums.", GucUnit.NONE, -1,
                Integer.MAX_VALUE);
        real("autovacuum_vacuum_insert_scale_factor", GucContext.SIGHUP, "0.2",
                "Number of tuple inserts prior to vacuum as a fraction of reltuples.", 0, 100);
        integer("autovacuum_analyze_threshold", GucContext.SIGHUP, "50",
                "Minimum number of tuple inserts, updates, or deletes prior to analyze.", GucUnit.NONE, 0,
                Integer.MAX_VALUE);
        real("autovacuum_analyze_scale_factor", GucContext.SIGHUP, "0.1",
                "Number of tuple inserts, updates, or deletes prior to analyze as a fraction of reltuples.", 0, 100);
        str("data_directory", GucContext.POSTMASTER, "", "Sets the server's data directory.", false, null);
        enm("client_min_messages", GucContext.USER, "notice", "Sets the message levels that are sent to the client.", false,
                List.of("debug5", "debug4", "debug3", "debug2", "debug1", "log", "notice", "warning", "error"));
        enm("log_min_messages", GucContext.SUPERUSER, "warning", "Sets the message levels that are logged.", false,
                List.of("debug5", "debug4", "debug3", "debug2", "debug1", "info", "notice", "warning", "error", "log",
                        "fatal", "panic"));
        enm("log_statement", GucContext.SUPERUSER, "none", "Sets the type of statements logged.", false,
                List.of("none", "ddl", "mod", "all"));
        enm("bytea_output", GucContext.USER, "hex", "Sets the output format for bytea.", false, List.of("escape", "hex"));
        enm("xmloption", GucContext.USER, "content",
                "Sets whether XML data in implicit parsing and serialization operations is to be considered as documents or content fragments.",
                false, List.of("content", "document"));
        bool("synchronous_commit", GucContext.USER, "on", "Sets the current transaction's synchronization level.", false);
        bool("escape_string_warning", GucContext.USER, "on", "Warn about backslash escapes in ordinary string literals.", false);
        bool("row_security", GucContext.USER, "on", "Enable row security.", false);
        bool("check_function_bodies", GucContext.USER, "on", "Check routine bodies during CREATE FUNCTION and CREATE PROCEDURE.", false);
        bool("jit", GucContext.USER, "on", "Allow JIT compilation.", false);
        bool("enable_seqscan", GucContext.USER, "on", "Enables the planner's use of sequential-scan plans.", false);
        bool("enable_indexscan", GucContext.USER, "on", "Enables the planner's use of index-scan plans.", false);
        // the planner's settings (guc_tables.c, QUERY_TUNING_*); Tusk's planner reads only some of them
        enm("constraint_exclusion", GucContext.USER, "partition", "Enables the planner to use constraints to optimize queries.", false, List.of("partition", "on", "off"));
        real("cpu_index_tuple_cost", "0.005", "Sets the planner's estimate of the cost of processing each index entry during an index scan.");
        real("cpu_operator_cost", "0.0025", "Sets the planner's estimate of the cost of processing each operator or function call.");
        real("cpu_tuple_cost", "0.01", "Sets the planner's estimate of the cost of processing each tuple (row).");
        real("cursor_tuple_fraction", "0.1", "Sets the planner's estimate of the fraction of a cursor's rows that will be retrieved.");
        integer("default_statistics_target", GucContext.USER, "100", "Sets the default statistics target.", GucUnit.NONE, 1, 10000);
        integer("effective_cache_size", GucContext.USER, "4GB", "Sets the planner's assumption about the total size of the data caches.", GucUnit.BLOCKS_8KB, 1, Integer.MAX_VALUE);
        bool("enable_async_append", GucContext.USER, "on", "Enables the planner's use of async append plans.", false);
        bool("enable_bitmapscan", GucContext.USER, "on", "Enables the planner's use of bitmap-scan plans.", false);
        bool("enable_gathermerge", GucContext.USER, "on", "Enables the planner's use of gather merge plans.", false);
        bool("enable_hashagg", GucContext.USER, "on", "Enables the planner's use of hashed aggregation plans.", false);
        bool("enable_hashjoin", GucContext.USER, "on", "Enables the planner's use of hash join plans.", false);
        bool("enable_incremental_sort", GucContext.USER, "on", "Enables the planner's use of incremental sort steps.", false);
        bool("enable_indexonlyscan", GucContext.USER, "on", "Enables the planner's use of index-only-scan plans.", false);
        bool("enable_material", GucContext.USER, "on", "Enables the planner's use of materialization.", false);
        bool("enable_memoize", GucContext.USER, "on", "Enables the planner's use of memoization.", false);
        bool("enable_mergejoin", GucContext.USER, "on", "Enables the planner's use of merge join plans.", false);
        bool("enable_nestloop", GucContext.USER, "on", "Enables the planner's use of nested-loop join plans.", false);
        bool("enable_parallel_append", GucContext.USER, "on", "Enables the planner's use of parallel append plans.", false);
        bool("enable_parallel_hash", GucContext.USER, "on", "Enables the planner's use of parallel hash plans.", false);
        bool("enable_partition_pruning", GucContext.USER, "on", "Enables plan-time and execution-time partition pruning.", false);
        bool("enable_partitionwise_aggregate", GucContext.USER, "off", "Enables partitionwise aggregation and grouping.", false);
        bool("enable_partitionwise_join", GucContext.USER, "off", "Enables partitionwise join.", false);
        bool("enable_sort", GucContext.USER, "on", "Enables the planner's use of explicit sort steps.", false);
        bool("enable_tidscan", GucContext.USER, "on", "Enables the planner's use of TID scan plans.", false);
        enm("force_parallel_mode", GucContext.USER, "off", "Forces use of parallel query facilities.", false, List.of("off", "on", "regress"));
        integer("from_collapse_limit", GucContext.USER, "8", "Sets the FROM-list size beyond which subqueries are not collapsed.", GucUnit.NONE, 1, Integer.MAX_VALUE);
        bool("geqo", GucContext.USER, "on", "Enables genetic query optimization.", false);
        integer("geqo_effort", GucContext.USER, "5", "GEQO: effort is used to set the default for other GEQO parameters.", GucUnit.NONE, 1, 10);
        integer("geqo_generations", GucContext.USER, "0", "GEQO: number of iterations of the algorithm.", GucUnit.NONE, 0, Integer.MAX_VALUE);
        integer("geqo_pool_size", GucContext.USER, "0", "GEQO: number of individuals in the population.", GucUnit.NONE, 0, Integer.MAX_VALUE);
        real("geqo_seed", "0", "GEQO: seed for random path selection.");
        real("geqo_selection_bias", "2", "GEQO: selective pressure within the population.");
        real("jit_above_cost", "100000", "Perform JIT compilation if query is more expensive.");
        real("jit_inline_above_cost", "500000", "Perform JIT inlining if query is more expensive.");
        real("jit_optimize_above_cost", "500000", "Optimize JIT-compiled functions if query is more expensive.");
        integer("join_collapse_limit", GucContext.USER, "8", "Sets the FROM-list size beyond which JOIN constructs are not flattened.", GucUnit.NONE, 1, Integer.MAX_VALUE);
        integer("max_parallel_maintenance_workers", GucContext.USER, "2", "Sets the maximum number of parallel processes per maintenance operation.", GucUnit.NONE, 0, 1024);
        integer("max_parallel_workers", GucContext.USER, "8", "Sets the maximum number of parallel workers that can be active at one time.", GucUnit.NONE, 0, 1024);
        integer("max_parallel_workers_per_gather", GucContext.USER, "2", "Sets the maximum number of parallel processes per executor node.", GucUnit.NONE, 0, 1024);
        integer("min_parallel_index_scan_size", GucContext.USER, "512kB", "Sets the minimum amount of index data for a parallel scan.", GucUnit.BLOCKS_8KB, 0, 715827882);
        integer("min_parallel_table_scan_size", GucContext.USER, "8MB", "Sets the minimum amount of table data for a parallel scan.", GucUnit.BLOCKS_8KB, 0, 715827882);
        bool("parallel_leader_participation", GucContext.USER, "on", "Controls whether Gather and Gather Merge also run subplans.", false);
        real("parallel_setup_cost", "1000", "Sets the planner's estimate of the cost of starting up worker processes for parallel query.");
        real("parallel_tuple_cost", "0.1", "Sets the planner's estimate of the cost of passing each tuple (row) from worker to leader backend.");
        enm("plan_cache_mode", GucContext.USER, "auto", "Controls the planner's selection of custom or generic plan.", false, List.of("auto", "force_generic_plan", "force_custom_plan"));
        real("random_page_cost", "4", "Sets the planner's estimate of the cost of a nonsequentially fetched disk page.");
        real("recursive_worktable_factor", "10", "Sets the planner's estimate of the average size of a recursive query's working table.");
        real("seq_page_cost", "1", "Sets the planner's estimate of the cost of a sequentially fetched disk page.");
        integer("geqo_threshold", GucContext.USER, "12", "Sets the threshold of FROM items beyond which GEQO is used.",
                GucUnit.NONE, 2, Integer.MAX_VALUE);
        str("lc_messages", GucContext.SUPERUSER, "C", "Sets the language in which messages are displayed.", false, null);
        str("lc_monetary", GucContext.USER, "C", "Sets the locale for formatting monetary amounts.", false, null);
        str("lc_numeric", GucContext.USER, "C", "Sets the locale for formatting numbers.", false, null);
        str("lc_time", GucContext.USER, "C", "Sets the locale for formatting date and time values.", false, null);
        str("lc_collate", GucContext.INTERNAL, "C", "Shows the collation order locale.", false, null);
        str("lc_ctype", GucContext.INTERNAL, "C", "Shows the character classification and case conversion locale.", false, null);
        integer("max_identifier_length", GucContext.INTERNAL, "63", "Shows the maximum identifier length.", GucUnit.NONE, 63, 63);
        integer("block_size", GucContext.INTERNAL, "8192", "Shows the size of a disk block.", GucUnit.NONE, 8192, 8192);
        bool("data_checksums", GucContext.INTERNAL, "off", "Shows whether data checksums are turned on for this cluster.",
                false);
        // the background writer's (the checkpointer process reads them from the server settings)
        integer("bgwriter_delay", GucContext.SIGHUP, "200ms", "Background writer sleep time between rounds.", GucUnit.MS,
                10, 10000);
        integer("bgwriter_lru_maxpages", GucContext.SIGHUP, "100",
                "Background writer maximum number of LRU pages to flush per round.", GucUnit.NONE, 0, 1073741823);
        real("bgwriter_lru_multiplier", GucContext.SIGHUP, "2",
                "Multiple of the average buffer usage to free per round.", 0, 10);
        // preset options clients read (pgjdbc's getMaxIndexKeys / getImportedKeys ask pg_settings for max_index_keys)
        integer("max_index_keys", GucContext.INTERNAL, "32", "Shows the maximum number of index keys.", GucUnit.NONE, 32, 32);
        integer("max_function_args", GucContext.INTERNAL, "100", "Shows the maximum number of function arguments.",
                GucUnit.NONE, 100, 100);
        str("default_tablespace", GucContext.USER, "", "Sets the default tablespace to create tables and indexes in.", false, null);
        str("timezone_abbreviations", GucContext.USER, "Default", "Selects a file of time zone abbreviations.", false, null);
        enm("password_encryption", GucContext.USER, "scram-sha-256", "Chooses the algorithm for encrypting passwords.", false,
                List.of("md5", "scram-sha-256"));
        enm("backslash_quote", GucContext.USER, "safe_encoding",
                "Sets whether \"\\'\" is allowed in string literals.", false, List.of("safe_encoding", "on", "off"));
        enm("default_toast_compression", GucContext.USER, "pglz",
                "Sets the default compression method for compressible values.", false, List.of("pglz"));
    }

    private void put(GucVariable v) {
        byLowerName.put(v.name().toLowerCase(Locale.ROOT), v);
        hashed.put(v.name().toLowerCase(Locale.ROOT), v);
    }

    private void str(String name, GucContext ctx, String boot, String desc, boolean report, UnaryOperator<String> check) {
        put(new GucVariable(name, GucType.STRING, ctx, boot, desc, report, GucUnit.NONE, 0, 0, List.of(), check, false));
    }

    private void listQuoted(String name, String boot, String desc) {
        put(new GucVariable(name, GucType.STRING, GucContext.USER, boot, desc, false, GucUnit.NONE, 0, 0, List.of(), null,
                true));
    }

    private void bool(String name, GucContext ctx, String boot, String desc, boolean report) {
        put(new GucVariable(name, GucType.BOOL, ctx, boot, desc, report, GucUnit.NONE, 0, 0, List.of(), null, false));
    }

    private void enm(String name, GucContext ctx, String boot, String desc, boolean report, List<String> values) {
        put(new GucVariable(name, GucType.ENUM, ctx, boot, desc, report, GucUnit.NONE, 0, 0, values, null, false));
    }

    private void real(String name, String boot, String desc) {
        put(new GucVariable(name, GucType.REAL, GucContext.USER, boot, desc, false, GucUnit.NONE, 0, Long.MAX_VALUE,
                List.of(), null, false));
    }

    /** A real with PostgreSQL's range (whole-number limits, as the real settings Tusk knows need). */
    private void real(String name, GucContext ctx, String boot, String desc, long min, long max) {
        put(new GucVariable(name, GucType.REAL, ctx, boot, desc, false, GucUnit.NONE, min, max, List.of(), null, false));
    }

    private void integer(String name, GucContext ctx, String boot, String desc, GucUnit unit, long min, long max) {
        put(new GucVariable(name, GucType.INT, ctx, boot, desc, false, unit, min, max, List.of(), null, false));
    }

    /** The variable named {@code name} (any case), or null. "timezone" and "datestyle" resolve too. */
    public GucVariable find(String name) {
        return hashed.get(GucSettings.lowerCase(name));
    }

    /** All built-in variables, sorted case-insensitively by name as SHOW ALL lists them. */
    public Collection<GucVariable> all() {
        return byLowerName.values();
    }
}
