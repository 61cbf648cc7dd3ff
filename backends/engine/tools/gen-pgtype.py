#!/usr/bin/env python3
"""Writes PgType.java's constant list from the bootstrap pg_type.csv.

Run from backends/engine:  python3 tools/gen-pgtype.py > src/main/java/org/tusk/engine/types/PgType.java
Every pg_catalog type except the catalogs' row types (and their arrays) becomes
a constant named after typname (an array `_foo` is FOO_ARRAY).
"""
import csv
import sys

CSV = 'src/main/resources/org/tusk/engine/catalog/bootstrap/pg_type.csv'
rows = list(csv.DictReader(open(CSV)))
by_oid = {r['oid']: r for r in rows}

# format_type()'s SQL-standard spellings
DISPLAY = {
    'bool': 'boolean', 'int2': 'smallint', 'int4': 'integer', 'int8': 'bigint',
    'float4': 'real', 'float8': 'double precision', 'bpchar': 'character',
    'varchar': 'character varying', 'time': 'time without time zone',
    'timetz': 'time with time zone', 'timestamp': 'timestamp without time zone',
    'timestamptz': 'timestamp with time zone', 'varbit': 'bit varying', 'char': '"char"',
}


def keep(r):
    if r['typnamespace'] != '11' or r['typtype'] == 'c':
        return False
    if r['typcategory'] == 'A' and by_oid.get(r['typelem'], {}).get('typtype') == 'c':
        return False
    return True


def const(r):
    n = r['typname']
    return n[1:].upper() + '_ARRAY' if n.startswith('_') and r['typcategory'] == 'A' else n.upper()


def display(r):
    n = r['typname']
    if r['typcategory'] == 'A' and n.startswith('_'):
        return display(by_oid[r['typelem']]) + '[]'
    return DISPLAY.get(n, n)


def jstr(s):
    return '"' + s.replace('\\', '\\\\').replace('"', '\\"') + '"'


kept = [r for r in rows if keep(r)]
lines = []
for r in kept:
    lines.append('    %s(%s, %s, %s, %s, %s, \'%s\', \'%s\', %s, \'%s\', %s, %s, \'%s\')' % (
        const(r), r['oid'], jstr(r['typname']), jstr(display(r)), r['typlen'],
        'true' if r['typbyval'] == 't' else 'false', r['typtype'], r['typcategory'],
        'true' if r['typispreferred'] == 't' else 'false',
        r['typdelim'].replace('\\', '\\\\').replace("'", "\\'"), r['typelem'], r['typarray'], r['typalign']))

template = open('tools/PgType.java.in').read()
sys.stdout.write(template.replace('    // @CONSTANTS@\n', ',\n'.join(lines) + ';\n'))
