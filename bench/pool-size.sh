#!/usr/bin/env bash
# The datasource pool's size against the command mix: one server, warmed up until the JIT has
# settled, then the mix at CLIENTS connections for DURATION s per round, the pool's maximum
# alternating between the sizes in POOLS (ROUNDS times each), so every size runs on the same JIT
# state and the machine's drift spreads over all of them.
#
#   bench/pool-size.sh                          # POOLS="40 10" CLIENTS=64 DURATION=30 ROUNDS=3
#   POOLS="40 20 10 6" CLIENTS="16 64" bench/pool-size.sh
#
# Starts Tandem on PostgreSQL (bench profile, port 8280, -Xmx512m, database tandem_pool), signs up
# 100 tenants with 1,000 projects through the API, warms up with the mix at 16 clients in 30 s
# rounds until the JIT compiles on fewer than 0.15 cores over a round (at most WARMUP_LIMIT s), then
# per round and size writes max-pool-size through the management API and reloads the server (WildFly
# 39 takes a new size only on a reload; the JVM and most of its compiled code stay), warms up again
# until the JIT settles (at most 240 s) and runs each client count. Per round: accepted req/s, p50/p99/p99.9, errors, the cores of
# the server and of PostgreSQL, the pool's peak in-use count and its average wait for a connection,
# and the seconds the read models took after the round to apply all of it.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
DB=tandem_pool
BASE=http://127.0.0.1:8280
POOLS=${POOLS:-"40 10"}
CLIENTS=${CLIENTS:-64}
DURATION=${DURATION:-30}
ROUNDS=${ROUNDS:-3}
WARMUP_LIMIT=${WARMUP_LIMIT:-600}
stamp=$(date -u +%Y-%m-%dT%H%M%SZ)
out=bench/results/pool-size-$stamp.txt
work=$(mktemp -d)
mkdir -p bench/results
PSQL="psql -q -h 127.0.0.1 -U tandem -d $DB -v ON_ERROR_STOP=1"
command -v jq >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq jq >/dev/null; }

ensure_postgres
recreate_database $DB
build_driver "$work" || exit 1
export_load_settings pool
rm -rf modules/api/target/tandem-api-*/
echo "building and starting the server…"
start_bench_server $DB >"$work/build.log" 2>&1 || { tail -n 30 "$work/build.log"; exit 1; }
SERVER_PID=$(listening_pid 8280)
hz=$(getconf CLK_TCK)
CLI="$(ls -d ear/target/wildfly-*)/bin/jboss-cli.sh --connect --controller=127.0.0.1:10190"
POOL=/subsystem=datasources/data-source=TandemDS

echo "seeding 100 tenants, 1,000 projects…"
python3 bench/suite-seed.py "$BASE" "$TANDEM_OPERATOR_KEY" 100 1000 "$work/seed.tsv" >/dev/null

set_pool() { # size: max-pool-size needs a reload on WildFly 39 (the same JVM: most compiled code stays)
  local answer
  answer=$($CLI "$POOL:write-attribute(name=max-pool-size, value=$1)")
  grep -q '"outcome" => "success"' <<<"$answer" || { echo "max-pool-size $1 refused: $answer" >&2; exit 1; }
  $CLI "reload" >/dev/null || true   # the CLI command (not :reload) waits until the server is back
  for _ in $(seq 1 120); do
    curl -sf -o /dev/null "http://127.0.0.1:10190/health/ready" && return 0
    sleep 0.5
  done
  echo "the server did not come back after the reload" >&2; exit 1
}
pool_stat() { $CLI "$POOL/statistics=pool:read-attribute(name=$1)" | sed -nE 's/.*"result" => ([0-9L]+).*/\1/p' | tr -d L; }

warm_up() { # at most $1 s; prints how long and the JIT's last round
  warm_until_jit_settles "$work/seed.tsv" "$1" | jq -r '"\(.seconds) s (JIT \(.jit_cores_per_round[-1]) cores)"'
}
echo "warm-up: the command mix at 16 clients in 30 s rounds until the JIT compiles on fewer than 0.15 cores (at most $WARMUP_LIMIT s)"
first_warmup=$(warm_up "$WARMUP_LIMIT")

{
  echo "# Datasource max-pool-size against the command mix ($stamp, $(git rev-parse --short HEAD))"
  echo "# machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -n 1), $(psql --version)"
  echo "# data: 100 tenants, 1,000 projects; mix: create task 60 %, move task 30 %, create project 10 % (bench/driver)"
  echo "# warm-up: $first_warmup of the mix at 16 clients; then per round and size: max-pool-size written, :reload (same JVM),"
  echo "# the mix again until the JIT settles (at most 240 s), $DURATION s per client count; sizes alternate ($POOLS), $ROUNDS rounds;"
  echo "# in_use_max (the most connections in use since the reload) and wait_avg_ms from the pool's statistics"
  printf '%-5s %-6s %7s %9s %8s %8s %8s %7s %9s %8s %10s %11s %9s\n' round pool clients rps p50_ms p99_ms p999_ms errors srv_cores pg_cores in_use_max wait_avg_ms catchup_s
} | tee "$out"
for round in $(seq 1 "$ROUNDS"); do
  for size in $POOLS; do
    set_pool "$size"
    echo "# pool $size: reloaded, warm-up $(warm_up 240)" | tee -a "$out"
    for c in $CLIENTS; do
      $CLI "$POOL:flush-idle-connection-in-pool" >/dev/null
      a=$(position); s0=$(process_ticks "$SERVER_PID"); p0=$(postgres_ticks); t0=$(date +%s.%N)
      line=$($DRIVER_JAVA --base "$BASE" --seed "$work/seed.tsv" --scenario commands --clients "$c" --warmup 0 \
          --duration "$DURATION" --label "pool-$size-$c")
      wall=$(python3 -c "print($(date +%s.%N) - $t0)")
      srv=$(python3 -c "print(round(($(process_ticks "$SERVER_PID") - $s0) / $hz / $wall, 2))")
      pg=$(python3 -c "print(round(($(postgres_ticks) - $p0) / $hz / $wall, 2))")
      in_use=$(pool_stat MaxUsedCount); wait_ms=$(pool_stat AverageGetTime)
      catchup=$(drain "$a" 300)
      printf '%-5s %-6s %7s %9s %8s %8s %8s %7s %9s %8s %10s %11s %9s\n' "$round" "$size" "$c" "$(jq .rps <<<"$line")" \
          "$(jq .p50_ms <<<"$line")" "$(jq .p99_ms <<<"$line")" "$(jq .p999_ms <<<"$line")" "$(jq .errors <<<"$line")" \
          "$srv" "$pg" "$in_use" "$wait_ms" "$catchup" | tee -a "$out"
      echo "$line" >>"$work/runs.jsonl"
    done
  done
done
python3 - "$work/runs.jsonl" "$POOLS" "$CLIENTS" <<'PY' | tee -a "$out"
import json, statistics, sys
runs = [json.loads(l) for l in open(sys.argv[1])]
pools, clients = sys.argv[2].split(), sys.argv[3].split()
print("# medians over the rounds, and against the first size in POOLS at the same client count")
for c in clients:
    base = statistics.median(r["rps"] for r in runs if r["label"] == f"pool-{pools[0]}-{c}")
    for p in pools:
        mine = [r for r in runs if r["label"] == f"pool-{p}-{c}"]
        rps = statistics.median(r["rps"] for r in mine)
        print(f"# pool {p:>3}, {c} clients: {rps:8.1f} req/s ({rps / base:.2f} of pool {pools[0]}), "
              f"p99 {statistics.median(r['p99_ms'] for r in mine):7.1f} ms")
PY
echo "written to $out"
