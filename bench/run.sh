#!/usr/bin/env bash
# Tusk beside a real PostgreSQL 15 on this machine, same clients, same run.
# Prints medians of several runs and their ratios (Tusk / PostgreSQL):
#   - connections per second: pgbench -C with a "select 1" script
#   - "select 1" transactions per second with 8 clients (simple and prepared protocol)
#   - PSS of an idle backend process
# Usage: bench/run.sh [seconds-per-run (10)] [runs (3)]
# Needs root (to run PostgreSQL as the unprivileged user tuskbench) and a built distribution.
set -euo pipefail
SECS="${1:-10}"
RUNS="${2:-3}"
source "$(dirname "$0")/lib.sh"

echo "select 1;" > "$WORK/select1.sql"

tps() { # port extra-args...
    local port=$1; shift
    pgbench -n -h 127.0.0.1 -p "$port" -U "$(whoami)" -T "$SECS" -f "$WORK/select1.sql" "$@" postgres 2>/dev/null \
        | awk '/^tps = /{print $3}'
}
measure() { # label args...
    local label=$1; shift
    local pg=() tk=()
    # Tusk keeps warm backends: one unmeasured run lets the pool grow to this load's working set
    # (min_spare_backends idle beside the busy ones), then it settles before measuring
    tps "$TUSK_PORT" "$@" >/dev/null
    settle
    for _ in $(seq "$RUNS"); do
        pg+=("$(tps "$PGPORT_REF" "$@")")
        tk+=("$(tps "$TUSK_PORT" "$@")")
    done
    local pgm tkm
    pgm=$(printf '%s\n' "${pg[@]}" | median)
    tkm=$(printf '%s\n' "${tk[@]}" | median)
    printf '%-44s PostgreSQL %10.1f  Tusk %10.1f  ratio %.2f   (runs: pg %s | tusk %s)\n' \
        "$label" "$pgm" "$tkm" "$(awk -v a="$tkm" -v b="$pgm" 'BEGIN{print a/b}')" "${pg[*]}" "${tk[*]}"
}

settle
echo "Tusk vs PostgreSQL 15 on $(nproc) cores, ${SECS}s per run, median of $RUNS runs (runs alternate)"
measure "connections/s (pgbench -C, select 1, 8 cl)" -C -c 8 -j 2
measure "connections/s (pgbench -C, select 1, 1 cl)" -C -c 1 -j 1
measure "select 1 tps, 8 clients, simple protocol" -c 8 -j 2
measure "select 1 tps, 8 clients, prepared" -c 8 -j 2 -M prepared

pss() { awk '/^Pss:/{print $2}' "/proc/$1/smaps_rollup"; }
# an idle backend: a session that has connected once and is idle in the pool (Tusk) or idle in a session (PostgreSQL)
psql -X -q -h 127.0.0.1 -p "$PGPORT_REF" -U "$(whoami)" postgres -c "select pg_sleep(30)" >/dev/null 2>&1 &
psql -X -q -h 127.0.0.1 -p "$TUSK_PORT" -U "$(whoami)" postgres -c "select pg_sleep(30)" >/dev/null 2>&1 &
sleep 3
PG_PID=$(psql -X -At -h 127.0.0.1 -p "$PGPORT_REF" -U "$(whoami)" postgres -c "select pid from pg_stat_activity where query like 'select pg_sleep(30)%' limit 1")
TK_PID=$(psql -X -At -h 127.0.0.1 -p "$TUSK_PORT" -U "$(whoami)" postgres -c "select pid from pg_stat_activity where query like 'select pg_sleep(30)%' limit 1")
PG_PSS=$(pss "$PG_PID"); TK_PSS=$(pss "$TK_PID")
echo "Tusk backend processes at the end: $(pgrep -fc 'tusk: ')"
printf '%-44s PostgreSQL %8d kB  Tusk %8d kB  ratio %.1f\n' "PSS of a backend in a session" "$PG_PSS" "$TK_PSS" "$(awk -v a="$TK_PSS" -v b="$PG_PSS" 'BEGIN{print a/b}')"
kill %1 %2 2>/dev/null || true
