# Shared by the benchmark scripts: starts a real PostgreSQL 15 (as the unprivileged
# user tuskbench) and a Tusk cluster side by side on free ports, in $WORK, and
# stops both on exit. Callers set SECS and RUNS first, then source this file.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
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
    -c min_spare_backends=2 -c max_spare_backends=10 -l "$WORK/tusk.log" >/dev/null

median() { sort -g | awk '{a[NR]=$1} END{print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# Waits (up to SETTLE_SECONDS, default 240) until the CPU has been 90% idle for 5 s in a row: Tusk's
# pool has finished starting and warming backends (spares start one after another, so one quiet second
# is not enough). On a machine shared with other work it never gets quiet: lower SETTLE_SECONDS there.
settle() {
    local quiet=0
    for _ in $(seq "${SETTLE_SECONDS:-240}"); do
        local a b
        a=$(head -1 /proc/stat | awk '{print $5, $2+$3+$4+$5+$6+$7+$8}'); sleep 1
        b=$(head -1 /proc/stat | awk '{print $5, $2+$3+$4+$5+$6+$7+$8}')
        if echo "$a $b" | awk '{exit !(($3-$1)*100/($4-$2) > 90)}'; then quiet=$((quiet + 1)); else quiet=0; fi
        [ "$quiet" -ge 5 ] && return 0
    done
    return 0   # never quiet: measure anyway (under set -e a failed test above would end the script)
}

