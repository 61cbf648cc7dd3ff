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

CREATE VIEW pg_catalog.pg_available_extensions AS
    SELECT e.name, e.default_version, x.extversion AS installed_version, e.comment
      FROM pg_catalog.pg_available_extensions() AS e(name, default_version, comment)
      LEFT JOIN pg_catalog.pg_extension x ON e.name = x.extname;

CREATE VIEW pg_catalog.pg_stat_user_tables AS
    SELECT c.oid AS relid, n.nspname AS schemaname, c.relname,
           0::bigint AS seq_scan, 0::bigint AS seq_tup_read, 0::bigint AS idx_scan,
           0::bigint AS idx_tup_fetch, 0::bigint AS n_tup_ins, 0::bigint AS n_tup_upd,
           0::bigint AS n_tup_del, 0::bigint AS n_tup_hot_upd, 0::bigint AS n_live_tup,
           0::bigint AS n_dead_tup, 0::bigint AS n_mod_since_analyze, 0::bigint AS n_ins_since_vacuum,
           NULL::timestamptz AS last_vacuum, NULL::timestamptz AS last_autovacuum,
           NULL::timestamptz AS last_analyze, NULL::timestamptz AS last_autoanalyze,
           0::bigint AS vacuum_count, 0::bigint AS autovacuum_count, 0::bigint AS analyze_count,
           0::bigint AS autoanalyze_count
      FROM pg_catalog.pg_class c
      LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind IN ('r', 't', 'm', 'p')
       AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_toast';

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
