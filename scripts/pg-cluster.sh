#!/usr/bin/env bash
# Start or stop a throwaway PostgreSQL 15 cluster on a loopback port, for tests and benchmarks.
#   scripts/pg-cluster.sh start DIR PORT   → prints the DATABASE_URL
#   scripts/pg-cluster.sh stop DIR
set -euo pipefail
cmd=${1:?start|stop}; dir=${2:?cluster directory}; port=${3:-54329}
bin=/usr/lib/postgresql/15/bin
if [ ! -x "$bin/initdb" ]; then
  echo "PostgreSQL 15 not found at $bin; installing Debian's postgresql" >&2
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
fi
# initdb refuses to run as root: run the cluster as the postgres user.
as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
case "$cmd" in
  start)
    mkdir -p "$dir"
    # The postgres user must be able to reach the directory (mktemp makes parents root-only).
    # Add traverse permission only: never take away write or sticky bits (e.g. of /tmp itself).
    if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$dir"; chmod o+x "$(dirname "$dir")"; fi
    if [ ! -f "$dir/PG_VERSION" ]; then
      as_pg "$bin/initdb -D '$dir' -U postgres --auth=trust --locale=C.UTF-8 --encoding=UTF8" >/dev/null
    fi
    # Test clusters trade durability for speed; TIDELINE_PG_DURABLE=1 keeps PostgreSQL's defaults (benchmarks).
    fast="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    [ "${TIDELINE_PG_DURABLE:-0}" = 1 ] && fast=""
    as_pg "$bin/pg_ctl -D '$dir' -l '$dir/server.log' -w -o \"-p $port -k /tmp -c listen_addresses=127.0.0.1 $fast -c max_connections=200 -c shared_buffers=512MB\" start" >/dev/null
    echo "postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    as_pg "$bin/pg_ctl -D '$dir' -m fast stop" >/dev/null || true
    ;;
  *) echo "usage: $0 start|stop DIR [PORT]" >&2; exit 2 ;;
esac
