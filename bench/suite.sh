#!/usr/bin/env bash
# The benchmark suite of issue 5: every workload and its baselines in one run, on PostgreSQL.
#
#   bench/suite.sh                  # small default (10 tenants, 100 projects, 20,000 tasks): < 10 min with the build
#   SCALE=large bench/suite.sh      # 100 tenants, 1,000 projects, 1,000,000 tasks, longer windows
#   SCALE=tiny bench/suite.sh       # a smoke run while changing the suite
#   TENANTS=20 TASKS=50000 DURATION=15 bench/suite.sh     # any size or window overridden
#
# Steps: PostgreSQL up, database recreated; B1 pgbench INSERT at 16 and 64 clients (before the
# server holds connections, and again at the end once it is stopped, to show how the hour moved);
# build and start Tandem (bench profile, -Xmx512m, operator key,
# enterprise plan limit raised so it never binds); startup measured by restarting it STARTUPS
# times without the baselines' WAR, then once with it; seed (tenants and projects through the
# API, tasks and their TaskCreated events in bulk SQL, with time-ordered ids unless SEED_IDS=v4);
# rebuild of task-board (workload 4) and project-list from the event log; check that boards
# equal the write model; driver validated against wrk; queries (workload 3) with B2/B3 and the
# cache modes; command path (workload 1) with B3 create; projection lag at half the maximum
# end-to-end create-task rate (workload 2); heap, -Xmx and OutOfMemoryError check (workload 5);
# the report.
# Writes bench/results/suite-<stamp>.{md,json,html} and prints the table. Stops only the server it
# started, also on failure or Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

SCALE=${SCALE:-small}
case $SCALE in
  tiny)  d_tenants=3;   d_projects=6;    d_tasks=600;     d_duration=3;  d_qduration=3;  d_vduration=2; d_warmup=1; d_cwarmup=1;   d_qwarmup=1;   d_lag=5;  d_startups=1 ;;
  small) d_tenants=10;  d_projects=100;  d_tasks=20000;   d_duration=10; d_qduration=8;  d_vduration=5; d_warmup=3; d_cwarmup=90;  d_qwarmup=60;  d_lag=15; d_startups=1 ;;
  large) d_tenants=100; d_projects=1000; d_tasks=1000000; d_duration=30; d_qduration=20; d_vduration=10; d_warmup=5; d_cwarmup=600; d_qwarmup=300; d_lag=20; d_startups=3 ;;
  *) echo "SCALE must be tiny, small or large" >&2; exit 2 ;;
esac
TENANTS=${TENANTS:-$d_tenants}
PROJECTS=${PROJECTS:-$d_projects}
TASKS=${TASKS:-$d_tasks}
DURATION=${DURATION:-$d_duration}          # seconds per command-path run
QDURATION=${QDURATION:-$d_qduration}       # seconds per query run
WARMUP=${WARMUP:-$d_warmup}                # seconds of warm-up before each measured run
# The command mix runs before the command path and the lag are measured, in rounds of WARMUP_ROUND s,
# until the JIT compiled on fewer than JIT_SETTLED cores over a round, for at most COMMAND_WARMUP s.
# On 2 cores C2 compiles the command path on a whole core for about four minutes (bench/README.md,
# "The JIT on two cores"): a fixed short warm-up measured mostly the compiler.
COMMAND_WARMUP=${COMMAND_WARMUP:-$d_cwarmup}
# Likewise the queries (board, task detail, project list, and B2's GET) before the driver's
# validation and workload 3, for at most QUERY_WARMUP s: with a few seconds only, the server was
# still compiling the query path through the validation (wrk's second round read 2.5x its first).
QUERY_WARMUP=${QUERY_WARMUP:-$d_qwarmup}
WARMUP_ROUND=${WARMUP_ROUND:-30}
JIT_SETTLED=${JIT_SETTLED:-0.15}
LAG_DURATION=${LAG_DURATION:-$d_lag}
STARTUPS=${STARTUPS:-$d_startups}         # restarts timed to readiness (each costs 20-40 s here)
VDURATION=${VDURATION:-$d_vduration}       # seconds per driver-validation run
VALIDATION_ROUNDS=${VALIDATION_ROUNDS:-2}
CLIENTS=${CLIENTS:-"16 64"}
SAMPLE_TASKS=${SAMPLE_TASKS:-5000}          # seeded tasks the task-detail query picks from
DB=tandem_suite
PORT=8280
MGMT=10190
BASE=http://127.0.0.1:$PORT
PSQL="psql -q -X -v ON_ERROR_STOP=1 -h 127.0.0.1 -U postgres -d $DB"
stamp=$(date -u +%Y-%m-%dT%H%M%SZ)
mkdir -p bench/results
work=$(mktemp -d /tmp/tandem-suite-XXXXXX)
RUNS=$work/runs.jsonl
META=$work/meta.json
SEED=$work/seed.tsv
echo '{}' >"$META"
: >"$RUNS"
t_start=$(date +%s)

step() { printf '[%4ds] %s\n' "$(( $(date +%s) - t_start ))" "$*"; }
# Records one figure (any JSON value) in the run's metadata.
meta() { jq -c --arg k "$1" --argjson v "$2" '.[$k] = $v' "$META" >"$META.tmp" && mv "$META.tmp" "$META"; }
metas() { meta "$1" "$(jq -cn --arg v "$2" '$v')"; }
need() { command -v "$1" >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null; }; }
need wrk wrk
need pgbench postgresql-contrib
need jq jq
[ -x /usr/bin/time ] || need /usr/bin/time time

for p in $PORT $MGMT; do
  if [ -n "$(listening_pid $p)" ]; then
    echo "port $p is in use; stop whatever listens there first (this script stops only the server it starts)" >&2
    exit 1
  fi
done

started_server=0
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [ "$started_server" = 1 ]; then
    step "stopping the bench server…"
    local pid
    pid=$(listening_pid $PORT || true)
    stop_bench_server_and_wait $PORT || { [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; }
  fi
  [ "$status" = 0 ] || echo "suite failed (exit $status); work files in $work" >&2
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

hz=$(getconf CLK_TCK)
git_state="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- modules ear wildfly-config pom.xml 2>/dev/null || echo ' + uncommitted changes')"
metas stamp "$stamp"; metas scale "$SCALE"; metas git "$git_state"
meta sizes "{\"tenants\":$TENANTS,\"projects\":$PROJECTS,\"tasks\":$TASKS}"
meta durations "{\"command_s\":$DURATION,\"query_s\":$QDURATION,\"warmup_s\":$WARMUP,\"command_warmup_limit_s\":$COMMAND_WARMUP,\"query_warmup_limit_s\":$QUERY_WARMUP,\"lag_s\":$LAG_DURATION,\"startups\":$STARTUPS}"
metas machine "$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), $(free -g | awk '/Mem:/{print $2}') GiB memory, $(uname -sr)"
metas jdk "$(java -version 2>&1 | head -n 1)"
metas load_before "$(cut -d' ' -f1-3 /proc/loadavg)"

step "PostgreSQL and a fresh database $DB"
ensure_postgres
ensure_commit_timestamps
recreate_database $DB
metas postgres "$(psql -h 127.0.0.1 -U postgres -d postgres -Atc 'select version()' | cut -d, -f1)"

# B1 at every client count into a fresh table; its tps by client count as JSON on stdout. $1 names
# the moment in the progress lines.
pgbench_insert() {
  local c tps b1='{}'
  psql -q -h 127.0.0.1 -U tandem -d $DB -c "create table bench_insert (id uuid primary key, payload text not null)"
  for c in $CLIENTS; do
    step "B1 ($1): pgbench single-row INSERT, $c clients, ${DURATION} s" >&2
    tps=$(pgbench -n -h 127.0.0.1 -U tandem -d $DB -f bench/insert.sql -c "$c" -j 2 -T "$DURATION" -M prepared 2>/dev/null \
          | sed -nE 's/^tps = ([0-9.]+).*/\1/p' | head -n 1)
    step "  B1 $c clients: $tps tps" >&2
    b1=$(jq -c --arg c "$c" --argjson v "${tps:-null}" '.[$c] = $v' <<<"$b1")
  done
  psql -q -h 127.0.0.1 -U tandem -d $DB -c "drop table bench_insert"
  echo "$b1"
}

# B1 first, while no server holds connections: PostgreSQL allows 100, Tandem's pool takes up to 40.
meta b1_tps "$(pgbench_insert start)"

step "building the load driver"
build_driver "$work" || exit 1

# The operator key moves tenants between plans, rebuilds and reads the cache statistics.
export_load_settings suite
OPERATOR="Authorization: Bearer $TANDEM_OPERATOR_KEY"
# See noisy-neighbour.sh: the WAR plugin's exploded directory can keep classes of deleted sources.
rm -rf modules/api/target/tandem-api-*/
step "building Tandem and starting it on PostgreSQL (bench profile)"
started_server=1
t_build=$(date +%s)
start_bench_server $DB >"$work/build.log" 2>&1 || { tail -n 30 "$work/build.log"; exit 1; }
trap cleanup EXIT          # start_bench_server sets its own EXIT trap; ours also reports
meta build_and_start_s "$(( $(date +%s) - t_build ))"

# Workload 5a: process start to readiness UP, on restarts of the server just built.
ready_wait() { # prints seconds from $1 (epoch.ns) until /health/ready answers 200, or fails after 180 s
  for _ in $(seq 1 1800); do
    if curl -sf -o /dev/null "http://127.0.0.1:$MGMT/health/ready"; then
      python3 -c "print(f'{$(date +%s.%N) - $1:.2f}')"
      return 0
    fi
    sleep 0.1
  done
  return 1
}
time_start() { # spawns the stopped server again; sets started_s to the seconds to readiness
  local t0
  t0=$(date +%s.%N)
  spawn_bench_server $DB   # not inside $( ): the server's shell would hold the substitution's pipe
  started_s=$(ready_wait "$t0") || { echo "the server did not become ready; see ear/target/bench-postgresql/log/server.log" >&2; exit 1; }
}
# The figure is Tandem's own start: the bench profile also deploys the baselines' WAR (B2, B3), which
# production never runs and which adds a persistence unit, CDI and REST to the CPU-bound boot. It is
# left out of the timed starts and deployed again by one last start, reported as context.
deployments=ear/target/bench-postgresql/deployments
parked=$work/parked-deployments
startups='[]'
for i in $(seq 1 "$STARTUPS"); do
  step "startup $i of $STARTUPS: stop, spawn standalone.sh (Tandem alone), wait for readiness UP"
  stop_bench_server_and_wait $PORT
  if [ -e "$deployments/tandem-baseline.war" ]; then
    mkdir -p "$parked" && mv "$deployments/tandem-baseline.war" "$parked/"
  fi
  time_start
  step "  ready after $started_s s"
  startups=$(jq -c --argjson v "$started_s" '. + [$v]' <<<"$startups")
done
meta startup_s "$startups"
if [ -e "$parked/tandem-baseline.war" ]; then
  step "one more start with the baselines' WAR deployed again"
  stop_bench_server_and_wait $PORT
  mv "$parked/tandem-baseline.war" "$deployments/"
  touch "$deployments/tandem-baseline.war.dodeploy"
  time_start
  step "  ready after $started_s s"
  meta startup_with_baseline_s "$started_s"
fi
SERVER_PID=$(listening_pid $PORT)
[ -n "$SERVER_PID" ] || { echo "no server listens on $PORT" >&2; exit 1; }
metas server_cmdline "$(tr '\0' ' ' </proc/"$SERVER_PID"/cmdline)"

# Seeding. Tenants and projects through the API; tasks in bulk.
step "seeding $TENANTS tenants and $PROJECTS projects through the API"
python3 bench/suite-seed.py "$BASE" "$TANDEM_OPERATOR_KEY" "$TENANTS" "$PROJECTS" "$work/projects.tsv" >/dev/null
cp "$work/projects.tsv" "$SEED"
step "seeding $TASKS tasks in bulk (tracker_task rows and TaskCreated events, as postgres)"
t0=$(date +%s.%N)
seed_bulk_tasks "$work/projects.tsv" "$TASKS" "$work/tasks.tsv" "$SAMPLE_TASKS"
# The first project (its board, its tenant's key) is the one the validation and the lag probe use.
first_project=$(head -n 1 "$work/projects.tsv" | cut -f4)
first_key=$(head -n 1 "$work/projects.tsv" | cut -f3)
cat "$work/tasks.tsv" >>"$SEED"
seed_s=$(python3 -c "print(f'{$(date +%s.%N) - $t0:.1f}')")
step "  bulk insert and analyze: $seed_s s"
meta seed_bulk_s "$seed_s"; metas seed_ids "${SEED_IDS:-v7}"

# Workload 4: the rebuild of task-board replays the whole event log's task events (seeded and
# real) into the read model; project-list follows. Platform-wide, with the operator key (rebuild in lib.sh).
# The first rebuild after the start fills the read model the bulk seed left empty and is the
# workload's warm-up (the JIT compiles the replay path during it); the second is the figure.
rebuild_step() { # projector, meta key
  local rb
  rb=$(rebuild "$1")
  step "  $(jq -r '"\(.done) events, \(.eventsPerSecond) events/s (server), \(.wall_s) s wall"' <<<"$rb")"
  meta "$2" "$rb"
}
step "workload 4: rebuild task-board from the event log ($((TASKS + 1)) task events), first as the warm-up"
rebuild_step task-board rebuild_task_board_first
step "rebuild task-board again, measured"
rebuild_step task-board rebuild_task_board
step "rebuild project-list"
rebuild_step project-list rebuild_project_list
$PSQL -c "analyze task_board" -c "analyze project_list" -c "analyze projection_checkpoint"

# A seed that silently produced wrong read models would make every query figure meaningless:
# every project's board total must equal its write-model task count, in SQL for all of them and
# through the API for a few.
step "checking the read models against the write model"
bad=$($PSQL -Atc "select count(*) from tracker_project p
    left join (select project_id, count(*) n from tracker_task group by project_id) w on w.project_id = p.id
    left join (select project_id, count(*) n from task_board group by project_id) b on b.project_id = p.id
    left join project_list l on l.project_id = p.id
   where coalesce(w.n, 0) <> coalesce(b.n, 0) or l.task_count is distinct from coalesce(w.n, 0)")
checked=0
while IFS=$'\t' read -r _ tenant key project _; do
  want=$($PSQL -Atc "select count(*) from tracker_task where project_id = '$project'")
  board=$(curl -sfS "$BASE/api/projects/$project/board" -H "Authorization: Bearer $key" | jq .total)
  count=$(curl -sfS "$BASE/api/projects/$project" -H "Authorization: Bearer $key" | jq .taskCount)
  if [ "$board" != "$want" ] || [ "$count" != "$want" ]; then
    echo "project $project: write model $want tasks, board shows $board, project list $count" >&2
    bad=$((bad + 1))
  fi
  checked=$((checked + 1))
done < <(grep '^project' "$SEED" | shuf -n 3; grep '^project' "$SEED" | head -n 1)
if [ "$bad" != 0 ]; then
  echo "the read models do not match the write model ($bad projects differ): not measuring on them" >&2
  exit 1
fi
step "  all $PROJECTS boards and project-list rows match tracker_task; $checked checked through the API too"
meta seed_check "{\"projects_differing\":0,\"checked_by_api\":$checked,\"task_rows\":$($PSQL -Atc 'select count(*) from tracker_task'),\"board_rows\":$($PSQL -Atc 'select count(*) from task_board'),\"events\":$($PSQL -Atc 'select count(*) from event_log')}"

# Runs the driver once, adds the CPU the server, PostgreSQL and the driver used over the run (warm-up
# included) and appends the JSON line to the run log. Prints a progress line.
drive() { # label scenario clients duration [driver options…]
  local label=$1 scenario=$2 clients=$3 duration=$4
  shift 4
  local s0 p0 t0 line s1 p1 t1 dt
  s0=$(process_ticks "$SERVER_PID"); p0=$(postgres_ticks); t0=$(date +%s.%N)
  line=$(/usr/bin/time -f '%U %S' -o "$work/time.txt" $DRIVER_JAVA --base "$BASE" --seed "${DRIVE_SEED:-$SEED}" \
      --scenario "$scenario" --clients "$clients" --warmup "${DRIVE_WARMUP:-$WARMUP}" --duration "$duration" --label "$label" "$@")
  s1=$(process_ticks "$SERVER_PID"); p1=$(postgres_ticks); t1=$(date +%s.%N)
  dt=$(python3 -c "print($t1 - $t0)")
  line=$(jq -c --argjson s "$(python3 -c "print(round(($s1 - $s0) / $hz / $dt, 2))")" \
      --argjson p "$(python3 -c "print(round(($p1 - $p0) / $hz / $dt, 2))")" \
      --argjson d "$(python3 -c "u, s = open('$work/time.txt').read().split()[-2:]; print(round((float(u) + float(s)) / $dt, 2))")" \
      '. + {server_cores: $s, postgres_cores: $p, driver_cores: $d}' <<<"$line")
  echo "$line" >>"$RUNS"
  step "  $(jq -r '"\(.label): \(.rps) req/s, p50 \(.p50_ms) ms, p99 \(.p99_ms) ms, p99.9 \(.p999_ms) ms, status \(.status|tostring), errors \(.errors); cores server \(.server_cores) postgres \(.postgres_cores) driver \(.driver_cores)"' <<<"$line")"
}
# The rps of a run in the log.
rps_of() { jq -r --arg l "$1" 'select(.label == $l) | .rps' "$RUNS" | tail -n 1; }

baseline=0
if [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/baseline/ping")" = 200 ]; then baseline=1; fi
meta baseline_deployed "$([ $baseline = 1 ] && echo true || echo false)"
[ $baseline = 1 ] || step "no /baseline/ping (404): B2 and B3 are reported as n/a"
cache_stats() { # the query cache's counters as JSON, or null when the server has no such endpoint
  local body code
  body=$(curl -s -w '\n%{http_code}' "$BASE/api/admin/query-cache" -H "$OPERATOR")
  code=$(tail -n 1 <<<"$body")
  if [ "$code" = 200 ]; then head -n -1 <<<"$body"; else echo null; fi
}

# Validation of the driver: the same URL and concurrency through wrk and through the driver,
# alternating VALIDATION_ROUNDS times (the machine is shared, so one pair alone says little), median
# of each. Two URLs: one project's board, and /baseline/ping, which is B2 once deployed and until
# then a 404 straight from Undertow: either way a cheap, fast answer that shows whether the driver
# itself keeps up at thousands of requests per second.
step "warm-up of the queries at 16 clients in rounds of ${WARMUP_ROUND} s until the JIT compiles on fewer than $JIT_SETTLED cores (at most ${QUERY_WARMUP} s)"
query_scenarios=(board task projects)
[ $baseline = 1 ] && query_scenarios+=(ping)
meta query_warmup "$(warm_until_jit_settles "$SEED" "$QUERY_WARMUP" "${query_scenarios[@]}")"

step "driver validation against wrk (16 connections, ${VDURATION} s, $VALIDATION_ROUNDS rounds each)"
head -n 1 "$SEED" >"$work/seed-one.tsv"
wrk_rps() { # url [header] -> requests/s
  wrk -t2 -c16 -d"${VDURATION}s" ${2:+-H "$2"} "$1" | sed -nE 's/^Requests\/sec: *([0-9.]+).*/\1/p'
}
validation='{}'
validate() { # name scenario url [header]
  local name=$1 scenario=$2 url=$3 header=${4:-} w d ws='[]' ds='[]'
  # Each measurement follows a warm-up of its own, and the tools take turns going first. The driver
  # always warmed up inside its own run (its JVM needs it) while wrk measured cold, and wrk always
  # went first: at 1M tasks, with 21 kB board answers, the server was still speeding up, and the
  # driver read 1.4-1.5x wrk's rate on the board while they agreed on the constant GET.
  wrk_warm_rps() { wrk -t2 -c16 -d"${WARMUP}s" ${header:+-H "$header"} "$url" >/dev/null; wrk_rps "$url" "$header"; }
  for r in $(seq 1 "$VALIDATION_ROUNDS"); do
    if [ $((r % 2)) = 1 ]; then
      w=$(wrk_warm_rps)
      DRIVE_SEED=$work/seed-one.tsv drive "validate-$name-16-r$r" "$scenario" 16 "$VDURATION"
    else
      DRIVE_SEED=$work/seed-one.tsv drive "validate-$name-16-r$r" "$scenario" 16 "$VDURATION"
      w=$(wrk_warm_rps)
    fi
    d=$(rps_of "validate-$name-16-r$r")
    ws=$(jq -c --argjson v "${w:-0}" '. + [$v]' <<<"$ws"); ds=$(jq -c --argjson v "$d" '. + [$v]' <<<"$ds")
    step "  $name round $r: wrk $w req/s, driver $d req/s"
  done
  validation=$(jq -c --arg n "$name" --argjson w "$ws" --argjson d "$ds" '
      def median: sort | if length % 2 == 1 then .[length / 2 | floor] else (.[length / 2 - 1] + .[length / 2]) / 2 end;
      .[$n] = {wrk_rps: ($w | median), driver_rps: ($d | median), ratio: (if ($w | median) > 0 then ($d | median) / ($w | median) else null end),
               wrk_rounds: $w, driver_rounds: $d}' <<<"$validation")
}
validate board board "$BASE/api/projects/$first_project/board" "Authorization: Bearer $first_key"
validate ping ping "$BASE/baseline/ping"
meta driver_validation "$validation"

# Workload 3: queries, before the command path adds tasks, so every query sees the seeded data
# only and no projector competes for the cores.
step "workload 3: queries (board, task detail, project list) at ${CLIENTS// //} clients, ${QDURATION} s each"
for c in $CLIENTS; do
  cache0=$(cache_stats)
  drive "board-$c" board "$c" "$QDURATION"
  meta "cache_board_$c" "{\"before\":$cache0,\"after\":$(cache_stats)}"
  drive "task-$c" task "$c" "$QDURATION"
  drive "projects-$c" projects "$c" "$QDURATION"
  if [ $baseline = 1 ]; then
    drive "b2-ping-$c" ping "$c" "$QDURATION"
    drive "b3-board-$c" b3-board "$c" "$QDURATION"
  fi
done
# The board at 64 clients three ways: cached (the default, above), bypassing the server's cache,
# and conditional (each client sends back the ETag it last got for that board).
c=$(echo "$CLIENTS" | awk '{print $NF}')
cache0=$(cache_stats)
drive "board-$c-uncached" board "$c" "$QDURATION" --header 'Cache-Control: no-cache'
meta "cache_board_${c}_uncached" "{\"before\":$cache0,\"after\":$(cache_stats)}"
cache0=$(cache_stats)
drive "board-$c-conditional" board "$c" "$QDURATION" --conditional
meta "cache_board_${c}_conditional" "{\"before\":$cache0,\"after\":$(cache_stats)}"

# Workload 1: the command mix, next to B3's plain-CRUD create at the same client counts.
step "workload 1: command mix (create task 60 %, move task 30 %, create project 10 %), ${DURATION} s per run"
step "  warm-up: the command mix at 16 clients in rounds of ${WARMUP_ROUND} s until the JIT compiles on fewer than $JIT_SETTLED cores (at most ${COMMAND_WARMUP} s)"
p_warm=$(position)
meta command_warmup "$(warm_until_jit_settles "$SEED" "$COMMAND_WARMUP")"
drain "$p_warm" 600 >/dev/null
p_commands=$(position)
jq_commands=$(jit_queued "$SERVER_PID"); js_commands=$(jit_seconds "$SERVER_PID"); jt_commands=$(date +%s.%N)
for c in $CLIENTS; do
  drive "commands-$c" commands "$c" "$DURATION"
  [ $baseline = 1 ] && drive "b3-create-$c" b3-create "$c" "$DURATION"
done
step "waiting for the projectors to apply the command path's events…"
d=$(drain "$p_commands" 600)
step "  caught up after $d s"
metas commands_catchup_s "$d"
jit_commands=$(jit_cores "$js_commands" "$(jit_seconds "$SERVER_PID")" "$(python3 -c "print($(date +%s.%N) - $jt_commands)")")
step "  the JIT compiled on $jit_commands cores meanwhile; $jq_commands methods were queued at the start"
meta jit_commands "{\"cores\":$jit_commands,\"queued_at_start\":$jq_commands}"

# Workload 2: projection lag at a fixed rate of half the measured maximum, create task only. The
# maximum is the end-to-end one: tasks 16 closed-loop clients got accepted over the time until
# every read model had applied them. The accepted rate alone overstates what the system sustains
# (the projectors can fall behind the command side); above the end-to-end maximum the lag only grows
# with the length of the window, so half of the accepted rate could measure nothing but a backlog.
c16=$(echo "$CLIENTS" | awk '{print $1}')
step "workload 2: maximum end-to-end rate, create task, $c16 clients, ${LAG_DURATION} s"
p_max=$(position)
DRIVE_WARMUP=0 drive "lag-max-$c16" commands "$c16" "$LAG_DURATION" --mix create-task=100
p_max_end=$(position)
d_max=$(drain "$p_max" 300)
[[ $d_max =~ ^[0-9.]+$ ]] || { step "  the read models did not catch up within 300 s: $d_max"; d_max=300; }
end_to_end=$(python3 -c "print(round(($p_max_end - $p_max) / ($LAG_DURATION + $d_max), 1))")
step "  $((p_max_end - p_max)) tasks accepted at $(rps_of "lag-max-$c16") req/s, applied by every read model $d_max s after the window: $end_to_end tasks/s end to end"
rate=$(python3 -c "print(max(1, round($end_to_end / 2)))")
# The open loop's first seconds are its warm-up (WARMUP s, at the same rate): a fresh driver JVM
# compiling its own code on the same two cores held the first 2 s of the window at a lag p50 of
# 108-234 ms (suite-2026-12-04T005559Z), a tenth of the events and all of its p99. The lag is read
# from the events after it; the whole window's stays in the JSON as context.
step "workload 2: projection lag, create task at $rate req/s (open loop), ${WARMUP} s of warm-up, then ${LAG_DURATION} s"
p_lag=$(position)
jq_lag=$(jit_queued "$SERVER_PID"); js_lag=$(jit_seconds "$SERVER_PID"); jt_lag=$(date +%s.%N)
# Cross-check through the API while the load runs: create a task, then poll it on the read side.
(sleep "$WARMUP"; exec python3 bench/suite-lag-probe.py "$BASE" "$first_key" "$first_project" "$LAG_DURATION") >"$work/probe.json" &
probe_pid=$!
drive lag-create commands 64 "$LAG_DURATION" --mix create-task=100 --rate "$rate"
wait $probe_pid || true
p_lag_end=$(position)
d=$(drain "$p_lag" 300)
step "  projectors caught up $d s after the window"
jit_lag=$(jit_cores "$js_lag" "$(jit_seconds "$SERVER_PID")" "$(python3 -c "print($(date +%s.%N) - $jt_lag)")")
step "  the JIT compiled on $jit_lag cores meanwhile; $jq_lag methods were queued at the start"
lag=$(lag_by_projector "$p_lag" "$p_lag_end" "$WARMUP")
lag_whole=$(lag_by_projector "$p_lag" "$p_lag_end")
meta lag "{\"rate\":$rate,\"warmup_s\":$WARMUP,\"by_projector_with_warmup\":$lag_whole,\"max_accepted_rps\":$(rps_of "lag-max-$c16"),\"max_catchup_s\":$d_max,\"max_end_to_end_rps\":$end_to_end,\"from_position\":$p_lag,\"to_position\":$p_lag_end,\"catchup_s\":\"$d\",\"by_projector\":$lag,\"jit\":{\"cores\":$jit_lag,\"queued_at_start\":$jq_lag},\"api_probe\":$(cat "$work/probe.json" 2>/dev/null || echo null)}"
step "  $(jq -r '.[] | "\(.projector): p50 \(.p50_ms) ms, p99 \(.p99_ms) ms, max \(.max_ms) ms over \(.events) events (\(.measure); stamps \(.stamp_p50_ms)/\(.stamp_p99_ms))"' <<<"$lag" | paste -sd ';' -)"

# Workload 5b: heap after the workloads (as used, and live after a full collection), -Xmx, OOM.
step "heap after the workloads, -Xmx and OutOfMemoryError check"
heap_used_kb() { jcmd "$SERVER_PID" GC.heap_info 2>/dev/null | sed -nE 's/.* total ([0-9]+)K, used ([0-9]+)K.*/\2/p' | head -n 1; }
used=$(heap_used_kb)
jcmd "$SERVER_PID" GC.run >/dev/null 2>&1 || true
live=$(heap_used_kb)
xmx=$(tr '\0' '\n' </proc/"$SERVER_PID"/cmdline | grep -- '^-Xmx' | tail -n 1)
oom=$( { grep -ho OutOfMemoryError ear/target/bench-postgresql/log/server.log* 2>/dev/null || true; } | wc -l)
meta heap "{\"used_mb\":$(( ${used:-0} / 1024 )),\"live_after_gc_mb\":$(( ${live:-0} / 1024 )),\"xmx\":\"$xmx\",\"oom_in_log\":$oom}"
step "  heap used $(( ${used:-0} / 1024 )) MB, after a full GC $(( ${live:-0} / 1024 )) MB, $xmx, OutOfMemoryError in the log: $oom"
metas load_after "$(cut -d' ' -f1-3 /proc/loadavg)"

# B1 again once the server is stopped: this machine's speed drifts within a run (10.5k tps at the
# start of one large run, 6.9k just after its end), and the ratios are taken to the first B1 only.
# The report prints the two side by side, so a drifting hour shows.
step "stopping the bench server for B1 at the end"
stop_bench_server_and_wait $PORT && started_server=0
meta b1_tps_end "$(pgbench_insert end)"
meta total_s "$(( $(date +%s) - t_start ))"

step "report"
python3 bench/suite-report.py "$META" "$RUNS" "bench/results/suite-$stamp"
step "done in $(( $(date +%s) - t_start )) s; results: bench/results/suite-$stamp.{md,json,html} (raw: $work)"
