#!/usr/bin/env bash
# Start a throwaway PostgreSQL server as an unprivileged user on a free local port.
# Usage: source scripts/postgres-throwaway.sh   -> exports DATABASE_URL and PG_THROWAWAY_DIR;
#        pg_throwaway_stop                     -> stops it and removes its files.
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
  echo "PostgreSQL server binaries not found (Debian package postgresql)" >&2
  return 1
fi
PG_THROWAWAY_DIR=$(mktemp -d /tmp/fazhi-pg.XXXXXX)
pg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
pg_password=$(python3 -c 'import secrets; print(secrets.token_hex(12))')
echo "$pg_password" > "$PG_THROWAWAY_DIR/pwfile"
as_user=()
if [ "$(id -u)" = "0" ]; then
  # PostgreSQL refuses to run as root: use the package's own account.
  runas=postgres
  id "$runas" >/dev/null 2>&1 || runas=nobody
  chown -R "$runas" "$PG_THROWAWAY_DIR"
  as_user=(runuser -u "$runas" --)
fi
"${as_user[@]}" "$pg_bin/initdb" -D "$PG_THROWAWAY_DIR/data" -U fazhi --pwfile="$PG_THROWAWAY_DIR/pwfile" \
  --auth=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >"$PG_THROWAWAY_DIR/initdb.log" 2>&1 \
  || { cat "$PG_THROWAWAY_DIR/initdb.log" >&2; return 1; }
"${as_user[@]}" "$pg_bin/pg_ctl" -D "$PG_THROWAWAY_DIR/data" -l "$PG_THROWAWAY_DIR/server.log" -w \
  -o "-p $pg_port -k $PG_THROWAWAY_DIR -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null \
  || { cat "$PG_THROWAWAY_DIR/server.log" >&2; return 1; }
export DATABASE_URL="postgres://fazhi:${pg_password}@127.0.0.1:${pg_port}/postgres"
export PG_THROWAWAY_DIR
echo "throwaway PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port"

pg_throwaway_stop() {
  "${as_user[@]}" "$pg_bin/pg_ctl" -D "$PG_THROWAWAY_DIR/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$PG_THROWAWAY_DIR"
}
