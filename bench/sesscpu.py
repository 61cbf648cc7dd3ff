#!/usr/bin/env python3
"""CPU of the pgbench sessions' backend processes per committed transaction, PG or Tusk alike.
usage: sesscpu.py PORT DB USER SECS [pgbench args...]   (thread breakdown for Tusk's JVMs)"""
import os, subprocess, sys, time, collections
port, db, user, secs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
extra = sys.argv[5:]
HZ = os.sysconf('SC_CLK_TCK')
def q(sql):
    return subprocess.run(['psql','-X','-At','-h','127.0.0.1','-p',port,'-U',user,db,'-c',sql],capture_output=True,text=True).stdout.split()
def cpu(pids):
    d = collections.Counter()
    for p in pids:
        for t in os.listdir(f'/proc/{p}/task'):
            try:
                st = open(f'/proc/{p}/task/{t}/stat').read()
            except OSError: continue
            tn = st[st.find('(')+1:st.rfind(')')]
            f = st[st.rfind(')')+2:].split()
            k = 'jit' if 'Compiler' in tn else 'gc' if tn.startswith('GC') or tn.startswith('G1') else tn[:10]
            d[k] += int(f[11]) + int(f[12]); d['~sys'] += int(f[12])
    return d
p = subprocess.Popen(['pgbench','-n','-h','127.0.0.1','-p',port,'-U',user,'-c','8','-j','2','-M','prepared','-T',str(secs)]+extra+[db], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
time.sleep(2)
pids = q("select pid from pg_stat_activity where application_name='pgbench'")
c0 = cpu(pids); x0 = int(q(f"select xact_commit from pg_stat_database where datname='{db}'")[0]); t0=time.time()
time.sleep(secs - 4)
c1 = cpu(pids); x1 = int(q(f"select xact_commit from pg_stat_database where datname='{db}'")[0]); t1=time.time()
out = p.communicate()[0]
n = x1 - x0
tot = sum(v for k, v in c1.items() if k != '~sys') - sum(v for k, v in c0.items() if k != '~sys')
parts = ', '.join(f'{k} {(c1[k]-c0[k])*1000/HZ/n:.3f}' for k in sorted(c1, key=lambda k: c0[k]-c1[k])[:4])
tps = [l for l in out.splitlines() if l.startswith('tps')]
print(f'{len(pids)} sessions, {n/(t1-t0):.0f} commits/s, session processes {tot*1000/HZ/n:.3f} ms/txn [{parts}] {tps[0] if tps else ""} load {open("/proc/loadavg").read().split()[0]}')
