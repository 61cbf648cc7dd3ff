#!/usr/bin/env bash
# Where warm backends spend their CPU under 8-client pgbench: JFR execution samples of the pgbench
# sessions' backends only, with the pool's synthetic warm-up (any stack with a backend.Warmup frame) left out (bench/README.md, "Session 12").
#
# usage: bench/profile-backends.sh PORT [warm-up seconds (120)] [profile seconds (30)] [pgbench args, e.g. -S]
#   Needs a running cluster on 127.0.0.1:PORT with pgbench's tables, started with enough spares that the
#   8 clients get warm backends and keep them (e.g. -c min_spare_backends=8 -c max_spare_backends=12
#   -c spare_backend_idle_timeout=3600). Prints the backends' CPU ms per transaction of two unprofiled
#   runs, then self and inclusive shares of the profiled run; the stacks stay in $OUT/stacks.txt for
#   bench/jfr_stacks.py's callers view.
set -euo pipefail
PORT=$1; WARM=${2:-120}; SECS=${3:-30}; shift $(( $# < 3 ? $# : 3 ))
OUT="$(mktemp -d /tmp/tuskprofile.XXXXXX)"
run() { pgbench -n -h 127.0.0.1 -p "$PORT" -c 8 -j 2 -M prepared "$@" postgres; }
sessions() { psql -X -At -h 127.0.0.1 -p "$PORT" postgres -c "select pid from pg_stat_activity where application_name = 'pgbench'"; }
cpu() { local s=0 p; for p in $1; do s=$((s + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0))); done; echo "$s"; }

[ "$WARM" -gt 0 ] && run -T "$WARM" "$@" | grep '^tps'
for r in 1 2; do
    run -T "$SECS" "$@" > "$OUT/run.txt" &
    sleep 1; pids=$(sessions); c0=$(cpu "$pids"); wait; c1=$(cpu "$pids")
    n=$(awk '/actually processed/{split($NF, a, "/"); print a[1]}' "$OUT/run.txt")
    echo "run $r: $(grep '^tps' "$OUT/run.txt"), backend CPU $(awk -v c=$((c1 - c0)) -v n="$n" 'BEGIN{printf "%.3f", c * 10 / n}') ms per transaction, load $(cut -d' ' -f1 /proc/loadavg)"
done
run -T $((SECS + 8)) "$@" > "$OUT/run.txt" &
sleep 2; pids=$(sessions)
for p in $pids; do jcmd "$p" JFR.start name=profile settings=profile filename="$OUT/$p.jfr" >/dev/null; done
sleep "$SECS"
for p in $pids; do jcmd "$p" JFR.stop name=profile >/dev/null || true; done
wait
echo "profiled run: $(grep '^tps' "$OUT/run.txt")"
for f in "$OUT"/*.jfr; do jfr print --events jdk.ExecutionSample --stack-depth 300 "$f"; done > "$OUT/stacks.txt"
python3 "$(dirname "$0")/jfr_stacks.py" "$OUT/stacks.txt" --without backend.Warmup.
echo "stacks: $OUT/stacks.txt"
