#!/usr/bin/env bash
# The product at scale, through its own import: N synthetic activities (default 100,000; make_activities.py)
# uploaded as one CSV to POST /api/imports of the app deploy/run.sh starts, on a fresh PostgreSQL cluster
# of its own; then the time to import, the time until the Dashboards projection has caught up, the time of
# dashboard, list and page reads as the manager and as officer MX (curl, 7 runs, pages 5: the first, then the
# median of the others), the
# app's resident memory, the counts of events and cube cells, and the errors the app logged.
#
#   tests/ActivityTracker.Benchmarks/AtScale/measure.sh [N]
#
# Needs what run.sh needs (dotnet, PostgreSQL binaries), plus curl, jq and python3. The app listens on
# AT_SCALE_PORT (5080), which must be free; PostgreSQL takes the first free port from 55440. Everything
# is stopped at the end and the cluster deleted (KEEP=1 keeps it; VERIFY=1 also runs the app's
# verify-dashboards, after the timings); results, the CSV and the app's log
# stay in the work directory printed at the start. Demo accounts only: never point it at a real database.
set -euo pipefail
n=${1:-100000}
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
cd "$repo"
source deploy/postgres.sh # for pg_find_bin / PG_BIN
pg_find_bin
work=$(mktemp -d /tmp/at-scale.XXXXXX)
chmod 755 "$work" # the postgres user (when run as root) reaches its data directory inside
port=${AT_SCALE_PORT:-5080} base=http://localhost:${AT_SCALE_PORT:-5080} pass=Demo-Pass-2026!
log=$work/app.log results=$work/results.md
say() { echo "measure.sh: $*" >&2; }
die() { say "$*"; exit 1; }
now() { date +%s.%N; }
secs() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$@"; }
(exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && die "port $port is taken: stop what listens there or set AT_SCALE_PORT"
pgport=55440
while (exec 3<>"/dev/tcp/127.0.0.1/$pgport") 2>/dev/null; do ((pgport++)); done
export ACTIVITYTRACKER_PGDATA=$work/pgdata ACTIVITYTRACKER_PGPORT=$pgport ASPNETCORE_URLS=$base
sql() { "$PG_BIN/psql" -X -Atq -h 127.0.0.1 -p "$pgport" -U postgres -d activitytracker -c "$1"; }
say "work directory $work (app log $log)"

# --- the app, in a process group of its own; the trap stops it and its PostgreSQL, whatever happens ---
run_pid=
stop_all() {
  set +e
  if [[ -n $run_pid ]] && kill -0 "$run_pid" 2>/dev/null; then
    kill -TERM -- "-$run_pid" 2>/dev/null # run.sh's own trap stops the app and the cluster it started
    for ((i = 0; i < 120; i++)); do pgrep -g "$run_pid" >/dev/null || break; sleep 0.5; done
    kill -KILL -- "-$run_pid" 2>/dev/null
  fi
  if [[ -f $ACTIVITYTRACKER_PGDATA/postmaster.pid ]]; then
    say "PostgreSQL still running: stopping it"
    _pg_as_server "$PG_BIN/pg_ctl" -D "$ACTIVITYTRACKER_PGDATA" -m immediate -w -s stop
  fi
  [[ ${KEEP:-0} == 1 ]] || rm -rf "$ACTIVITYTRACKER_PGDATA"
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

say "writing $n activities"
python3 "$repo/tests/ActivityTracker.Benchmarks/AtScale/make_activities.py" "$n" >"$work/activities.csv"
say "starting the app (deploy/run.sh)"
setsid deploy/run.sh >"$log" 2>&1 &
run_pid=$!
until [[ $(curl -s -o /dev/null -w '%{http_code}' "$base/health/ready") == 200 ]]; do
  kill -0 "$run_pid" 2>/dev/null || die "run.sh exited: see $log"
  sleep 1
done

token() { # email -> bearer token
  curl -sf -H 'Content-Type: application/json' -d "{\"email\":\"$1\",\"password\":\"$pass\"}" "$base/api/auth/login" | jq -er .accessToken
}
cookie() { # email -> cookie jar signed in through the sign-in form (antiforgery token and all)
  local jar=$work/${1%@*}.cookies form
  form=$(curl -sf -c "$jar" -b "$jar" "$base/account/login")
  curl -sf -o /dev/null -c "$jar" -b "$jar" "$base/account/login" \
    $(grep -oE '<input[^>]+type="hidden"[^>]*>' <<<"$form" | sed -E 's/.*name="([^"]+)".*value="([^"]*)".*/--data-urlencode \1=\2/') \
    --data-urlencode "Input.Email=$1" --data-urlencode "Input.Password=$pass"
  grep -q ActivityTracker.Auth "$jar" || die "signing $1 in through the form failed"
  echo "$jar"
}

# No demo account can import everything: only officers import, within their scope. The admin creates one for every programme and country.
admin=$(token admin@demo.local)
curl -sf -o /dev/null -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' "$base/api/users" \
  -d "{\"email\":\"importer@bench.local\",\"password\":\"$pass\",\"roles\":[\"officer\"],\"programmes\":[\"*\"],\"countries\":[\"*\"]}"
importer=$(token importer@bench.local)

# --- the import, then the projection catching up ---
seq_before=$(sql "SELECT coalesce(max(seq_id), 0) FROM marten.mt_events")
say "importing $(du -h "$work/activities.csv" | cut -f1) of CSV"
t0=$(now)
job=$(curl -sf -H "Authorization: Bearer $importer" -F "file=@$work/activities.csv;type=text/csv" "$base/api/imports" | jq -er .id)
state=
while [[ ! $state =~ ^(Completed|Rejected|Failed|Cancelled)$ ]]; do
  sleep 0.5
  status=$(curl -sf -H "Authorization: Bearer $importer" "$base/api/imports/$job") || continue
  [[ $(jq -r .state <<<"$status") == Recording && -z ${t_checked:-} ]] && t_checked=$(now)
  state=$(jq -r .state <<<"$status")
done
t1=$(now)
say "import $state: $(jq -c '{rows, badRows, recorded, alreadyThere, failure}' <<<"$status")"
if [[ $state != Completed ]]; then
  curl -s -H "Authorization: Bearer $importer" "$base/api/imports/$job/problems?pageSize=20" | jq -r '.items[] | "  row \(.row) \(.column): \(.message)"' >&2
  die "the import did not complete"
fi
until (($(sql "SELECT (SELECT max(seq_id) FROM marten.mt_events) - coalesce((SELECT last_seq_id FROM marten.mt_event_progression WHERE name = 'Dashboards:All'), 0)") <= 0)); do
  (($(secs "$t1" "$(now)" | cut -d. -f1) < 3600)) || die "the Dashboards projection did not catch up within an hour"
  sleep 0.5
done
t2=$(now)
# Half-way through the span over which the import's events were stamped.
as_of=$(sql "SELECT to_char((min(timestamp) + (max(timestamp) - min(timestamp)) / 2) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') FROM marten.mt_events WHERE seq_id > $seq_before")

# --- reads: the first run (no read of it kept yet: what the first request after a change to its cells costs) and the
# median of the others (6, pages 4: answered as kept); a status other than 200 or a page without figures is shown ---
declare -A bearer jar
for who in manager officer.mx; do
  bearer[$who]=$(token "$who@demo.local")
  jar[$who]=$(cookie "$who@demo.local")
done
time_read() { # runs who url -> "first ms / median ms of the rest[ (HTTP codes other than 200)][ NO FIGURES][ LOADING]"
  local runs=$1 who=$2 url=$3 times=() codes=() out=$work/body auth code t
  if [[ $url == /api/* ]]; then auth=(-H "Authorization: Bearer ${bearer[$who]}"); else auth=(-b "${jar[$who]}"); fi
  for ((r = 0; r < runs; r++)); do
    read -r code t < <(curl -s -o "$out" -w '%{http_code} %{time_total}\n' "${auth[@]}" "$base$url")
    times+=("$t") codes+=("$code")
  done
  local median note
  median=$(printf '%s\n' "${times[@]:1}" | sort -g | sed -n "$((runs / 2))p")
  note=$(printf '%s\n' "${codes[@]}" | sort -u | grep -vx 200 | paste -sd/ || true)
  printf '%.1f / %.1f%s' "$(python3 -c "print(${times[0]} * 1000)")" "$(python3 -c "print($median * 1000)")" "${note:+ (HTTP $note)}"
  if [[ $url != /api/* ]]; then # a page: its figures, not a loading placeholder
    grep -q 'figure-value' "$out" || printf ' NO FIGURES'
    grep -q 'aria-label="Loading' "$out" && printf ' LOADING'
  fi
  return 0
}
reads=(
  /api/dashboards/countries/MX /api/dashboards/countries "/api/dashboards/countries?kind=training"
  "/api/dashboards/countries?from=2021-03-01&to=2022-06-30" "/api/dashboards/countries?from=2021-03-15&to=2022-06-10"
  "/api/dashboards/countries/MX?kind=training&from=2021-03-15" "/api/dashboards/months?programme=MESO-CARIB"
  "/api/dashboards/countries/HN?role=taking-part" "/api/dashboards/countries?asOf=$as_of" "/api/dashboards/countries/MX?asOf=$as_of"
  "/api/dashboards/countries?from=2021-03-15&to=2022-06-10&asOf=$as_of" /api/dashboards/partners
  "/api/dashboards/partners/iom?kind=training" "/api/dashboards/countries/MX/provenance?figure=activities" "/api/activities?page=1"
)
pages=(/ /countries /countries/MX /programmes/MESO-CARIB /figures /changes)
say "timing ${#reads[@]} reads and ${#pages[@]} pages as manager and officer MX"
{
  echo "| read | manager ms, first / again | officer MX ms, first / again |"
  echo "|---|---|---|"
  for url in "${reads[@]}"; do
    echo "| \`$url\` | $(time_read 7 manager "$url") | $(time_read 7 officer.mx "$url") |"
  done
  for url in "${pages[@]}"; do
    echo "| page \`$url\` | $(time_read 5 manager "$url") | $(time_read 5 officer.mx "$url") |"
  done
} >"$results.reads"
# The app itself: the process run.sh's `dotnet run` started.
app_pid=$(pgrep -a -g "$run_pid" | awk '$2 ~ /ActivityTracker(\.dll)?$/ || $3 ~ /ActivityTracker\.dll$/ {print $1; exit}')
rss=$(awk '/VmRSS/ {printf "%.0f MB", $2 / 1024}' "/proc/$app_pid/status" 2>/dev/null || echo unknown)
# VERIFY=1: the product's own check, every dashboard recomputed from the events and compared (after the timings).
verified="not run (VERIFY=1 runs it)"
if [[ ${VERIFY:-0} == 1 ]]; then
  say "verify-dashboards: recomputing every dashboard from the events"
  verified=$(ConnectionStrings__Postgres="Host=127.0.0.1;Port=$pgport;Database=activitytracker;Username=postgres" ASPNETCORE_ENVIRONMENT=Development \
    dotnet run --project src/ActivityTracker --no-build --no-launch-profile -- verify-dashboards 2>&1 | tee "$work/verify.log" |
    grep -E '^verify-dashboards: [0-9]+ differences|behind' | sed 's/^verify-dashboards: //' | paste -sd' ') || true
fi
# The app's own log, from its start (db-apply fails a query on a fresh database's first migration, as expected).
sed -n '/^run.sh: starting the app/,$p' "$log" >"$work/app-run.log"
count() { sql "SELECT CASE WHEN to_regclass('marten.$1') IS NULL THEN 'n/a' ELSE (SELECT count(*)::text FROM marten.$1) END"; }

{
  echo "## ActivityTracker at $n activities ($(git -C "$repo" rev-parse --short HEAD), $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ))"
  echo
  echo "- import (POST to Completed): $(secs "$t0" "$t1") s (checking $(secs "$t0" "${t_checked:-$t1}") s, recording $(secs "${t_checked:-$t0}" "$t1") s); $(jq -r '"\(.rows) rows, \(.recorded) recorded, \(.badRows) bad"' <<<"$status")"
  echo "- Dashboards projection caught up: $(secs "$t1" "$t2") s after the import completed ($(secs "$t0" "$t2") s after the upload)"
  echo "- events: $(sql "SELECT count(*) FROM marten.mt_events") in the store, $(sql "SELECT count(*) FROM marten.mt_events WHERE seq_id > $seq_before") from the import; database $(sql "SELECT pg_size_pretty(pg_database_size('activitytracker'))")"
  echo "- documents: cube cells $(count mt_doc_cubecell), rollups $(count mt_doc_cuberollup), partner cells $(count mt_doc_partnercell), past cube cells $(count mt_doc_pastcubecell), slices $(count mt_doc_dashboardslice), reported activities $(count mt_doc_reportedactivity), past activities $(count mt_doc_pastactivity), past slice tallies $(count mt_doc_pastslicetally), late events $(count mt_doc_lateevent), dashboard changes $(count mt_doc_dashboardchange)"
  echo "- asOf instant: $as_of; app resident memory (VmRSS) after the reads: $rss"
  echo "- verify-dashboards: ${verified:-FAILED, see verify.log}"
  echo "- app log after start-up: $(grep -cE '^(fail|crit):' "$work/app-run.log" || true) fail/crit entries, $(grep -c 'Exception' "$work/app-run.log" || true) lines naming an exception (see log-errors.txt)"
  echo
  cat "$results.reads"
} >"$results"
grep -E -A3 '^(fail|crit):' "$work/app-run.log" | head -40 >"$work/log-errors.txt" || true
cat "$results"
