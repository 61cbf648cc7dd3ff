#!/usr/bin/env bash
# Issue 4's pgbench yardstick: Tusk beside a real PostgreSQL 15, same pgbench, same run.
# Prints medians and ratios (Tusk / PostgreSQL) of
#   - the time of `pgbench -i -s SCALE` (target: ratio <= 1.5)
#   - TPC-B (pgbench's default script) tps, 8 clients, prepared protocol (target: ratio >= 0.8)
#   - select-only (-S) tps, 8 clients, prepared protocol (target: ratio >= 0.8)
# and checks after each TPC-B run that sum(abalance) = sum(bbalance) = sum(tbalance).
# Warm-up, the same for both servers: before the measured runs of each script, one unmeasured run of
# WARMUP_SECS (default 240) with the same clients and script on PostgreSQL and on Tusk (PostgreSQL fills
# its caches; Tusk's pool grows to the 8 busy backends plus min_spare_backends, and their JVMs compile
# the hot paths: eight JVMs on two cores needed about 2.5 minutes of 8-client TPC-B to reach their steady
# state in session 11, and about 3.2 minutes in session 18, when the backends' JIT threads still took
# 0.24 ms of CPU per transaction in the 15 s after a 150 s warm-up and under 0.02 ms only from 190 s on:
# bench/README.md "Session 18, lead"). Its tps are printed too, as "warm-up". Then the runs
# alternate, each after `settle` (a quiet CPU for 5 s), so neither server's run shares the CPU with the
# other's background work (Tusk's spares warming, PostgreSQL's checkpointer or autovacuum).
# Usage: bench/pgbench.sh [seconds-per-run (30)] [runs (3)] [scale (10)]
# Needs root (to run PostgreSQL as the unprivileged user tuskbench) and a built distribution.
set -euo pipefail
SECS="${1:-30}"
RUNS="${2:-3}"
SCALE="${3:-10}"
source "$(dirname "$0")/lib.sh"

USER_NAME="$(whoami)"
init_seconds() { # port
    local t0 t1
    t0=$(date +%s.%N)
    pgbench -i -q -s "$SCALE" -h 127.0.0.1 -p "$1" -U "$USER_NAME" postgres >/dev/null 2>"$WORK/init.err" \
        || { echo "pgbench -i failed on port $1:" >&2; cat "$WORK/init.err" >&2; exit 1; }
    t1=$(date +%s.%N)
    awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.2f", b-a}'
}
wal_lsn() { # port
    psql -X -At -h 127.0.0.1 -p "$1" -U "$USER_NAME" postgres -c "select pg_current_wal_insert_lsn()"
}
# One run; prints its tps. Appends to $WORK/runs.log when it ran, on which server, and the WAL it wrote per
# transaction (pg_current_wal_insert_lsn before and after), to line runs up with the servers' logs
# (checkpoints, autovacuum) when one run stands out.
tps() { # port extra-args...
    local port=$1; shift
    local start lsn0 out n t
    start=$(date +%T); lsn0=$(wal_lsn "$port")
    out=$(pgbench -n -h 127.0.0.1 -p "$port" -U "$USER_NAME" -T "$SECS" -c 8 -j 2 -M prepared "$@" postgres 2>"$WORK/run.err")
    n=$(echo "$out" | awk '/^number of transactions actually processed/{print $NF}' | cut -d/ -f1)
    t=$(echo "$out" | awk '/^tps = /{print $3}')
    psql -X -At -h 127.0.0.1 -p "$port" -U "$USER_NAME" postgres -c "select '$start-$(date +%T) port $port $*: tps $t, '
        || round(pg_wal_lsn_diff(pg_current_wal_insert_lsn(), '$lsn0') / greatest(1, ${n:-0})) || ' WAL bytes/txn'" \
        >>"$WORK/runs.log"
    echo "$t"
}
balanced() { # port: prints "ok" when the three sums agree
    psql -X -At -h 127.0.0.1 -p "$1" -U "$USER_NAME" postgres -c \
        "select case when (select sum(abalance) from pgbench_accounts) = (select sum(bbalance) from pgbench_branches)
                      and (select sum(bbalance) from pgbench_branches) = (select sum(tbalance) from pgbench_tellers)
                 then 'ok' else 'MISMATCH' end"
}
report() { # label pg-values tusk-values
    local pgm tkm
    pgm=$(printf '%s\n' $2 | median)
    tkm=$(printf '%s\n' $3 | median)
    printf '%-40s PostgreSQL %10s  Tusk %10s  ratio %.2f   (runs: pg %s | tusk %s)\n' \
        "$1" "$pgm" "$tkm" "$(awk -v a="$tkm" -v b="$pgm" 'BEGIN{print a/b}')" "$2" "$3"
}

settle
echo "pgbench: Tusk vs PostgreSQL 15 on $(nproc) cores, scale $SCALE, ${SECS}s per run, median of $RUNS runs (runs alternate)"
pg_init="" tk_init=""
for _ in $(seq "$RUNS"); do
    settle
    pg_init+="$(init_seconds "$PGPORT_REF") "
    settle
    tk_init+="$(init_seconds "$TUSK_PORT") "
done
report "pgbench -i -s $SCALE (seconds)" "$pg_init" "$tk_init"

for mode in "TPC-B" "select-only (-S)"; do
    args=()
    [ "$mode" = "TPC-B" ] || args=(-S)
    # the warm-up (see the header): the same unmeasured run on both servers, then a quiet machine
    pg_warm="$(SECS="${WARMUP_SECS:-240}" tps "$PGPORT_REF" "${args[@]}")"
    tk_warm="$(SECS="${WARMUP_SECS:-240}" tps "$TUSK_PORT" "${args[@]}")"
    printf '%-40s PostgreSQL %10s  Tusk %10s   (unmeasured)\n' "$mode warm-up run" "$pg_warm" "$tk_warm"
    pg="" tk=""
    for _ in $(seq "$RUNS"); do
        settle
        pg+="$(tps "$PGPORT_REF" "${args[@]}") "
        settle
        tk+="$(tps "$TUSK_PORT" "${args[@]}") "
    done
    report "$mode tps, 8 clients, prepared" "$pg" "$tk"
done
echo "balances after the runs: PostgreSQL $(balanced "$PGPORT_REF"), Tusk $(balanced "$TUSK_PORT")"
echo "runs (PostgreSQL on $PGPORT_REF, Tusk on $TUSK_PORT; logs in $WORK):"
sed 's/^/  /' "$WORK/runs.log"
