#!/usr/bin/env bash
# How fast one backend JVM reaches its steady state, in CPU time (so it still means something on a
# loaded machine, where tps do not): bench/README.md, "Session 10, jit".
#
# usage: bench/jit-curve.sh LABEL "backend JVM options" [seconds] [scale]
#   env: WARMUP=on|off (default on: wait until the pooled spare finished its warm-up first), S=1 (select-only)
#
# A fresh cluster (pgbench -i -s scale, autovacuum off, one spare), then ONE pgbench client
# (-M prepared, -P 5) for the given seconds; every 5 s it prints the CPU (utime+stime, all threads:
# the session, the JIT compiler threads, GC) that the backend serving the client used per transaction.
set -euo pipefail
LABEL=$1; OPTS=${2:-}; SECS=${3:-60}; SCALE=${4:-10}
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
JAR="$ROOT/launcher/dist/target/tusk/tusk-boot.jar"
D="$(mktemp -d /tmp/jitcurve.XXXXXX)"
PORT=$((40000 + RANDOM % 5000))
java -jar "$JAR" initdb -D "$D/data" >/dev/null 2>&1
java -jar "$JAR" start -D "$D/data" -p $PORT -c "unix_socket_directories=$D" -c listen_addresses=127.0.0.1 \
    -c backend_warmup=off -l "$D/log" >/dev/null
pgbench -i -q -s "$SCALE" -h 127.0.0.1 -p $PORT postgres >/dev/null 2>&1
java -jar "$JAR" stop -D "$D/data" -m fast >/dev/null
args=(-c "unix_socket_directories=$D" -c listen_addresses=127.0.0.1 -c min_spare_backends=1 -c max_spare_backends=2
      -c "backend_warmup=${WARMUP:-on}" -c autovacuum=off)
[ -n "$OPTS" ] && args+=(-c "backend_jvm_options=$OPTS")
java -jar "$JAR" start -D "$D/data" -p $PORT "${args[@]}" -l "$D/log" >/dev/null
trap 'java -jar "$JAR" stop -D "$D/data" -m fast >/dev/null 2>&1 || true' EXIT
PM=$(head -1 "$D/data/postmaster.pid")
backends() { for p in $(pgrep -P "$PM"); do tr '\0' ' ' < /proc/$p/cmdline | grep -qE 'checkpointer|autovacuum|--role' || echo $p; done; }
cpu() { awk '{print $14+$15}' /proc/$1/stat 2>/dev/null || echo 0; }
busy() { local s=0; for p in $(backends); do s=$((s + $(cpu $p))); done; echo $s; }
quiet=0; t0=$(date +%s)
while [ "${WARMUP:-on}" = on ] && [ $quiet -lt 5 ] && [ $(( $(date +%s) - t0 )) -lt 900 ]; do
    a=$(busy); sleep 1; b=$(busy)
    if [ $((b - a)) -lt 5 ]; then quiet=$((quiet + 1)); else quiet=0; fi
done
for p in $(backends); do
    echo "$LABEL spare $p cpu_s $(awk -v c=$(cpu $p) 'BEGIN{print c/100}') ready after $(( $(date +%s) - t0 )) s, load $(cut -d' ' -f1 /proc/loadavg)"
done
pgbench -n -h 127.0.0.1 -p $PORT -c 1 -M prepared -T "$SECS" -P 5 ${S:+-S} postgres > "$D/pgbench.out" 2>&1 &
PGB=$!
SERVING=""
for i in $(seq 40); do
    for p in $(backends); do tr '\0' ' ' < /proc/$p/cmdline | grep -q " postgres " && SERVING=$p; done
    [ -n "$SERVING" ] && break; sleep 0.25
done
c0=$(cpu "$SERVING")
: > "$D/samples"
while kill -0 $PGB 2>/dev/null; do sleep 5; cpu "$SERVING" >> "$D/samples"; done
grep '^progress' "$D/pgbench.out" | awk -v c0=$c0 -v lab="$LABEL" 'NR==FNR { c[NR]=$1; next }
    { d=c[FNR]-(FNR==1 ? c0 : c[FNR-1]); tx=$4*5; cum+=d;
      printf "%s t %d tps %.0f cpu_ms/txn %.2f cum_cpu_s %.2f\n", lab, FNR*5, $4, (tx>0 ? d*10/tx : 0), cum/100 }' "$D/samples" -
echo "$LABEL backend $SERVING cpu_s $(awk -v c=$(cpu "$SERVING") 'BEGIN{print c/100}'), $(grep '^tps' "$D/pgbench.out"), load $(cut -d' ' -f1 /proc/loadavg)"
