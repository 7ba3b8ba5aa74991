#!/usr/bin/env bash
# Makes sure the limit and team suites have a Redis to run against. Sourced by test-all.sh. Uses,
# in order:
#   1. the server at $SWITCHBOARD_TEST_REDIS_URL (default redis://127.0.0.1:6379) if it answers PING;
#   2. a throwaway redis-server on a free loopback port, keeping nothing on disk;
#   3. when run as root with apt-get, the redis-server package installed first, then 2.
# Otherwise it fails and says what to install: it never skips the Redis suites silently.
# On success SWITCHBOARD_TEST_REDIS_URL is exported; stop_throwaway_redis stops what it started.
# (The Redis-outage test starts and stops its own redis-server, so it needs the binary either way.)

SWITCHBOARD_TEST_REDIS_URL="${SWITCHBOARD_TEST_REDIS_URL:-redis://127.0.0.1:6379}"
throwaway_redis_dir=""

redis_answers() {
  node -e '
    const Redis = require("ioredis");
    const redis = new Redis(process.argv[1], { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 3000 });
    redis.connect().then(() => redis.ping()).then(() => { redis.disconnect(); process.exit(0); }, () => process.exit(1));
  ' "$1" >/dev/null 2>&1
}

start_throwaway_redis() {
  local port
  command -v redis-server >/dev/null 2>&1 || return 1
  throwaway_redis_dir=$(mktemp -d "${TMPDIR:-/tmp}/switchboard-redis.XXXXXX")
  port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
  redis-server --port "$port" --bind 127.0.0.1 --daemonize yes --save "" --appendonly no \
    --dir "$throwaway_redis_dir" --pidfile "$throwaway_redis_dir/redis.pid" \
    --logfile "$throwaway_redis_dir/redis.log" || return 1
  SWITCHBOARD_TEST_REDIS_URL="redis://127.0.0.1:$port"
  for _ in $(seq 1 50); do redis_answers "$SWITCHBOARD_TEST_REDIS_URL" && break; sleep 0.1; done
  echo "== started a throwaway Redis on port $port ($throwaway_redis_dir)"
}

stop_throwaway_redis() {
  if [ -n "$throwaway_redis_dir" ] && [ -f "$throwaway_redis_dir/redis.pid" ]; then
    kill "$(cat "$throwaway_redis_dir/redis.pid")" 2>/dev/null || true
    rm -rf "$throwaway_redis_dir"
  fi
}

ensure_redis() {
  if ! command -v redis-server >/dev/null 2>&1 && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "== installing redis-server (apt-get install -y redis-server)"
    { apt-get update && apt-get install -y redis-server; } >"${out:-/tmp}/redis-install.log" 2>&1 ||
      tail -n 20 "${out:-/tmp}/redis-install.log"
  fi
  if redis_answers "$SWITCHBOARD_TEST_REDIS_URL" || start_throwaway_redis; then
    export SWITCHBOARD_TEST_REDIS_URL
    return 0
  fi
  echo "== No Redis: none answers at $SWITCHBOARD_TEST_REDIS_URL and redis-server is not installed."
  echo "   Install it ('sudo apt-get install -y redis-server') or set SWITCHBOARD_TEST_REDIS_URL."
  return 1
}
