#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server on a loopback port for the test suite (installing Debian's server
# package when it is missing) and exports DATABASE_URL. Source it: `. .ci/postgres.sh`; it stops at exit.
set -euo pipefail
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$pgbin" ] || [ ! -x "$pgbin/initdb" ]; then
  echo "installing PostgreSQL from Debian"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql >/dev/null
  pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi
pgdir=$(mktemp -d /tmp/tradectl-pg.XXXXXX)
chmod 755 "$pgdir"
runas=""
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --home "$pgdir" postgres
  chown postgres "$pgdir"
  runas="runuser -u postgres --"
fi
pgport=${PGPORT_TEST:-55432}
$runas "$pgbin/initdb" -D "$pgdir/data" -A trust -U tradectl >/dev/null
$runas "$pgbin/pg_ctl" -D "$pgdir/data" -l "$pgdir/log" -w \
  -o "-p $pgport -k $pgdir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
export DATABASE_URL="postgres://tradectl@127.0.0.1:$pgport/postgres"
trap '$runas "$pgbin/pg_ctl" -D "$pgdir/data" -m fast stop >/dev/null 2>&1 || true' EXIT
echo "PostgreSQL $("$pgbin/postgres" --version | awk "{print \$3}") on 127.0.0.1:$pgport (DATABASE_URL set)"
