#!/usr/bin/env bash
# Noisy neighbour: does a tenant flooding the server raise another tenant's p99 latency by more
# than 20 %? (Requirement: Q's p99 while N floods on the trial plan <= 1.20 x Q's p99 alone.)
#
#   bench/noisy-neighbour.sh                         # 3 repetitions x 3 phases, 20 s each (about 6 min)
#   REPS=5 DURATION=30 Q_RATE=100 N_CONNECTIONS=64 bench/noisy-neighbour.sh
#
# Starts Tandem on PostgreSQL like command-path.sh (own server dir, port 8280, management 10190,
# -Xmx512m), with a generated platform operator key and the enterprise plan's limit raised so that
# it never binds. Signs up tenant Q (quiet, plan standard: a project with Q_TASKS tasks) and tenant N
# (noisy, a project with 5 tasks). Then, per repetition, three phases (order alternating):
#   baseline         Q alone: hey, Q_WORKERS workers at a fixed rate adding up to Q_RATE req/s,
#                    GET /api/projects/{id}/board, for DURATION s
#   flood-limited    the same Q load while N floods its own board with wrk (N_CONNECTIONS connections,
#                    as fast as they go), N on plan trial (5 req/s, burst 10): mostly 429s
#   flood-unlimited  the same, N on plan enterprise, whose limit is set to 1,000,000 req/s here
#   paced-<d>ms      only if N_PACES="d ..." is set: N on trial again, but each of its connections
#                    waits d ms after every answer (wrk's delay()), so N sends a bounded rate of
#                    requests (about N_CONNECTIONS x 1000 / (d + latency) per second): how many
#                    refused requests per second the server absorbs within the target
# Q's latencies come from hey's CSV (every answered request; percentiles by nearest rank). hey's
# workers wait for their answer before the next tick, so under overload Q sends fewer requests
# (Q_rps drops) rather than queueing them: a closed loop at a fixed rate.
# Prints one table (medians over repetitions, p99 ratio to the same repetition's baseline) and writes
# bench/results/noisy-neighbour-<date>.json and .md. Stops the server it started, also on failure.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
REPS=${REPS:-3}
DURATION=${DURATION:-20}
WARMUP=${WARMUP:-20}
Q_RATE=${Q_RATE:-100}
Q_WORKERS=${Q_WORKERS:-10}
Q_TASKS=${Q_TASKS:-30}
N_CONNECTIONS=${N_CONNECTIONS:-64}
N_PACES=${N_PACES:-}
DB=tandem_bench
PORT=8280
MGMT=10190
BASE=http://127.0.0.1:$PORT
stamp=$(date -u +%Y-%m-%dT%H%M%SZ)
mkdir -p bench/results
json_out=bench/results/noisy-neighbour-$stamp.json
md_out=bench/results/noisy-neighbour-$stamp.md
work=$(mktemp -d /tmp/tandem-noisy-XXXXXX)
echo "work files: $work"

need() { command -v "$1" >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null; }; }
need wrk wrk
need hey hey
[ -x /usr/bin/time ] || need /usr/bin/time time

# Refuse to start if anything already listens on our ports: the bench profile's start would shut
# down whatever answers on 10190, and the cleanup below must only ever stop our own server.
for p in $PORT $MGMT; do
  if ss -Hltn "sport = :$p" | grep -q .; then
    echo "port $p is in use; stop whatever listens there first (this script stops only the server it starts)" >&2
    exit 1
  fi
done

started_server=0
loadgen_pids=()
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  for pid in "${loadgen_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  if [ "$started_server" = 1 ]; then
    echo "stopping the bench server…"
    local pid
    pid=$(server_pid || true)
    stop_bench_server
    # If the management interface did not answer, end the server process we started (by its pid).
    for _ in $(seq 1 30); do ss -Hltn "sport = :$PORT" | grep -q . || break; sleep 1; done
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill "$pid" 2>/dev/null || true; fi
  fi
  exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The pid of the java process listening on our HTTP port (ours: the port was free before we started).
server_pid() { ss -Hltnp "sport = :$PORT" | sed -nE 's/.*pid=([0-9]+).*/\1/p' | head -n 1; }
# CPU snapshot: "cpu <busy ticks> <total ticks>" for the machine, then "<pid> <comm> <user+system ticks>"
# for every process (comm may hold spaces and parentheses, hence the parsing from the last ") ").
cpu_snapshot() {
  awk '/^cpu /{busy = $2 + $3 + $4 + $7 + $8 + $9; print "cpu", busy, busy + $5 + $6}' /proc/stat
  awk '{ c = $0; sub(/^[0-9]+ \(/, "", c); n = split(c, a, ") "); rest = a[n]; split(rest, f, " ");
         comm = substr(c, 1, length(c) - length(rest) - 2); gsub(/ /, "_", comm); print $1, comm, f[12] + f[13] }' \
      /proc/[0-9]*/stat 2>/dev/null || true
}
hz=$(getconf CLK_TCK)
cores=$(nproc)

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
if awk -v c="$(nproc)" '{exit !($1 > c)}' /proc/loadavg; then
  echo "warning: load average $load_before on $(nproc) cores before the run: other work shares the machine, figures will be noisier" >&2
fi
git_state=${TREE:-}
[ -n "$git_state" ] || git_state="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- modules ear wildfly-config pom.xml 2>/dev/null || echo ' + uncommitted changes in modules/ear/wildfly-config')"

ensure_postgres
recreate_database $DB
# The WAR plugin's exploded directory keeps classes whose sources were deleted or renamed (it held a
# stale ApiKeyAuthFilter: a second auth filter on every request, refusing the operator); remove it so
# the WAR holds exactly what target/classes has. Only that build output, nothing of the sources.
rm -rf modules/api/target/tandem-api-*/

# The operator key moves N between plans; the enterprise limit is raised so that it never binds.
export_load_settings noisy-bench
export TANDEM_PLAN_TRIAL_REQUESTS_PER_SECOND=${TANDEM_PLAN_TRIAL_REQUESTS_PER_SECOND:-5} TANDEM_PLAN_TRIAL_BURST=${TANDEM_PLAN_TRIAL_BURST:-10}
started_server=1
start_bench_server $DB
trap cleanup EXIT          # start_bench_server sets its own EXIT trap; ours also stops the load generators
SERVER_PID=$(server_pid)
echo "server pid $SERVER_PID"

signup() {
  curl -sfS -X POST $BASE/api/tenants -H 'Content-Type: application/json' -d "{\"name\":\"$1\",\"adminEmail\":\"$2\"}"
}
project() {
  curl -sfS -X POST $BASE/api/projects -H "Authorization: Bearer $1" -H 'Content-Type: application/json' \
      -d "{\"name\":\"$2\",\"key\":\"$3\"}" | json "['id']"
}
set_plan() {
  curl -sfS -o /dev/null -X PUT "$BASE/api/admin/tenants/$1/plan" -H "Authorization: Bearer $TANDEM_OPERATOR_KEY" \
      -H 'Content-Type: application/json' -d "{\"plan\":\"$2\"}"
}
add_tasks() {
  for i in $(seq 1 "$3"); do
    curl -sfS -o /dev/null -X POST "$BASE/api/projects/$2/tasks" -H "Authorization: Bearer $1" \
        -H 'Content-Type: application/json' -d "{\"title\":\"task $i\"}"
  done
  for _ in $(seq 1 100); do
    [ "$(curl -sfS "$BASE/api/projects/$2/board" -H "Authorization: Bearer $1" | json "['total']")" -ge "$3" ] && return 0
    sleep 0.1
  done
  echo "the board of $2 did not show $3 tasks" >&2
  return 1
}

echo "seeding tenants Q and N…"
s=$(signup Quiet q@example.test); Q_TENANT=$(echo "$s" | json "['tenantId']"); Q_KEY=$(echo "$s" | json "['apiKey']")
s=$(signup Noisy n@example.test); N_TENANT=$(echo "$s" | json "['tenantId']"); N_KEY=$(echo "$s" | json "['apiKey']")
set_plan "$Q_TENANT" standard
set_plan "$N_TENANT" enterprise
Q_PROJECT=$(project "$Q_KEY" Quiet QUIET)
N_PROJECT=$(project "$N_KEY" Noisy NOISY)
add_tasks "$Q_KEY" "$Q_PROJECT" "$Q_TASKS"
add_tasks "$N_KEY" "$N_PROJECT" 5

q_per_worker=$(python3 -c "print(f'{$Q_RATE / $Q_WORKERS:g}')")
q_load() { # duration_s csv_out
  # -T: hey sends Content-Type text/html by default, which the API refuses (415) even on a GET.
  /usr/bin/time -f '%U %S' -o "$2.time" hey -z "${1}s" -c "$Q_WORKERS" -q "$q_per_worker" -t 10 -o csv \
      -T application/json -H "Authorization: Bearer $Q_KEY" "$BASE/api/projects/$Q_PROJECT/board" >"$2"
}
n_flood() { # duration_s out [delay_ms]
  DELAY_MS=${3:-} KEY=$N_KEY PROJECT=$N_PROJECT exec wrk -t2 -c"$N_CONNECTIONS" -d"${1}s" -s bench/noisy-flood.lua "$BASE" >"$2" 2>&1
}

# One phase: N's flood (if any) from 3 s before Q's window to 2 s after it; CPU measured over Q's window.
printf 'phase\trep\torder\tq_csv\tq_seconds\tn_result\tserver_cores\tpostgres_cores\tflood_cores\tq_cores\tother_cores\tbusy\n' >"$work/runs.tsv"
run_phase() { # phase rep order
  local phase=$1 rep=$2 order=$3 npid="" nout="$work/$1-$2.wrk" qcsv="$work/$1-$2.csv"
  local pace=""
  case $phase in
    flood-limited) set_plan "$N_TENANT" trial ;;
    flood-unlimited) set_plan "$N_TENANT" enterprise ;;
    paced-*) set_plan "$N_TENANT" trial; pace=${phase#paced-}; pace=${pace%ms} ;;
  esac
  if [ "$phase" != baseline ]; then
    n_flood $((DURATION + 5)) "$nout" $pace &
    npid=$!; loadgen_pids+=("$npid")
    sleep 3
  fi
  local start end
  cpu_snapshot >"$work/$phase-$rep.cpu0"
  start=$(date +%s.%N)
  q_load "$DURATION" "$qcsv"
  end=$(date +%s.%N)
  cpu_snapshot >"$work/$phase-$rep.cpu1"
  local nres=""
  if [ -n "$npid" ]; then
    wait "$npid"
    nres=$(grep '^RESULT' "$nout" || true)
  fi
  # n_flood execs wrk, so $npid is wrk's own pid.
  local cpu
  cpu=$(python3 bench/noisy-report.py cpu "$work/$phase-$rep.cpu0" "$work/$phase-$rep.cpu1" "$start" "$end" \
        "$SERVER_PID" "${npid:-0}" "$qcsv.time" "$hz")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$phase" "$rep" "$order" "$qcsv" "$DURATION" "$nres" "$cpu" >>"$work/runs.tsv"
  local p99
  p99=$(python3 -c "
import csv; t = sorted(float(r[0]) * 1000 for r in list(csv.reader(open('$qcsv')))[1:] if len(r) > 6)
print(f'{t[max(0, -(-len(t) * 99 // 100) - 1)]:.1f} ms over {len(t)} requests' if t else 'no answers')")
  echo "  rep $rep #$order $phase: Q p99 $p99; ${nres:-no flood}; cores used: server/postgres/flood/Q/other/busy $(tr '\t' / <<<"$cpu")"
  sleep 3
}

# Warm-up (not measured): every code path the phases use, then Q alone until the JIT has settled
# (without that, the first baseline took 8 times the server CPU per request of the later ones).
echo "warm-up: ${WARMUP} s of Q with N flooding unlimited, ${WARMUP} s with N limited, 10 s of Q alone…"
set_plan "$N_TENANT" enterprise
n_flood "$WARMUP" "$work/warmup1.wrk" & loadgen_pids+=($!)
q_load "$WARMUP" "$work/warmup1.csv"; wait
set_plan "$N_TENANT" trial
n_flood "$WARMUP" "$work/warmup2.wrk" & loadgen_pids+=($!)
q_load "$WARMUP" "$work/warmup2.csv"; wait
# The floods leave the JIT compiling for half a minute or more (C1/C2 threads near a whole core):
# go on with Q alone until the compiler threads used under 5 % of a core for 5 s (at most 2 min).
jit_ticks() {
  awk '/\(C[12] CompilerThre/{c = $0; sub(/^[0-9]+ \(/, "", c); n = split(c, a, ") "); split(a[n], f, " "); t += f[12] + f[13]}
       END {print t + 0}' /proc/"$SERVER_PID"/task/*/stat 2>/dev/null
}
for i in $(seq 1 24); do
  j0=$(jit_ticks)
  q_load 5 "$work/warmup3.csv"
  jit=$(python3 -c "print(f'{($(jit_ticks) - $j0) / $hz / 5:.2f}')")
  echo "  settling: JIT threads used $jit cores"
  python3 -c "import sys; sys.exit(0 if $jit < 0.05 else 1)" && break
done
sleep 3

for rep in $(seq 1 "$REPS"); do
  order="baseline flood-limited flood-unlimited"
  for d in $N_PACES; do order="$order paced-${d}ms"; done
  [ $((rep % 2)) = 1 ] || order=$(tr ' ' '\n' <<<"$order" | tac | tr '\n' ' ')
  i=0
  for phase in $order; do
    i=$((i + 1))
    run_phase "$phase" "$rep" "$i"
  done
done

export NOISY_STAMP=$stamp NOISY_REPS=$REPS NOISY_DURATION=$DURATION NOISY_Q_RATE=$Q_RATE NOISY_Q_WORKERS=$Q_WORKERS \
    NOISY_Q_RATE_PER_WORKER=$q_per_worker NOISY_Q_TASKS=$Q_TASKS NOISY_N_CONNECTIONS=$N_CONNECTIONS NOISY_N_PACES="$N_PACES" \
    NOISY_TRIAL_LIMIT="$TANDEM_PLAN_TRIAL_REQUESTS_PER_SECOND req/s, burst $TANDEM_PLAN_TRIAL_BURST" \
    NOISY_ENTERPRISE_LIMIT="$TANDEM_PLAN_ENTERPRISE_REQUESTS_PER_SECOND req/s" \
    NOISY_MACHINE="$cores cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), $(free -g | awk '/Mem:/{print $2}') GiB memory, $(uname -sr)" \
    NOISY_LOAD_BEFORE="$load_before" NOISY_LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)" NOISY_GIT="$git_state" \
    NOISY_JDK="$(java -version 2>&1 | head -n 1)" \
    NOISY_POSTGRES="$(psql -h 127.0.0.1 -U postgres -d postgres -Atc 'select version()' | cut -d, -f1)" \
    NOISY_UNDERTOW="io-threads $((cores * 2)), task-max-threads $((cores * 16)) (WildFly defaults for $cores cores)"
echo
python3 bench/noisy-report.py "$work/runs.tsv" "$json_out" "$md_out"
echo
echo "results: $json_out $md_out (raw: $work)"
