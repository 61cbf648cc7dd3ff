#!/bin/sh
# usage: dump.sh HOST PORT OUTDIR
H=$1; P=$2; O=$3
q() { psql -X -q -h "$H" -p "$P" -U postgres -d postgres -c "COPY ($2) TO STDOUT WITH (FORMAT csv, HEADER true)" > "$O/$1.csv"; }
q pg_namespace "select oid, nspname, nspowner from pg_namespace where oid < 16384 order by oid"
q pg_type "select oid, typname, typnamespace, typowner, typlen, typbyval, typtype, typcategory, typispreferred, typisdefined, typdelim, typrelid, typsubscript::oid::regproc::text as typsubscript, typelem, typarray, typinput::text, typoutput::text, typreceive::text, typsend::text, typmodin::text, typmodout::text, typanalyze::text, typalign, typstorage, typnotnull, typbasetype, typtypmod, typndims, typcollation from pg_type where oid < 16384 order by oid"
q pg_proc "select oid, proname, pronamespace, proowner, prolang, procost, prorows, provariadic, prosupport::text, prokind, prosecdef, proleakproof, proisstrict, proretset, provolatile, proparallel, pronargs, pronargdefaults, prorettype, proargtypes::text, proallargtypes::text, proargmodes::text, proargnames::text, case when prolang = 12 or prolang = 13 then prosrc end as prosrc from pg_proc where oid < 16384 order by oid"
q pg_operator "select oid, oprname, oprnamespace, oprowner, oprkind, oprcanmerge, oprcanhash, oprleft, oprright, oprresult, oprcom, oprnegate, oprcode::text, oprrest::text, oprjoin::text from pg_operator where oid < 16384 order by oid"
q pg_cast "select oid, castsource, casttarget, castfunc, castcontext, castmethod from pg_cast where oid < 16384 order by oid"
q pg_aggregate "select aggfnoid::oid, aggkind, aggnumdirectargs, aggtransfn::text, aggfinalfn::text, aggcombinefn::text, aggserialfn::text, aggdeserialfn::text, aggmtransfn::text, aggminvtransfn::text, aggmfinalfn::text, aggfinalextra, aggmfinalextra, aggfinalmodify, aggmfinalmodify, aggsortop, aggtranstype, aggtransspace, aggmtranstype, aggmtransspace, agginitval, aggminitval from pg_aggregate where aggfnoid::oid < 16384 order by 1"
q pg_am "select oid, amname, amhandler::text, amtype from pg_am order by oid"
q pg_opfamily "select oid, opfmethod, opfname, opfnamespace, opfowner from pg_opfamily order by oid"
q pg_opclass "select oid, opcmethod, opcname, opcnamespace, opcowner, opcfamily, opcintype, opcdefault, opckeytype from pg_opclass order by oid"
q pg_amop "select oid, amopfamily, amoplefttype, amoprighttype, amopstrategy, amoppurpose, amopopr, amopmethod, amopsortfamily from pg_amop order by oid"
q pg_amproc "select oid, amprocfamily, amproclefttype, amprocrighttype, amprocnum, amproc::text from pg_amproc order by oid"
q pg_collation "select oid, collname, collnamespace, collowner, collprovider, collisdeterministic, collencoding, collcollate, collctype from pg_collation where oid < 16384 and (collencoding = -1 or collencoding = 6) and collname in ('default','C','POSIX','ucs_basic') order by oid"
q pg_language "select oid, lanname, lanowner, lanispl, lanpltrusted, lanplcallfoid, laninline, lanvalidator from pg_language order by oid"
q pg_range "select rngtypid, rngsubtype, rngmultitypid, rngcollation, rngsubopc, rngcanonical::text, rngsubdiff::text from pg_range order by 1"
q catalog_relations "select c.oid, c.relname, c.relnamespace, c.reltype, c.relkind, c.relisshared, c.relnatts, c.relhasindex, c.relpersistence, c.relfilenode from pg_class c where c.relnamespace = 11 and c.relkind in ('r','i') order by c.oid"
q catalog_attributes "select a.attrelid, c.relname, a.attnum, a.attname, a.atttypid, a.attlen, a.attbyval, a.attalign, a.attstorage, a.atttypmod, a.attnotnull, a.attcollation from pg_attribute a join pg_class c on c.oid = a.attrelid where c.relnamespace = 11 and c.relkind = 'r' and a.attnum > 0 order by a.attrelid, a.attnum"
q catalog_indexes "select i.indexrelid, ci.relname as indexname, i.indrelid, i.indnatts, i.indisunique, i.indisprimary, i.indkey::text, i.indclass::text from pg_index i join pg_class ci on ci.oid = i.indexrelid where ci.relnamespace = 11 order by 1"
