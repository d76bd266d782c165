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

dotnet build ActivityTracker.sln -nologo -v quiet

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

# One summary line over all test projects: skipped = notExecuted in the trx counters.
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
