#!/usr/bin/env bash
# Tusk beside a real PostgreSQL 15 on this machine, same clients, same run.
# Prints medians of several runs and their ratios (Tusk / PostgreSQL):
#   - connections per second: pgbench -C with a "select 1" script
#   - "select 1" transactions per second with 8 clients (simple and prepared protocol)
#   - PSS of an idle backend process
# Usage: bench/run.sh [seconds-per-run (10)] [runs (3)]
# Needs root (to run PostgreSQL as the unprivileged user tuskbench) and a built distribution.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SECS="${1:-10}"
RUNS="${2:-3}"
PGBIN=/usr/lib/postgresql/15/bin
WORK="$(mktemp -d /tmp/tuskbench.XXXXXX)"
chmod 755 "$WORK"
PGPORT_REF=$((40000 + RANDOM % 5000))
TUSK_PORT=$((45000 + RANDOM % 5000))
JAR="$ROOT/launcher/dist/target/tusk/tusk-boot.jar"
[ -f "$JAR" ] || (cd "$ROOT" && mvn -q -B -DskipTests install)

cleanup() {
    su tuskbench -c "$PGBIN/pg_ctl -D $WORK/pg -m immediate stop" >/dev/null 2>&1 || true
    java -jar "$JAR" stop -D "$WORK/tusk" -m immediate >/dev/null 2>&1 || true
}
trap cleanup EXIT

id tuskbench >/dev/null 2>&1 || useradd -m tuskbench
chown tuskbench "$WORK"
su tuskbench -c "$PGBIN/initdb -D $WORK/pg -A trust -U $(whoami) >/dev/null"
su tuskbench -c "$PGBIN/pg_ctl -D $WORK/pg -l $WORK/pg.log -o '-p $PGPORT_REF -k $WORK -c listen_addresses=127.0.0.1 -c max_connections=100' -w start >/dev/null"

java -jar "$JAR" initdb -D "$WORK/tusk" >/dev/null
java -jar "$JAR" start -D "$WORK/tusk" -p "$TUSK_PORT" -c "unix_socket_directories=$WORK" -c listen_addresses=127.0.0.1 \
    -c min_spare_backends=12 -c max_spare_backends=24 -l "$WORK/tusk.log" >/dev/null

echo "select 1;" > "$WORK/select1.sql"

tps() { # port extra-args...
    local port=$1; shift
    pgbench -n -h 127.0.0.1 -p "$port" -U "$(whoami)" -T "$SECS" -f "$WORK/select1.sql" "$@" postgres 2>/dev/null \
        | awk '/^tps = /{print $3}'
}
median() { sort -g | awk '{a[NR]=$1} END{print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# Waits (up to 240 s) until the CPU has been 90% idle for 5 s in a row: Tusk's pool has finished
# starting and warming backends (spares start one after another, so one quiet second is not enough).
settle() {
    local quiet=0
    for _ in $(seq 240); do
        local a b
        a=$(head -1 /proc/stat | awk '{print $5, $2+$3+$4+$5+$6+$7+$8}'); sleep 1
        b=$(head -1 /proc/stat | awk '{print $5, $2+$3+$4+$5+$6+$7+$8}')
        if echo "$a $b" | awk '{exit !(($3-$1)*100/($4-$2) > 90)}'; then quiet=$((quiet + 1)); else quiet=0; fi
        [ "$quiet" -ge 5 ] && return
    done
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
