#!/usr/bin/env bash
# Projection lag against load: where the time between a command's commit and its read-model rows
# goes, and how it grows with the rate.
#
#   bench/lag.sh                          # maximum end-to-end rate, then 5 %, 25 % and 50 % of it
#   FRACTIONS="0.5" DURATION=20 bench/lag.sh
#   RATES="10 50" bench/lag.sh            # fixed rates instead of fractions of the maximum
#   TENANTS=100 PROJECTS=1000 bench/lag.sh # many tenants: a message carries one tenant's events, so fewer share one
#   PROFILE=1 RATES=200 bench/lag.sh      # also a JFR recording of each rate's window, hot methods by thread group
#                                         # (bench/jfr-top.py); sampling costs CPU, so the cpu column is not comparable.
#                                         # The recording starts with the JVM: started later with jcmd, JFR throws
#                                         # away all JIT-compiled code on JDK 17 (bench/README.md, "The JIT on two cores")
#
# Starts Tandem on PostgreSQL (bench profile, port 8280, -Xmx512m, database tandem_lag), signs up
# TENANTS tenants (2) with PROJECTS projects (4) through the API, and measures the maximum *end-to-end* rate of
# create task: tasks accepted by 16 closed-loop clients over the time until every read model has
# applied them (the accepted rate alone overstates what the projectors sustain). Then, for each
# rate, an open loop (coordinated-omission aware) creates tasks for DURATION seconds, and the lag
# of each event is read from the database: the commit of the projector transaction that wrote its
# checkpoint and read-model rows minus the commit of the command's transaction, both from
# PostgreSQL's commit timestamps (turned on, with a restart, if they were off: bench/lib.sh
# ensure_commit_timestamps). The older measure, from the application's stamps taken before each
# commit, is printed beside it. The same query is what bench/suite.sh reports as workload 2. Each
# rate also prints where the CPU went per task: the server's thread groups and PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
DB=tandem_lag
BASE=http://127.0.0.1:8280
DURATION=${DURATION:-15}
# The JIT compiler still took a third of the server's CPU 60 s into a run (cpu-split.py): warm up first.
WARMUP=${WARMUP:-30}
# Each rate's open loop starts with WINDOW_WARMUP s at that rate that the lag leaves out: the driver is
# a fresh JVM compiling on the same cores, and its first seconds held the suite's lag p99 (bench/README.md).
WINDOW_WARMUP=${WINDOW_WARMUP:-5}
FRACTIONS=${FRACTIONS:-"0.05 0.25 0.5"}
TENANTS=${TENANTS:-2}
PROJECTS=${PROJECTS:-4}
stamp=$(date -u +%Y-%m-%dT%H%M%SZ)
out=bench/results/lag-$stamp.txt
work=$(mktemp -d)
mkdir -p bench/results
PSQL="psql -q -h 127.0.0.1 -U tandem -d $DB -v ON_ERROR_STOP=1"

ensure_postgres
ensure_commit_timestamps
recreate_database $DB
build_driver "$work" || exit 1

export_load_settings lag
rm -rf modules/api/target/tandem-api-*/
if [ -n "${PROFILE:-}" ]; then
  # WildFly's defaults (bin/standalone.conf), which JAVA_OPTS replaces, plus a recording from the start.
  export JAVA_OPTS="${JAVA_OPTS:--Xms64m -Xmx512m -Djava.net.preferIPv4Stack=true -Djboss.modules.system.pkgs=org.jboss.byteman -Djava.awt.headless=true} -XX:StartFlightRecording=name=bench,settings=profile,maxage=30m"
fi
start_bench_server $DB >"$work/build.log" 2>&1 || { tail -n 30 "$work/build.log"; exit 1; }
SERVER_PID=$(listening_pid 8280)
hz=$(getconf CLK_TCK)

python3 bench/suite-seed.py "$BASE" "$TANDEM_OPERATOR_KEY" "$TENANTS" "$PROJECTS" "$work/seed.tsv" >/dev/null
SEED=$work/seed.tsv

drive() { # label clients duration [driver options…]: one JSON line, plus the cores the server and PostgreSQL used
  local label=$1 clients=$2 duration=$3 s0 p0 t0 line
  shift 3
  s0=$(process_ticks "$SERVER_PID"); p0=$(postgres_ticks); t0=$(date +%s.%N)
  line=$($DRIVER_JAVA --base "$BASE" --seed "$SEED" --scenario commands --mix create-task=100 --clients "$clients" \
      --warmup 0 --duration "$duration" --label "$label" "$@")
  jq -c --argjson s "$(python3 -c "print(round(($(process_ticks "$SERVER_PID") - $s0) / $hz / ($(date +%s.%N) - $t0), 2))")" \
        --argjson p "$(python3 -c "print(round(($(postgres_ticks) - $p0) / $hz / ($(date +%s.%N) - $t0), 2))")" \
        '. + {server_cores: $s, postgres_cores: $p}' <<<"$line"
}

echo "warm-up: 16 clients, $WARMUP s"
w=$(position)
drive warm-up 16 "$WARMUP" >/dev/null
drain "$w" 300 >/dev/null

p0=$(position); t0=$(date +%s.%N)
max_line=$(drive max-16 16 "$DURATION")
p1=$(position)
catchup=$(drain "$p0" 300)
accepted=$(jq '.rps' <<<"$max_line")
end_to_end=$(python3 -c "print(round(($p1 - $p0) / ($DURATION + $catchup), 1))")

rates=${RATES:-$(for f in $FRACTIONS; do python3 -c "print(max(1, round($end_to_end * $f)))"; done)}
{
  echo "# Projection lag against rate ($stamp)"
  echo "# data: $TENANTS tenants, $PROJECTS projects; tasks created by the driver over all projects"
  echo "# machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -n 1), $(psql --version)"
  echo "# maximum: 16 closed-loop clients accepted $accepted req/s; read models caught up $catchup s after the ${DURATION} s;"
  echo "#          end to end $end_to_end tasks/s ($((p1 - p0)) events over $DURATION + $catchup s); cores server $(jq .server_cores <<<"$max_line") postgres $(jq .postgres_cores <<<"$max_line")"
  echo "# lag = per projector p50/p99/max ms, from the command's commit to the commit of the projector transaction that wrote the"
  echo "#       event's checkpoint and rows (PostgreSQL's commit timestamps; 'measure' says 'stamp' where they were off);"
  echo "#       [stamps …] = the older measure, checkpoint.updated_at - event_log.occurred_at (both taken before the commits);"
  echo "#       to claim = p50/p99 from the command's commit to the projector's claim (checkpoint.updated_at): relay, broker, waits;"
  echo "#       claim to commit = p50/p99 of the projector's own transaction after the claim"
  echo "#       open loop, ${DURATION} s per rate"
  echo "#       after ${WINDOW_WARMUP} s at the same rate that the lag and the command latencies leave out"
  echo "# cpu = ms of CPU per task from the window's start until the read models caught up, by server thread group"
  echo "#       (bench/cpu-split.py: http workers, Artemis threads with the projector MDBs, JIT compiler, whole server) and PostgreSQL;"
  echo "#       a/b = all CPU / its system (kernel) part"
  echo "#       jit = cores the JIT compilers used over the same time, and the methods in their queues at its start"
  printf '%-8s %9s %9s %8s %8s %7s  %s\n' rate_rps got_rps cmd_p50 cmd_p99 srv_core pg_core "lag by projector (p50/p99/max ms) | cpu ms/task"
} | tee "$out"
for r in $rates; do
  a=$(position)
  python3 bench/cpu-split.py snapshot "$SERVER_PID" >"$work/cpu-before.json"; g0=$(postgres_ticks)
  jq0=$(jit_queued "$SERVER_PID"); js0=$(jit_seconds "$SERVER_PID"); jt0=$(date +%s.%N)
  jfr_begin=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  line=$(drive "lag-$r" 64 "$DURATION" --rate "$r" --warmup "$WINDOW_WARMUP")
  b=$(position)
  drain "$a" 300 >/dev/null
  if [ -n "${PROFILE:-}" ]; then
    jcmd "$SERVER_PID" JFR.dump name=bench begin="$jfr_begin" end="$(date -u +%Y-%m-%dT%H:%M:%SZ)" filename="$work/lag-$r.jfr" >/dev/null
    python3 bench/jfr-top.py "$work/lag-$r.jfr" >"${out%.txt}-profile-$r.txt"
  fi
  python3 bench/cpu-split.py snapshot "$SERVER_PID" >"$work/cpu-after.json"; g1=$(postgres_ticks)
  jit="jit: $(jit_cores "$js0" "$(jit_seconds "$SERVER_PID")" "$(python3 -c "print($(date +%s.%N) - $jt0)")") cores compiling, $jq0 methods queued at the start"
  cpu=$(python3 bench/cpu-split.py diff "$work/cpu-before.json" "$work/cpu-after.json" $((b - a)) $((g1 - g0)) \
      | jq -r '"http \(.http)/\(.http_sys) projectors \(.projectors)/\(.projectors_sys) jit \(.jit) server \(.server)/\(.server_sys) postgres \(.postgres)"')
  printf '%-8s %9s %9s %8s %8s %7s  %s | %s\n' "$r" "$(jq .rps <<<"$line")" "$(jq .p50_ms <<<"$line")" "$(jq .p99_ms <<<"$line")" \
      "$(jq .server_cores <<<"$line")" "$(jq .postgres_cores <<<"$line")" \
      "$(lag_by_projector "$a" "$b" "$WINDOW_WARMUP" | jq -r 'map("\(.projector) \(.p50_ms)/\(.p99_ms)/\(.max_ms)\(if .measure == "commit" then "" else " (\(.measure))" end) [stamps \(.stamp_p50_ms)/\(.stamp_p99_ms)/\(.stamp_max_ms); to claim \(.to_claim_p50_ms)/\(.to_claim_p99_ms), claim to commit \(.claim_to_commit_p50_ms)/\(.claim_to_commit_p99_ms)]") | join("  ")')" "$cpu | $jit" | tee -a "$out"
done
echo "written to $out"
