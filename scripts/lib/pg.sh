# shellcheck shell=bash
# Shared helpers for running a private PostgreSQL cluster. Sourced by scripts/db and scripts/test.
#
# PostgreSQL refuses to run as root, so when we are root the server runs as the `postgres` OS
# user, and its data directory must be somewhere that user can reach.

pg_bindir() {
  if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then
    pg_config --bindir; return
  fi
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && { echo "$dir"; return; }
  done
  command -v initdb >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return; }
  echo "error: PostgreSQL server binaries (initdb, pg_ctl) are not installed" >&2
  return 1
}

# Runs a server-side command as the user that owns the cluster.
as_pg_user() {
  if [ "$(id -u)" = 0 ]; then
    # From /, so the server user is not left in a directory it may not enter.
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

# Whether the postgres user can reach (traverse and write) a directory.
pg_user_can_use() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- test -w "$1" -a -x "$1" 2>/dev/null
  else
    test -w "$1" -a -x "$1"
  fi
}

# pg_init_cluster DATA_DIR: creates a trust-auth cluster owned by the server user.
pg_init_cluster() {
  local data=$1 bin
  bin=$(pg_bindir) || return 1
  mkdir -p "$data"
  [ "$(id -u)" = 0 ] && chown postgres: "$data"
  chmod 700 "$data"
  as_pg_user "$bin/initdb" -D "$data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
}

# pg_start_cluster DATA_DIR SOCKET_DIR PORT LOGFILE [extra server options]
pg_start_cluster() {
  local data=$1 sockets=$2 port=$3 log=$4; shift 4
  local bin; bin=$(pg_bindir) || return 1
  mkdir -p "$sockets"
  [ "$(id -u)" = 0 ] && chown postgres: "$sockets" && touch "$log" && chown postgres: "$log"
  as_pg_user "$bin/pg_ctl" -D "$data" -l "$log" -w -t 60 \
    -o "-p $port -k $sockets -c listen_addresses=127.0.0.1 $*" start >/dev/null
}

pg_stop_cluster() {
  local data=$1 bin; bin=$(pg_bindir) || return 1
  as_pg_user "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null
}

pg_cluster_running() {
  local data=$1 bin; bin=$(pg_bindir) || return 1
  [ -f "$data/PG_VERSION" ] && as_pg_user "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1
}

# A TCP port nobody listens on, from a range private clusters use.
pg_free_port() {
  python3 - <<'PY'
import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()
PY
}
