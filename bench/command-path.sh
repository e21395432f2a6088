#!/usr/bin/env bash
# The command path against what PostgreSQL itself can do, measured in the same run.
#
#   bench/command-path.sh            # 16 and 64 clients, 20 s each, after a 10 s warm-up
#   CLIENTS="16" DURATION=30s bench/command-path.sh
#
# Measures B1, pgbench single-row INSERTs, first (while no server holds connections), then starts
# Tandem on PostgreSQL (its own server dir, port 8280, fresh broker journal, -Xmx512m) and drives
# POST /api/projects/{id}/tasks with wrk at the same client counts. Prints a table and writes it,
# with the machine, to bench/results/. Afterwards it measures how long the read model takes to
# catch up with all accepted commands.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
CLIENTS=${CLIENTS:-"16 64"}
DURATION=${DURATION:-20s}
DB=tandem_bench
BASE=http://127.0.0.1:8280
stamp=$(date -u +%Y-%m-%dT%H%M%SZ)
out=bench/results/command-path-$stamp.txt
mkdir -p bench/results

need() { command -v "$1" >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null; }; }
need wrk wrk
need pgbench postgresql-contrib

ensure_postgres
recreate_database $DB

# B1 first, while no server holds connections (Tandem's pool keeps up to TANDEM_DB_MAX_POOL, 10 by default).
psql -q -h 127.0.0.1 -U tandem -d $DB -c "create table bench_insert (id uuid primary key, payload text not null)"
declare -A B1
for c in $CLIENTS; do
  echo "B1: pgbench single-row INSERT, $c clients…"
  B1[$c]=$(pgbench -n -h 127.0.0.1 -U tandem -d $DB -f bench/insert.sql -c "$c" -j 2 -T "${DURATION%s}" -M prepared 2>/dev/null \
        | sed -nE 's/^tps = ([0-9.]+).*/\1/p' | head -n 1)
done
psql -q -h 127.0.0.1 -U tandem -d $DB -c "drop table bench_insert"

start_bench_server $DB

signup=$(curl -sf -X POST $BASE/api/tenants -H 'Content-Type: application/json' -d '{"name":"Bench","adminEmail":"bench@example.test"}')
export KEY=$(echo "$signup" | json "['apiKey']")
export PROJECT=$(curl -sf -X POST $BASE/api/projects -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
    -d '{"name":"Bench","key":"BENCH"}' | json "['id']")

echo "warm-up 10 s…"
warm=$(wrk -t2 -c16 -d10s -s bench/create-task.lua $BASE | grep '^RESULT')
warm_ok=$(( $(sed -E 's/.*requests=([0-9]+).*/\1/' <<<"$warm") - $(sed -E 's/.*non2xx=([0-9]+).*/\1/' <<<"$warm") ))

{
  echo "# Command path vs PostgreSQL single-row INSERT ($stamp)"
  echo "# machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -n 1), $(psql --version)"
  echo "# workload: POST /api/projects/{id}/tasks (auth, validate, JPA insert, event log + outbox, relay, JMS, 2 projectors), $DURATION per row"
  printf '%-8s %10s %9s %9s %10s %8s %12s %8s\n' clients cmd_rps p50_ms p99_ms p99.9_ms errors pgbench_tps ratio
} | tee "$out"
total_ok=$warm_ok
for c in $CLIENTS; do
  line=$(wrk -t2 -c"$c" -d"$DURATION" -s bench/create-task.lua $BASE | grep '^RESULT')
  rps=$(sed -E 's/.*rps=([0-9.]+).*/\1/' <<<"$line")
  p50=$(sed -E 's/.*p50_ms=([0-9.]+).*/\1/' <<<"$line")
  p99=$(sed -E 's/.*p99_ms=([0-9.]+).*/\1/' <<<"$line")
  p999=$(sed -E 's/.*p999_ms=([0-9.]+).*/\1/' <<<"$line")
  reqs=$(sed -E 's/.*requests=([0-9]+).*/\1/' <<<"$line")
  non2xx=$(sed -E 's/.*non2xx=([0-9]+).*/\1/' <<<"$line")
  sock=$(sed -E 's/.*socket_errors=([0-9]+).*/\1/' <<<"$line")
  total_ok=$((total_ok + reqs - non2xx))
  tps=$(printf '%.0f' "${B1[$c]}")
  ratio=$(python3 -c "print(f'{$rps / $tps:.3f}')")
  printf '%-8s %10s %9s %9s %10s %8s %12s %8s\n' "$c" "$rps" "$p50" "$p99" "$p999" "$((non2xx + sock))" "$tps" "$ratio" | tee -a "$out"
done

# Read-model catch-up: accepted commands (warm-up included) against the project's task count.
start=$(date +%s.%N)
seen=0
for _ in $(seq 1 600); do
  seen=$(curl -sf "$BASE/api/projects/$PROJECT" -H "Authorization: Bearer $KEY" | json "['taskCount']")
  [ "$seen" -ge "$total_ok" ] && break
  sleep 0.1
done
catchup=$(python3 -c "print(f'{$(date +%s.%N) - $start:.1f}')")
echo "# read model after the load: taskCount=$seen (accepted: $total_ok), caught up ${catchup}s after the last request" | tee -a "$out"
echo "results: $out"
