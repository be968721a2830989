# Progress for long builds. On a terminal the tools show their own progress; otherwise (a log
# file, CI, a pipe) a line every CLINIC_PROGRESS_SECS seconds (default 15) says what is being
# built and for how long, so a first build of several minutes is never one silent line.
# Sourced by scripts/run.

progress_every=${CLINIC_PROGRESS_SECS:-15}

# "2m10s" for a number of seconds.
progress_elapsed() { printf '%dm%02ds' $(($1 / 60)) $(($1 % 60)); }

# with_progress LABEL STATUS_FUNCTION COMMAND...: runs COMMAND; when standard output is not a
# terminal, prints "LABEL… 2m10s (status)" every $progress_every seconds while it runs, where
# status is what STATUS_FUNCTION prints (may be empty). Returns COMMAND's exit status.
with_progress() {
  local label=$1 status_fn=$2
  shift 2
  if [ -t 1 ]; then
    "$@"
    return
  fi
  local started=$SECONDS next=$((SECONDS + progress_every)) pid status
  "$@" &
  pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    sleep 1
    if [ "$SECONDS" -ge "$next" ] && kill -0 "$pid" 2>/dev/null; then
      status=$("$status_fn")
      printf '%s… %s%s\n' "$label" "$(progress_elapsed $((SECONDS - started)))" "${status:+ ($status)}"
      next=$((SECONDS + progress_every))
    fi
  done
  wait "$pid"
}

# The crates cargo has built so far, and how many the package needs, as "crate N/M".
progress_crates_file=
cargo_progress_status() {
  local done=0
  [ -n "$progress_crates_file" ] && [ -s "$progress_crates_file" ] && done=$(cat "$progress_crates_file")
  printf 'crate %s/%s' "$done" "${progress_crates_total:-?}"
}

# cargo_build_with_progress ARGS...: `cargo build ARGS` with cargo's own progress bar on a
# terminal, and elsewhere a periodic "building the server… 2m10s (crate N/M)" line; compiler
# messages still reach standard error.
cargo_build_with_progress() {
  if [ -t 1 ]; then
    cargo build "$@"
    return
  fi
  progress_crates_total=$(cargo tree "$@" -e normal,build --prefix none --format '{p}' 2>/dev/null |
    sed 's/ (\*)$//; s/ (proc-macro)$//' | sort -u | wc -l | tr -d ' ')
  [ "$progress_crates_total" != 0 ] || progress_crates_total='?'
  progress_crates_file=$(mktemp)
  with_progress "building the server" cargo_progress_status \
    _cargo_build_counting "$progress_crates_file" "$@"
  local status=$?
  rm -f "$progress_crates_file"
  progress_crates_file=
  return "$status"
}

# cargo build with JSON messages on standard output, counted (distinct packages built) into
# the file $1; diagnostics are rendered on standard error as usual.
_cargo_build_counting() {
  local file=$1
  shift
  cargo build "$@" --message-format=json-render-diagnostics | {
    declare -A seen=()
    local n=0 line id
    while IFS= read -r line; do
      case $line in
        *'"reason":"compiler-artifact"'*)
          id=${line#*\"package_id\":\"}
          id=${id%%\"*}
          if [ -z "${seen[$id]:-}" ]; then
            seen[$id]=1
            n=$((n + 1))
            echo "$n" > "$file"
          fi ;;
      esac
    done
  }
  return "${PIPESTATUS[0]}"
}
