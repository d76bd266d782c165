#!/usr/bin/env bash
# Runs the benchmark harness (tests/ActivityTracker.Benchmarks): every scenario next to its
# baseline in the same run, on a PostgreSQL of its own with durable settings, against the app
# published as production runs it (code generated at build time, loaded statically).
#   deploy/bench.sh                  the full sizes (1M events; about half an hour on 2 cores)
#   deploy/bench.sh --quick          small sizes in a few minutes: a smoke run (CI), not figures
#   deploy/bench.sh --only P1,P5     some scenarios
# Results: bench-results/results.md and results.json (git-ignored), app logs in bench-results/logs.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=deploy/postgres.sh
source deploy/postgres.sh

work=$(mktemp -d "${TMPDIR:-/tmp}/activitytracker-bench.XXXXXX")
# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
  set +e # clean up as much as possible, even if a message cannot be written
  pg_test_stop
  rm -rf -- "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# The app as the image builds it (deploy/Dockerfile): `codegen write`, then publish, from a copy
# of the sources so the generated files never land in the working tree.
echo "bench.sh: publishing the app with pre-generated code (Release, codegen write)"
mkdir -p "$work/src"
cp Directory.Build.props Directory.Packages.props "$work/"
cp -r seeds "$work/seeds"
tar --exclude=bin --exclude=obj -C src -cf - ActivityTracker | tar -C "$work/src" -xf -
dotnet run --project "$work/src/ActivityTracker" -c Release -v quiet -- codegen write >"$work/codegen.log" 2>&1 ||
  { cat "$work/codegen.log" >&2; echo "bench.sh: codegen write failed" >&2; exit 1; }
# -r linux-x64: precompiled (ReadyToRun), as the image publishes it.
dotnet publish "$work/src/ActivityTracker" -c Release -r linux-x64 -o "$work/app" -nologo -v quiet
echo "bench.sh: building the harness"
dotnet build tests/ActivityTracker.Benchmarks -c Release -nologo -v quiet

pg_test_start durable
export ACTIVITYTRACKER_BENCH_POSTGRES="Host=127.0.0.1;Port=$PG_TEST_PORT;Username=postgres;Database=postgres"
dotnet tests/ActivityTracker.Benchmarks/bin/Release/net10.0/ActivityTracker.Benchmarks.dll \
  --app "$work/app/ActivityTracker.dll" --out bench-results "$@"
