-- Tusk's information_schema (SQL standard part 11), created in every database at
-- bootstrap after system_views.sql; written for Tusk. The domains are PostgreSQL's;
-- each view has PostgreSQL 15's columns in PostgreSQL's order (unsupported features
-- give NULL), restricted to what the current user may see as PostgreSQL does.

CREATE SCHEMA information_schema;

CREATE DOMAIN information_schema.cardinal_number AS integer
    CONSTRAINT cardinal_number_domain_check CHECK (VALUE >= 0);

CREATE DOMAIN information_schema.character_data AS character varying COLLATE "C";

CREATE DOMAIN information_schema.sql_identifier AS name;

CREATE DOMAIN information_schema.time_stamp AS timestamp(2) with time zone
    DEFAULT current_timestamp(2);

CREATE DOMAIN information_schema.yes_or_no AS character varying(3) COLLATE "C"
    CONSTRAINT yes_or_no_check CHECK (VALUE IN ('YES', 'NO'));

-- an array with each element's 1-based position (pgjdbc reads index and key columns with it);
-- not run at bootstrap yet (no CREATE FUNCTION there), so key_column_usage does without it
CREATE FUNCTION information_schema._pg_expandarray(IN anyarray, OUT x anyelement, OUT n integer)
    RETURNS SETOF record LANGUAGE sql STRICT IMMUTABLE PARALLEL SAFE
    AS 'SELECT e.x, e.n::integer FROM pg_catalog.unnest($1) WITH ORDINALITY AS e(x, n)';

CREATE VIEW information_schema.information_schema_catalog_name AS
    SELECT current_database()::information_schema.sql_identifier AS catalog_name;

CREATE VIEW information_schema.schemata AS
    SELECT current_database()::information_schema.sql_identifier AS catalog_name,
           n.nspname::information_schema.sql_identifier AS schema_name,
           pg_catalog.pg_get_userbyid(n.nspowner)::information_schema.sql_identifier AS schema_owner,
           NULL::information_schema.sql_identifier AS default_character_set_catalog,
           NULL::information_schema.sql_identifier AS default_character_set_schema,
           NULL::information_schema.sql_identifier AS default_character_set_name,
           NULL::information_schema.character_data AS sql_path
      FROM pg_catalog.pg_namespace n
     WHERE pg_catalog.pg_has_role(n.nspowner, 'USAGE')
        OR pg_catalog.has_schema_privilege(n.oid, 'CREATE, USAGE');

CREATE VIEW information_schema.tables AS
    SELECT current_database()::information_schema.sql_identifier AS table_catalog,
           n.nspname::information_schema.sql_identifier AS table_schema,
           c.relname::information_schema.sql_identifier AS table_name,
           (CASE WHEN n.oid = pg_catalog.pg_my_temp_schema() THEN 'LOCAL TEMPORARY'
                 WHEN c.relkind IN ('r', 'p') THEN 'BASE TABLE'
                 WHEN c.relkind = 'v' THEN 'VIEW'
                 WHEN c.relkind = 'f' THEN 'FOREIGN'
                 ELSE NULL END)::information_schema.character_data AS table_type,
           NULL::information_schema.sql_identifier AS self_referencing_column_name,
           NULL::information_schema.character_data AS reference_generation,
           NULL::information_schema.sql_identifier AS user_defined_type_catalog,
           NULL::information_schema.sql_identifier AS user_defined_type_schema,
           NULL::information_schema.sql_identifier AS user_defined_type_name,
           (CASE WHEN c.relkind IN ('r', 'p') THEN 'YES' ELSE 'NO' END)::information_schema.yes_or_no
               AS is_insertable_into,
           'NO'::information_schema.yes_or_no AS is_typed,
           NULL::information_schema.character_data AS commit_action
      FROM pg_catalog.pg_namespace n
      JOIN pg_catalog.pg_class c ON n.oid = c.relnamespace
     WHERE c.relkind IN ('r', 'v', 'f', 'p')
       AND NOT pg_catalog.pg_is_other_temp_schema(n.oid)
       AND (pg_catalog.pg_has_role(c.relowner, 'USAGE')
            OR pg_catalog.has_table_privilege(c.oid, 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER'));

CREATE VIEW information_schema.views AS
    SELECT current_database()::information_schema.sql_identifier AS table_catalog,
           n.nspname::information_schema.sql_identifier AS table_schema,
           c.relname::information_schema.sql_identifier AS table_name,
           (CASE WHEN pg_catalog.pg_has_role(c.relowner, 'USAGE') THEN pg_catalog.pg_get_viewdef(c.oid)
                 ELSE NULL END)::information_schema.character_data AS view_definition,
           'NONE'::information_schema.character_data AS check_option,
           'NO'::information_schema.yes_or_no AS is_updatable,
           'NO'::information_schema.yes_or_no AS is_insertable_into,
           'NO'::information_schema.yes_or_no AS is_trigger_updatable,
           'NO'::information_schema.yes_or_no AS is_trigger_deletable,
           'NO'::information_schema.yes_or_no AS is_trigger_insertable_into
      FROM pg_catalog.pg_namespace n
      JOIN pg_catalog.pg_class c ON n.oid = c.relnamespace
     WHERE c.relkind = 'v'
       AND NOT pg_catalog.pg_is_other_temp_schema(n.oid)
       AND (pg_catalog.pg_has_role(c.relowner, 'USAGE')
            OR pg_catalog.has_table_privilege(c.oid, 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER'));

CREATE VIEW information_schema.columns AS
    SELECT current_database()::information_schema.sql_identifier AS table_catalog,
           n.nspname::information_schema.sql_identifier AS table_schema,
           c.relname::information_schema.sql_identifier AS table_name,
           a.attname::information_schema.sql_identifier AS column_name,
           a.attnum::information_schema.cardinal_number AS ordinal_position,
           (CASE WHEN a.attgenerated = '' THEN pg_catalog.pg_get_expr(ad.adbin, ad.adrelid)
                 ELSE NULL END)::information_schema.character_data AS column_default,
           (CASE WHEN a.attnotnull OR (t.typtype = 'd' AND t.typnotnull) THEN 'NO'
                 ELSE 'YES' END)::information_schema.yes_or_no AS is_nullable,
           (CASE WHEN t.typtype = 'd' THEN
                      CASE WHEN bt.typelem <> 0 AND bt.typlen = -1 THEN 'ARRAY'
                           WHEN bt.typnamespace = 11 THEN pg_catalog.format_type(t.typbasetype, NULL)
                           ELSE 'USER-DEFINED' END
                 ELSE
                      CASE WHEN t.typelem <> 0 AND t.typlen = -1 THEN 'ARRAY'
                           WHEN t.typnamespace = 11 THEN pg_catalog.format_type(a.atttypid, NULL)
                           ELSE 'USER-DEFINED' END
            END)::information_schema.character_data AS data_type,
           (CASE WHEN a.atttypid IN (1042, 1043) AND a.atttypmod <> -1 THEN a.atttypmod - 4
                 WHEN a.atttypid IN (1560, 1562) AND a.atttypmod <> -1 THEN a.atttypmod
                 ELSE NULL END)::information_schema.cardinal_number AS character_maximum_length,
           (CASE WHEN a.atttypid IN (25, 1042, 1043) THEN
                      CASE WHEN a.atttypmod = -1 THEN 1073741824
                           ELSE (a.atttypmod - 4) * pg_catalog.pg_encoding_max_length(
                                    (SELECT encoding FROM pg_catalog.pg_database WHERE datname = current_database()))
                      END
                 ELSE NULL END)::information_schema.cardinal_number AS character_octet_length,
           (CASE a.atttypid WHEN 21 THEN 16 WHEN 23 THEN 32 WHEN 20 THEN 64 WHEN 700 THEN 24 WHEN 701 THEN 53
                 WHEN 1700 THEN CASE WHEN a.atttypmod = -1 THEN NULL
                                     ELSE ((a.atttypmod - 4) >> 16) & 65535 END
                 ELSE NULL END)::information_schema.cardinal_number AS numeric_precision,
           (CASE WHEN a.atttypid IN (21, 23, 20, 700, 701) THEN 2
                 WHEN a.atttypid = 1700 THEN 10
                 ELSE NULL END)::information_schema.cardinal_number AS numeric_precision_radix,
           (CASE WHEN a.atttypid IN (21, 23, 20) THEN 0
                 WHEN a.atttypid = 1700 THEN CASE WHEN a.atttypmod = -1 THEN NULL
                                                  ELSE (a.atttypmod - 4) & 65535 END
                 ELSE NULL END)::information_schema.cardinal_number AS numeric_scale,
           (CASE WHEN a.atttypid = 1082 THEN 0
                 WHEN a.atttypid IN (1083, 1114, 1184, 1266) THEN
                      CASE WHEN a.atttypmod < 0 THEN 6 ELSE a.atttypmod END
                 WHEN a.atttypid = 1186 THEN
                      CASE WHEN a.atttypmod < 0 OR a.atttypmod & 65535 = 65535 THEN 6 ELSE a.atttypmod & 65535 END
                 ELSE NULL END)::information_schema.cardinal_number AS datetime_precision,
           NULL::information_schema.character_data AS interval_type,
           NULL::information_schema.cardinal_number AS interval_precision,
           NULL::information_schema.sql_identifier AS character_set_catalog,
           NULL::information_schema.sql_identifier AS character_set_schema,
           NULL::information_schema.sql_identifier AS character_set_name,
           (CASE WHEN co.collname IS NOT NULL AND co.collname <> 'default' THEN current_database()
                 ELSE NULL END)::information_schema.sql_identifier AS collation_catalog,
           (CASE WHEN co.collname IS NOT NULL AND co.collname <> 'default' THEN nco.nspname
                 ELSE NULL END)::information_schema.sql_identifier AS collation_schema,
           (CASE WHEN co.collname IS NOT NULL AND co.collname <> 'default' THEN co.collname
                 ELSE NULL END)::information_schema.sql_identifier AS collation_name,
           (CASE WHEN t.typtype = 'd' THEN current_database() ELSE NULL END)::information_schema.sql_identifier
               AS domain_catalog,
           (CASE WHEN t.typtype = 'd' THEN nt.nspname ELSE NULL END)::information_schema.sql_identifier
               AS domain_schema,
           (CASE WHEN t.typtype = 'd' THEN t.typname ELSE NULL END)::information_schema.sql_identifier
               AS domain_name,
           current_database()::information_schema.sql_identifier AS udt_catalog,
           coalesce(nbt.nspname, nt.nspname)::information_schema.sql_identifier AS udt_schema,
           coalesce(bt.typname, t.typname)::information_schema.sql_identifier AS udt_name,
           NULL::information_schema.sql_identifier AS scope_catalog,
           NULL::information_schema.sql_identifier AS scope_schema,
           NULL::information_schema.sql_identifier AS scope_name,
           NULL::information_schema.cardinal_number AS maximum_cardinality,
           a.attnum::information_schema.sql_identifier AS dtd_identifier,
           'NO'::information_schema.yes_or_no AS is_self_referencing,
           (CASE WHEN a.attidentity IN ('a', 'd') THEN 'YES' ELSE 'NO' END)::information_schema.yes_or_no
               AS is_identity,
           (CASE a.attidentity WHEN 'a' THEN 'ALWAYS' WHEN 'd' THEN 'BY DEFAULT'
                 END)::information_schema.character_data AS identity_generation,
           NULL::information_schema.character_data AS identity_start,
           NULL::information_schema.character_data AS identity_increment,
           NULL::information_schema.character_data AS identity_maximum,
           NULL::information_schema.character_data AS identity_minimum,
           'NO'::information_schema.yes_or_no AS identity_cycle,
           (CASE WHEN a.attgenerated <> '' THEN 'ALWAYS' ELSE 'NEVER' END)::information_schema.character_data
               AS is_generated,
           (CASE WHEN a.attgenerated <> '' THEN pg_catalog.pg_get_expr(ad.adbin, ad.adrelid)
                 END)::information_schema.character_data AS generation_expression,
           (CASE WHEN c.relkind IN ('r', 'p') THEN 'YES' ELSE 'NO' END)::information_schema.yes_or_no
               AS is_updatable
      FROM pg_catalog.pg_attribute a
      LEFT JOIN pg_catalog.pg_attrdef ad ON a.attrelid = ad.adrelid AND a.attnum = ad.adnum
      JOIN pg_catalog.pg_class c ON a.attrelid = c.oid
      JOIN pg_catalog.pg_namespace n ON c.relnamespace = n.oid
      JOIN pg_catalog.pg_type t ON a.atttypid = t.oid
      JOIN pg_catalog.pg_namespace nt ON t.typnamespace = nt.oid
      LEFT JOIN pg_catalog.pg_type bt ON t.typtype = 'd' AND t.typbasetype = bt.oid
      LEFT JOIN pg_catalog.pg_namespace nbt ON bt.typnamespace = nbt.oid
      LEFT JOIN pg_catalog.pg_collation co ON a.attcollation = co.oid
      LEFT JOIN pg_catalog.pg_namespace nco ON co.collnamespace = nco.oid
     WHERE a.attnum > 0 AND NOT a.attisdropped
       AND c.relkind IN ('r', 'v', 'f', 'p')
       AND NOT pg_catalog.pg_is_other_temp_schema(n.oid)
       AND (pg_catalog.pg_has_role(c.relowner, 'USAGE')
            OR pg_catalog.has_column_privilege(c.oid, a.attnum, 'SELECT, INSERT, UPDATE, REFERENCES'));

CREATE VIEW information_schema.table_constraints AS
    SELECT current_database()::information_schema.sql_identifier AS constraint_catalog,
           nc.nspname::information_schema.sql_identifier AS constraint_schema,
           con.conname::information_schema.sql_identifier AS constraint_name,
           current_database()::information_schema.sql_identifier AS table_catalog,
           nr.nspname::information_schema.sql_identifier AS table_schema,
           r.relname::information_schema.sql_identifier AS table_name,
           (CASE con.contype WHEN 'c' THEN 'CHECK' WHEN 'f' THEN 'FOREIGN KEY' WHEN 'p' THEN 'PRIMARY KEY'
                 WHEN 'u' THEN 'UNIQUE' END)::information_schema.character_data AS constraint_type,
           (CASE WHEN con.condeferrable THEN 'YES' ELSE 'NO' END)::information_schema.yes_or_no AS is_deferrable,
           (CASE WHEN con.condeferred THEN 'YES' ELSE 'NO' END)::information_schema.yes_or_no AS initially_deferred,
           'YES'::information_schema.yes_or_no AS enforced,
           (CASE WHEN con.contype = 'u' THEN
                      CASE WHEN (SELECT NOT i.indnullsnotdistinct FROM pg_catalog.pg_index i
                                  WHERE i.indexrelid = con.conindid) THEN 'YES' ELSE 'NO' END
                 END)::information_schema.yes_or_no AS nulls_distinct
      FROM pg_catalog.pg_constraint con
      JOIN pg_catalog.pg_namespace nc ON nc.oid = con.connamespace
      JOIN pg_catalog.pg_class r ON r.oid = con.conrelid
      JOIN pg_catalog.pg_namespace nr ON nr.oid = r.relnamespace
     WHERE con.contype IN ('c', 'f', 'p', 'u')
       AND r.relkind IN ('r', 'p')
       AND NOT pg_catalog.pg_is_other_temp_schema(nr.oid)
       AND (pg_catalog.pg_has_role(r.relowner, 'USAGE')
            OR pg_catalog.has_table_privilege(r.oid, 'INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER'))
    UNION ALL
    -- NOT NULL columns count as CHECK constraints named <schema oid>_<table oid>_<attnum>_not_null
    SELECT current_database()::information_schema.sql_identifier,
           nr.nspname::information_schema.sql_identifier,
           (nr.oid || '_' || r.oid || '_' || a.attnum || '_not_null')::information_schema.sql_identifier,
           current_database()::information_schema.sql_identifier,
           nr.nspname::information_schema.sql_identifier,
           r.relname::information_schema.sql_identifier,
           'CHECK'::information_schema.character_data,
           'NO'::information_schema.yes_or_no,
           'NO'::information_schema.yes_or_no,
           'YES'::information_schema.yes_or_no,
           NULL::information_schema.yes_or_no
      FROM pg_catalog.pg_namespace nr
      JOIN pg_catalog.pg_class r ON nr.oid = r.relnamespace
      JOIN pg_catalog.pg_attribute a ON r.oid = a.attrelid
     WHERE a.attnotnull AND a.attnum > 0 AND NOT a.attisdropped
       AND r.relkind IN ('r', 'p')
       AND NOT pg_catalog.pg_is_other_temp_schema(nr.oid)
       AND (pg_catalog.pg_has_role(r.relowner, 'USAGE')
            OR pg_catalog.has_table_privilege(r.oid, 'INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER'));

CREATE VIEW information_schema.key_column_usage AS
    SELECT current_database()::information_schema.sql_identifier AS constraint_catalog,
           k.nspname::information_schema.sql_identifier AS constraint_schema,
           k.conname::information_schema.sql_identifier AS constraint_name,
           current_database()::information_schema.sql_identifier AS table_catalog,
           k.relnspname::information_schema.sql_identifier AS table_schema,
           k.relname::information_schema.sql_identifier AS table_name,
           a.attname::information_schema.sql_identifier AS column_name,
           pg_catalog.array_position(k.conkey, a.attnum)::information_schema.cardinal_number AS ordinal_position,
           (CASE WHEN k.contype = 'f' THEN
                      pg_catalog.array_position(
                          (SELECT u.conkey FROM pg_catalog.pg_constraint u
                            WHERE u.conrelid = k.confrelid AND u.conindid = k.conindid AND u.contype IN ('p', 'u')
                            LIMIT 1),
                          k.confkey[pg_catalog.array_position(k.conkey, a.attnum)])
                 END)::information_schema.cardinal_number AS position_in_unique_constraint
      FROM pg_catalog.pg_attribute a,
           (SELECT r.oid AS roid, r.relname, r.relowner, nr.nspname AS relnspname, nc.nspname, c.conname,
                   c.contype, c.confrelid, c.conindid, c.conkey, c.confkey
              FROM pg_catalog.pg_namespace nr, pg_catalog.pg_class r, pg_catalog.pg_namespace nc,
                   pg_catalog.pg_constraint c
             WHERE nr.oid = r.relnamespace AND r.oid = c.conrelid AND nc.oid = c.connamespace
               AND c.contype IN ('p', 'u', 'f') AND r.relkind IN ('r', 'p')
               AND NOT pg_catalog.pg_is_other_temp_schema(nr.oid)) AS k
     WHERE a.attrelid = k.roid AND a.attnum = ANY (k.conkey)
       AND (pg_catalog.pg_has_role(k.relowner, 'USAGE')
            OR pg_catalog.has_column_privilege(k.roid, a.attnum, 'SELECT, INSERT, UPDATE, REFERENCES'));

CREATE VIEW information_schema.referential_constraints AS
    SELECT current_database()::information_schema.sql_identifier AS constraint_catalog,
           ncon.nspname::information_schema.sql_identifier AS constraint_schema,
           con.conname::information_schema.sql_identifier AS constraint_name,
           (CASE WHEN npkc.nspname IS NULL THEN NULL
                 ELSE current_database() END)::information_schema.sql_identifier AS unique_constraint_catalog,
           npkc.nspname::information_schema.sql_identifier AS unique_constraint_schema,
           pkc.conname::information_schema.sql_identifier AS unique_constraint_name,
           (CASE con.confmatchtype WHEN 'f' THEN 'FULL' WHEN 'p' THEN 'PARTIAL' WHEN 's' THEN 'NONE'
                 END)::information_schema.character_data AS match_option,
           (CASE con.confupdtype WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN 'SET NULL' WHEN 'd' THEN 'SET DEFAULT'
                 WHEN 'r' THEN 'RESTRICT' WHEN 'a' THEN 'NO ACTION' END)::information_schema.character_data
               AS update_rule,
           (CASE con.confdeltype WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN 'SET NULL' WHEN 'd' THEN 'SET DEFAULT'
                 WHEN 'r' THEN 'RESTRICT' WHEN 'a' THEN 'NO ACTION' END)::information_schema.character_data
               AS delete_rule
      FROM pg_catalog.pg_namespace ncon
      JOIN pg_catalog.pg_constraint con ON ncon.oid = con.connamespace
      JOIN pg_catalog.pg_class c ON con.conrelid = c.oid AND con.contype = 'f'
      LEFT JOIN pg_catalog.pg_constraint pkc ON pkc.conindid = con.conindid AND pkc.conrelid = con.confrelid
                                             AND pkc.contype IN ('p', 'u')
      LEFT JOIN pg_catalog.pg_namespace npkc ON pkc.connamespace = npkc.oid
     WHERE pg_catalog.pg_has_role(c.relowner, 'USAGE')
        OR pg_catalog.has_table_privilege(c.oid, 'INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER');

CREATE VIEW information_schema.constraint_column_usage AS
    SELECT current_database()::information_schema.sql_identifier AS table_catalog,
           nr.nspname::information_schema.sql_identifier AS table_schema,
           r.relname::information_schema.sql_identifier AS table_name,
           a.attname::information_schema.sql_identifier AS column_name,
           current_database()::information_schema.sql_identifier AS constraint_catalog,
           nc.nspname::information_schema.sql_identifier AS constraint_schema,
           c.conname::information_schema.sql_identifier AS constraint_name
      FROM pg_catalog.pg_constraint c
      JOIN pg_catalog.pg_namespace nc ON nc.oid = c.connamespace
      JOIN pg_catalog.pg_class r ON r.oid = CASE WHEN c.contype = 'f' THEN c.confrelid ELSE c.conrelid END
      JOIN pg_catalog.pg_namespace nr ON nr.oid = r.relnamespace
      JOIN pg_catalog.pg_attribute a ON a.attrelid = r.oid
           AND a.attnum = ANY (CASE WHEN c.contype = 'f' THEN c.confkey ELSE c.conkey END)
     WHERE NOT a.attisdropped AND c.contype IN ('p', 'u', 'f', 'c') AND r.relkind IN ('r', 'p')
       AND pg_catalog.pg_has_role(r.relowner, 'USAGE');

CREATE VIEW information_schema.check_constraints AS
    SELECT current_database()::information_schema.sql_identifier AS constraint_catalog,
           n.nspname::information_schema.sql_identifier AS constraint_schema,
           con.conname::information_schema.sql_identifier AS constraint_name,
           pg_catalog.substring(pg_catalog.pg_get_constraintdef(con.oid), 7)::information_schema.character_data
               AS check_clause
      FROM pg_catalog.pg_constraint con
      JOIN pg_catalog.pg_namespace n ON n.oid = con.connamespace
      LEFT JOIN pg_catalog.pg_class c ON c.oid = con.conrelid
      LEFT JOIN pg_catalog.pg_type t ON t.oid = con.contypid
     WHERE con.contype = 'c'
       AND (pg_catalog.pg_has_role(coalesce(c.relowner, t.typowner), 'USAGE'))
    UNION ALL
    -- and the NOT NULL columns, named as table_constraints names them
    SELECT current_database()::information_schema.sql_identifier,
           n.nspname::information_schema.sql_identifier,
           (n.oid || '_' || r.oid || '_' || a.attnum || '_not_null')::information_schema.sql_identifier,
           (a.attname || ' IS NOT NULL')::information_schema.character_data
      FROM pg_catalog.pg_namespace n
      JOIN pg_catalog.pg_class r ON n.oid = r.relnamespace
      JOIN pg_catalog.pg_attribute a ON r.oid = a.attrelid
     WHERE a.attnum > 0 AND NOT a.attisdropped AND a.attnotnull
       AND r.relkind IN ('r', 'p')
       AND pg_catalog.pg_has_role(r.relowner, 'USAGE');

CREATE VIEW information_schema.sequences AS
    SELECT current_database()::information_schema.sql_identifier AS sequence_catalog,
           n.nspname::information_schema.sql_identifier AS sequence_schema,
           c.relname::information_schema.sql_identifier AS sequence_name,
           pg_catalog.format_type(s.seqtypid, NULL)::information_schema.character_data AS data_type,
           (CASE s.seqtypid WHEN 21 THEN 16 WHEN 23 THEN 32 WHEN 20 THEN 64
                 END)::information_schema.cardinal_number AS numeric_precision,
           2::information_schema.cardinal_number AS numeric_precision_radix,
           0::information_schema.cardinal_number AS numeric_scale,
           s.seqstart::information_schema.character_data AS start_value,
           s.seqmin::information_schema.character_data AS minimum_value,
           s.seqmax::information_schema.character_data AS maximum_value,
           s.seqincrement::information_schema.character_data AS increment,
           (CASE WHEN s.seqcycle THEN 'YES' ELSE 'NO' END)::information_schema.yes_or_no AS cycle_option
      FROM pg_catalog.pg_namespace n
      JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid
      JOIN pg_catalog.pg_sequence s ON s.seqrelid = c.oid
     WHERE c.relkind = 'S'
       AND NOT pg_catalog.pg_is_other_temp_schema(n.oid)
       AND (pg_catalog.pg_has_role(c.relowner, 'USAGE')
            OR pg_catalog.has_sequence_privilege(c.oid, 'SELECT, UPDATE, USAGE'));
