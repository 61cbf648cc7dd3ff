#!/usr/bin/env bash
# CPU profile (async-profiler, kernel frames included) of the pgbench sessions' backends during an 8-client run
# (bench/README.md, "Session 19, lead"). usage: bench/approf.sh PORT SECS /abs/OUTPREFIX [pgbench args, e.g. -S]
# Writes OUTPREFIX.all: collapsed stacks, thread name first, kernel frames ending in _[k]. Read it with
# bench/ap_stacks.py (owners: user samples by deepest Tusk frame; tree: callee tree under a method).
# Needs a warmed cluster on 127.0.0.1:PORT with pgbench's tables in database postgres.
set -euo pipefail
PORT=$1; SECS=$2; OUT=$3; shift 3
LIB=/tmp/ap/linux-x64/libasyncProfiler.so
if [ ! -f "$LIB" ]; then
    mkdir -p /tmp/ap && curl -sSfL -o /tmp/ap/ap.jar https://repo1.maven.org/maven2/tools/profiler/async-profiler/3.0/async-profiler-3.0.jar
    (cd /tmp/ap && unzip -o -q ap.jar linux-x64/libasyncProfiler.so)
fi
pgbench -n -h 127.0.0.1 -p "$PORT" -c 8 -j 2 -M prepared -T $((SECS + 10)) "$@" postgres > "$OUT.run" 2>&1 &
pids=""
for _ in $(seq 60); do   # wait until all 8 sessions are connected (slow under load)
    sleep 1
    pids=$(psql -X -At -h 127.0.0.1 -p "$PORT" postgres -c "select pid from pg_stat_activity where application_name='pgbench'")
    [ "$(echo "$pids" | grep -c .)" -ge 8 ] && break
done
# the inner quotes matter: without them jcmd parses "event=cpu" as its own argument (agent return code 100)
for p in $pids; do jcmd "$p" JVMTI.agent_load "$LIB" "\"start,event=cpu,interval=1ms,threads\"" >/dev/null; done
sleep "$SECS"
for p in $pids; do jcmd "$p" JVMTI.agent_load "$LIB" "\"stop,file=$OUT.$p.collapsed,collapsed\"" >/dev/null; done
wait
grep '^tps' "$OUT.run"
cat "$OUT".*.collapsed > "$OUT.all"
