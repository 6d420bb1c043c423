#!/usr/bin/env bash
# Sourced by test.sh: a throwaway PostgreSQL cluster for the tests, in a temporary folder on a free loopback port,
# stopped (and its folder deleted) when the sourcing shell exits. Installs Debian's `postgresql` package when no
# initdb is found. Exports WAWATRADER_TEST_POSTGRES, the superuser connection string the tests create their databases with.
# Skipped when WAWATRADER_TEST_POSTGRES is set already (a server of the developer's own).

pg_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do [ -x "$dir/initdb" ] && { echo "$dir"; return; }; done
  command -v initdb >/dev/null 2>&1 && dirname "$(command -v initdb)"
}

if [ -z "${WAWATRADER_TEST_POSTGRES:-}" ]; then
  bin=$(pg_bin || true)
  if [ -z "$bin" ]; then
    sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "Installing postgresql ..."
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends postgresql >/dev/null
    bin=$(pg_bin)
  fi
  # initdb refuses to run as root: run the cluster as the postgres user when we are root, as ourselves otherwise.
  as=(); [ "$(id -u)" -eq 0 ] && as=(runuser -u postgres --)
  pg_dir=$(mktemp -d /tmp/wawatrader-pg.XXXXXX)
  [ ${#as[@]} -gt 0 ] && chown postgres: "$pg_dir"
  pg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()' 2>/dev/null \
    || echo $((20000 + RANDOM % 20000)))
  pg_password=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
  printf '%s\n' "$pg_password" > "$pg_dir/pwfile"
  [ ${#as[@]} -gt 0 ] && chown postgres: "$pg_dir/pwfile"
  "${as[@]}" "$bin/initdb" -D "$pg_dir/data" -U postgres --pwfile="$pg_dir/pwfile" -A scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$pg_dir/initdb.log" 2>&1 \
    || { cat "$pg_dir/initdb.log"; exit 1; }
  rm -f "$pg_dir/pwfile"
  stop_postgres() {
    "${as[@]}" "$bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
  }
  trap stop_postgres EXIT
  # Loopback only, socket in the temp folder (not /var/run/postgresql, which Debian's own cluster uses); fsync off: a test cluster.
  "${as[@]}" "$bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 \
    -o "-h 127.0.0.1 -p $pg_port -k $pg_dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" start >/dev/null \
    || { cat "$pg_dir/server.log"; exit 1; }
  export WAWATRADER_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Password=$pg_password;Database=postgres"
  echo "PostgreSQL test cluster on 127.0.0.1:$pg_port ($pg_dir)"
fi
