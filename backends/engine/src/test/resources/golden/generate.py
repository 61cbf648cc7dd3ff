#!/usr/bin/env python3
"""Regenerates expected.txt from queries.sql by running every line, in one
session, against a real PostgreSQL 15 over the v3 protocol (simple Query).

Usage: python3 generate.py /tmp/sockdir 54391 postgres [queries-file] > expected.txt
Each line of queries.sql (or queries-file) is one Query message; lines
starting with '#' are skipped. types/queries.sql is recorded the same way:
  python3 generate.py /var/tmp/pgref 54329 postgres types/queries.sql > types/expected.txt
"""
import socket, struct, sys

def msg(t, body):
    return t + struct.pack('!i', len(body) + 4) + body

def recv_exact(s, n):
    b = b''
    while len(b) < n:
        c = s.recv(n - len(b))
        if not c:
            raise EOFError
        b += c
    return b

def read(s):
    t = recv_exact(s, 1)
    ln = struct.unpack('!i', recv_exact(s, 4))[0]
    return t, recv_exact(s, ln - 4)

def fields(body):
    out = {}
    for part in body.split(b'\0'):
        if part:
            out[chr(part[0])] = part[1:].decode()
    return out

def main():
    sockdir, port, user = sys.argv[1], sys.argv[2], sys.argv[3]
    s = socket.socket(socket.AF_UNIX)
    s.connect('%s/.s.PGSQL.%s' % (sockdir, port))
    params = b'user\0' + user.encode() + b'\0database\0postgres\0TimeZone\0UTC\0\0'
    body = struct.pack('!i', 196608) + params
    s.sendall(struct.pack('!i', len(body) + 4) + body)
    while True:
        t, b = read(s)
        if t == b'Z':
            break
    import os
    here = os.path.dirname(os.path.abspath(__file__))
    queries = sys.argv[4] if len(sys.argv) > 4 else os.path.join(here, 'queries.sql')
    for line in open(queries, encoding='utf-8'):
        q = line.rstrip('\n')
        if not q or q.startswith('#'):
            continue
        print('Q: ' + q)
        s.sendall(msg(b'Q', q.encode() + b'\0'))
        while True:
            t, b = read(s)
            if t == b'T':
                n = struct.unpack('!h', b[:2])[0]
                pos = 2
                cols = []
                for _ in range(n):
                    end = b.index(b'\0', pos)
                    name = b[pos:end].decode()
                    pos = end + 1
                    _, _, typ, _, typmod, _ = struct.unpack('!ihihih', b[pos:pos + 18])
                    pos += 18
                    cols.append('%s:%d:%d' % (name, typ, typmod))
                print('C: ' + ' '.join(cols))
            elif t == b'D':
                n = struct.unpack('!h', b[:2])[0]
                pos = 2
                vals = []
                for _ in range(n):
                    ln = struct.unpack('!i', b[pos:pos + 4])[0]
                    pos += 4
                    if ln < 0:
                        vals.append('\\N')
                    else:
                        vals.append(b[pos:pos + ln].decode())
                        pos += ln
                print('R: ' + '|'.join(vals))
            elif t == b'C':
                print('T: ' + b[:-1].decode())
            elif t == b'E':
                f = fields(b)
                print('E: %s|%s|%s' % (f.get('C'), f.get('M'), f.get('P', '0')))
            elif t == b'N':
                f = fields(b)
                print('N: %s|%s' % (f.get('C'), f.get('M')))
            elif t == b'I':
                print('T: EMPTY')
            elif t == b'Z':
                print('Z: ' + b.decode())
                break
        print()

main()
