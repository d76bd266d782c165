#!/usr/bin/env bash
# Runs ActivityTracker locally: PostgreSQL (deploy/postgres.sh), build, schema, demo seeds, then
# the app on ${ASPNETCORE_URLS:-http://localhost:5080} until Ctrl-C. On exit it stops the app and
# the PostgreSQL server it started (not one it reused); the data stays in .data/postgres.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=deploy/postgres.sh
source deploy/postgres.sh

export ASPNETCORE_URLS=${ASPNETCORE_URLS:-http://localhost:5080}
export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}
# The first URL, with a wildcard host made reachable, e.g. http://+:5080 -> http://localhost:5080.
base=${ASPNETCORE_URLS%%;*}
base=$(sed -E 's#://(\+|\*|0\.0\.0\.0|\[::\])(:|/|$)#://localhost\2#' <<<"$base")
base=${base%/}

app_pid=
# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
  set +e # clean up as much as possible, even if a message cannot be written
  if [[ -n $app_pid ]] && kill -0 "$app_pid" 2>/dev/null; then
    echo "run.sh: stopping the app"
    kill -TERM "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
  fi
  pg_app_stop
}
trap cleanup EXIT
# Turn signals into a normal exit so the EXIT trap cleans up.
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP # terminal closed
trap '' PIPE # output piped into a reader that went away (e.g. `| tee` on Ctrl-C) must not cut the clean-up short

pg_app_start
echo "run.sh: building the app"
dotnet build src/ActivityTracker -nologo -v quiet
# --no-launch-profile: launchSettings.json would override ASPNETCORE_URLS and the environment.
app=(dotnet run --project src/ActivityTracker --no-build --no-launch-profile --)
# The JasperFx command line names every library it searches for commands on each start ("Searching '...' for
# commands", often wrapped over two lines): noise to whoever reads this output, so it is left out.
quiet() { awk '/^Searching \047/ { skip = 1 } skip { if (/for commands[[:space:]]*$/) skip = 0; next } { print; fflush() }'; }
echo "run.sh: applying the database schema"
"${app[@]}" db-apply | quiet
echo "run.sh: loading the demo seeds"
"${app[@]}" seed | quiet

echo "run.sh: starting the app on $ASPNETCORE_URLS ($ASPNETCORE_ENVIRONMENT)"
"${app[@]}" > >(quiet) & # dotnet run passes SIGTERM on to the app
app_pid=$!
for ((i = 0; ; i++)); do
  kill -0 "$app_pid" 2>/dev/null || { echo "run.sh: the app exited during start-up" >&2; exit 1; }
  [[ $(curl -s -o /dev/null -w '%{http_code}' "$base/health/ready") == 200 ]] && break
  ((i < 120)) || { echo "run.sh: $base/health/ready did not answer 200 within 60 s" >&2; exit 1; }
  sleep 0.5
done

cat <<EOF
run.sh: ActivityTracker is ready (Ctrl-C stops it):
  web UI     $base/  (sign in at $base/account/login)
  API        $base/api/activities
  OpenAPI    $base/openapi/v1.json
  API docs   $base/scalar
  health     $base/health/live  $base/health/ready
  database   $ConnectionStrings__Postgres
  sign in    POST $base/api/auth/login {"email","password"} -> accessToken (Authorization: Bearer ...)
  accounts   officer.mx@demo.local (officer, Mexico), officer.gt@demo.local (officer, Guatemala),
             manager@demo.local (manager, all programmes), admin@demo.local (admin)
  password   ${ACTIVITYTRACKER_DEMO_PASSWORD:-Demo-Pass-2026!}  (demo accounts exist in Development only)
EOF
rc=0
wait "$app_pid" || rc=$?
app_pid=
echo "run.sh: the app exited (code $rc)"
exit "$rc"
