#!/usr/bin/env bash
# Why is a run slower than the next one? Runs 8-client prepared TPC-B on a fresh Tusk cluster with the pool
# settings bench/pgbench.sh uses (two spares, at most ten), and for every run prints its tps, WAL bytes per
# transaction (pg_current_wal_insert_lsn before and after) and the CPU per transaction (utime+stime) of the
# backends that served pgbench, apart from every other child of the postmaster (spares, checkpointer, autovacuum).
# A backend whose JIT is still compiling shows as CPU per transaction; full-page images after a checkpoint show
# as WAL bytes per transaction (bench/README.md, "Session 13, lead"). Backends started during a run (the
# warm-up run's, mostly) are not in its CPU figure: only processes alive at its start are counted.
# Usage: bench/first-run.sh [warm-up s (150)] [run s (15)] [runs (3)] [scale (10)]
#   env: CHECKPOINT_BEFORE=N runs CHECKPOINT before run N (0: never); PAUSE=s between runs (10)
set -euo pipefail
WARM="${1:-150}"; SECS="${2:-15}"; RUNS="${3:-3}"; SCALE="${4:-10}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
JAR="$ROOT/launcher/dist/target/tusk/tusk-boot.jar"
[ -f "$JAR" ] || (cd "$ROOT" && mvn -q -B -DskipTests install)
W="$(mktemp -d /tmp/tuskfirstrun.XXXXXX)"; P=$((50000 + RANDOM % 5000))
trap 'java -jar "$JAR" stop -D "$W/d" -m immediate >/dev/null 2>&1 || true' EXIT
java -jar "$JAR" initdb -D "$W/d" >/dev/null
java -jar "$JAR" start -D "$W/d" -p "$P" -c "unix_socket_directories=$W" -c listen_addresses=127.0.0.1 \
    -c min_spare_backends=2 -c max_spare_backends=10 -l "$W/log" >/dev/null
pgbench -i -q -s "$SCALE" -h 127.0.0.1 -p "$P" postgres >/dev/null 2>&1
PM=$(head -1 "$W/d/postmaster.pid")
q() { psql -X -At -h 127.0.0.1 -p "$P" postgres -c "$1"; }
ticks() { for p in $(pgrep -P "$PM"); do echo "$p $(awk '{print $14+$15}' "/proc/$p/stat" 2>/dev/null || echo 0)"; done | sort; }
run() { # label seconds
    local lsn0 out n t hz cpu other
    ticks >"$W/t0"; lsn0=$(q "select pg_current_wal_insert_lsn()")
    # which backends serve pgbench: asked halfway through the run
    ( sleep $(( $2 / 2 )); q "select pid from pg_stat_activity where application_name = 'pgbench'" >"$W/pids" ) &
    out=$(pgbench -n -h 127.0.0.1 -p "$P" -T "$2" -c 8 -j 2 -M prepared postgres 2>/dev/null)
    wait
    ticks >"$W/t1"
    n=$(echo "$out" | awk '/actually processed/{print $NF}'); t=$(echo "$out" | awk '/^tps = /{print $3}')
    hz=$(getconf CLK_TCK)
    read -r cpu other < <(join "$W/t0" "$W/t1" | while read -r p a b; do
        if grep -qx "$p" "$W/pids"; then echo "pg $((b - a))"; else echo "other $((b - a))"; fi
    done | awk '{s[$1] += $2} END {print s["pg"] + 0, s["other"] + 0}')
    printf '%s %-10s tps %9s  WAL %6s B/txn  pgbench backends %6.3f ms CPU/txn  other children %5.1f s CPU\n' \
        "$(date +%T)" "$1" "$t" "$(q "select round(pg_wal_lsn_diff(pg_current_wal_insert_lsn(), '$lsn0') / greatest(1, ${n:-0}))")" \
        "$(awk -v c="$cpu" -v n="${n:-0}" -v hz="$hz" 'BEGIN{print n ? c * 1000 / hz / n : 0}')" \
        "$(awk -v c="$other" -v hz="$hz" 'BEGIN{print c / hz}')"
}
run warm-up "$WARM"
for i in $(seq "$RUNS"); do
    sleep "${PAUSE:-10}"
    [ "${CHECKPOINT_BEFORE:-0}" = "$i" ] && q "checkpoint" >/dev/null && echo "$(date +%T) CHECKPOINT"
    run "run $i" "$SECS"
done
