#!/usr/bin/env bash
# The test SMTP server's Python: installs aiosmtpd from PyPI into .data/smtp-venv the first time
# (under a lock, so parallel callers install it once), then prints the interpreter's path.
#
#   scripts/lib/smtp.sh python          print the interpreter (installing first if needed)
#   scripts/lib/smtp.sh serve DIR [PORT] run the sink in the foreground (see smtp-sink.py)
#
# The HTTP tests call `python` themselves and start one sink per test on a free port.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
AIOSMTPD_VERSION=1.4.6
venv="$root/.data/smtp-venv"

ensure_venv() {
  if "$venv/bin/python" -c "import aiosmtpd, sys; sys.exit(aiosmtpd.__version__ != '$AIOSMTPD_VERSION')" 2>/dev/null; then
    return
  fi
  mkdir -p "$root/.data"
  exec 9>"$root/.data/smtp-venv.lock"
  flock 9
  if ! "$venv/bin/python" -c "import aiosmtpd, sys; sys.exit(aiosmtpd.__version__ != '$AIOSMTPD_VERSION')" 2>/dev/null; then
    echo "installing aiosmtpd $AIOSMTPD_VERSION from PyPI into $venv" >&2
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "aiosmtpd==$AIOSMTPD_VERSION" >&2
  fi
  flock -u 9
}

case "${1:-}" in
  python)
    ensure_venv
    echo "$venv/bin/python"
    ;;
  serve)
    shift
    ensure_venv
    exec "$venv/bin/python" "$root/scripts/lib/smtp-sink.py" "$@"
    ;;
  *)
    echo "usage: $0 python | serve DIR [PORT]" >&2
    exit 2
    ;;
esac
