#!/usr/bin/env bash
# Builds the solution and runs every test; extra arguments go to `dotnet test`
# (e.g. deploy/test.sh --filter Category=Browser).
# PostgreSQL for the tests: $ACTIVITYTRACKER_TEST_POSTGRES if set, else Testcontainers when a
# Docker engine answers, else a throwaway local cluster removed on exit.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=deploy/postgres.sh
source deploy/postgres.sh

results=$(mktemp -d "${TMPDIR:-/tmp}/activitytracker-tests.XXXXXX")
# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
  set +e # clean up as much as possible, even if a message cannot be written
  pg_test_stop
  rm -rf -- "$results"
}
trap cleanup EXIT
# Turn signals into a normal exit so the EXIT trap cleans up.
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP # terminal closed

# The browser tests (tests/ActivityTracker.BrowserTests) drive Debian's Chromium, never a
# browser Playwright downloads. Installed when missing, unless the run leaves them out.
chromium=/usr/bin/chromium
ensure_chromium() {
  [[ -x $chromium ]] && return 0
  [[ " $* " == *"Category!=Browser"* ]] && return 0
  local sudo=()
  if ((EUID != 0)); then
    if ! command -v sudo >/dev/null; then
      echo "test.sh: the browser tests need Chromium at $chromium: install it as root (apt-get install -y chromium)," >&2
      echo "         or leave them out: deploy/test.sh --filter 'Category!=Browser'" >&2
      exit 1
    fi
    sudo=(sudo)
  fi
  command -v apt-get >/dev/null || {
    echo "test.sh: Chromium is not at $chromium and there is no apt-get: install Debian's chromium package, or run with --filter 'Category!=Browser'" >&2
    exit 1
  }
  echo "test.sh: Chromium not found; installing the Debian package 'chromium' for the browser tests" >&2
  "${sudo[@]}" apt-get update -qq >&2
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
  [[ -x $chromium ]] || { echo "test.sh: chromium was installed but $chromium is still missing" >&2; exit 1; }
}
ensure_chromium "$@"

dotnet build ActivityTracker.sln -nologo -v quiet
# The formatting .editorconfig asks for (whitespace, indentation, final newlines); `dotnet format whitespace` fixes it.
dotnet format whitespace ActivityTracker.sln --verify-no-changes --no-restore ||
  { echo "test.sh: files are not formatted as .editorconfig asks: run 'dotnet format whitespace ActivityTracker.sln'" >&2; exit 1; }

if [[ -n ${ACTIVITYTRACKER_TEST_POSTGRES:-} ]]; then
  echo "test.sh: using PostgreSQL from ACTIVITYTRACKER_TEST_POSTGRES"
elif pg_docker_available; then
  echo "test.sh: Docker engine found: the tests start PostgreSQL with Testcontainers"
else
  pg_test_start
  export ACTIVITYTRACKER_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_TEST_PORT;Database=postgres;Username=postgres"
fi

rc=0
dotnet test ActivityTracker.sln --no-build --nologo \
  --logger trx --results-directory "$results" "$@" || rc=$?

# One summary line over all test projects (one trx file each): skipped = notExecuted in the trx counters.
count() {
  grep -ho '<Counters [^>]*' "$results"/*.trx 2>/dev/null | grep -o " $1=\"[0-9]*\"" |
    tr -dc '0-9\n' | awk '{ n += $1 } END { print n + 0 }'
}
if compgen -G "$results/*.trx" >/dev/null; then
  echo "tests: $(count passed) passed, $(count failed) failed, $(count notExecuted) skipped"
else
  echo "test.sh: no test results were written (dotnet test exit code $rc)"
fi
exit "$rc"
