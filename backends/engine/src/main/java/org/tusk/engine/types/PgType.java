package org.tusk.engine.types;

import java.util.HashMap;
import java.util.Map;

/**
 * PostgreSQL 15's built-in types (pg_type rows of pg_catalog, catalog row
 * types excepted) with their OIDs and the pg_type columns that operator and
 * function resolution, array handling and tuple layout need.
 *
 * <p>Generated from the bootstrap pg_type.csv by tools/gen-pgtype.py (the
 * template is tools/PgType.java.in); edit those, not this file.
 */
public enum PgType {
    BOOL(16, "bool", "boolean", 1, true, 'b', 'B', true, ',', 0, 1000, 'c'),
    BYTEA(17, "bytea", "bytea", -1, false, 'b', 'U', false, ',', 0, 1001, 'i'),
    CHAR(18, "char", "\"char\"", 1, true, 'b', 'Z', false, ',', 0, 1002, 'c'),
    NAME(19, "name", "name", 64, false, 'b', 'S', false, ',', 18, 1003, 'c'),
    INT8(20, "int8", "bigint", 8, true, 'b', 'N', false, ',', 0, 1016, 'd'),
    INT2(21, "int2", "smallint", 2, true, 'b', 'N', false, ',', 0, 1005, 's'),
    INT2VECTOR(22, "int2vector", "int2vector", -1, false, 'b', 'A', false, ',', 21, 1006, 'i'),
    INT4(23, "int4", "integer", 4, true, 'b', 'N', false, ',', 0, 1007, 'i'),
    REGPROC(24, "regproc", "regproc", 4, true, 'b', 'N', false, ',', 0, 1008, 'i'),
    TEXT(25, "text", "text", -1, false, 'b', 'S', true, ',', 0, 1009, 'i'),
    OID(26, "oid", "oid", 4, true, 'b', 'N', true, ',', 0, 1028, 'i'),
    TID(27, "tid", "tid", 6, false, 'b', 'U', false, ',', 0, 1010, 's'),
    XID(28, "xid", "xid", 4, true, 'b', 'U', false, ',', 0, 1011, 'i'),
    CID(29, "cid", "cid", 4, true, 'b', 'U', false, ',', 0, 1012, 'i'),
    OIDVECTOR(30, "oidvector", "oidvector", -1, false, 'b', 'A', false, ',', 26, 1013, 'i'),
    PG_DDL_COMMAND(32, "pg_ddl_command", "pg_ddl_command", 8, true, 'p', 'P', false, ',', 0, 0, 'd'),
    JSON(114, "json", "json", -1, false, 'b', 'U', false, ',', 0, 199, 'i'),
    XML(142, "xml", "xml", -1, false, 'b', 'U', false, ',', 0, 143, 'i'),
    XML_ARRAY(143, "_xml", "xml[]", -1, false, 'b', 'A', false, ',', 142, 0, 'i'),
    PG_NODE_TREE(194, "pg_node_tree", "pg_node_tree", -1, false, 'b', 'Z', false, ',', 0, 0, 'i'),
    JSON_ARRAY(199, "_json", "json[]", -1, false, 'b', 'A', false, ',', 114, 0, 'i'),
    TABLE_AM_HANDLER(269, "table_am_handler", "table_am_handler", 4, true, 'p', 'P', false, ',', 0, 0, 'i'),
    XID8_ARRAY(271, "_xid8", "xid8[]", -1, false, 'b', 'A', false, ',', 5069, 0, 'd'),
    INDEX_AM_HANDLER(325, "index_am_handler", "index_am_handler", 4, true, 'p', 'P', false, ',', 0, 0, 'i'),
    POINT(600, "point", "point", 16, false, 'b', 'G', false, ',', 701, 1017, 'd'),
    LSEG(601, "lseg", "lseg", 32, false, 'b', 'G', false, ',', 600, 1018, 'd'),
    PATH(602, "path", "path", -1, false, 'b', 'G', false, ',', 0, 1019, 'd'),
    BOX(603, "box", "box", 32, false, 'b', 'G', false, ';', 600, 1020, 'd'),
    POLYGON(604, "polygon", "polygon", -1, false, 'b', 'G', false, ',', 0, 1027, 'd'),
    LINE(628, "line", "line", 24, false, 'b', 'G', false, ',', 701, 629, 'd'),
    LINE_ARRAY(629, "_line", "line[]", -1, false, 'b', 'A', false, ',', 628, 0, 'd'),
    CIDR(650, "cidr", "cidr", -1, false, 'b', 'I', false, ',', 0, 651, 'i'),
    CIDR_ARRAY(651, "_cidr", "cidr[]", -1, false, 'b', 'A', false, ',', 650, 0, 'i'),
    FLOAT4(700, "float4", "real", 4, true, 'b', 'N', false, ',', 0, 1021, 'i'),
    FLOAT8(701, "float8", "double precision", 8, true, 'b', 'N', true, ',', 0, 1022, 'd'),
    UNKNOWN(705, "unknown", "unknown", -2, false, 'p', 'X', false, ',', 0, 0, 'c'),
    CIRCLE(718, "circle", "circle", 24, false, 'b', 'G', false, ',', 0, 719, 'd'),
    CIRCLE_ARRAY(719, "_circle", "circle[]", -1, false, 'b', 'A', false, ',', 718, 0, 'd'),
    MACADDR8(774, "macaddr8", "macaddr8", 8, false, 'b', 'U', false, ',', 0, 775, 'i'),
    MACADDR8_ARRAY(775, "_macaddr8", "macaddr8[]", -1, false, 'b', 'A', false, ',', 774, 0, 'i'),
    MONEY(790, "money", "money", 8, true, 'b', 'N', false, ',', 0, 791, 'd'),
    MONEY_ARRAY(791, "_money", "money[]", -1, false, 'b', 'A', false, ',', 790, 0, 'd'),
    MACADDR(829, "macaddr", "macaddr", 6, false, 'b', 'U', false, ',', 0, 1040, 'i'),
    INET(869, "inet", "inet", -1, false, 'b', 'I', true, ',', 0, 1041, 'i'),
    BOOL_ARRAY(1000, "_bool", "boolean[]", -1, false, 'b', 'A', false, ',', 16, 0, 'i'),
    BYTEA_ARRAY(1001, "_bytea", "bytea[]", -1, false, 'b', 'A', false, ',', 17, 0, 'i'),
    CHAR_ARRAY(1002, "_char", "\"char\"[]", -1, false, 'b', 'A', false, ',', 18, 0, 'i'),
    NAME_ARRAY(1003, "_name", "name[]", -1, false, 'b', 'A', false, ',', 19, 0, 'i'),
    INT2_ARRAY(1005, "_int2", "smallint[]", -1, false, 'b', 'A', false, ',', 21, 0, 'i'),
    INT2VECTOR_ARRAY(1006, "_int2vector", "int2vector[]", -1, false, 'b', 'A', false, ',', 22, 0, 'i'),
    INT4_ARRAY(1007, "_int4", "integer[]", -1, false, 'b', 'A', false, ',', 23, 0, 'i'),
    REGPROC_ARRAY(1008, "_regproc", "regproc[]", -1, false, 'b', 'A', false, ',', 24, 0, 'i'),
    TEXT_ARRAY(1009, "_text", "text[]", -1, false, 'b', 'A', false, ',', 25, 0, 'i'),
    TID_ARRAY(1010, "_tid", "tid[]", -1, false, 'b', 'A', false, ',', 27, 0, 'i'),
    XID_ARRAY(1011, "_xid", "xid[]", -1, false, 'b', 'A', false, ',', 28, 0, 'i'),
    CID_ARRAY(1012, "_cid", "cid[]", -1, false, 'b', 'A', false, ',', 29, 0, 'i'),
    OIDVECTOR_ARRAY(1013, "_oidvector", "oidvector[]", -1, false, 'b', 'A', false, ',', 30, 0, 'i'),
    BPCHAR_ARRAY(1014, "_bpchar", "character[]", -1, false, 'b', 'A', false, ',', 1042, 0, 'i'),
    VARCHAR_ARRAY(1015, "_varchar", "character varying[]", -1, false, 'b', 'A', false, ',', 1043, 0, 'i'),
    INT8_ARRAY(1016, "_int8", "bigint[]", -1, false, 'b', 'A', false, ',', 20, 0, 'd'),
    POINT_ARRAY(1017, "_point", "point[]", -1, false, 'b', 'A', false, ',', 600, 0, 'd'),
    LSEG_ARRAY(1018, "_lseg", "lseg[]", -1, false, 'b', 'A', false, ',', 601, 0, 'd'),
    PATH_ARRAY(1019, "_path", "path[]", -1, false, 'b', 'A', false, ',', 602, 0, 'd'),
    BOX_ARRAY(1020, "_box", "box[]", -1, false, 'b', 'A', false, ';', 603, 0, 'd'),
    FLOAT4_ARRAY(1021, "_float4", "real[]", -1, false, 'b', 'A', false, ',', 700, 0, 'i'),
    FLOAT8_ARRAY(1022, "_float8", "double precision[]", -1, false, 'b', 'A', false, ',', 701, 0, 'd'),
    POLYGON_ARRAY(1027, "_polygon", "polygon[]", -1, false, 'b', 'A', false, ',', 604, 0, 'd'),
    OID_ARRAY(1028, "_oid", "oid[]", -1, false, 'b', 'A', false, ',', 26, 0, 'i'),
    ACLITEM(1033, "aclitem", "aclitem", 12, false, 'b', 'U', false, ',', 0, 1034, 'i'),
    ACLITEM_ARRAY(1034, "_aclitem", "aclitem[]", -1, false, 'b', 'A', false, ',', 1033, 0, 'i'),
    MACADDR_ARRAY(1040, "_macaddr", "macaddr[]", -1, false, 'b', 'A', false, ',', 829, 0, 'i'),
    INET_ARRAY(1041, "_inet", "inet[]", -1, false, 'b', 'A', false, ',', 869, 0, 'i'),
    BPCHAR(1042, "bpchar", "character", -1, false, 'b', 'S', false, ',', 0, 1014, 'i'),
    VARCHAR(1043, "varchar", "character varying", -1, false, 'b', 'S', false, ',', 0, 1015, 'i'),
    DATE(1082, "date", "date", 4, true, 'b', 'D', false, ',', 0, 1182, 'i'),
    TIME(1083, "time", "time without time zone", 8, true, 'b', 'D', false, ',', 0, 1183, 'd'),
    TIMESTAMP(1114, "timestamp", "timestamp without time zone", 8, true, 'b', 'D', false, ',', 0, 1115, 'd'),
    TIMESTAMP_ARRAY(1115, "_timestamp", "timestamp without time zone[]", -1, false, 'b', 'A', false, ',', 1114, 0, 'd'),
    DATE_ARRAY(1182, "_date", "date[]", -1, false, 'b', 'A', false, ',', 1082, 0, 'i'),
    TIME_ARRAY(1183, "_time", "time without time zone[]", -1, false, 'b', 'A', false, ',', 1083, 0, 'd'),
    TIMESTAMPTZ(1184, "timestamptz", "timestamp with time zone", 8, true, 'b', 'D', true, ',', 0, 1185, 'd'),
    TIMESTAMPTZ_ARRAY(1185, "_timestamptz", "timestamp with time zone[]", -1, false, 'b', 'A', false, ',', 1184, 0, 'd'),
    INTERVAL(1186, "interval", "interval", 16, false, 'b', 'T', true, ',', 0, 1187, 'd'),
    INTERVAL_ARRAY(1187, "_interval", "interval[]", -1, false, 'b', 'A', false, ',', 1186, 0, 'd'),
    NUMERIC_ARRAY(1231, "_numeric", "numeric[]", -1, false, 'b', 'A', false, ',', 1700, 0, 'i'),
    CSTRING_ARRAY(1263, "_cstring", "cstring[]", -1, false, 'b', 'A', false, ',', 2275, 0, 'i'),
    TIMETZ(1266, "timetz", "time with time zone", 12, false, 'b', 'D', false, ',', 0, 1270, 'd'),
    TIMETZ_ARRAY(1270, "_timetz", "time with time zone[]", -1, false, 'b', 'A', false, ',', 1266, 0, 'd'),
    BIT(1560, "bit", "bit", -1, false, 'b', 'V', false, ',', 0, 1561, 'i'),
    BIT_ARRAY(1561, "_bit", "bit[]", -1, false, 'b', 'A', false, ',', 1560, 0, 'i'),
    VARBIT(1562, "varbit", "bit varying", -1, false, 'b', 'V', true, ',', 0, 1563, 'i'),
    VARBIT_ARRAY(1563, "_varbit", "bit varying[]", -1, false, 'b', 'A', false, ',', 1562, 0, 'i'),
    NUMERIC(1700, "numeric", "numeric", -1, false, 'b', 'N', false, ',', 0, 1231, 'i'),
    REFCURSOR(1790, "refcursor", "refcursor", -1, false, 'b', 'U', false, ',', 0, 2201, 'i'),
    REFCURSOR_ARRAY(2201, "_refcursor", "refcursor[]", -1, false, 'b', 'A', false, ',', 1790, 0, 'i'),
    REGPROCEDURE(2202, "regprocedure", "regprocedure", 4, true, 'b', 'N', false, ',', 0, 2207, 'i'),
    REGOPER(2203, "regoper", "regoper", 4, true, 'b', 'N', false, ',', 0, 2208, 'i'),
    REGOPERATOR(2204, "regoperator", "regoperator", 4, true, 'b', 'N', false, ',', 0, 2209, 'i'),
    REGCLASS(2205, "regclass", "regclass", 4, true, 'b', 'N', false, ',', 0, 2210, 'i'),
    REGTYPE(2206, "regtype", "regtype", 4, true, 'b', 'N', false, ',', 0, 2211, 'i'),
    REGPROCEDURE_ARRAY(2207, "_regprocedure", "regprocedure[]", -1, false, 'b', 'A', false, ',', 2202, 0, 'i'),
    REGOPER_ARRAY(2208, "_regoper", "regoper[]", -1, false, 'b', 'A', false, ',', 2203, 0, 'i'),
    REGOPERATOR_ARRAY(2209, "_regoperator", "regoperator[]", -1, false, 'b', 'A', false, ',', 2204, 0, 'i'),
    REGCLASS_ARRAY(2210, "_regclass", "regclass[]", -1, false, 'b', 'A', false, ',', 2205, 0, 'i'),
    REGTYPE_ARRAY(2211, "_regtype", "regtype[]", -1, false, 'b', 'A', false, ',', 2206, 0, 'i'),
    RECORD(2249, "record", "record", -1, false, 'p', 'P', false, ',', 0, 2287, 'd'),
    CSTRING(2275, "cstring", "cstring", -2, false, 'p', 'P', false, ',', 0, 1263, 'c'),
    ANY(2276, "any", "any", 4, true, 'p', 'P', false, ',', 0, 0, 'i'),
    ANYARRAY(2277, "anyarray", "anyarray", -1, false, 'p', 'P', false, ',', 0, 0, 'd'),
    VOID(2278, "void", "void", 4, true, 'p', 'P', false, ',', 0, 0, 'i'),
    TRIGGER(2279, "trigger", "trigger", 4, true, 'p', 'P', false, ',', 0, 0, 'i'),
    LANGUAGE_HANDLER(2280, "language_handler", "language_handler", 4, true, 'p', 'P', false, ',', 0, 0, 'i'),
    INTERNAL(2281, "internal", "internal", 8, true, 'p', 'P', false, ',', 0, 0, 'd'),
    ANYELEMENT(2283, "anyelement", "anyelement", 4, true, 'p', 'P', false, ',', 0, 0, 'i'),
    _RECORD(2287, "_record", "record[]", -1, false, 'p', 'P', false, ',', 2249, 0, 'd'),
    ANYNONARRAY(2776, "anynonarray", "anynonarray", 4, true, 'p', 'P', false, ',', 0, 0, 'i'),
    TXID_SNAPSHOT_ARRAY(2949, "_txid_snapshot", "txid_snapshot[]", -1, false, 'b', 'A', false, ',', 2970, 0, 'd'),
    UUID(2950, "uuid", "uuid", 16, false, 'b', 'U', false, ',', 0, 2951, 'c'),
    UUID_ARRAY(2951, "_uuid", "uuid[]", -1, false, 'b', 'A', false, ',', 2950, 0, 'i'),
    TXID_SNAPSHOT(2970, "txid_snapshot", "txid_snapshot", -1, false, 'b', 'U', false, ',', 0, 2949, 'd'),
    FDW_HANDLER(3115, "fdw_handler", "fdw_handler", 4, true, 'p', 'P', false, ',', 0, 0, 'i'),
    PG_LSN(3220, "pg_lsn", "pg_lsn", 8, true, 'b', 'U', false, ',', 0, 3221, 'd'),
    PG_LSN_ARRAY(3221, "_pg_lsn", "pg_lsn[]", -1, false, 'b', 'A', false, ',', 3220, 0, 'd'),
    TSM_HANDLER(3310, "tsm_handler", "tsm_handler", 4, true, 'p', 'P', false, ',', 0, 0, 'i'),
    PG_NDISTINCT(3361, "pg_ndistinct", "pg_ndistinct", -1, false, 'b', 'Z', false, ',', 0, 0, 'i'),
    PG_DEPENDENCIES(3402, "pg_dependencies", "pg_dependencies", -1, false, 'b', 'Z', false, ',', 0, 0, 'i'),
    ANYENUM(3500, "anyenum", "anyenum", 4, true, 'p', 'P', false, ',', 0, 0, 'i'),
    TSVECTOR(3614, "tsvector", "tsvector", -1, false, 'b', 'U', false, ',', 0, 3643, 'i'),
    TSQUERY(3615, "tsquery", "tsquery", -1, false, 'b', 'U', false, ',', 0, 3645, 'i'),
    GTSVECTOR(3642, "gtsvector", "gtsvector", -1, false, 'b', 'U', false, ',', 0, 3644, 'i'),
    TSVECTOR_ARRAY(3643, "_tsvector", "tsvector[]", -1, false, 'b', 'A', false, ',', 3614, 0, 'i'),
    GTSVECTOR_ARRAY(3644, "_gtsvector", "gtsvector[]", -1, false, 'b', 'A', false, ',', 3642, 0, 'i'),
    TSQUERY_ARRAY(3645, "_tsquery", "tsquery[]", -1, false, 'b', 'A', false, ',', 3615, 0, 'i'),
    REGCONFIG(3734, "regconfig", "regconfig", 4, true, 'b', 'N', false, ',', 0, 3735, 'i'),
    REGCONFIG_ARRAY(3735, "_regconfig", "regconfig[]", -1, false, 'b', 'A', false, ',', 3734, 0, 'i'),
    REGDICTIONARY(3769, "regdictionary", "regdictionary", 4, true, 'b', 'N', false, ',', 0, 3770, 'i'),
    REGDICTIONARY_ARRAY(3770, "_regdictionary", "regdictionary[]", -1, false, 'b', 'A', false, ',', 3769, 0, 'i'),
    JSONB(3802, "jsonb", "jsonb", -1, false, 'b', 'U', false, ',', 0, 3807, 'i'),
    JSONB_ARRAY(3807, "_jsonb", "jsonb[]", -1, false, 'b', 'A', false, ',', 3802, 0, 'i'),
    ANYRANGE(3831, "anyrange", "anyrange", -1, false, 'p', 'P', false, ',', 0, 0, 'd'),
    EVENT_TRIGGER(3838, "event_trigger", "event_trigger", 4, true, 'p', 'P', false, ',', 0, 0, 'i'),
    INT4RANGE(3904, "int4range", "int4range", -1, false, 'r', 'R', false, ',', 0, 3905, 'i'),
    INT4RANGE_ARRAY(3905, "_int4range", "int4range[]", -1, false, 'b', 'A', false, ',', 3904, 0, 'i'),
    NUMRANGE(3906, "numrange", "numrange", -1, false, 'r', 'R', false, ',', 0, 3907, 'i'),
    NUMRANGE_ARRAY(3907, "_numrange", "numrange[]", -1, false, 'b', 'A', false, ',', 3906, 0, 'i'),
    TSRANGE(3908, "tsrange", "tsrange", -1, false, 'r', 'R', false, ',', 0, 3909, 'd'),
    TSRANGE_ARRAY(3909, "_tsrange", "tsrange[]", -1, false, 'b', 'A', false, ',', 3908, 0, 'd'),
    TSTZRANGE(3910, "tstzrange", "tstzrange", -1, false, 'r', 'R', false, ',', 0, 3911, 'd'),
    TSTZRANGE_ARRAY(3911, "_tstzrange", "tstzrange[]", -1, false, 'b', 'A', false, ',', 3910, 0, 'd'),
    DATERANGE(3912, "daterange", "daterange", -1, false, 'r', 'R', false, ',', 0, 3913, 'i'),
    DATERANGE_ARRAY(3913, "_daterange", "daterange[]", -1, false, 'b', 'A', false, ',', 3912, 0, 'i'),
    INT8RANGE(3926, "int8range", "int8range", -1, false, 'r', 'R', false, ',', 0, 3927, 'd'),
    INT8RANGE_ARRAY(3927, "_int8range", "int8range[]", -1, false, 'b', 'A', false, ',', 3926, 0, 'd'),
    JSONPATH(4072, "jsonpath", "jsonpath", -1, false, 'b', 'U', false, ',', 0, 4073, 'i'),
    JSONPATH_ARRAY(4073, "_jsonpath", "jsonpath[]", -1, false, 'b', 'A', false, ',', 4072, 0, 'i'),
    REGNAMESPACE(4089, "regnamespace", "regnamespace", 4, true, 'b', 'N', false, ',', 0, 4090, 'i'),
    REGNAMESPACE_ARRAY(4090, "_regnamespace", "regnamespace[]", -1, false, 'b', 'A', false, ',', 4089, 0, 'i'),
    REGROLE(4096, "regrole", "regrole", 4, true, 'b', 'N', false, ',', 0, 4097, 'i'),
    REGROLE_ARRAY(4097, "_regrole", "regrole[]", -1, false, 'b', 'A', false, ',', 4096, 0, 'i'),
    REGCOLLATION(4191, "regcollation", "regcollation", 4, true, 'b', 'N', false, ',', 0, 4192, 'i'),
    REGCOLLATION_ARRAY(4192, "_regcollation", "regcollation[]", -1, false, 'b', 'A', false, ',', 4191, 0, 'i'),
    INT4MULTIRANGE(4451, "int4multirange", "int4multirange", -1, false, 'm', 'R', false, ',', 0, 6150, 'i'),
    NUMMULTIRANGE(4532, "nummultirange", "nummultirange", -1, false, 'm', 'R', false, ',', 0, 6151, 'i'),
    TSMULTIRANGE(4533, "tsmultirange", "tsmultirange", -1, false, 'm', 'R', false, ',', 0, 6152, 'd'),
    TSTZMULTIRANGE(4534, "tstzmultirange", "tstzmultirange", -1, false, 'm', 'R', false, ',', 0, 6153, 'd'),
    DATEMULTIRANGE(4535, "datemultirange", "datemultirange", -1, false, 'm', 'R', false, ',', 0, 6155, 'i'),
    INT8MULTIRANGE(4536, "int8multirange", "int8multirange", -1, false, 'm', 'R', false, ',', 0, 6157, 'd'),
    ANYMULTIRANGE(4537, "anymultirange", "anymultirange", -1, false, 'p', 'P', false, ',', 0, 0, 'd'),
    ANYCOMPATIBLEMULTIRANGE(4538, "anycompatiblemultirange", "anycompatiblemultirange", -1, false, 'p', 'P', false, ',', 0, 0, 'd'),
    PG_BRIN_BLOOM_SUMMARY(4600, "pg_brin_bloom_summary", "pg_brin_bloom_summary", -1, false, 'b', 'Z', false, ',', 0, 0, 'i'),
    PG_BRIN_MINMAX_MULTI_SUMMARY(4601, "pg_brin_minmax_multi_summary", "pg_brin_minmax_multi_summary", -1, false, 'b', 'Z', false, ',', 0, 0, 'i'),
    PG_MCV_LIST(5017, "pg_mcv_list", "pg_mcv_list", -1, false, 'b', 'Z', false, ',', 0, 0, 'i'),
    PG_SNAPSHOT(5038, "pg_snapshot", "pg_snapshot", -1, false, 'b', 'U', false, ',', 0, 5039, 'd'),
    PG_SNAPSHOT_ARRAY(5039, "_pg_snapshot", "pg_snapshot[]", -1, false, 'b', 'A', false, ',', 5038, 0, 'd'),
    XID8(5069, "xid8", "xid8", 8, true, 'b', 'U', false, ',', 0, 271, 'd'),
    ANYCOMPATIBLE(5077, "anycompatible", "anycompatible", 4, true, 'p', 'P', false, ',', 0, 0, 'i'),
    ANYCOMPATIBLEARRAY(5078, "anycompatiblearray", "anycompatiblearray", -1, false, 'p', 'P', false, ',', 0, 0, 'd'),
    ANYCOMPATIBLENONARRAY(5079, "anycompatiblenonarray", "anycompatiblenonarray", 4, true, 'p', 'P', false, ',', 0, 0, 'i'),
    ANYCOMPATIBLERANGE(5080, "anycompatiblerange", "anycompatiblerange", -1, false, 'p', 'P', false, ',', 0, 0, 'd'),
    INT4MULTIRANGE_ARRAY(6150, "_int4multirange", "int4multirange[]", -1, false, 'b', 'A', false, ',', 4451, 0, 'i'),
    NUMMULTIRANGE_ARRAY(6151, "_nummultirange", "nummultirange[]", -1, false, 'b', 'A', false, ',', 4532, 0, 'i'),
    TSMULTIRANGE_ARRAY(6152, "_tsmultirange", "tsmultirange[]", -1, false, 'b', 'A', false, ',', 4533, 0, 'd'),
    TSTZMULTIRANGE_ARRAY(6153, "_tstzmultirange", "tstzmultirange[]", -1, false, 'b', 'A', false, ',', 4534, 0, 'd'),
    DATEMULTIRANGE_ARRAY(6155, "_datemultirange", "datemultirange[]", -1, false, 'b', 'A', false, ',', 4535, 0, 'i'),
    INT8MULTIRANGE_ARRAY(6157, "_int8multirange", "int8multirange[]", -1, false, 'b', 'A', false, ',', 4536, 0, 'd');

    /**
     * The built-in types indexed by OID (all below 10000, FirstGenbkiObjectId): asked for per
     * parameter of every Bind and per column in many places, where a HashMap cost a boxed key and
     * a bucket walk each time.
     */
    private static final PgType[] BY_OID;
    private static final Map<String, PgType> BY_NAME = new HashMap<>();
    static {
        int max = 0;
        for (PgType t : values()) {
            max = Math.max(max, t.oid);
        }
        BY_OID = new PgType[max + 1];
        for (PgType t : values()) {
            BY_OID[t.oid] = t;
            BY_NAME.put(t.typname, t);
        }
    }

    private final int oid;
    private final String typname;
    private final String displayName;
    private final short typlen;
    private final boolean byValue;
    private final char typtype;
    private final char category;
    private final boolean preferred;
    private final char delimiter;
    private final int elemOid;
    private final int arrayOid;
    private final char align;

    PgType(int oid, String typname, String displayName, int typlen, boolean byValue, char typtype, char category,
            boolean preferred, char delimiter, int elemOid, int arrayOid, char align) {
        this.oid = oid;
        this.typname = typname;
        this.displayName = displayName;
        this.typlen = (short) typlen;
        this.byValue = byValue;
        this.typtype = typtype;
        this.category = category;
        this.preferred = preferred;
        this.delimiter = delimiter;
        this.elemOid = elemOid;
        this.arrayOid = arrayOid;
        this.align = align;
    }

    public int oid() { return oid; }
    /** pg_type.typname, e.g. "int4": what a cast's default column name is. */
    public String typname() { return typname; }
    /** format_type()'s spelling, e.g. "integer": what error messages show. */
    public String displayName() { return displayName; }
    /** typlen: bytes, -1 varlena, -2 C string. */
    public short typlen() { return typlen; }
    public boolean byValue() { return byValue; }
    /** typtype: b base, p pseudo, r range, m multirange, e enum, d domain. */
    public char typtype() { return typtype; }
    public char category() { return category; }
    public boolean preferred() { return preferred; }
    /** typdelim: the separator between elements in an array of this type's text form. */
    public char delimiter() { return delimiter; }
    /** typalign: c char, s short, i int, d double. */
    public char align() { return align; }

    /** The element type of a true array type (typcategory A with typelem), else null. */
    public PgType elementType() {
        // _record is an array although its category is P (pseudo-type)
        return (category == 'A' || elemOid == 2249) && elemOid != 0 ? byOid(elemOid) : null;
    }

    /** typelem, for the fixed-length "subscriptable" types too (name, point, int2vector...); 0 if none. */
    public int typelem() { return elemOid; }

    /** The array type whose elements are of this type (typarray), or null. */
    public PgType arrayType() {
        return arrayOid == 0 ? null : byOid(arrayOid);
    }

    public boolean isArray() { return elementType() != null; }
    public boolean isPseudo() { return typtype == 'p'; }
    /** anyelement, anyarray, anycompatible... (IsPolymorphicType) */
    public boolean isPolymorphic() {
        switch (this) {
            case ANYELEMENT: case ANYARRAY: case ANYNONARRAY: case ANYENUM: case ANYRANGE: case ANYMULTIRANGE:
            case ANYCOMPATIBLE: case ANYCOMPATIBLEARRAY: case ANYCOMPATIBLENONARRAY: case ANYCOMPATIBLERANGE:
            case ANYCOMPATIBLEMULTIRANGE:
                return true;
            default:
                return false;
        }
    }

    public boolean isStringLike() { return category == 'S'; }
    public boolean isInteger() { return this == INT2 || this == INT4 || this == INT8; }

    /** The type with this OID, or null. */
    public static PgType byOid(int oid) {
        return oid >= 0 && oid < BY_OID.length ? BY_OID[oid] : null;
    }

    /** The type with this pg_type.typname (e.g. "int4", "_text"), or null. */
    public static PgType byTypname(String typname) {
        return BY_NAME.get(typname);
    }

    /** format_type() with a typmod, e.g. "character varying(10)", "numeric(10,2)", "integer[]". */
    public String displayName(int typmod) {
        if (typmod < 0) {
            return displayName;
        }
        PgType elem = elementType();
        if (elem != null) {
            return elem.displayName(typmod) + "[]";
        }
        switch (this) {
            case VARCHAR: return "character varying(" + (typmod - 4) + ")";
            case BPCHAR: return "character(" + (typmod - 4) + ")";
            case BIT: return "bit(" + typmod + ")";
            case VARBIT: return "bit varying(" + typmod + ")";
            case NUMERIC: return "numeric(" + NumericSupport.typmodPrecision(typmod) + "," + NumericSupport.typmodScale(typmod) + ")";
            case TIMESTAMP: return "timestamp(" + typmod + ") without time zone";
            case TIMESTAMPTZ: return "timestamp(" + typmod + ") with time zone";
            case TIME: return "time(" + typmod + ") without time zone";
            case TIMETZ: return "time(" + typmod + ") with time zone";
            case RECORD: {
                // a record expression's typmod names its shape (RecordTypmods), e.g. a named composite
                RowType row = RecordTypmods.lookup(typmod);
                return row == null ? displayName : row.typeName();
            }
            default: return displayName;
        }
    }
}
