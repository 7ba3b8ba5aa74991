#!/usr/bin/env bash
# Makes sure the store's suites have a PostgreSQL to run against (they run on SQLite and PostgreSQL
# alike). Sourced by test-all.sh. Uses, in order:
#   1. the server at $SWITCHBOARD_TEST_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/test) if it answers;
#   2. a throwaway server started with initdb/pg_ctl under a temporary folder, on a free port;
#   3. when run as root with apt-get, the PostgreSQL server package installed first, then 2.
# Otherwise it fails and says what to install: it never skips the PostgreSQL runs silently.
# On success SWITCHBOARD_TEST_POSTGRES_URL is exported; stop_throwaway_postgres stops what it started.

SWITCHBOARD_TEST_POSTGRES_URL="${SWITCHBOARD_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/test}"
throwaway_pg_dir=""
throwaway_pg_user=""

postgres_answers() {
  node -e '
    const pg = require("pg");
    const client = new pg.Client({ connectionString: process.argv[1], connectionTimeoutMillis: 3000 });
    client.connect().then(() => client.end()).then(() => process.exit(0), () => process.exit(1));
  ' "$1" >/dev/null 2>&1
}

find_pg_bin() {
  local name=$1 dir
  if command -v "$name" >/dev/null 2>&1; then command -v "$name"; return 0; fi
  for dir in /usr/lib/postgresql/*/bin /usr/local/pgsql/bin; do
    if [ -x "$dir/$name" ]; then echo "$dir/$name"; return 0; fi
  done
  return 1
}

as_pg_user() { # initdb and postgres refuse to run as root: run them as an unprivileged user then
  if [ -n "$throwaway_pg_user" ]; then runuser -u "$throwaway_pg_user" -- "$@"; else "$@"; fi
}

start_throwaway_postgres() {
  local initdb pg_ctl port
  initdb=$(find_pg_bin initdb) && pg_ctl=$(find_pg_bin pg_ctl) || return 1
  throwaway_pg_dir=$(mktemp -d "${TMPDIR:-/tmp}/switchboard-pg.XXXXXX")
  if [ "$(id -u)" = "0" ]; then
    throwaway_pg_user=$(id -un postgres 2>/dev/null || echo nobody)
    chown "$throwaway_pg_user" "$throwaway_pg_dir"
  fi
  port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
  as_pg_user "$initdb" -D "$throwaway_pg_dir/data" -U postgres --auth=trust >"$throwaway_pg_dir/initdb.log" 2>&1 || {
    cat "$throwaway_pg_dir/initdb.log"; return 1; }
  as_pg_user "$pg_ctl" -D "$throwaway_pg_dir/data" -l "$throwaway_pg_dir/server.log" -w \
    -o "-p $port -k $throwaway_pg_dir -c listen_addresses=127.0.0.1" start >/dev/null || {
    cat "$throwaway_pg_dir/server.log"; return 1; }
  node -e '
    const pg = require("pg");
    const client = new pg.Client(process.argv[1]);
    client.connect().then(() => client.query("create database test")).then(() => client.end()).then(
      () => process.exit(0), (error) => { console.error(error.message); process.exit(1); });
  ' "postgres://postgres@127.0.0.1:$port/postgres" || return 1
  SWITCHBOARD_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$port/test"
  echo "== started a throwaway PostgreSQL on port $port ($throwaway_pg_dir)"
}

stop_throwaway_postgres() {
  if [ -n "$throwaway_pg_dir" ] && [ -d "$throwaway_pg_dir/data" ]; then
    as_pg_user "$(find_pg_bin pg_ctl)" -D "$throwaway_pg_dir/data" -m fast stop >/dev/null 2>&1
    rm -rf "$throwaway_pg_dir"
  fi
}

ensure_postgres() {
  if postgres_answers "$SWITCHBOARD_TEST_POSTGRES_URL"; then export SWITCHBOARD_TEST_POSTGRES_URL; return 0; fi
  echo "== no PostgreSQL answers at $SWITCHBOARD_TEST_POSTGRES_URL; starting a throwaway one"
  if ! find_pg_bin initdb >/dev/null && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "== installing the PostgreSQL server (apt-get install postgresql)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql >/dev/null 2>&1 ||
      { apt-get update >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql >/dev/null 2>&1; }
  fi
  if start_throwaway_postgres; then export SWITCHBOARD_TEST_POSTGRES_URL; return 0; fi
  stop_throwaway_postgres
  echo "The usage store's tests need PostgreSQL: none answers at $SWITCHBOARD_TEST_POSTGRES_URL and no server"
  echo "binaries (initdb, pg_ctl) were found. Install them (Debian/Ubuntu: apt-get install postgresql;"
  echo "macOS: brew install postgresql) or set SWITCHBOARD_TEST_POSTGRES_URL to a server you can create schemas on."
  return 1
}
