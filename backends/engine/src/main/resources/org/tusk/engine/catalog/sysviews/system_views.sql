-- Tusk's system views in pg_catalog, created in every database at bootstrap
-- (the counterpart of PostgreSQL's system_views.sql; written for Tusk).
-- One statement per view; SystemViews splits this file on lines ending in ';'.
-- Column names, types and order are PostgreSQL 15's, because clients read them.

CREATE VIEW pg_catalog.pg_roles AS
    SELECT a.rolname, a.rolsuper, a.rolinherit, a.rolcreaterole, a.rolcreatedb, a.rolcanlogin,
           a.rolreplication, a.rolconnlimit, '********'::text AS rolpassword, a.rolvaliduntil,
           a.rolbypassrls, s.setconfig AS rolconfig, a.oid
      FROM pg_catalog.pg_authid a
      LEFT JOIN pg_catalog.pg_db_role_setting s ON s.setrole = a.oid AND s.setdatabase = 0;

CREATE VIEW pg_catalog.pg_user AS
    SELECT rolname AS usename, oid AS usesysid, rolcreatedb AS usecreatedb, rolsuper AS usesuper,
           rolreplication AS userepl, rolbypassrls AS usebypassrls, rolpassword AS passwd,
           rolvaliduntil AS valuntil, rolconfig AS useconfig
      FROM pg_catalog.pg_roles
     WHERE rolcanlogin;

CREATE VIEW pg_catalog.pg_tables AS
    SELECT n.nspname AS schemaname, c.relname AS tablename,
           pg_catalog.pg_get_userbyid(c.relowner) AS tableowner, t.spcname AS tablespace,
           c.relhasindex AS hasindexes, c.relhasrules AS hasrules, c.relhastriggers AS hastriggers,
           c.relrowsecurity AS rowsecurity
      FROM pg_catalog.pg_class c
      LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      LEFT JOIN pg_catalog.pg_tablespace t ON t.oid = c.reltablespace
     WHERE c.relkind IN ('r', 'p');

CREATE VIEW pg_catalog.pg_views AS
    SELECT n.nspname AS schemaname, c.relname AS viewname,
           pg_catalog.pg_get_userbyid(c.relowner) AS viewowner,
           pg_catalog.pg_get_viewdef(c.oid) AS definition
      FROM pg_catalog.pg_class c
      LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind = 'v';

CREATE VIEW pg_catalog.pg_indexes AS
    SELECT n.nspname AS schemaname, c.relname AS tablename, i.relname AS indexname,
           t.spcname AS tablespace, pg_catalog.pg_get_indexdef(i.oid) AS indexdef
      FROM pg_catalog.pg_index x
      JOIN pg_catalog.pg_class c ON c.oid = x.indrelid
      JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid
      LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      LEFT JOIN pg_catalog.pg_tablespace t ON t.oid = i.reltablespace
     WHERE c.relkind IN ('r', 'm', 'p') AND i.relkind IN ('i', 'I');

CREATE VIEW pg_catalog.pg_sequences AS
    SELECT n.nspname AS schemaname, c.relname AS sequencename,
           pg_catalog.pg_get_userbyid(c.relowner) AS sequenceowner,
           s.seqtypid::pg_catalog.regtype AS data_type, s.seqstart AS start_value,
           s.seqmin AS min_value, s.seqmax AS max_value, s.seqincrement AS increment_by,
           s.seqcycle AS cycle, s.seqcache AS cache_size,
           pg_catalog.pg_sequence_last_value(c.oid) AS last_value
      FROM pg_catalog.pg_sequence s
      JOIN pg_catalog.pg_class c ON c.oid = s.seqrelid
      LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     WHERE NOT pg_catalog.pg_is_other_temp_schema(n.oid) AND c.relkind = 'S';

CREATE VIEW pg_catalog.pg_settings AS
    SELECT * FROM pg_catalog.pg_show_all_settings() AS a;

-- Tusk has no CREATE EXTENSION and no extension control files: no extension is available
CREATE VIEW pg_catalog.pg_available_extensions AS
    SELECT NULL::name AS name, NULL::text AS default_version, NULL::text AS installed_version, NULL::text AS comment
     WHERE false;

CREATE VIEW pg_catalog.pg_available_extension_versions AS
    SELECT NULL::name AS name, NULL::text AS version, NULL::boolean AS installed, NULL::boolean AS superuser, NULL::boolean AS trusted, NULL::boolean AS relocatable, NULL::name AS schema, NULL::name[] AS requires, NULL::text AS comment
     WHERE false;

CREATE VIEW pg_catalog.pg_stats AS
    SELECT n.nspname AS schemaname, c.relname AS tablename, a.attname, s.stainherit AS inherited,
           s.stanullfrac AS null_frac, s.stawidth AS avg_width, s.stadistinct AS n_distinct,
           CASE WHEN s.stakind1 = 1 THEN s.stavalues1 WHEN s.stakind2 = 1 THEN s.stavalues2 WHEN s.stakind3 = 1 THEN s.stavalues3 WHEN s.stakind4 = 1 THEN s.stavalues4 WHEN s.stakind5 = 1 THEN s.stavalues5 END AS most_common_vals,
           CASE WHEN s.stakind1 = 1 THEN s.stanumbers1 WHEN s.stakind2 = 1 THEN s.stanumbers2 WHEN s.stakind3 = 1 THEN s.stanumbers3 WHEN s.stakind4 = 1 THEN s.stanumbers4 WHEN s.stakind5 = 1 THEN s.stanumbers5 END AS most_common_freqs,
           CASE WHEN s.stakind1 = 2 THEN s.stavalues1 WHEN s.stakind2 = 2 THEN s.stavalues2 WHEN s.stakind3 = 2 THEN s.stavalues3 WHEN s.stakind4 = 2 THEN s.stavalues4 WHEN s.stakind5 = 2 THEN s.stavalues5 END AS histogram_bounds,
           CASE WHEN s.stakind1 = 3 THEN s.stanumbers1[1] WHEN s.stakind2 = 3 THEN s.stanumbers2[1] WHEN s.stakind3 = 3 THEN s.stanumbers3[1] WHEN s.stakind4 = 3 THEN s.stanumbers4[1] WHEN s.stakind5 = 3 THEN s.stanumbers5[1] END AS correlation,
           CASE WHEN s.stakind1 = 4 THEN s.stavalues1 WHEN s.stakind2 = 4 THEN s.stavalues2 WHEN s.stakind3 = 4 THEN s.stavalues3 WHEN s.stakind4 = 4 THEN s.stavalues4 WHEN s.stakind5 = 4 THEN s.stavalues5 END AS most_common_elems,
           CASE WHEN s.stakind1 = 4 THEN s.stanumbers1 WHEN s.stakind2 = 4 THEN s.stanumbers2 WHEN s.stakind3 = 4 THEN s.stanumbers3 WHEN s.stakind4 = 4 THEN s.stanumbers4 WHEN s.stakind5 = 4 THEN s.stanumbers5 END AS most_common_elem_freqs,
           CASE WHEN s.stakind1 = 5 THEN s.stanumbers1 WHEN s.stakind2 = 5 THEN s.stanumbers2 WHEN s.stakind3 = 5 THEN s.stanumbers3 WHEN s.stakind4 = 5 THEN s.stanumbers4 WHEN s.stakind5 = 5 THEN s.stanumbers5 END AS elem_count_histogram
      FROM pg_catalog.pg_statistic s
      JOIN pg_catalog.pg_class c ON c.oid = s.starelid
      JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum = s.staattnum
      LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     WHERE NOT a.attisdropped;

CREATE VIEW pg_catalog.pg_policies AS
    SELECT n.nspname AS schemaname, c.relname AS tablename, pol.polname AS policyname,
           CASE WHEN pol.polpermissive THEN 'PERMISSIVE' ELSE 'RESTRICTIVE' END AS permissive,
           CASE WHEN pol.polroles = '{0}' THEN pg_catalog.string_to_array('public', '')::name[]
                ELSE ARRAY(SELECT pg_catalog.pg_get_userbyid(r.oid) FROM pg_catalog.unnest(pol.polroles) AS r(oid)
                            ORDER BY 1) END AS roles,
           CASE pol.polcmd WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT' WHEN 'w' THEN 'UPDATE'
                WHEN 'd' THEN 'DELETE' WHEN '*' THEN 'ALL' END AS cmd,
           pg_catalog.pg_get_expr(pol.polqual, pol.polrelid) AS qual,
           pg_catalog.pg_get_expr(pol.polwithcheck, pol.polrelid) AS with_check
      FROM pg_catalog.pg_policy pol
      JOIN pg_catalog.pg_class c ON c.oid = pol.polrelid
      LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace;

CREATE VIEW pg_catalog.pg_matviews AS
    SELECT n.nspname AS schemaname, c.relname AS matviewname,
           pg_catalog.pg_get_userbyid(c.relowner) AS matviewowner, t.spcname AS tablespace,
           c.relhasindex AS hasindexes, c.relispopulated AS ispopulated,
           pg_catalog.pg_get_viewdef(c.oid) AS definition
      FROM pg_catalog.pg_class c
      LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      LEFT JOIN pg_catalog.pg_tablespace t ON t.oid = c.reltablespace
     WHERE c.relkind = 'm';

CREATE VIEW pg_catalog.pg_rules AS
    SELECT n.nspname AS schemaname, c.relname AS tablename, r.rulename,
           pg_catalog.pg_get_ruledef(r.oid) AS definition
      FROM pg_catalog.pg_rewrite r
      JOIN pg_catalog.pg_class c ON c.oid = r.ev_class
      LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     WHERE r.rulename <> '_RETURN';

-- written as PostgreSQL's pg_get_viewdef prints its definition (SELECT * FROM pg_lock_status() AS L),
-- which is what the view's stored text is while function scans are not deparsed
CREATE VIEW pg_catalog.pg_locks AS
 SELECT l.locktype,
    l.database,
    l.relation,
    l.page,
    l.tuple,
    l.virtualxid,
    l.transactionid,
    l.classid,
    l.objid,
    l.objsubid,
    l.virtualtransaction,
    l.pid,
    l.mode,
    l.granted,
    l.fastpath,
    l.waitstart
   FROM pg_lock_status() l(locktype, database, relation, page, tuple, virtualxid, transactionid, classid, objid, objsubid, virtualtransaction, pid, mode, granted, fastpath, waitstart);

-- The cumulative statistics views and pg_shadow/pg_group, as PostgreSQL 15's system_views.sql defines
-- them and written as its pg_get_viewdef(oid, true) prints them (so \d+ shows the same), over the
-- pg_stat_get_* functions (func.StatisticsFunctions: the shared per-database and per-table counters;
-- 0 for what Tusk does not count). pg_stat_all/user/sys_tables are computed relations (PgStatTables).
CREATE VIEW pg_catalog.pg_stat_database AS
 SELECT d.oid AS datid,
    d.datname,
        CASE
            WHEN d.oid = 0::oid THEN 0
            ELSE pg_stat_get_db_numbackends(d.oid)
        END AS numbackends,
    pg_stat_get_db_xact_commit(d.oid) AS xact_commit,
    pg_stat_get_db_xact_rollback(d.oid) AS xact_rollback,
    pg_stat_get_db_blocks_fetched(d.oid) - pg_stat_get_db_blocks_hit(d.oid) AS blks_read,
    pg_stat_get_db_blocks_hit(d.oid) AS blks_hit,
    pg_stat_get_db_tuples_returned(d.oid) AS tup_returned,
    pg_stat_get_db_tuples_fetched(d.oid) AS tup_fetched,
    pg_stat_get_db_tuples_inserted(d.oid) AS tup_inserted,
    pg_stat_get_db_tuples_updated(d.oid) AS tup_updated,
    pg_stat_get_db_tuples_deleted(d.oid) AS tup_deleted,
    pg_stat_get_db_conflict_all(d.oid) AS conflicts,
    pg_stat_get_db_temp_files(d.oid) AS temp_files,
    pg_stat_get_db_temp_bytes(d.oid) AS temp_bytes,
    pg_stat_get_db_deadlocks(d.oid) AS deadlocks,
    pg_stat_get_db_checksum_failures(d.oid) AS checksum_failures,
    pg_stat_get_db_checksum_last_failure(d.oid) AS checksum_last_failure,
    pg_stat_get_db_blk_read_time(d.oid) AS blk_read_time,
    pg_stat_get_db_blk_write_time(d.oid) AS blk_write_time,
    pg_stat_get_db_session_time(d.oid) AS session_time,
    pg_stat_get_db_active_time(d.oid) AS active_time,
    pg_stat_get_db_idle_in_transaction_time(d.oid) AS idle_in_transaction_time,
    pg_stat_get_db_sessions(d.oid) AS sessions,
    pg_stat_get_db_sessions_abandoned(d.oid) AS sessions_abandoned,
    pg_stat_get_db_sessions_fatal(d.oid) AS sessions_fatal,
    pg_stat_get_db_sessions_killed(d.oid) AS sessions_killed,
    pg_stat_get_db_stat_reset_time(d.oid) AS stats_reset
   FROM ( SELECT 0 AS oid,
            NULL::name AS datname
        UNION ALL
         SELECT pg_database.oid,
            pg_database.datname
           FROM pg_database) d;

CREATE VIEW pg_catalog.pg_stat_database_conflicts AS
 SELECT d.oid AS datid,
    d.datname,
    pg_stat_get_db_conflict_tablespace(d.oid) AS confl_tablespace,
    pg_stat_get_db_conflict_lock(d.oid) AS confl_lock,
    pg_stat_get_db_conflict_snapshot(d.oid) AS confl_snapshot,
    pg_stat_get_db_conflict_bufferpin(d.oid) AS confl_bufferpin,
    pg_stat_get_db_conflict_startup_deadlock(d.oid) AS confl_deadlock
   FROM pg_database d;

CREATE VIEW pg_catalog.pg_stat_all_indexes AS
 SELECT c.oid AS relid,
    i.oid AS indexrelid,
    n.nspname AS schemaname,
    c.relname,
    i.relname AS indexrelname,
    pg_stat_get_numscans(i.oid) AS idx_scan,
    pg_stat_get_tuples_returned(i.oid) AS idx_tup_read,
    pg_stat_get_tuples_fetched(i.oid) AS idx_tup_fetch
   FROM pg_class c
     JOIN pg_index x ON c.oid = x.indrelid
     JOIN pg_class i ON i.oid = x.indexrelid
     LEFT JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind = ANY (ARRAY['r'::"char", 't'::"char", 'm'::"char"]);

CREATE VIEW pg_catalog.pg_stat_sys_indexes AS
 SELECT pg_stat_all_indexes.relid,
    pg_stat_all_indexes.indexrelid,
    pg_stat_all_indexes.schemaname,
    pg_stat_all_indexes.relname,
    pg_stat_all_indexes.indexrelname,
    pg_stat_all_indexes.idx_scan,
    pg_stat_all_indexes.idx_tup_read,
    pg_stat_all_indexes.idx_tup_fetch
   FROM pg_stat_all_indexes
  WHERE (pg_stat_all_indexes.schemaname = ANY (ARRAY['pg_catalog'::name, 'information_schema'::name])) OR pg_stat_all_indexes.schemaname ~ '^pg_toast'::text;

CREATE VIEW pg_catalog.pg_stat_user_indexes AS
 SELECT pg_stat_all_indexes.relid,
    pg_stat_all_indexes.indexrelid,
    pg_stat_all_indexes.schemaname,
    pg_stat_all_indexes.relname,
    pg_stat_all_indexes.indexrelname,
    pg_stat_all_indexes.idx_scan,
    pg_stat_all_indexes.idx_tup_read,
    pg_stat_all_indexes.idx_tup_fetch
   FROM pg_stat_all_indexes
  WHERE (pg_stat_all_indexes.schemaname <> ALL (ARRAY['pg_catalog'::name, 'information_schema'::name])) AND pg_stat_all_indexes.schemaname !~ '^pg_toast'::text;

CREATE VIEW pg_catalog.pg_statio_all_tables AS
 SELECT c.oid AS relid,
    n.nspname AS schemaname,
    c.relname,
    pg_stat_get_blocks_fetched(c.oid) - pg_stat_get_blocks_hit(c.oid) AS heap_blks_read,
    pg_stat_get_blocks_hit(c.oid) AS heap_blks_hit,
    i.idx_blks_read,
    i.idx_blks_hit,
    pg_stat_get_blocks_fetched(t.oid) - pg_stat_get_blocks_hit(t.oid) AS toast_blks_read,
    pg_stat_get_blocks_hit(t.oid) AS toast_blks_hit,
    x.idx_blks_read AS tidx_blks_read,
    x.idx_blks_hit AS tidx_blks_hit
   FROM pg_class c
     LEFT JOIN pg_class t ON c.reltoastrelid = t.oid
     LEFT JOIN pg_namespace n ON n.oid = c.relnamespace
     LEFT JOIN LATERAL ( SELECT sum(pg_stat_get_blocks_fetched(pg_index.indexrelid) - pg_stat_get_blocks_hit(pg_index.indexrelid))::bigint AS idx_blks_read,
            sum(pg_stat_get_blocks_hit(pg_index.indexrelid))::bigint AS idx_blks_hit
           FROM pg_index
          WHERE pg_index.indrelid = c.oid) i ON true
     LEFT JOIN LATERAL ( SELECT sum(pg_stat_get_blocks_fetched(pg_index.indexrelid) - pg_stat_get_blocks_hit(pg_index.indexrelid))::bigint AS idx_blks_read,
            sum(pg_stat_get_blocks_hit(pg_index.indexrelid))::bigint AS idx_blks_hit
           FROM pg_index
          WHERE pg_index.indrelid = t.oid) x ON true
  WHERE c.relkind = ANY (ARRAY['r'::"char", 't'::"char", 'm'::"char"]);

CREATE VIEW pg_catalog.pg_statio_sys_tables AS
 SELECT pg_statio_all_tables.relid,
    pg_statio_all_tables.schemaname,
    pg_statio_all_tables.relname,
    pg_statio_all_tables.heap_blks_read,
    pg_statio_all_tables.heap_blks_hit,
    pg_statio_all_tables.idx_blks_read,
    pg_statio_all_tables.idx_blks_hit,
    pg_statio_all_tables.toast_blks_read,
    pg_statio_all_tables.toast_blks_hit,
    pg_statio_all_tables.tidx_blks_read,
    pg_statio_all_tables.tidx_blks_hit
   FROM pg_statio_all_tables
  WHERE (pg_statio_all_tables.schemaname = ANY (ARRAY['pg_catalog'::name, 'information_schema'::name])) OR pg_statio_all_tables.schemaname ~ '^pg_toast'::text;

CREATE VIEW pg_catalog.pg_statio_user_tables AS
 SELECT pg_statio_all_tables.relid,
    pg_statio_all_tables.schemaname,
    pg_statio_all_tables.relname,
    pg_statio_all_tables.heap_blks_read,
    pg_statio_all_tables.heap_blks_hit,
    pg_statio_all_tables.idx_blks_read,
    pg_statio_all_tables.idx_blks_hit,
    pg_statio_all_tables.toast_blks_read,
    pg_statio_all_tables.toast_blks_hit,
    pg_statio_all_tables.tidx_blks_read,
    pg_statio_all_tables.tidx_blks_hit
   FROM pg_statio_all_tables
  WHERE (pg_statio_all_tables.schemaname <> ALL (ARRAY['pg_catalog'::name, 'information_schema'::name])) AND pg_statio_all_tables.schemaname !~ '^pg_toast'::text;

CREATE VIEW pg_catalog.pg_statio_all_indexes AS
 SELECT c.oid AS relid,
    i.oid AS indexrelid,
    n.nspname AS schemaname,
    c.relname,
    i.relname AS indexrelname,
    pg_stat_get_blocks_fetched(i.oid) - pg_stat_get_blocks_hit(i.oid) AS idx_blks_read,
    pg_stat_get_blocks_hit(i.oid) AS idx_blks_hit
   FROM pg_class c
     JOIN pg_index x ON c.oid = x.indrelid
     JOIN pg_class i ON i.oid = x.indexrelid
     LEFT JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind = ANY (ARRAY['r'::"char", 't'::"char", 'm'::"char"]);

CREATE VIEW pg_catalog.pg_statio_sys_indexes AS
 SELECT pg_statio_all_indexes.relid,
    pg_statio_all_indexes.indexrelid,
    pg_statio_all_indexes.schemaname,
    pg_statio_all_indexes.relname,
    pg_statio_all_indexes.indexrelname,
    pg_statio_all_indexes.idx_blks_read,
    pg_statio_all_indexes.idx_blks_hit
   FROM pg_statio_all_indexes
  WHERE (pg_statio_all_indexes.schemaname = ANY (ARRAY['pg_catalog'::name, 'information_schema'::name])) OR pg_statio_all_indexes.schemaname ~ '^pg_toast'::text;

CREATE VIEW pg_catalog.pg_statio_user_indexes AS
 SELECT pg_statio_all_indexes.relid,
    pg_statio_all_indexes.indexrelid,
    pg_statio_all_indexes.schemaname,
    pg_statio_all_indexes.relname,
    pg_statio_all_indexes.indexrelname,
    pg_statio_all_indexes.idx_blks_read,
    pg_statio_all_indexes.idx_blks_hit
   FROM pg_statio_all_indexes
  WHERE (pg_statio_all_indexes.schemaname <> ALL (ARRAY['pg_catalog'::name, 'information_schema'::name])) AND pg_statio_all_indexes.schemaname !~ '^pg_toast'::text;

CREATE VIEW pg_catalog.pg_statio_all_sequences AS
 SELECT c.oid AS relid,
    n.nspname AS schemaname,
    c.relname,
    pg_stat_get_blocks_fetched(c.oid) - pg_stat_get_blocks_hit(c.oid) AS blks_read,
    pg_stat_get_blocks_hit(c.oid) AS blks_hit
   FROM pg_class c
     LEFT JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind = 'S'::"char";

CREATE VIEW pg_catalog.pg_statio_sys_sequences AS
 SELECT pg_statio_all_sequences.relid,
    pg_statio_all_sequences.schemaname,
    pg_statio_all_sequences.relname,
    pg_statio_all_sequences.blks_read,
    pg_statio_all_sequences.blks_hit
   FROM pg_statio_all_sequences
  WHERE (pg_statio_all_sequences.schemaname = ANY (ARRAY['pg_catalog'::name, 'information_schema'::name])) OR pg_statio_all_sequences.schemaname ~ '^pg_toast'::text;

CREATE VIEW pg_catalog.pg_statio_user_sequences AS
 SELECT pg_statio_all_sequences.relid,
    pg_statio_all_sequences.schemaname,
    pg_statio_all_sequences.relname,
    pg_statio_all_sequences.blks_read,
    pg_statio_all_sequences.blks_hit
   FROM pg_statio_all_sequences
  WHERE (pg_statio_all_sequences.schemaname <> ALL (ARRAY['pg_catalog'::name, 'information_schema'::name])) AND pg_statio_all_sequences.schemaname !~ '^pg_toast'::text;

CREATE VIEW pg_catalog.pg_stat_xact_all_tables AS
 SELECT c.oid AS relid,
    n.nspname AS schemaname,
    c.relname,
    pg_stat_get_xact_numscans(c.oid) AS seq_scan,
    pg_stat_get_xact_tuples_returned(c.oid) AS seq_tup_read,
    sum(pg_stat_get_xact_numscans(i.indexrelid))::bigint AS idx_scan,
    sum(pg_stat_get_xact_tuples_fetched(i.indexrelid))::bigint + pg_stat_get_xact_tuples_fetched(c.oid) AS idx_tup_fetch,
    pg_stat_get_xact_tuples_inserted(c.oid) AS n_tup_ins,
    pg_stat_get_xact_tuples_updated(c.oid) AS n_tup_upd,
    pg_stat_get_xact_tuples_deleted(c.oid) AS n_tup_del,
    pg_stat_get_xact_tuples_hot_updated(c.oid) AS n_tup_hot_upd
   FROM pg_class c
     LEFT JOIN pg_index i ON c.oid = i.indrelid
     LEFT JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind = ANY (ARRAY['r'::"char", 't'::"char", 'm'::"char", 'p'::"char"])
  GROUP BY c.oid, n.nspname, c.relname;

CREATE VIEW pg_catalog.pg_stat_xact_sys_tables AS
 SELECT pg_stat_xact_all_tables.relid,
    pg_stat_xact_all_tables.schemaname,
    pg_stat_xact_all_tables.relname,
    pg_stat_xact_all_tables.seq_scan,
    pg_stat_xact_all_tables.seq_tup_read,
    pg_stat_xact_all_tables.idx_scan,
    pg_stat_xact_all_tables.idx_tup_fetch,
    pg_stat_xact_all_tables.n_tup_ins,
    pg_stat_xact_all_tables.n_tup_upd,
    pg_stat_xact_all_tables.n_tup_del,
    pg_stat_xact_all_tables.n_tup_hot_upd
   FROM pg_stat_xact_all_tables
  WHERE (pg_stat_xact_all_tables.schemaname = ANY (ARRAY['pg_catalog'::name, 'information_schema'::name])) OR pg_stat_xact_all_tables.schemaname ~ '^pg_toast'::text;

CREATE VIEW pg_catalog.pg_stat_xact_user_tables AS
 SELECT pg_stat_xact_all_tables.relid,
    pg_stat_xact_all_tables.schemaname,
    pg_stat_xact_all_tables.relname,
    pg_stat_xact_all_tables.seq_scan,
    pg_stat_xact_all_tables.seq_tup_read,
    pg_stat_xact_all_tables.idx_scan,
    pg_stat_xact_all_tables.idx_tup_fetch,
    pg_stat_xact_all_tables.n_tup_ins,
    pg_stat_xact_all_tables.n_tup_upd,
    pg_stat_xact_all_tables.n_tup_del,
    pg_stat_xact_all_tables.n_tup_hot_upd
   FROM pg_stat_xact_all_tables
  WHERE (pg_stat_xact_all_tables.schemaname <> ALL (ARRAY['pg_catalog'::name, 'information_schema'::name])) AND pg_stat_xact_all_tables.schemaname !~ '^pg_toast'::text;

CREATE VIEW pg_catalog.pg_stat_user_functions AS
 SELECT p.oid AS funcid,
    n.nspname AS schemaname,
    p.proname AS funcname,
    pg_stat_get_function_calls(p.oid) AS calls,
    pg_stat_get_function_total_time(p.oid) AS total_time,
    pg_stat_get_function_self_time(p.oid) AS self_time
   FROM pg_proc p
     LEFT JOIN pg_namespace n ON n.oid = p.pronamespace
  WHERE p.prolang <> 12::oid AND pg_stat_get_function_calls(p.oid) IS NOT NULL;

CREATE VIEW pg_catalog.pg_stat_xact_user_functions AS
 SELECT p.oid AS funcid,
    n.nspname AS schemaname,
    p.proname AS funcname,
    pg_stat_get_xact_function_calls(p.oid) AS calls,
    pg_stat_get_xact_function_total_time(p.oid) AS total_time,
    pg_stat_get_xact_function_self_time(p.oid) AS self_time
   FROM pg_proc p
     LEFT JOIN pg_namespace n ON n.oid = p.pronamespace
  WHERE p.prolang <> 12::oid AND pg_stat_get_xact_function_calls(p.oid) IS NOT NULL;

CREATE VIEW pg_catalog.pg_shadow AS
 SELECT pg_authid.rolname AS usename,
    pg_authid.oid AS usesysid,
    pg_authid.rolcreatedb AS usecreatedb,
    pg_authid.rolsuper AS usesuper,
    pg_authid.rolreplication AS userepl,
    pg_authid.rolbypassrls AS usebypassrls,
    pg_authid.rolpassword AS passwd,
    pg_authid.rolvaliduntil AS valuntil,
    s.setconfig AS useconfig
   FROM pg_authid
     LEFT JOIN pg_db_role_setting s ON pg_authid.oid = s.setrole AND s.setdatabase = 0::oid
  WHERE pg_authid.rolcanlogin;

CREATE VIEW pg_catalog.pg_group AS
 SELECT pg_authid.rolname AS groname,
    pg_authid.oid AS grosysid,
    ARRAY( SELECT pg_auth_members.member
           FROM pg_auth_members
          WHERE pg_auth_members.roleid = pg_authid.oid) AS grolist
   FROM pg_authid
  WHERE NOT pg_authid.rolcanlogin;

-- Tusk archives no WAL: nothing archived or failed (stats_reset NULL: no start time of the statistics is kept)
CREATE VIEW pg_catalog.pg_stat_archiver AS
    SELECT 0::bigint AS archived_count, NULL::text AS last_archived_wal,
           NULL::timestamptz AS last_archived_time, 0::bigint AS failed_count, NULL::text AS last_failed_wal,
           NULL::timestamptz AS last_failed_time, NULL::timestamptz AS stats_reset;

-- PostgreSQL's SLRU caches by name; Tusk counts no SLRU accesses
CREATE VIEW pg_catalog.pg_stat_slru AS
    SELECT s.name, 0::bigint AS blks_zeroed, 0::bigint AS blks_hit, 0::bigint AS blks_read,
           0::bigint AS blks_written, 0::bigint AS blks_exists, 0::bigint AS flushes, 0::bigint AS truncates,
           NULL::timestamptz AS stats_reset
      FROM (VALUES ('CommitTs'::text), ('MultiXactMember'), ('MultiXactOffset'), ('Notify'), ('Serial'),
                   ('Subtrans'), ('Xact'), ('other')) AS s(name);

-- No command publishes its progress yet, and there is no replication, no logical subscription and no
-- two-phase commit: these views have PostgreSQL 15's columns and no rows
CREATE VIEW pg_catalog.pg_stat_progress_vacuum AS
    SELECT NULL::integer AS pid, NULL::oid AS datid, NULL::name AS datname, NULL::oid AS relid, NULL::text AS phase, NULL::bigint AS heap_blks_total, NULL::bigint AS heap_blks_scanned, NULL::bigint AS heap_blks_vacuumed, NULL::bigint AS index_vacuum_count, NULL::bigint AS max_dead_tuples, NULL::bigint AS num_dead_tuples
     WHERE false;

CREATE VIEW pg_catalog.pg_stat_progress_analyze AS
    SELECT NULL::integer AS pid, NULL::oid AS datid, NULL::name AS datname, NULL::oid AS relid, NULL::text AS phase, NULL::bigint AS sample_blks_total, NULL::bigint AS sample_blks_scanned, NULL::bigint AS ext_stats_total, NULL::bigint AS ext_stats_computed, NULL::bigint AS child_tables_total, NULL::bigint AS child_tables_done, NULL::oid AS current_child_table_relid
     WHERE false;

CREATE VIEW pg_catalog.pg_stat_progress_create_index AS
    SELECT NULL::integer AS pid, NULL::oid AS datid, NULL::name AS datname, NULL::oid AS relid, NULL::oid AS index_relid, NULL::text AS command, NULL::text AS phase, NULL::bigint AS lockers_total, NULL::bigint AS lockers_done, NULL::bigint AS current_locker_pid, NULL::bigint AS blocks_total, NULL::bigint AS blocks_done, NULL::bigint AS tuples_total, NULL::bigint AS tuples_done, NULL::bigint AS partitions_total, NULL::bigint AS partitions_done
     WHERE false;

CREATE VIEW pg_catalog.pg_stat_progress_cluster AS
    SELECT NULL::integer AS pid, NULL::oid AS datid, NULL::name AS datname, NULL::oid AS relid, NULL::text AS command, NULL::text AS phase, NULL::oid AS cluster_index_relid, NULL::bigint AS heap_tuples_scanned, NULL::bigint AS heap_tuples_written, NULL::bigint AS heap_blks_total, NULL::bigint AS heap_blks_scanned, NULL::bigint AS index_rebuild_count
     WHERE false;

CREATE VIEW pg_catalog.pg_stat_progress_copy AS
    SELECT NULL::integer AS pid, NULL::oid AS datid, NULL::name AS datname, NULL::oid AS relid, NULL::text AS command, NULL::text AS type, NULL::bigint AS bytes_processed, NULL::bigint AS bytes_total, NULL::bigint AS tuples_processed, NULL::bigint AS tuples_excluded
     WHERE false;

CREATE VIEW pg_catalog.pg_stat_progress_basebackup AS
    SELECT NULL::integer AS pid, NULL::text AS phase, NULL::bigint AS backup_total, NULL::bigint AS backup_streamed, NULL::bigint AS tablespaces_total, NULL::bigint AS tablespaces_streamed
     WHERE false;

CREATE VIEW pg_catalog.pg_stat_replication AS
    SELECT NULL::integer AS pid, NULL::oid AS usesysid, NULL::name AS usename, NULL::text AS application_name, NULL::inet AS client_addr, NULL::text AS client_hostname, NULL::integer AS client_port, NULL::timestamp with time zone AS backend_start, NULL::xid AS backend_xmin, NULL::text AS state, NULL::pg_lsn AS sent_lsn, NULL::pg_lsn AS write_lsn, NULL::pg_lsn AS flush_lsn, NULL::pg_lsn AS replay_lsn, NULL::interval AS write_lag, NULL::interval AS flush_lag, NULL::interval AS replay_lag, NULL::integer AS sync_priority, NULL::text AS sync_state, NULL::timestamp with time zone AS reply_time
     WHERE false;

CREATE VIEW pg_catalog.pg_stat_wal_receiver AS
    SELECT NULL::integer AS pid, NULL::text AS status, NULL::pg_lsn AS receive_start_lsn, NULL::integer AS receive_start_tli, NULL::pg_lsn AS written_lsn, NULL::pg_lsn AS flushed_lsn, NULL::integer AS received_tli, NULL::timestamp with time zone AS last_msg_send_time, NULL::timestamp with time zone AS last_msg_receipt_time, NULL::pg_lsn AS latest_end_lsn, NULL::timestamp with time zone AS latest_end_time, NULL::text AS slot_name, NULL::text AS sender_host, NULL::integer AS sender_port, NULL::text AS conninfo
     WHERE false;

CREATE VIEW pg_catalog.pg_replication_slots AS
    SELECT NULL::name AS slot_name, NULL::name AS plugin, NULL::text AS slot_type, NULL::oid AS datoid, NULL::name AS database, NULL::boolean AS temporary, NULL::boolean AS active, NULL::integer AS active_pid, NULL::xid AS xmin, NULL::xid AS catalog_xmin, NULL::pg_lsn AS restart_lsn, NULL::pg_lsn AS confirmed_flush_lsn, NULL::text AS wal_status, NULL::bigint AS safe_wal_size, NULL::boolean AS two_phase
     WHERE false;

CREATE VIEW pg_catalog.pg_stat_replication_slots AS
    SELECT NULL::text AS slot_name, NULL::bigint AS spill_txns, NULL::bigint AS spill_count, NULL::bigint AS spill_bytes, NULL::bigint AS stream_txns, NULL::bigint AS stream_count, NULL::bigint AS stream_bytes, NULL::bigint AS total_txns, NULL::bigint AS total_bytes, NULL::timestamp with time zone AS stats_reset
     WHERE false;

CREATE VIEW pg_catalog.pg_stat_subscription AS
    SELECT NULL::oid AS subid, NULL::name AS subname, NULL::integer AS pid, NULL::oid AS relid, NULL::pg_lsn AS received_lsn, NULL::timestamp with time zone AS last_msg_send_time, NULL::timestamp with time zone AS last_msg_receipt_time, NULL::pg_lsn AS latest_end_lsn, NULL::timestamp with time zone AS latest_end_time
     WHERE false;

CREATE VIEW pg_catalog.pg_stat_subscription_stats AS
    SELECT NULL::oid AS subid, NULL::name AS subname, NULL::bigint AS apply_error_count, NULL::bigint AS sync_error_count, NULL::timestamp with time zone AS stats_reset
     WHERE false;

CREATE VIEW pg_catalog.pg_prepared_xacts AS
    SELECT NULL::xid AS transaction, NULL::text AS gid, NULL::timestamp with time zone AS prepared, NULL::name AS owner, NULL::name AS database
     WHERE false;
